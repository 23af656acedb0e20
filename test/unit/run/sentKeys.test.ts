import { Readable } from 'node:stream';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OutgoingMessage } from '../../../nodes/WhatsAppSend/input/message';
import { PROVIDERS } from '../../../nodes/WhatsAppSend/providers';
import type { ProviderPlugin } from '../../../nodes/WhatsAppSend/providers/types';
import { defaultKey, sentKeyOf } from '../../../nodes/WhatsAppSend/run/sentKeys';
import { SentRecord } from '../../../nodes/WhatsAppSend/run/sentRecord';

const provider = PROVIDERS.multiSession as unknown as ProviderPlugin;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

/** The parts of n8n's execute context the keys read: input items, one option, the binary store. */
function contextWith(
	items: INodeExecutionData[],
	keyOption: unknown = '',
	stored: Record<string, Buffer> = {},
): IExecuteFunctions {
	return {
		getInputData: () => items,
		getNodeParameter: (name: string) => (name === 'options.sentMessageKey' ? keyOption : undefined),
		helpers: {
			getBinaryStream: async (id: string) => Readable.from([stored[id]]),
		},
	} as unknown as IExecuteFunctions;
}

function image(itemIndex: number, binaryPropertyName: string, caption?: string): OutgoingMessage {
	return {
		type: 'image',
		itemIndex,
		recipient: { kind: 'phone', digits: '6281234567890' },
		extras: {},
		media: { source: 'binary', binaryPropertyName },
		caption,
	};
}

describe('the key of a message (Skip Messages Already Sent)', () => {
	it('the same file is the same message whether n8n keeps it in memory or in its store, under any id or field name', async () => {
		const context = contextWith(
			[
				{ json: {}, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png' } } },
				{
					json: {},
					binary: {
						photo: { id: 'filesystem-v2:abc', data: 'filesystem-v2', mimeType: 'image/png' },
					},
				},
				{
					json: {},
					binary: {
						data: { id: 'filesystem-v2:def', data: 'filesystem-v2', mimeType: 'image/png' },
					},
				},
			],
			'',
			{ 'filesystem-v2:abc': PNG, 'filesystem-v2:def': Buffer.concat([PNG, Buffer.from([0])]) },
		);
		const inMemory = await defaultKey(context, provider, image(0, 'data'));
		const stored = await defaultKey(context, provider, image(1, 'photo'));
		const otherBytes = await defaultKey(context, provider, image(2, 'data'));
		expect(stored).toBe(inMemory);
		expect(otherBytes).not.toBe(inMemory);
		// The caption is part of what the message says.
		expect(await defaultKey(context, provider, image(0, 'data', 'Hi'))).not.toBe(inMemory);
	});

	it('a template is its name and its values, in order', async () => {
		const context = contextWith([{ json: {} }]);
		const template = (parameters: string[]): OutgoingMessage => ({
			type: 'template',
			itemIndex: 0,
			recipient: { kind: 'phone', digits: '6281234567890' },
			extras: {},
			template: { id: 'order_shipped', parameters },
		});
		const key = await defaultKey(context, provider, template(['Ann', '17']));
		expect(key).toMatch(/^multiSession\|.+\|template\|[0-9a-f]{32}$/);
		expect(await defaultKey(context, provider, template(['Ann', '17']))).toBe(key);
		expect(await defaultKey(context, provider, template(['17', 'Ann']))).not.toBe(key);
	});

	it('Sent Message Key: a number is text, blank falls back to the default, a huge key is refused', async () => {
		const text: OutgoingMessage = {
			type: 'text',
			itemIndex: 0,
			recipient: { kind: 'phone', digits: '6281234567890' },
			extras: {},
			text: 'Hi',
		};
		expect(await sentKeyOf(contextWith([{ json: {} }], 1234), provider, text)).toBe('1234');
		expect(await sentKeyOf(contextWith([{ json: {} }], '  '), provider, text)).toBe(
			await defaultKey(contextWith([{ json: {} }]), provider, text),
		);
		await expect(
			sentKeyOf(contextWith([{ json: {} }], 'k'.repeat(1001)), provider, text),
		).rejects.toThrow('Sent Message Key: the key is 1001 characters long');
	});
});

describe('n8n’s record, where the running n8n lacks it', () => {
	it('an n8n without the deduplication helpers (before 1.64): refused with what to do', () => {
		const context = {
			helpers: {},
			getWorkflow: () => ({ id: 'w1' }),
			getNode: () => ({ id: 'n1' }),
		} as unknown as IExecuteFunctions;
		expect(() => SentRecord.open(context, { scope: 'node', kept: 10 })).toThrow(
			'Skip Messages Already Sent needs n8n’s record of processed items, which this n8n does not offer',
		);
	});
});
