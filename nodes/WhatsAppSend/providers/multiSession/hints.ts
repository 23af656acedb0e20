import { notOnWhatsAppHint, wrongBaseUrlHint } from '../shared/hints';
import type { KnownRefusal, ProviderErrorDetail } from '../types';
import { ACCEPTED_DOCUMENTS } from './documents';

const DEFAULT_BASE_URL = 'http://localhost:7001';

// The server's words for a device without a live WhatsApp session (pkg/whatsapp in its code).
const NOT_PAIRED =
	/not logged in|not connected|not paired|client is not valid|store id is empty|re-?login|scan (the )?qr|no (active )?session|device (is )?(offline|disconnected)/i;

const PAIRING_HINT =
	'The device is not paired with a phone, or lost its connection to WhatsApp: pair it by scanning the QR code from POST /devices/me/login (GET /devices/me/status shows the state), then send again.';

const BODY_LIMIT_HINT =
	'The upload is larger than the server takes in one request (HTTP_BODY_LIMIT_SIZE, 8 MB unless raised): send a smaller file, or raise HTTP_BODY_LIMIT_SIZE on your Multi-Session server and set the option "Max Upload Size (MB)" to the same value.';

interface PreSendRefusal extends KnownRefusal {
	/** The server's error text (pkg/whatsapp/whatsapp.go), matched from its start. */
	said: RegExp;
	hint?: string;
}

/**
 * 500s the server answers from checks that run before anything goes to WhatsApp: each send function
 * in pkg/whatsapp/whatsapp.go returns them before `client.Upload` / `client.SendMessage` (ensureClientOK,
 * the empty-payload check, enforceSizeLimit, WhatsAppCheckJID, the document MIME check).
 */
const PRE_SEND_REFUSALS: PreSendRefusal[] = [
	{
		said: /^WhatsApp Client is not (Valid|Connected|Logged In)\b/i,
		kind: 'provider_unavailable',
		retryable: true,
		mayHaveBeenSent: false,
	},
	{
		said: /^WhatsApp Personal ID is Not Registered\b/i,
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
	},
	{
		said: /^Document MIME type .* is not allowed/i,
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
		hint: `The server sniffs a document's first bytes and takes documents only of the types it allows: ${ACCEPTED_DOCUMENTS}.`,
	},
	{
		said: /^(Image|Video|Audio|Sticker) MIME type .* is not allowed/i,
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
	},
	{
		said: /^(image|video|audio|document|sticker) exceeds maximum allowed size/i,
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
		hint: 'The file is larger than the server’s own cap for its type (images, audio and stickers 20 MB, documents 50 MB, video 100 MB): send a smaller file.',
	},
	{
		said: /^(Image|Video|Audio|Document|Sticker) payload cannot be empty/i,
		kind: 'validation',
		retryable: false,
		mayHaveBeenSent: false,
		hint: 'The server received an empty file: check that the binary field or the link holds the file itself.',
	},
];

function preSendRefusal(status: number, detail: ProviderErrorDetail): PreSendRefusal | undefined {
	if (status !== 500) return undefined;
	const said = (detail.message ?? '').trim();
	return PRE_SEND_REFUSALS.find((refusal) => refusal.said.test(said));
}

/** Which of the server's refusals certainly sent nothing; any other 500 may have been sent. */
export function multiSessionKnownRefusal(
	status: number,
	detail: ProviderErrorDetail,
): KnownRefusal | undefined {
	const refusal = preSendRefusal(status, detail);
	return refusal
		? { kind: refusal.kind, retryable: refusal.retryable, mayHaveBeenSent: false }
		: undefined;
}

/** Known causes of refusals by the self-hosted WhatsApp Multi-Session REST API. */
export function multiSessionHint(status: number, detail: ProviderErrorDetail): string | undefined {
	const said = `${detail.code ?? ''} ${detail.message ?? ''}`;
	if (status === 401) {
		return 'The server refused the device token: paste the device’s current JWT (regenerating it revokes the old one), with or without "Bearer ".';
	}
	if (status === 413) return BODY_LIMIT_HINT;
	if (NOT_PAIRED.test(said)) return PAIRING_HINT;
	return (
		preSendRefusal(status, detail)?.hint ??
		notOnWhatsAppHint(detail) ??
		wrongBaseUrlHint(status, detail, DEFAULT_BASE_URL)
	);
}
