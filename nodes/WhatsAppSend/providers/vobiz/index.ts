import { InputError } from '../../output/errors';
import { formatE164 } from '../../input/recipient';
import { isMediaType } from '../../input/message';
import type { OutgoingMessage } from '../../input/message';
import { parseErrorBody, stringAt } from '../shared/parse';
import { checkId, checkTextLimits, WHATSAPP_CLOUD_LIMITS } from '../shared/limits';
import type { Lookup, ProviderPlugin, ProviderRequest } from '../types';
import { vobizHint } from './hints';
import { parseVobizChannels, VOBIZ_CHANNELS_PATH, vobizChannelLabel } from './channels';
import { buildVobizMedia, validateVobizMedia } from './media';
import { buildVobizTemplate, prepareVobizTemplate, validateVobizTemplate } from './template';
import type { VobizTemplateContext } from './template';
import { vobizEditor } from './editor';
import { vobizWebhook } from './webhook';

export interface VobizContext {
	wabaId: string;
	template?: VobizTemplateContext;
}

/** The channel's WhatsApp Business Account id comes from the channel list, never from the user. */
async function findWabaId(channelId: string, lookup: Lookup): Promise<string> {
	const channels = parseVobizChannels(await lookup.getJson(VOBIZ_CHANNELS_PATH));
	const channel = channels.find((c) => c.id === channelId);
	if (!channel) {
		const known = channels.map((c) => `${vobizChannelLabel(c)}: ${c.id}`).join('; ');
		throw new InputError(
			'Channel',
			`no WhatsApp channel with id "${channelId}" in this Vobiz account`,
			known ? `one of the account's channels — ${known}` : 'a channel id from Vobiz (the account lists none)',
		);
	}
	if (!channel.wabaId) {
		throw new InputError(
			'Channel',
			`Vobiz lists channel "${vobizChannelLabel(channel)}" without a WhatsApp Business Account id (waba_id), which sending requires`,
			'a channel that is connected to a WhatsApp Business Account',
		);
	}
	return channel.wabaId;
}

function envelope(message: OutgoingMessage, context: VobizContext) {
	return {
		channel_id: message.channel,
		waba_id: context.wabaId,
		to: formatE164(message.recipient),
		type: message.type,
	};
}

export const vobiz: ProviderPlugin<VobizContext> = {
	id: 'vobiz',
	labels: {
		option: { name: 'Vobiz', description: 'Vobiz WhatsApp messaging API' },
		name: 'Vobiz',
		inSentence: 'Vobiz',
	},
	credential: {
		type: 'whatsAppSendVobizApi',
		secretFields: ['authToken'],
		authHeaders: () => ['X-Auth-ID', 'X-Auth-Token'],
	},
	// No documented limit; 20 is the lowest throughput Meta gives a Cloud API number (coexistence numbers).
	pace: { messagesPerSecond: 20, summary: 'Vobiz 20' },
	editor: vobizEditor,
	webhook: vobizWebhook,
	messageTypes: ['text', 'image', 'video', 'audio', 'document', 'sticker', 'template'],
	acceptsJid: false,

	validate(message) {
		checkTextLimits(message, WHATSAPP_CLOUD_LIMITS, 'Vobiz');
		if (!message.channel) throw new InputError('Channel', 'is empty', 'a Vobiz WhatsApp channel (pick one from the list, or paste its id)');
		checkId(message.channel, 'Channel', 'a Vobiz channel id (a UUID), picked from the list or copied from the Vobiz console');
		if (isMediaType(message.type)) validateVobizMedia(message);
		if (message.type === 'template') validateVobizTemplate(message);
	},

	async preflight(message, lookup) {
		// The channel's WABA id and the template's checks come from lists: failing them must stop a run
		// before anyone is messaged, not halfway.
		await this.prepare!(message, lookup);
	},

	async prepare(message, lookup) {
		const wabaId = await findWabaId(message.channel!, lookup);
		const template =
			message.type === 'template' ? await prepareVobizTemplate(message, lookup) : undefined;
		return { wabaId, template };
	},

	buildRequest(message, context): ProviderRequest {
		const base = envelope(message, context);
		if (isMediaType(message.type))
			return { method: 'POST', path: '/api/v1/messaging/messages', json: { ...base, ...buildVobizMedia(message) } };
		if (message.type === 'template') {
			const request: ProviderRequest = {
				method: 'POST',
				path: '/api/v1/messaging/messages',
				json: { ...base, ...buildVobizTemplate(message, context.template!) },
			};
			if (context.template?.notice) request.notices = [context.template.notice];
			return request;
		}
		return {
			method: 'POST',
			path: '/api/v1/messaging/messages',
			json: { ...base, text: { body: message.text ?? '' } },
		};
	},

	formatRecipient(message) {
		return formatE164(message.recipient);
	},

	parseSuccess(body) {
		return {
			messageId: stringAt(body, 'id'),
			// The wamid, which Vobiz's status events carry; `null` in the 201 answer until Meta accepts the message.
			whatsappMessageId: stringAt(body, 'meta_message_id'),
			status: stringAt(body, 'status') ?? 'accepted',
		};
	},

	parseError: parseErrorBody,
	hint: vobizHint,
};
