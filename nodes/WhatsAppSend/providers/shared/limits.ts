import { isMediaMessage } from '../../input/message';
import type { OutgoingMessage } from '../../input/message';
import { InputError, quoteValue } from '../../output/errors';

/**
 * The longest text and caption a provider takes, in characters as JavaScript counts them (UTF-16 code
 * units: an emoji outside the basic plane counts twice). The providers do not say how they count, so
 * the node takes the stricter reading and never sends a text that one of them could refuse as too long.
 */
interface TextLimits {
	text: number;
	caption: number;
}

/**
 * Meta's documented limits for the WhatsApp Business Platform (Cloud API): a text body of at most
 * 4096 characters, a media caption of at most 1024. bitbybit, Vobiz and Callbell send through it.
 */
export const WHATSAPP_CLOUD_LIMITS: TextLimits = { text: 4096, caption: 1024 };

/**
 * The self-hosted server sends as a linked WhatsApp device and sets no limit of its own; WhatsApp's
 * apps cap a message at 65,536 characters.
 */
export const WHATSAPP_DEVICE_LIMITS: TextLimits = { text: 65_536, caption: 65_536 };

export function characterCount(value: string): number {
	return value.length;
}

function check(
	value: string | undefined,
	parameter: string,
	max: number,
	providerLabel: string,
): void {
	if (value === undefined) return;
	const count = characterCount(value);
	if (count > max) {
		throw new InputError(
			parameter,
			`is ${count} characters long; ${providerLabel} takes at most ${max}`,
			`at most ${max} characters — shorten it, or split it into several messages`,
		);
	}
}

/** Refuses a text or caption the provider would refuse, before anything is sent. */
export function checkTextLimits(
	message: OutgoingMessage,
	limits: TextLimits,
	providerLabel: string,
): void {
	if (message.type === 'text') check(message.text, 'Text', limits.text, providerLabel);
	if (isMediaMessage(message)) check(message.caption, 'Caption', limits.caption, providerLabel);
}

// Provider ids (channel and template uuids) are letters, digits and dashes; anything else is a typo
// or an expression that went wrong, and must not reach a request body or path.
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

/** Refuses an id the provider cannot have issued, naming the parameter. */
export function checkId(value: string | undefined, parameter: string, valid: string): void {
	if (value !== undefined && value !== '' && !ID.test(value)) {
		throw new InputError(parameter, `${quoteValue(value)} is not a valid id`, valid);
	}
}
