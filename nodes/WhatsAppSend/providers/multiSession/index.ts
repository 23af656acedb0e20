import type { IDataObject } from 'n8n-workflow';

import { formatJid } from '../../input/recipient';
import { isMediaType } from '../../input/message';
import type { MediaFile, OutgoingMessage } from '../../input/message';
import { parseErrorBody, stringAt } from '../shared/parse';
import { checkTextLimits, WHATSAPP_DEVICE_LIMITS } from '../shared/limits';
import type { ProviderPlugin, ProviderRequest } from '../types';
import { multiSessionHint, multiSessionKnownRefusal } from './hints';
import {
	buildMultiSessionMedia,
	preflightMultiSessionMedia,
	prepareMultiSessionMedia,
	validateMultiSessionMedia,
} from './media';
import { buildStructured, validateStructured } from './structured';
import { multiSessionEditor } from './editor';
import { multiSessionWebhook } from './webhook';

export interface MultiSessionContext {
	file?: MediaFile;
}

/** Both default to on in the server and make every send wait 1–3 s; only sent when the user chose. */
export function simulationFields(message: OutgoingMessage): IDataObject {
	const fields: IDataObject = {};
	if (message.options.typingSimulation !== undefined) fields.typing_simulation = message.options.typingSimulation;
	if (message.options.presenceSimulation !== undefined)
		fields.presence_simulation = message.options.presenceSimulation;
	return fields;
}

/** The JID goes into the path unencoded: the server does not decode `%40`. `parseRecipient` admits no other characters. */
export function chatPath(message: OutgoingMessage, endpoint: string): string {
	return `/chats/${formatJid(message.recipient)}/${endpoint}`;
}

export const multiSession: ProviderPlugin<MultiSessionContext> = {
	id: 'multiSession',
	labels: {
		option: {
			name: 'WhatsApp Multi-Session API (Self-Hosted)',
			description: 'Your own WhatsApp Multi-Session REST API server (whatsmeow)',
		},
		name: 'WhatsApp Multi-Session API (self-hosted)',
		inSentence: 'the WhatsApp Multi-Session API',
	},
	credential: {
		type: 'whatsAppSendMultiSessionApi',
		secretFields: ['token'],
		authHeaders: () => ['Authorization'],
	},
	// No limit at the HTTP level: the server's own typing simulation spaces messages unless turned off.
	pace: { messagesPerSecond: 0, summary: 'Multi-Session unpaced' },
	editor: multiSessionEditor,
	webhook: multiSessionWebhook,
	messageTypes: ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contact', 'poll'],
	acceptsJid: true,

	validate(message) {
		checkTextLimits(message, WHATSAPP_DEVICE_LIMITS, 'WhatsApp');
		if (isMediaType(message.type)) validateMultiSessionMedia(message);
		if (['location', 'contact', 'poll'].includes(message.type)) validateStructured(message);
	},

	async preflight(message, lookup) {
		if (isMediaType(message.type)) await preflightMultiSessionMedia(message, lookup);
	},

	async prepare(message, lookup) {
		if (!isMediaType(message.type)) return {};
		return { file: await prepareMultiSessionMedia(message, lookup) };
	},

	buildRequest(message, context): ProviderRequest {
		if (isMediaType(message.type)) return buildMultiSessionMedia(message, context.file!);
		if (['location', 'contact', 'poll'].includes(message.type)) return buildStructured(message);
		return {
			method: 'POST',
			path: chatPath(message, 'messages'),
			json: { text: message.text ?? '', ...simulationFields(message) },
		};
	},

	formatRecipient(message) {
		return formatJid(message.recipient);
	},

	parseSuccess(body) {
		return {
			messageId: stringAt(body, 'data', 'message_id'),
			status: stringAt(body, 'data', 'status') ?? 'sent',
		};
	},

	parseError: parseErrorBody,
	hint: multiSessionHint,
	knownRefusal: multiSessionKnownRefusal,
};
