import { closedWindowHint, notOnWhatsAppHint, wrongBaseUrlHint } from '../shared/hints';
import type { ProviderErrorDetail } from '../types';

const DEFAULT_BASE_URL = 'https://api.vobiz.ai';

/** Known causes of Vobiz refusals (docs.vobiz.ai errors and send-message pages). */
export function vobizHint(status: number, detail: ProviderErrorDetail): string | undefined {
	if (status === 401) {
		return 'Vobiz refused the credential: check the Auth ID (MA_…) and Auth Token of the Vobiz API credential.';
	}
	if (status === 403) {
		return 'The credential may not use this channel: check that the channel belongs to this Vobiz account and that the token may send messages.';
	}
	if (status === 402) return 'The Vobiz account balance is too low: top it up, then send again.';
	if (status === 429)
		return 'Vobiz is limiting the sending rate: lower Messages Per Second or Concurrency.';
	if (status === 404 && /channel/i.test(detail.message ?? '')) {
		return 'Vobiz does not know this channel: pick the channel from the list, or copy its id from the Vobiz console.';
	}
	return (
		wrongBaseUrlHint(status, detail, DEFAULT_BASE_URL) ??
		closedWindowHint(detail) ??
		notOnWhatsAppHint(detail)
	);
}
