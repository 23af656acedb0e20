import type { ProviderErrorDetail } from '../types';
import { HTML_RESPONSE } from './parse';

/** Words a provider (or Meta behind it) uses for a closed 24-hour customer service window. */
const CLOSED_WINDOW =
	/131047|\b470\b|re-?engagement|24[\s-]*(h\b|hrs?\b|hours?)|customer service window|session window|outside (of )?the (allowed )?window/i;

/** Meta's 131026 / 1013 and gateways' own words for a number that has no WhatsApp account. */
const NOT_ON_WHATSAPP =
	/131026|\b1013\b|not (a )?(valid )?whats ?app (user|number|account)|not on whats ?app|(number|id|recipient|phone|user|jid)[^.]{0,40}not registered|not registered on whats ?app|no whats ?app account|invalid (whatsapp )?(recipient|wa_?id)/i;

// A 404 about one of these is about the data, not about the address.
const RESOURCE_WORDS = /channel|template|contact|recipient|conversation|user|device|media/i;

export const WINDOW_HINT =
	'The customer’s 24-hour window is closed: WhatsApp takes free-form messages only within 24 hours of the ' +
	'customer’s last message. Send an approved template instead (Message Type: Template); once the customer ' +
	'replies, free-form messages work again.';

export const NOT_ON_WHATSAPP_HINT =
	'The recipient’s number has no WhatsApp account (or is written wrongly): check the number with the customer. ' +
	'Sending again will not help.';

export function closedWindowHint(detail: ProviderErrorDetail): string | undefined {
	return CLOSED_WINDOW.test(`${detail.code ?? ''} ${detail.message ?? ''}`)
		? WINDOW_HINT
		: undefined;
}

export function notOnWhatsAppHint(detail: ProviderErrorDetail): string | undefined {
	return NOT_ON_WHATSAPP.test(`${detail.code ?? ''} ${detail.message ?? ''}`)
		? NOT_ON_WHATSAPP_HINT
		: undefined;
}

/**
 * An answer that shows the Base URL points somewhere other than the provider's API: an HTML page
 * where the API answers JSON, or a 404/405 for one of the provider's own routes.
 */
export function wrongBaseUrlHint(
	status: number,
	detail: ProviderErrorDetail,
	defaultBaseUrl: string,
): string | undefined {
	const advice = `check the credential’s Base URL (the default is ${defaultBaseUrl}; include any path prefix).`;
	if (detail.code === HTML_RESPONSE) {
		if (status >= 500) {
			return 'A proxy or gateway in front of the API answered with an error page: the provider is probably down or unreachable from it. Try again later.';
		}
		return `An HTML page answered where the API answers JSON, so the request did not reach the API: ${advice}`;
	}
	if (status === 405 || (status === 404 && !RESOURCE_WORDS.test(detail.message ?? ''))) {
		return `The address does not know the provider’s route: ${advice}`;
	}
	return undefined;
}
