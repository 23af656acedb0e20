import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { OutgoingMessage } from '../input/message';
import { isMediaMessage } from '../input/message';
import { hashBinary } from '../media/binary';
import { InputError } from '../output/errors';
import type { ProviderPlugin } from '../providers/types';

/** Longest key the node accepts from the Sent Message Key option; n8n stores only its hash anyway. */
export const MAX_KEY_LENGTH = 1000;

/** JSON with the keys of every object in one order, so equal content always gives the same text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * What the message says, without whom it goes to or which item carried it: the text, the media link (or
 * the file's SHA-256, whatever id n8n gave the file this time) with its caption and file name, the
 * template's name and values, the location, contact or poll.
 */
async function contentOf(context: IExecuteFunctions, message: OutgoingMessage): Promise<unknown> {
	// Whom it goes to is part of the key already; which item carried it, and the provider's own extras, are not.
	const content: Record<string, unknown> = { ...message };
	delete content.itemIndex;
	delete content.recipient;
	delete content.extras;
	if (isMediaMessage(message) && message.media.source === 'binary') {
		const sha256 = await hashBinary(context, message.itemIndex, message.media.binaryPropertyName);
		return { ...content, media: { source: 'binary', sha256 } };
	}
	return content;
}

/**
 * The key a message is recorded under when no Sent Message Key is given: the provider, the recipient as
 * the provider receives it, the kind of message and a digest of its content. Readable where it can be,
 * so a person can see in the output why two items counted as the same message.
 */
export async function defaultKey(
	context: IExecuteFunctions,
	provider: ProviderPlugin,
	message: OutgoingMessage,
): Promise<string> {
	const digest = createHash('sha256')
		.update(canonical(await contentOf(context, message)))
		.digest('hex')
		.slice(0, 32);
	return `${provider.id}|${provider.formatRecipient(message)}|${message.type}|${digest}`;
}

/**
 * The key of one item's message: the Sent Message Key option as the item resolves it, or the default
 * when that is empty. A key that is not text, or is too long to be a key, is refused before anything is
 * sent.
 */
export async function sentKeyOf(
	context: IExecuteFunctions,
	provider: ProviderPlugin,
	message: OutgoingMessage,
): Promise<string> {
	const given = context.getNodeParameter(
		'options.sentMessageKey',
		message.itemIndex,
		'',
	) as unknown;
	if (given === undefined || given === null || given === '')
		return await defaultKey(context, provider, message);
	if (typeof given !== 'string' && typeof given !== 'number') {
		throw new InputError(
			'Sent Message Key',
			`the key is ${Array.isArray(given) ? 'a list' : typeof given}, not text`,
			'text or a number, e.g. {{ $json.orderId }}-reminder',
		);
	}
	const key = String(given).trim();
	if (key === '') return await defaultKey(context, provider, message);
	if (key.length > MAX_KEY_LENGTH) {
		throw new InputError(
			'Sent Message Key',
			`the key is ${key.length} characters long`,
			`a key of at most ${MAX_KEY_LENGTH} characters, e.g. an order id and the message's purpose`,
		);
	}
	return key;
}
