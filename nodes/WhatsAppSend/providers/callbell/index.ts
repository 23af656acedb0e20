import type { IDataObject } from 'n8n-workflow';

import { InputError, quoteValue } from '../../output/errors';
import { formatE164 } from '../../input/recipient';
import { isMediaType } from '../../input/message';
import type { OutgoingMessage } from '../../input/message';
import { parseErrorBody, stringAt } from '../shared/parse';
import { checkId, checkTextLimits, WHATSAPP_CLOUD_LIMITS } from '../shared/limits';
import type { ProviderPlugin, ProviderRequest } from '../types';
import { callbellHint } from './hints';
import { buildCallbellMedia, validateCallbellMedia } from './media';
import { buildCallbellTemplate, prepareCallbellTemplate, validateCallbellTemplate } from './template';
import type { CallbellTemplateContext } from './template';
import { callbellEditor } from './editor';
import { callbellWebhook } from './webhook';

export interface CallbellContext {
	template?: CallbellTemplateContext;
}

const BOT_STATUSES = ['bot_start', 'bot_end'];

/** Optional routing fields shared by every Callbell send. */
function routingFields(message: OutgoingMessage): IDataObject {
	const { assignedUser, teamUuid, botStatus, metadata } = message.options;
	const fields: IDataObject = {};
	if (assignedUser) fields.assigned_user = assignedUser;
	if (teamUuid) fields.team_uuid = teamUuid;
	if (botStatus) fields.bot_status = botStatus;
	if (metadata && Object.keys(metadata).length > 0) fields.metadata = metadata;
	return fields;
}

function validateRouting(message: OutgoingMessage): void {
	const { botStatus, metadata } = message.options;
	if (botStatus && !BOT_STATUSES.includes(botStatus)) {
		throw new InputError('Bot Status', `${quoteValue(botStatus)} is not a Callbell bot status`, '"bot_start" or "bot_end"');
	}
	if (!metadata) return;
	const entries = Object.entries(metadata);
	if (entries.length > 10) {
		throw new InputError('Metadata', `has ${entries.length} keys`, 'at most 10 keys (Callbell’s limit)');
	}
	for (const [key, value] of entries) {
		if (key.length > 50) throw new InputError('Metadata', `key "${key.slice(0, 60)}…" is longer than 50 characters`, 'keys of at most 50 characters');
		if (typeof value !== 'string') throw new InputError('Metadata', `value of "${key}" is not a string`, 'string values');
		if (value.length > 500) throw new InputError('Metadata', `value of "${key}" is longer than 500 characters`, 'values of at most 500 characters');
	}
}

export const callbell: ProviderPlugin<CallbellContext> = {
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
	messageTypes: ['text', 'image', 'video', 'audio', 'document', 'template'],
	acceptsJid: false,

	validate(message) {
		checkTextLimits(message, WHATSAPP_CLOUD_LIMITS, 'Callbell');
		if (!message.channel) throw new InputError('Channel', 'is empty', 'a Callbell WhatsApp channel (pick one from the list, or paste its uuid)');
		checkId(message.channel, 'Channel', 'a Callbell channel uuid (letters and digits), picked from the list or copied from Callbell');
		validateRouting(message);
		if (isMediaType(message.type)) validateCallbellMedia(message);
		if (message.type === 'template') validateCallbellTemplate(message);
	},

	async preflight(message, lookup) {
		// The channel's WABA id and the template's checks come from lists: failing them must stop a run
		// before anyone is messaged, not halfway.
		await this.prepare!(message, lookup);
	},

	async prepare(message, lookup) {
		if (message.type !== 'template') return {};
		return { template: await prepareCallbellTemplate(message, lookup) };
	},

	buildRequest(message, context): ProviderRequest {
		const envelope: IDataObject = {
			to: formatE164(message.recipient),
			from: 'whatsapp',
			channel_uuid: message.channel,
		};
		let content: IDataObject;
		if (isMediaType(message.type)) content = buildCallbellMedia(message);
		else if (message.type === 'template') content = buildCallbellTemplate(message, context.template!);
		else content = { type: 'text', content: { text: message.text ?? '' } };
		return {
			method: 'POST',
			path: '/messages/send',
			json: { ...envelope, ...content, ...routingFields(message) },
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
