import type { ParsedEvent } from './event';

/** The business number the user chose to listen to (Vobiz), as resolved from the channel when the trigger was activated. */
export interface ChannelFilter {
	phoneNumberId?: string;
	phoneNumber?: string;
}

function digits(value: string | undefined): string {
	return (value ?? '').replace(/\D/g, '');
}

/** Whether an event belongs to the chosen channel. An event that names no number cannot be told apart and passes. */
export function inChannel(event: ParsedEvent, filter: ChannelFilter | undefined): boolean {
	if (!filter || (!filter.phoneNumberId && !filter.phoneNumber)) return true;
	const { phoneNumberId, phoneNumber } = event.channel ?? {};
	if (phoneNumberId && filter.phoneNumberId) return phoneNumberId === filter.phoneNumberId;
	if (phoneNumber && filter.phoneNumber) return digits(phoneNumber) === digits(filter.phoneNumber);
	return true;
}

/** Whether the user asked for this kind of event. */
export function isWanted(event: ParsedEvent, selected: readonly string[]): boolean {
	return selected.includes(event.filterValue);
}
