import type { MessageOf } from '../../input/message';
import type { Read } from '../../input/parameters';
import { readOptions, readPositiveNumber } from '../../input/values';

export const MULTI_SESSION_TYPES = [
	'text',
	'image',
	'video',
	'audio',
	'document',
	'sticker',
	'location',
	'contact',
	'poll',
] as const;
export type MultiSessionType = (typeof MULTI_SESSION_TYPES)[number];

/** What the Multi-Session API reads of its own options. */
export interface MultiSessionExtras {
	typingSimulation?: boolean;
	presenceSimulation?: boolean;
	viewOnce?: boolean;
	voiceNote?: boolean;
	/** The server's HTTP_BODY_LIMIT_SIZE in MB (8 unless raised). */
	maxUploadSizeMb?: number;
	/** Whether media links may point to localhost and private, link-local or loopback addresses. */
	allowPrivateMediaHosts: boolean;
}

export type MultiSessionMessage = MessageOf<MultiSessionType, MultiSessionExtras>;

export function readMultiSessionExtras(read: Read): MultiSessionExtras {
	const options = readOptions(read);
	return {
		typingSimulation: options.typingSimulation as boolean | undefined,
		presenceSimulation: options.presenceSimulation as boolean | undefined,
		viewOnce: options.viewOnce as boolean | undefined,
		voiceNote: options.voiceNote as boolean | undefined,
		maxUploadSizeMb: readPositiveNumber(options.maxUploadSizeMb, 'Max Upload Size (MB)'),
		allowPrivateMediaHosts: options.allowPrivateMediaHosts === true,
	};
}
