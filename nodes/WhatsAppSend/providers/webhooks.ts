import type { ProviderId } from './index';
import type { WebhookHalf } from '../trigger/types';
import { bitbybitWebhook } from './bitbybit/webhook';
import { callbellWebhook } from './callbell/webhook';
import { multiSessionWebhook } from './multiSession/webhook';
import { vobizWebhook } from './vobiz/webhook';

/**
 * Each provider's webhook half, read by the WhatsApp Send Trigger. It sits beside PROVIDERS and is
 * meant to join it: one provider, one folder, one registry line.
 */
export const WEBHOOK_HALVES: Record<ProviderId, WebhookHalf> = {
	bitbybit: bitbybitWebhook,
	vobiz: vobizWebhook,
	callbell: callbellWebhook,
	multiSession: multiSessionWebhook,
};

export function getWebhookHalf(id: string): WebhookHalf | undefined {
	return Object.prototype.hasOwnProperty.call(WEBHOOK_HALVES, id) ? WEBHOOK_HALVES[id as ProviderId] : undefined;
}
