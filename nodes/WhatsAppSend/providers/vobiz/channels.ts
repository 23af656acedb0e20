import { asRecord, stringAt } from '../shared/parse';

export const VOBIZ_CHANNELS_PATH = '/api/v1/messaging/channels/whatsapp';

interface VobizChannel {
	id: string;
	wabaId?: string;
	phoneNumber?: string;
	displayName?: string;
	status?: string;
}

/** The channel list answers `{items:[…]}` (older docs: `{data:[…]}`). */
export function parseVobizChannels(body: unknown): VobizChannel[] {
	const record = asRecord(body);
	const list = Array.isArray(body) ? body : (record?.items ?? record?.data);
	if (!Array.isArray(list)) return [];
	return list.flatMap((entry) => {
		const id = stringAt(entry, 'id');
		if (!id) return [];
		return [
			{
				id,
				wabaId: stringAt(entry, 'waba_id'),
				phoneNumber: stringAt(entry, 'phone_number'),
				displayName: stringAt(entry, 'display_name'),
				status: stringAt(entry, 'status'),
			},
		];
	});
}

export function vobizChannelLabel(channel: VobizChannel): string {
	const name = channel.displayName ?? channel.id;
	return channel.phoneNumber ? `${name} (${channel.phoneNumber})` : name;
}
