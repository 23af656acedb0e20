import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppSend } from '../../../nodes/WhatsAppSend/WhatsAppSend.node';
import { PROVIDERS } from '../../../nodes/WhatsAppSend/providers';

const description = new WhatsAppSend().description;
const node = { typeVersion: 1 };

/** The names of the parameters the editor shows for these values, as n8n decides it. */
function shown(values: INodeParameters): string[] {
	return description.properties
		.filter((property: INodeProperties) =>
			NodeHelpers.displayParameter(values, property, node, description),
		)
		.map((property) => property.name);
}

describe('template parameters and the 24-hour notice in the editor', () => {
	const hosted = ['bitbybit', 'vobiz', 'callbell'] as const;

	it.each(
		hosted.flatMap((provider) =>
			PROVIDERS[provider].messageTypes
				.filter((t) => t !== 'template')
				.map((type) => [provider, type]),
		),
	)('%s %s shows the 24-hour window notice', (provider, messageType) => {
		expect(shown({ provider, messageType })).toContain('windowNotice');
	});

	it.each(hosted)('%s template hides the notice', (provider) => {
		expect(shown({ provider, messageType: 'template' })).not.toContain('windowNotice');
	});

	it('the self-hosted Multi-Session API has no window to warn about', () => {
		for (const messageType of PROVIDERS.multiSession.messageTypes) {
			expect(shown({ provider: 'multiSession', messageType })).not.toContain('windowNotice');
		}
	});

	it('the notice tells what to do outside the window', () => {
		const notice = description.properties.find((p) => p.name === 'windowNotice')!;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/24 hours/);
		expect(notice.displayName).toMatch(/Template/);
	});

	it.each([
		['bitbybit', ['templateName', 'templateSource', 'templateParameters', 'templateMediaUrl']],
		[
			'vobiz',
			[
				'template',
				'templateLanguage',
				'templateParameters',
				'templateMediaUrl',
				'templateButtonParameter',
			],
		],
		['callbell', ['template', 'templateParameters', 'templateMediaUrl']],
	])('%s templates show exactly their own template parameters', (provider, names) => {
		const templateNames = shown({ provider, messageType: 'template' }).filter((name) =>
			name.startsWith('template'),
		);
		expect(templateNames).toEqual(names);
	});

	it('the template pickers search with the node’s list searches and keep a no-list mode', () => {
		const pickers = description.properties.filter((p) => p.name === 'template');
		const modes = pickers.map((p) =>
			p.modes!.map((m) => [m.name, m.typeOptions?.searchListMethod ?? null]),
		);
		expect(modes).toEqual([
			[
				['list', 'searchVobizTemplates'],
				['name', null],
			],
			[
				['list', 'searchCallbellTemplates'],
				['id', null],
			],
		]);
		const methods = new WhatsAppSend().methods.listSearch as Record<string, unknown>;
		expect(typeof methods.searchVobizTemplates).toBe('function');
		expect(typeof methods.searchCallbellTemplates).toBe('function');
	});
});
