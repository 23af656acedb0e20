import { InputError, quoteValue, shortValue } from '../output/errors';
import type { Recipient } from './message';

/** Why a recipient was refused: what was wrong, and what would have been valid. */
class RecipientError extends InputError {
	constructor(message: string, valid: string, parameter = 'To') {
		super(parameter, message, valid);
	}
}

// E.164: a country code and subscriber number of at most 15 digits, never starting with 0.
const INTERNATIONAL_DIGITS = /^[1-9]\d{6,14}$/;
// Characters people paste between digits: spaces (also non-breaking), dashes, dots, slashes, parentheses.
const SEPARATORS = /[\s\u00a0\-.()/\u2010-\u2015]/g;
// Invisible characters that come along when a number is copied from a chat app or a spreadsheet: zero-width
// spaces and joiners, word joiner, byte order mark, soft hyphen, and the marks and isolates that set text
// direction (LRM, RLM, ALM, LRE…PDF, LRI…PDI). The number is the one the person saw.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The text without the invisible characters copying adds. */
function withoutInvisible(text: string): string {
	return text.replace(INVISIBLE, '');
}
// "+44 (0)20 …": the trunk zero written in brackets after an international prefix is not dialled.
const BRACKETED_TRUNK_ZERO = /^(\+|00)(\d{1,3})\s*\(0\)/;
const USER_JID = /^([1-9]\d{5,15})@s\.whatsapp\.net$/;
// Groups: "120363…@g.us", or the older "<creator>-<timestamp>@g.us".
const GROUP_JID = /^(\d{5,20}(-\d{5,20})?)@g\.us$/;

const VALID_NUMBER =
	'an international number such as +62 812-3456-7890, 0062 812 3456 7890 or 6281234567890, ' +
	'or a local number starting with 0 when the option "Default Country Code" is set';
const VALID_JID =
	'a number, a user JID such as 6281234567890@s.whatsapp.net, or a group JID such as 120363025246125486@g.us';

function parseCountryCode(raw: string): string {
	const code = withoutInvisible(raw)
		.trim()
		.replace(/^(\+|00)/, '');
	if (!/^[1-9]\d{0,2}$/.test(code)) {
		throw new RecipientError(
			`Default Country Code ${quoteValue(raw)} is not a calling code`,
			'a calling code of 1 to 3 digits, such as 62 or +62',
		);
	}
	return code;
}

/**
 * Reads a phone number the way people write one and returns its international digits.
 * A number starting with a single 0 is local and needs `defaultCountryCode`.
 */
export function parsePhoneNumber(raw: string, defaultCountryCode?: string): string {
	const input = withoutInvisible(raw).trim();
	if (input === '') throw new RecipientError('the recipient is empty', VALID_NUMBER);

	const compact = input.replace(BRACKETED_TRUNK_ZERO, '$1$2').replace(SEPARATORS, '');
	let digits: string;
	if (compact.startsWith('+')) {
		digits = compact.slice(1);
	} else if (compact.startsWith('00')) {
		digits = compact.slice(2);
	} else if (compact.startsWith('0')) {
		if (!defaultCountryCode) {
			throw new RecipientError(
				`${quoteValue(input)} looks like a local number (it starts with 0) and no Default Country Code is set`,
				`${VALID_NUMBER}`,
			);
		}
		digits = parseCountryCode(defaultCountryCode) + compact.slice(1);
	} else {
		digits = compact;
	}

	if (!/^\d+$/.test(digits)) {
		throw new RecipientError(`${quoteValue(input)} is not a phone number`, VALID_NUMBER);
	}
	if (!INTERNATIONAL_DIGITS.test(digits)) {
		throw new RecipientError(
			`${quoteValue(input)} has ${digits.length} digits once written internationally (${shortValue(digits)}); a WhatsApp number has 7 to 15, country code included`,
			VALID_NUMBER,
		);
	}
	return digits;
}

/** Numbers for every provider; JIDs as well for the self-hosted API, which addresses chats by JID. */
export function parseRecipient(
	raw: string,
	options: { acceptJid: boolean; defaultCountryCode?: string },
): Recipient {
	const input = withoutInvisible(String(raw ?? '')).trim();
	if (input.includes('@')) {
		if (!options.acceptJid) {
			throw new RecipientError(
				`${quoteValue(input)} is a WhatsApp JID; this provider takes phone numbers`,
				VALID_NUMBER,
			);
		}
		return parseJid(input);
	}
	return { kind: 'phone', digits: parsePhoneNumber(input, options.defaultCountryCode) };
}

function parseJid(input: string): Recipient {
	// The JID becomes a URL path segment: only these exact shapes pass, so "/", "?", "#", "%" or ".."
	// can never reach the path.
	const user = USER_JID.exec(input);
	if (user) return { kind: 'jid', jid: input, server: 's.whatsapp.net' };
	if (GROUP_JID.test(input)) return { kind: 'jid', jid: input, server: 'g.us' };
	throw new RecipientError(`${quoteValue(input)} is not a valid WhatsApp JID`, VALID_JID);
}

export function formatDigits(recipient: Recipient): string {
	if (recipient.kind === 'phone') return recipient.digits;
	throw new RecipientError(
		`${quoteValue(recipient.jid)} is a JID; this provider takes phone numbers`,
		VALID_NUMBER,
	);
}

export function formatE164(recipient: Recipient): string {
	return `+${formatDigits(recipient)}`;
}

export function formatJid(recipient: Recipient): string {
	return recipient.kind === 'jid' ? recipient.jid : `${recipient.digits}@s.whatsapp.net`;
}
