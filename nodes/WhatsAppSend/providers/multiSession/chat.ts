import type { Recipient } from '../../input/message';
import { formatJid } from '../../input/recipient';

/**
 * `/chats/{jid}/{endpoint}`: the JID goes into the path unencoded, since the server does not decode
 * `%40`; `parseRecipient` admits no other characters.
 */
export function chatPath(recipient: Recipient, endpoint: string): string {
	return `/chats/${formatJid(recipient)}/${endpoint}`;
}
