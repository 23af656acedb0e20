import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppSend } from '../../../nodes/WhatsAppSend/WhatsAppSend.node';
import { PROVIDERS } from '../../../nodes/WhatsAppSend/providers';

/**
 * What the editor shows for each provider × message type, decided by n8n's own NodeHelpers the way the
 * editor does it: the node's parameters as n8n fills them in (defaults for what is shown, nothing for
 * what is hidden), then each field's and each option's displayOptions against them — an option of the
 * Options collection with its `/name` conditions resolved against the node's parameters.
 * The real editor (n8n 1.123) is checked by test/real-n8n/editor.test.ts.
 */
const description = new WhatsAppSend().description;
const node = { typeVersion: 1 };

function editorValues(set: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(
		description.properties,
		set,
		true,
		false,
		node,
		description,
	)!;
}

function fields(set: INodeParameters): string[] {
	const values = editorValues(set);
	return description.properties
		.filter((p: INodeProperties) => NodeHelpers.displayParameter(values, p, node, description))
		.map((p) => p.name);
}

function options(set: INodeParameters): string[] {
	const values = editorValues(set);
	const collection = description.properties.find((p) => p.name === 'options')!;
	return (collection.options as INodeProperties[])
		.filter((o) => NodeHelpers.displayParameter({}, o, node, description, values))
		.map((o) => o.name)
		.sort();
}

const HEAD = ['provider', 'providerNotice', 'messageType'];
const HOSTED_HEAD = [...HEAD, 'windowNotice'];
const SHARED_OPTIONS = [
	'concurrency',
	'defaultCountryCode',
	'dryRun',
	'maxRetries',
	'messagesPerSecond',
	// Skip Messages Already Sent and its settings work for every provider and message type.
	'sentMessageKey',
	'sentMessageScope',
	'sentMessagesKept',
	'skipAlreadySent',
	'timeout',
];
const BITBYBIT_OPTIONS = [...SHARED_OPTIONS, 'countryCode', 'ignoreActiveTicket'];
const CALLBELL_OPTIONS = [...SHARED_OPTIONS, 'assignedUser', 'botStatus', 'metadata', 'teamUuid'];
const MS_OPTIONS = [...SHARED_OPTIONS, 'presenceSimulation', 'typingSimulation'];
const MS_MEDIA_OPTIONS = [...MS_OPTIONS, 'allowPrivateMediaHosts', 'maxUploadSizeMb'];

/** [provider, message type, the fields shown in order, the options offered]. */
const EDITOR: Array<[string, string, string[], string[]]> = [
	['bitbybit', 'text', [...HOSTED_HEAD, 'source', 'to', 'text'], BITBYBIT_OPTIONS],
	['bitbybit', 'image', [...HOSTED_HEAD, 'source', 'to', 'mediaUrl', 'caption'], BITBYBIT_OPTIONS],
	[
		'bitbybit',
		'template',
		[
			...HEAD,
			'source',
			'to',
			'templateName',
			'templateSource',
			'templateParameters',
			'templateMediaUrl',
		],
		BITBYBIT_OPTIONS,
	],
	['vobiz', 'text', [...HOSTED_HEAD, 'channel', 'to', 'text'], SHARED_OPTIONS],
	[
		'vobiz',
		'image',
		[...HOSTED_HEAD, 'channel', 'to', 'mediaUrl', 'caption'],
		[...SHARED_OPTIONS, 'mediaId'],
	],
	[
		'vobiz',
		'video',
		[...HOSTED_HEAD, 'channel', 'to', 'mediaUrl', 'caption'],
		[...SHARED_OPTIONS, 'mediaId'],
	],
	['vobiz', 'audio', [...HOSTED_HEAD, 'channel', 'to', 'mediaUrl'], [...SHARED_OPTIONS, 'mediaId']],
	[
		'vobiz',
		'document',
		[...HOSTED_HEAD, 'channel', 'to', 'mediaUrl', 'caption', 'fileName'],
		[...SHARED_OPTIONS, 'mediaId'],
	],
	[
		'vobiz',
		'sticker',
		[...HOSTED_HEAD, 'channel', 'to', 'mediaUrl'],
		[...SHARED_OPTIONS, 'mediaId'],
	],
	[
		'vobiz',
		'template',
		[
			...HEAD,
			'channel',
			'to',
			'template',
			'templateLanguage',
			'templateParameters',
			'templateMediaUrl',
			'templateButtonParameter',
		],
		[...SHARED_OPTIONS, 'templateHeaderType'],
	],
	['callbell', 'text', [...HOSTED_HEAD, 'channel', 'to', 'text'], CALLBELL_OPTIONS],
	['callbell', 'image', [...HOSTED_HEAD, 'channel', 'to', 'mediaUrl', 'caption'], CALLBELL_OPTIONS],
	['callbell', 'video', [...HOSTED_HEAD, 'channel', 'to', 'mediaUrl'], CALLBELL_OPTIONS],
	['callbell', 'audio', [...HOSTED_HEAD, 'channel', 'to', 'mediaUrl'], CALLBELL_OPTIONS],
	['callbell', 'document', [...HOSTED_HEAD, 'channel', 'to', 'mediaUrl'], CALLBELL_OPTIONS],
	[
		'callbell',
		'template',
		[...HEAD, 'channel', 'to', 'template', 'templateParameters', 'templateMediaUrl'],
		CALLBELL_OPTIONS,
	],
	['multiSession', 'text', [...HEAD, 'to', 'text'], MS_OPTIONS],
	[
		'multiSession',
		'image',
		[...HEAD, 'to', 'mediaSource', 'mediaUrl', 'caption'],
		[...MS_MEDIA_OPTIONS, 'viewOnce'],
	],
	[
		'multiSession',
		'video',
		[...HEAD, 'to', 'mediaSource', 'mediaUrl', 'caption'],
		[...MS_MEDIA_OPTIONS, 'viewOnce'],
	],
	[
		'multiSession',
		'audio',
		[...HEAD, 'to', 'mediaSource', 'mediaUrl'],
		[...MS_MEDIA_OPTIONS, 'voiceNote'],
	],
	[
		'multiSession',
		'document',
		[...HEAD, 'to', 'mediaSource', 'mediaUrl', 'multiSessionDocumentNotice', 'caption', 'fileName'],
		MS_MEDIA_OPTIONS,
	],
	['multiSession', 'sticker', [...HEAD, 'to', 'mediaSource', 'mediaUrl'], MS_MEDIA_OPTIONS],
	[
		'multiSession',
		'location',
		[...HEAD, 'to', 'latitude', 'longitude', 'locationName', 'address'],
		MS_OPTIONS,
	],
	['multiSession', 'contact', [...HEAD, 'to', 'contactName', 'contactPhone'], MS_OPTIONS],
	['multiSession', 'poll', [...HEAD, 'to', 'pollQuestion', 'pollOptions'], MS_OPTIONS],
];

describe('the editor shows only what works for the provider and message type', () => {
	it('covers every message type of every provider', () => {
		expect(EDITOR.map(([provider, type]) => `${provider} ${type}`).sort()).toEqual(
			Object.values(PROVIDERS)
				.flatMap((p) => p.messageTypes.map((type) => `${p.id} ${type}`))
				.sort(),
		);
	});

	it.each(EDITOR)('%s %s: exactly these fields', (provider, messageType, expected) => {
		expect(fields({ provider, messageType })).toEqual([...expected, 'options']);
	});

	it.each(EDITOR)('%s %s: exactly these options', (provider, messageType, _fields, expected) => {
		expect(options({ provider, messageType })).toEqual([...expected].sort());
	});

	it('Media Source → Binary Data: only Multi-Session, which uploads files; it then asks for the binary field, not a link', () => {
		expect(
			fields({ provider: 'multiSession', messageType: 'image', mediaSource: 'binary' }),
		).toEqual([...HEAD, 'to', 'mediaSource', 'binaryPropertyName', 'caption', 'options']);
		// A file in the item is not downloaded, so no private-host check applies to it.
		expect(
			options({ provider: 'multiSession', messageType: 'image', mediaSource: 'binary' }),
		).toEqual([...MS_OPTIONS, 'maxUploadSizeMb', 'viewOnce'].sort());
		const sources = description.properties.filter((p) => p.name === 'mediaSource');
		expect(sources).toHaveLength(1);
		expect(sources[0].displayOptions?.show?.provider).toEqual(['multiSession']);
		expect(sources[0].options).toEqual([
			expect.objectContaining({ value: 'url' }),
			expect.objectContaining({ value: 'binary' }),
		]);
	});

	it('a link-only provider shows Media URL even while the editor still holds a Binary Data chosen for Multi-Session', () => {
		// Switching provider leaves the now hidden mediaSource in the editor's values (n8n 1.123 does).
		for (const provider of ['bitbybit', 'vobiz', 'callbell']) {
			const stale = { provider, messageType: 'image', mediaSource: 'binary' };
			const shownNow = description.properties
				.filter((p) => NodeHelpers.displayParameter(stale, p, node, description))
				.map((p) => p.name);
			expect(shownNow).toContain('mediaUrl');
			expect(shownNow).not.toContain('binaryPropertyName');
		}
	});
});

describe('the editor’s words match what the node does', () => {
	const typeOption = (provider: string, type: string) =>
		description.properties
			.filter((p) => p.name === 'messageType')
			.find((p) => p.displayOptions?.show?.provider?.includes(provider))!
			.options!.find((o) => 'value' in o && o.value === type) as { description: string };

	it('bitbybit’s image caption is required, and said to be', () => {
		const captions = description.properties.filter(
			(p) => p.name === 'caption' && p.displayOptions?.show?.provider?.includes('bitbybit'),
		);
		expect(captions).toHaveLength(1);
		expect(captions[0].required).toBe(true);
		expect(typeOption('bitbybit', 'image').description).toMatch(
			/caption \(bitbybit requires one\)/,
		);
		expect(typeOption('bitbybit', 'image').description).not.toMatch(/optional/);
	});

	it('Callbell’s video and audio say they arrive as a file, and no caption is offered for them', () => {
		expect(typeOption('callbell', 'video').description).toMatch(/as a document/);
		expect(typeOption('callbell', 'audio').description).toMatch(/as a document/);
		expect(typeOption('callbell', 'video').description).not.toMatch(/caption/);
	});

	it('only Multi-Session’s audio mentions voice notes (the option exists only there)', () => {
		for (const provider of ['vobiz', 'callbell', 'multiSession']) {
			expect(typeOption(provider, 'audio').description.includes('voice note')).toBe(
				provider === 'multiSession',
			);
		}
	});

	it('the poll’s answers button cannot be confused with the Options collection’s “Add Option”', () => {
		const answers = description.properties.find((p) => p.name === 'pollOptions')!;
		const collection = description.properties.find((p) => p.name === 'options')!;
		expect(answers.displayName).toBe('Poll Answers');
		expect(answers.typeOptions?.multipleValueButtonText).toBe('Add Poll Answer');
		expect(collection.placeholder).toBe('Add Option');
		const buttons = description.properties
			.map(
				(p) =>
					p.typeOptions?.multipleValueButtonText ??
					(p.type === 'collection' ? p.placeholder : undefined),
			)
			.filter((text): text is string => typeof text === 'string');
		expect(new Set(buttons).size).toBe(buttons.length);
	});

	it('each provider’s notice names the provider in use and says how to choose another', () => {
		for (const provider of Object.values(PROVIDERS)) {
			const shown = description.properties.filter(
				(p) =>
					p.name === 'providerNotice' &&
					NodeHelpers.displayParameter(
						editorValues({ provider: provider.id }),
						p,
						node,
						description,
					),
			);
			expect(shown).toHaveLength(1);
			expect(shown[0].displayName).toContain(`Sends through ${provider.labels.name},`);
			expect(shown[0].displayName).toMatch(/choose or create its credential/);
		}
	});
});
