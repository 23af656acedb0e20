import type { MessageKind } from '../views';

/**
 * Recipients the sandbox treats as the real world's most common late failures, which reach a
 * workflow only as a `failed` status event (never in the send's answer).
 */
export const DESIGNATED_RECIPIENTS = {
	/** Has no WhatsApp account. */
	notOnWhatsApp: '+628120000404',
	/** Last wrote more than 24 hours ago: free-form messages fail, templates go through. */
	windowClosed: '+628120000424',
} as const;

export type Outcome = 'delivered' | 'notOnWhatsApp' | 'windowClosed';

function digits(value: string): string {
	return value.replace(/\D/g, '');
}

/** What happens to a message of `kind` sent to `recipient` (any notation: E.164, digits, a JID). */
export function outcomeFor(recipient: string, kind: MessageKind): Outcome {
	const number = digits(recipient.split('@')[0] ?? '');
	if (number === digits(DESIGNATED_RECIPIENTS.notOnWhatsApp)) return 'notOnWhatsApp';
	// WhatsApp lets a template open the window again; everything else is refused once it closed.
	if (number === digits(DESIGNATED_RECIPIENTS.windowClosed) && kind !== 'template')
		return 'windowClosed';
	return 'delivered';
}
