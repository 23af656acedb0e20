import type { IDataObject } from 'n8n-workflow';

import { isMediaMessage } from '../../input/message';
import type { TemplateMessage } from '../../input/message';
import { formatE164 } from '../../input/recipient';
import { InputError, quoteValue } from '../../output/errors';
import { checkId, checkTextLimits, WHATSAPP_CLOUD_LIMITS } from '../shared/limits';
import { parseErrorBody, stringAt } from '../shared/parse';
import type { ProviderPlugin, ProviderRequest, Sources } from '../types';
import { callbellEditor } from './editor';
import { callbellHint } from './hints';
import { buildCallbellMedia, validateCallbellMedia } from './media';
import { CALLBELL_TYPES, readCallbellExtras, readCallbellTemplateId } from './read';
import type { CallbellExtras, CallbellMessage, CallbellType } from './read';
import {
	buildCallbellTemplate,
	prepareCallbellTemplate,
	validateCallbellTemplate,
} from './template';
import type { CallbellTemplateContext } from './template';
import { callbellWebhook } from './webhook';

/** A message with what its request needs from Callbell's lists: a template's definition. */
type CallbellPrepared =
	| { message: Exclude<CallbellMessage, TemplateMessage> }
	| { message: TemplateMessage<CallbellExtras>; template: CallbellTemplateContext };

const BOT_STATUSES = ['bot_start', 'bot_end'];

/** Optional routing fields shared by every Callbell send. */
function routingFields({ extras }: CallbellMessage): IDataObject {
	const { assignedUser, teamUuid, botStatus, metadata } = extras;
	const fields: IDataObject = {};
	if (assignedUser) fields.assigned_user = assignedUser;
	if (teamUuid) fields.team_uuid = teamUuid;
	if (botStatus) fields.bot_status = botStatus;
	if (metadata && Object.keys(metadata).length > 0) fields.metadata = metadata;
	return fields;
}

function validateRouting({ extras }: CallbellMessage): void {
	const { botStatus, metadata } = extras;
	if (botStatus && !BOT_STATUSES.includes(botStatus)) {
		throw new InputError(
			'Bot Status',
			`${quoteValue(botStatus)} is not a Callbell bot status`,
			'"bot_start" or "bot_end"',
		);
	}
	if (!metadata) return;
	const entries = Object.entries(metadata);
	if (entries.length > 10) {
		throw new InputError(
			'Metadata',
			`has ${entries.length} keys`,
			'at most 10 keys (Callbell’s limit)',
		);
	}
	for (const [key, value] of entries) {
		if (key.length > 50)
			throw new InputError(
				'Metadata',
				`key "${key.slice(0, 60)}…" is longer than 50 characters`,
				'keys of at most 50 characters',
			);
		if (typeof value !== 'string')
			throw new InputError('Metadata', `value of "${key}" is not a string`, 'string values');
		if (value.length > 500)
			throw new InputError(
				'Metadata',
				`value of "${key}" is longer than 500 characters`,
				'values of at most 500 characters',
			);
	}
}

async function prepareCallbell(
	message: CallbellMessage,
	{ lists }: Sources,
): Promise<CallbellPrepared> {
	if (message.type !== 'template') return { message };
	return { message, template: await prepareCallbellTemplate(message, lists) };
}

/** The message's own part of a send: its text, its media, or its template with the values. */
function content(prepared: CallbellPrepared): IDataObject {
	if ('template' in prepared) return buildCallbellTemplate(prepared.message, prepared.template);
	const { message } = prepared;
	if (isMediaMessage(message)) return buildCallbellMedia(message);
	return { type: 'text', content: { text: message.text } };
}

export const callbell: ProviderPlugin<CallbellExtras, CallbellPrepared, CallbellType> = {
	id: 'callbell',
	labels: {
		option: { name: 'Callbell', description: 'Callbell messages API' },
		name: 'Callbell',
		inSentence: 'Callbell',
	},
	credential: {
		type: 'whatsAppSendCallbellApi',
		secretFields: ['apiKey', 'webhookSigningSecret'],
		authHeaders: () => ['Authorization'],
	},
	// 300 requests a second per account, shared with everything else using it; Meta's default per number is 80.
	pace: { messagesPerSecond: 50, summary: 'Callbell 50 (limit 300)' },
	editor: callbellEditor,
	webhook: callbellWebhook,
	messageTypes: CALLBELL_TYPES,
	acceptsJid: false,
	readExtras: readCallbellExtras,
	readTemplateId: readCallbellTemplateId,

	validate(message) {
		checkTextLimits(message, WHATSAPP_CLOUD_LIMITS, 'Callbell');
		const { channel } = message.extras;
		if (!channel)
			throw new InputError(
				'Channel',
				'is empty',
				'a Callbell WhatsApp channel (pick one from the list, or paste its uuid)',
			);
		checkId(
			channel,
			'Channel',
			'a Callbell channel uuid (letters and digits), picked from the list or copied from Callbell',
		);
		validateRouting(message);
		if (isMediaMessage(message)) validateCallbellMedia(message);
		if (message.type === 'template') validateCallbellTemplate(message);
	},

	// A template's checks need the account's template list: failing them must stop a run before anyone
	// is messaged, not halfway.
	async preflight(message, sources) {
		await prepareCallbell(message, sources);
	},

	prepare: prepareCallbell,

	buildRequest(prepared): ProviderRequest {
		const { message } = prepared;
		const envelope: IDataObject = {
			to: formatE164(message.recipient),
			from: 'whatsapp',
			channel_uuid: message.extras.channel,
		};
		return {
			method: 'POST',
			path: '/messages/send',
			json: { ...envelope, ...content(prepared), ...routingFields(message) },
		};
	},

	formatRecipient(message) {
		return formatE164(message.recipient);
	},

	parseSuccess(body) {
		return {
			messageId: stringAt(body, 'message', 'uuid'),
			status: stringAt(body, 'message', 'status') ?? 'accepted',
		};
	},

	parseError: parseErrorBody,
	hint: callbellHint,
};
