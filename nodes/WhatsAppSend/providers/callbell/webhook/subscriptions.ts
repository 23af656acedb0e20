import type { AccountWebhookApi, ApiRequest } from '../../../trigger/types';
import { stringAt } from '../../shared/parse';

const EVENTS_FOR: Record<string, string> = {
	sent: 'message_status_updated',
	delivered: 'message_status_updated',
	read: 'message_status_updated',
	failed: 'message_status_updated',
	enqueued: 'message_status_updated',
	mismatch: 'message_status_updated',
	received: 'message_created',
};

/**
 * Callbell's Webhooks API (callbell-public-docs, docs/api/reference/webhooks_api): `POST
 * /webhooks/subscribe {url, subscriptions}` "creates a new webhook or updates an existing one" — one
 * per account — and answers `{webhook:{url, subscriptions, createdAt, enabled}}`; `DELETE
 * /webhooks/unsubscribe` deletes the account's webhook. Nothing reads the current webhook.
 */
export const callbellAccountWebhook: AccountWebhookApi = {
	kind: 'accountWebhook',
	subscribe: (url, events): ApiRequest => ({
		method: 'POST',
		path: '/webhooks/subscribe',
		json: { url, subscriptions: events },
	}),
	parseSubscribed: (body) => stringAt(body, 'webhook', 'url'),
	unsubscribe: (): ApiRequest => ({ method: 'DELETE', path: '/webhooks/unsubscribe' }),
	providerEvents: (selected) =>
		[...new Set(selected.flatMap((value) => EVENTS_FOR[value] ?? []))].sort(),
	dashboard: 'Callbell (Settings → API Settings → Webhooks)',
	testListeningRefusal:
		'Callbell keeps one webhook per account, so registering the test URL would take events away from the active workflow (or another system) without a trace. To test, activate the workflow and watch its executions, or turn off Overwrite Existing Webhook and paste the test URL in Callbell (Settings → API Settings → Webhooks) yourself.',
};
