import { headerNameProblem, HEADER_NAME_RULE } from '../../../../credentials/providerRequest';
import { isMediaMessage } from '../../input/message';
import type { TextMessage } from '../../input/message';
import { formatDigits } from '../../input/recipient';
import { ConfigurationError, InputError, quoteValue } from '../../output/errors';
import { checkTextLimits, WHATSAPP_CLOUD_LIMITS } from '../shared/limits';
import { parseErrorBody, stringAt } from '../shared/parse';
import type { ProviderPlugin, ProviderRequest } from '../types';
import { bitbybitCommonFields } from './common';
import { bitbybitEditor } from './editor';
import { bitbybitHint } from './hints';
import { buildImage, validateImage } from './media';
import { BITBYBIT_TYPES, readBitbybitExtras, readBitbybitTemplateId } from './read';
import type { BitbybitExtras, BitbybitMessage, BitbybitType } from './read';
import { buildTemplate, validateTemplate } from './template';
import { bitbybitWebhook } from './webhook';

const BITBYBIT_SOURCES = ['whatsapp cloud api', 'whatsapp coex'] as const;

function validateSource({ extras }: BitbybitMessage, required: boolean): void {
	if (!required && !extras.source) return;
	if (!BITBYBIT_SOURCES.includes(extras.source as never)) {
		throw new InputError(
			'Source',
			`${quoteValue(extras.source)} is not a bitbybit source`,
			BITBYBIT_SOURCES.map((s) => `"${s}"`).join(' or '),
		);
	}
}

function buildText(message: TextMessage<BitbybitExtras>): ProviderRequest {
	return {
		method: 'POST',
		path: '/messages/send',
		json: {
			to: formatDigits(message.recipient),
			message: message.text,
			sources: message.extras.source,
			...bitbybitCommonFields(message),
		},
	};
}

export const bitbybit: ProviderPlugin<BitbybitExtras, BitbybitMessage, BitbybitType> = {
	id: 'bitbybit',
	labels: {
		option: { name: 'Bitbybit', description: 'Bitbybit Open API (WhatsApp Cloud API or Coex)' },
		name: 'bitbybit',
		inSentence: 'bitbybit',
	},
	credential: {
		type: 'whatsAppSendBitbybitApi',
		secretFields: ['apiKey', 'webhookSigningSecret'],
		// The header is itself a setting of the credential (its `authenticate` reads it the same way).
		authHeaders: (credentials) => [String(credentials.headerName || 'x-api-key').trim()],
	},
	// 100 requests a minute per key: paced with PACE_HEADROOM, at most 94 start in any minute.
	pace: { messagesPerSecond: 1.6, summary: 'bitbybit 1.6 (limit 100 a minute)' },
	editor: bitbybitEditor,
	webhook: bitbybitWebhook,
	messageTypes: BITBYBIT_TYPES,
	acceptsJid: false,
	readExtras: readBitbybitExtras,
	readTemplateId: readBitbybitTemplateId,

	checkCredentials(credentials) {
		// An invalid name would make n8n's HTTP client refuse every request; say so before the first one.
		const headerName = String(credentials.headerName || 'x-api-key').trim();
		const problem = headerNameProblem(headerName);
		if (problem)
			throw new ConfigurationError(
				'API Key Header',
				`${quoteValue(headerName)} ${problem}`,
				`Use ${HEADER_NAME_RULE}.`,
			);
	},

	validate(message) {
		checkTextLimits(message, WHATSAPP_CLOUD_LIMITS, 'bitbybit');
		// `sources` is required by /messages/send and optional on /messages/send-template.
		validateSource(message, message.type !== 'template');
		if (message.type === 'image') validateImage(message);
		if (message.type === 'template') validateTemplate(message);
	},

	buildRequest(message) {
		// Images are the only media bitbybit sends (validate refuses the rest).
		if (isMediaMessage(message)) return buildImage(message);
		if (message.type === 'template') return buildTemplate(message);
		return buildText(message);
	},

	formatRecipient(message) {
		return formatDigits(message.recipient);
	},

	parseSuccess(body) {
		// bitbybit's only id, `messageId2`, is documented as the "WhatsApp message ID" (seeds 000, 001).
		const messageId = stringAt(body, 'data', 'messageId2');
		return { messageId, whatsappMessageId: messageId, status: 'accepted' };
	},

	parseError: parseErrorBody,
	hint: bitbybitHint,
};
