import type { EventOption } from './types';

/** The `events` values every provider shares (names are a contract: saved workflows store them). */
const SENT: EventOption = {
	name: 'Sent',
	value: 'sent',
	description: 'WhatsApp accepted the message and sent it on',
};
export const DELIVERED: EventOption = {
	name: 'Delivered',
	value: 'delivered',
	description: "The message reached the recipient's phone",
};
export const READ: EventOption = {
	name: 'Read',
	value: 'read',
	description: 'The recipient opened the message (only when they share read receipts)',
};
const FAILED: EventOption = {
	name: 'Failed',
	value: 'failed',
	description:
		'The message could not be delivered, e.g. outside the 24-hour window or not on WhatsApp',
};
export const RECEIVED: EventOption = {
	name: 'Received (Customer Message)',
	value: 'received',
	description: 'A customer sent a message',
};

export const STANDARD_EVENTS = [SENT, DELIVERED, READ, FAILED, RECEIVED];
