import type { IDataObject } from 'n8n-workflow';

type EventKind = 'status' | 'message' | 'connection';

/**
 * One output item of the WhatsApp Send Trigger, the same shape for every provider (DESIGN.md, the
 * trigger's public interface). Every field is present; what a provider does not give is `null`.
 */
export interface WhatsAppEvent extends IDataObject {
	provider: string;
	event: EventKind;
	/** The provider's own word, lower case: `delivered`, `read`, `failed`, `received`, `logged_out`… */
	status: string | null;
	/** The send node's `messageId` for the same message, where the provider makes that possible. */
	messageId: string | null;
	/** WhatsApp's own id for the message (`wamid…`), where the provider exposes it. */
	whatsappMessageId: string | null;
	to: string | null;
	from: string | null;
	/** ISO 8601. */
	timestamp: string | null;
	error: { code: string | null; message: string | null } | null;
	text: string | null;
	/** The message's type (`text`, `image`…), where the provider says. */
	type: string | null;
	/** Metadata the provider echoes from the send (Callbell). */
	metadata: IDataObject | null;
	/** The provider's event, untouched. */
	raw: IDataObject;
}

/** An event with every field null, to be filled by a provider's parser. */
export function blankEvent(provider: string, event: EventKind, raw: IDataObject): WhatsAppEvent {
	return {
		provider,
		event,
		status: null,
		messageId: null,
		whatsappMessageId: null,
		to: null,
		from: null,
		timestamp: null,
		error: null,
		text: null,
		type: null,
		metadata: null,
		raw,
	};
}

/**
 * A parsed event plus what the trigger needs to decide about it; only `event` is output.
 */
export interface ParsedEvent {
	event: WhatsAppEvent;
	/** The value of the `events` parameter this event answers to (`delivered`, `received`, `connection`…). */
	filterValue: string;
	/** The same for every delivery of the same event, so a retried delivery starts nothing. */
	dedupeKey: string;
	/** The business number the event belongs to, where the provider says (Vobiz channel filter). */
	channel?: { phoneNumberId?: string; phoneNumber?: string };
}

/** Seconds since 1970 (number or digits) as ISO 8601; milliseconds are recognised by size. */
export function isoFromUnix(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	const number =
		typeof value === 'number'
			? value
			: /^\d+(\.\d+)?$/.test(String(value).trim())
				? Number(value)
				: NaN;
	if (!Number.isFinite(number) || number <= 0) return null;
	const ms = number > 1e12 ? number : number * 1000;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A date string with a time zone (RFC 3339, Ruby's `2022-10-18 17:01:20 +0200`) as ISO 8601 UTC. */
export function isoFromDate(value: unknown): string | null {
	if (typeof value !== 'string' || value.trim() === '') return isoFromUnix(value);
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return isoFromUnix(text);
	// Ruby's default format: "2022-10-18 17:01:20 +0200".
	const ruby = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text);
	const date = new Date(ruby ? `${ruby[1]}T${ruby[2]}${ruby[3]}:${ruby[4]}` : text);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Digits of a phone number with a leading `+`, as the send node writes E.164 numbers. */
export function plusDigits(value: unknown): string | null {
	const digits = String(value ?? '').replace(/\D/g, '');
	return digits ? `+${digits}` : null;
}
