import { isMediaMessage } from '../../input/message';
import type { TemplateMessage } from '../../input/message';
import { formatE164 } from '../../input/recipient';
import { InputError } from '../../output/errors';
import { checkId, checkTextLimits, WHATSAPP_CLOUD_LIMITS } from '../shared/limits';
import { parseErrorBody, stringAt } from '../shared/parse';
import type { ProviderLists, ProviderPlugin, ProviderRequest, Sources } from '../types';
import { parseVobizChannels, VOBIZ_CHANNELS_PATH, vobizChannelLabel } from './channels';
import { vobizEditor } from './editor';
import { vobizHint } from './hints';
import { buildVobizMedia, validateVobizMedia } from './media';
import { readVobizExtras, readVobizTemplateId, VOBIZ_TYPES } from './read';
import type { VobizExtras, VobizMessage, VobizType } from './read';
import { buildVobizTemplate, prepareVobizTemplate, validateVobizTemplate } from './template';
import type { VobizTemplateContext } from './template';
import { vobizWebhook } from './webhook';

/** A message with what its request needs from Vobiz's lists: the channel's WABA id, and its template. */
type VobizPrepared =
	| { message: Exclude<VobizMessage, TemplateMessage>; wabaId: string }
	| { message: TemplateMessage<VobizExtras>; wabaId: string; template: VobizTemplateContext };

/** The channel's WhatsApp Business Account id comes from the channel list, never from the user. */
async function findWabaId(channelId: string, lists: ProviderLists): Promise<string> {
	const channels = parseVobizChannels(await lists.getJson(VOBIZ_CHANNELS_PATH));
	const channel = channels.find((c) => c.id === channelId);
	if (!channel) {
		const known = channels.map((c) => `${vobizChannelLabel(c)}: ${c.id}`).join('; ');
		throw new InputError(
			'Channel',
			`no WhatsApp channel with id "${channelId}" in this Vobiz account`,
			known
				? `one of the account's channels — ${known}`
				: 'a channel id from Vobiz (the account lists none)',
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

async function prepareVobiz(message: VobizMessage, { lists }: Sources): Promise<VobizPrepared> {
	const wabaId = await findWabaId(message.extras.channel, lists);
	if (message.type === 'template')
		return { message, wabaId, template: await prepareVobizTemplate(message, lists) };
	return { message, wabaId };
}

function envelope(message: VobizMessage, wabaId: string) {
	return {
		channel_id: message.extras.channel,
		waba_id: wabaId,
		to: formatE164(message.recipient),
		type: message.type,
	};
}

const MESSAGES_PATH = '/api/v1/messaging/messages';

export const vobiz: ProviderPlugin<VobizExtras, VobizPrepared, VobizType> = {
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
	messageTypes: VOBIZ_TYPES,
	acceptsJid: false,
	readExtras: readVobizExtras,
	readTemplateId: readVobizTemplateId,

	validate(message) {
		checkTextLimits(message, WHATSAPP_CLOUD_LIMITS, 'Vobiz');
		const { channel } = message.extras;
		if (!channel)
			throw new InputError(
				'Channel',
				'is empty',
				'a Vobiz WhatsApp channel (pick one from the list, or paste its id)',
			);
		checkId(
			channel,
			'Channel',
			'a Vobiz channel id (a UUID), picked from the list or copied from the Vobiz console',
		);
		if (isMediaMessage(message)) validateVobizMedia(message);
		if (message.type === 'template') validateVobizTemplate(message);
	},

	// The channel's WABA id and the template's checks come from lists: failing them must stop a run
	// before anyone is messaged, not halfway.
	async preflight(message, sources) {
		await prepareVobiz(message, sources);
	},

	prepare: prepareVobiz,

	buildRequest(prepared): ProviderRequest {
		const base = envelope(prepared.message, prepared.wabaId);
		if ('template' in prepared) {
			const request: ProviderRequest = {
				method: 'POST',
				path: MESSAGES_PATH,
				json: { ...base, ...buildVobizTemplate(prepared.message, prepared.template) },
			};
			if (prepared.template.notice) request.notices = [prepared.template.notice];
			return request;
		}
		const { message } = prepared;
		if (isMediaMessage(message))
			return {
				method: 'POST',
				path: MESSAGES_PATH,
				json: { ...base, ...buildVobizMedia(message) },
			};
		return { method: 'POST', path: MESSAGES_PATH, json: { ...base, text: { body: message.text } } };
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
