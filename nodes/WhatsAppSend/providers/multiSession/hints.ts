import type { ProviderErrorDetail } from '../../types';
import { notOnWhatsAppHint, wrongBaseUrlHint } from '../hints';

const DEFAULT_BASE_URL = 'http://localhost:7001';

// The server's words for a device without a live WhatsApp session (pkg/whatsapp in its code).
const NOT_PAIRED =
	/not logged in|not connected|not paired|client is not valid|store id is empty|re-?login|scan (the )?qr|no (active )?session|device (is )?(offline|disconnected)/i;

/** Known causes of refusals by the self-hosted WhatsApp Multi-Session REST API. */
export function multiSessionHint(status: number, detail: ProviderErrorDetail): string | undefined {
	const said = `${detail.code ?? ''} ${detail.message ?? ''}`;
	if (status === 401) {
		return 'The server refused the device token: paste the device’s current JWT (regenerating it revokes the old one), with or without "Bearer ".';
	}
	if (NOT_PAIRED.test(said)) {
		return 'The device is not paired with a phone, or lost its connection to WhatsApp: pair it by scanning the QR code from POST /devices/me/login (GET /devices/me/status shows the state), then send again.';
	}
	return notOnWhatsAppHint(detail) ?? wrongBaseUrlHint(status, detail, DEFAULT_BASE_URL);
}
