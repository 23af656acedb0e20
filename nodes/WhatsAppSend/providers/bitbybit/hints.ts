import { closedWindowHint, notOnWhatsAppHint, wrongBaseUrlHint } from '../shared/hints';
import type { ProviderErrorDetail } from '../types';

const DEFAULT_BASE_URL = 'https://api.bitbybit.studio/whatsapp/open/v1';

/** Known causes of bitbybit refusals (error codes from its API reference). */
export function bitbybitHint(status: number, detail: ProviderErrorDetail): string | undefined {
	const code = detail.code ?? '';
	if (status === 401) {
		return 'bitbybit refused the API key: check it in the Bitbybit API credential (Settings → Developer in bitbybit). If the key is right, bitbybit may expect it in the x-bitbybit-key header: set API Key Header to that.';
	}
	if (code === 'INSUFFICIENT_SCOPE') {
		return 'The API key lacks the "messages" scope with WRITE access: edit the key in bitbybit under Settings → Developer.';
	}
	if (code === 'IP_NOT_ALLOWED') {
		return 'The API key only works from listed IP addresses: allow the address n8n sends from in bitbybit.';
	}
	if (status === 429) {
		return 'bitbybit allows 100 requests a minute per API key: lower Messages Per Second (default 1.6) or spread the sends over time.';
	}
	return (
		wrongBaseUrlHint(status, detail, DEFAULT_BASE_URL) ??
		closedWindowHint(detail) ??
		notOnWhatsAppHint(detail)
	);
}
