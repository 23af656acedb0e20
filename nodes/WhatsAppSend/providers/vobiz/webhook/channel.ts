import type { ChannelFilter } from '../../../trigger/filter';
import { asRecord, stringAt } from '../../shared/parse';

/**
 * The business number behind a Vobiz channel id, from the channel list (`{items:[{id,
 * phone_number_id, phone_number, …}]}`): events name the number, never the channel.
 */
export function vobizChannelNumber(
	channels: unknown,
	channelId: string,
): ChannelFilter | undefined {
	const record = asRecord(channels);
	const items = Array.isArray(channels) ? channels : (record?.items ?? record?.data);
	if (!Array.isArray(items)) return undefined;
	const channel = items.find((item) => stringAt(item, 'id') === channelId);
	if (!channel) return undefined;
	const filter = {
		phoneNumberId: stringAt(channel, 'phone_number_id'),
		phoneNumber: stringAt(channel, 'phone_number'),
	};
	return filter.phoneNumberId || filter.phoneNumber ? filter : undefined;
}
