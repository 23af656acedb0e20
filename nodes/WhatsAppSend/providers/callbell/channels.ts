import { asRecord, stringAt } from '../shared/parse';

export const CALLBELL_CHANNELS_PATH = '/channels';

interface CallbellChannel {
	uuid: string;
	title?: string;
	main?: boolean;
}

export interface Page<T> {
	items: T[];
	page: number;
	pages: number;
}

/** `GET /channels?type=whatsapp&active=true&page=N` → `{channels:[{uuid,title,type,main}], meta:{page,pages}}`. */
export function parseCallbellChannels(body: unknown): Page<CallbellChannel> {
	const record = asRecord(body);
	const channels = record?.channels;
	const list: unknown[] = Array.isArray(channels) ? channels : [];
	const meta = asRecord(record?.meta);
	return {
		items: list.flatMap((entry) => {
			const uuid = stringAt(entry, 'uuid');
			if (!uuid) return [];
			return [{ uuid, title: stringAt(entry, 'title'), main: asRecord(entry)?.main === true }];
		}),
		page: Number(meta?.page ?? 1),
		pages: Number(meta?.pages ?? 1),
	};
}

export function callbellChannelLabel(channel: CallbellChannel): string {
	const title = channel.title ?? channel.uuid;
	return channel.main ? `${title} (main)` : title;
}
