import { closedWindowHint, notOnWhatsAppHint, wrongBaseUrlHint } from '../shared/hints';
import type { ProviderErrorDetail } from '../types';

const DEFAULT_BASE_URL = 'https://api.callbell.eu/v1';

/** Known causes of Callbell refusals (docs.callbell.eu: 402 empty balance, 300 requests a second). */
export function callbellHint(status: number, detail: ProviderErrorDetail): string | undefined {
	if (status === 401 || status === 403) {
		return 'Callbell refused the API key: check it in the Callbell API credential (Settings → Integrations → API in Callbell).';
	}
	if (status === 402) {
		return 'Callbell’s WhatsApp balance is empty: top it up in Callbell. Sending again will not help until then.';
	}
	if (status === 429)
		return 'Callbell allows 300 requests a second: lower Messages Per Second or Concurrency.';
	return (
		wrongBaseUrlHint(status, detail, DEFAULT_BASE_URL) ??
		closedWindowHint(detail) ??
		notOnWhatsAppHint(detail)
	);
}
