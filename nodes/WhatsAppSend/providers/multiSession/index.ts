import type { IDataObject } from 'n8n-workflow';

import { isMediaMessage } from '../../input/message';
import type { MediaMessage } from '../../input/message';
import { formatJid } from '../../input/recipient';
import type { MediaFile } from '../../media/file';
import { checkTextLimits, WHATSAPP_DEVICE_LIMITS } from '../shared/limits';
import { parseErrorBody, stringAt } from '../shared/parse';
import type { ProviderPlugin, ProviderRequest } from '../types';
import { chatPath } from './chat';
import { multiSessionEditor } from './editor';
import { multiSessionHint, multiSessionKnownRefusal } from './hints';
import {
	buildMultiSessionMedia,
	preflightMultiSessionMedia,
	prepareMultiSessionMedia,
	validateMultiSessionMedia,
} from './media';
import { MULTI_SESSION_TYPES, readMultiSessionExtras } from './read';
import type { MultiSessionExtras, MultiSessionMessage, MultiSessionType } from './read';
import { buildStructured, validateStructured } from './structured';
import { multiSessionWebhook } from './webhook';

/** A message with what its request needs besides itself: a media message's file, loaded. */
type MultiSessionPrepared =
	| { message: MediaMessage<MultiSessionExtras>; file: MediaFile }
	| { message: Exclude<MultiSessionMessage, MediaMessage> };

/** Both default to on in the server and make every send wait 1–3 s; only sent when the user chose. */
function simulationFields({ extras }: MultiSessionMessage): IDataObject {
	const fields: IDataObject = {};
	if (extras.typingSimulation !== undefined) fields.typing_simulation = extras.typingSimulation;
	if (extras.presenceSimulation !== undefined)
		fields.presence_simulation = extras.presenceSimulation;
	return fields;
}

export const multiSession: ProviderPlugin<
	MultiSessionExtras,
	MultiSessionPrepared,
	MultiSessionType
> = {
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
	messageTypes: MULTI_SESSION_TYPES,
	acceptsJid: true,
	readExtras: readMultiSessionExtras,

	validate(message) {
		checkTextLimits(message, WHATSAPP_DEVICE_LIMITS, 'WhatsApp');
		if (isMediaMessage(message)) validateMultiSessionMedia(message);
		else if (message.type !== 'text') validateStructured(message);
	},

	async preflight(message, sources) {
		if (isMediaMessage(message)) await preflightMultiSessionMedia(message, sources);
	},

	async prepare(message, sources) {
		if (!isMediaMessage(message)) return { message };
		return { message, file: await prepareMultiSessionMedia(message, sources) };
	},

	buildRequest(prepared): ProviderRequest {
		if ('file' in prepared) return buildMultiSessionMedia(prepared.message, prepared.file);
		const { message } = prepared;
		if (message.type !== 'text') return buildStructured(message);
		return {
			method: 'POST',
			path: chatPath(message.recipient, 'messages'),
			json: { text: message.text, ...simulationFields(message) },
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
