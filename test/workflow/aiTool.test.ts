import type { INodeProperties } from 'n8n-workflow';

import { WhatsAppSend } from '../../nodes/WhatsAppSend/WhatsAppSend.node';
import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeMultiSession } from '../../fakes/multiSession';
import { runNode } from '../harness/engine';

// Read by n8n's AI Agent when the node is its tool: a model fills parameters with plain text, so none may
// depend on a list picker, and the descriptions it sees must be short.
const MAX_DESCRIPTION = 200;
const { description } = new WhatsAppSend();

function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) =>
		property.type === 'collection'
			? [property, ...allProperties((property.options ?? []) as INodeProperties[])]
			: [property],
	);
}

const properties = allProperties(description.properties);

describe('the node as an AI Agent tool', () => {
	it('is usable as a tool, with a tool description', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.description.length).toBeGreaterThan(20);
		expect(description.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
	});

	it('every resource locator can be given as plain text (a mode other than the list)', () => {
		const locators = properties.filter((p) => p.type === 'resourceLocator');
		expect(locators.length).toBeGreaterThan(0);
		for (const locator of locators) {
			const textModes = (locator.modes ?? []).filter((mode) => mode.type === 'string');
			expect({ name: locator.name, textModes: textModes.length > 0 }).toEqual({
				name: locator.name,
				textModes: true,
			});
		}
	});

	it('no parameter takes its values only from a list loaded from the provider', () => {
		const listOnly = properties.filter(
			(p) =>
				p.typeOptions?.loadOptionsMethod !== undefined || p.typeOptions?.loadOptions !== undefined,
		);
		expect(listOnly.map((p) => p.name)).toEqual([]);
	});

	it('only the tool’s own configuration (provider, message type) refuses expressions', () => {
		const fixed = [...new Set(properties.filter((p) => p.noDataExpression).map((p) => p.name))];
		expect(fixed.sort()).toEqual(['messageType', 'provider']);
	});

	it('every required parameter is text, a number or a text-capable locator', () => {
		const required = properties.filter((p) => p.required);
		for (const property of required) {
			expect({ name: property.name, type: property.type }).toEqual({
				name: property.name,
				type: expect.stringMatching(/^(string|number|resourceLocator)$/),
			});
		}
	});

	it('every parameter a model may fill has a description of at most 200 characters', () => {
		const fillable = properties.filter(
			(p) => !['notice', 'collection'].includes(p.type) && !p.noDataExpression,
		);
		for (const property of fillable) {
			const text =
				property.description ??
				(property.type === 'options' &&
				property.options?.every((o) => 'description' in o && o.description)
					? 'per option'
					: '');
			expect({ name: property.name, described: text.length > 0 }).toEqual({
				name: property.name,
				described: true,
			});
		}
		const tooLong = properties
			.filter((p) => (p.description ?? '').length > MAX_DESCRIPTION)
			.map((p) => `${p.name} (${p.description!.length})`);
		expect(tooLong).toEqual([]);
	});
});

describe('list parameters given as one plain-text value, as a model gives them', () => {
	const bitbybit = new FakeBitbybit();
	const multiSession = new FakeMultiSession();

	beforeAll(async () => {
		await bitbybit.start();
		await multiSession.start();
	});
	afterAll(async () => {
		await bitbybit.stop();
		await multiSession.stop();
	});

	it('poll options as a JSON array string', async () => {
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'poll',
				to: '6281234567890',
				pollQuestion: 'When should we deliver?',
				pollOptions: '["Morning", "Afternoon", "Evening"]',
			},
			credentials: {
				whatsAppSendMultiSessionApi: { token: multiSession.token, baseUrl: multiSession.url },
			},
		});
		expect(result.error).toBeUndefined();
		expect(multiSession.accepted.at(-1)?.json).toEqual({
			question: 'When should we deliver?',
			options: ['Morning', 'Afternoon', 'Evening'],
		});
	});

	it('template parameters as a JSON array string', async () => {
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'template',
				to: '+62 812-3456-7890',
				templateName: 'order_update',
				templateSource: 'CRM',
				templateParameters: '["Ann", "#1042"]',
			},
			credentials: { whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url } },
		});
		expect(result.error).toBeUndefined();
		expect(bitbybit.accepted.at(-1)?.json).toEqual({
			to: '6281234567890',
			template_name: 'order_update',
			template_source: 'CRM',
			sources: 'whatsapp cloud api',
			params: ['Ann', '#1042'],
		});
	});
});
