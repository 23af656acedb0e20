import type { FakeResponse, RecordedRequest } from '../server';
import { jsonBody } from '../server';

/** Event names a Callbell webhook can subscribe to (docs/api/reference/object_types/webhook.md). */
export const CALLBELL_WEBHOOK_EVENTS = [
	'message_created',
	'message_status_updated',
	'contact_created',
	'contact_updated',
	'contact_deleted',
	'conversation_opened',
	'conversation_closed',
];

export interface CallbellFakeWebhook {
	url: string;
	subscriptions: string[];
	createdAt: string;
	enabled: boolean;
}

/**
 * Callbell's Webhooks API (callbell-public-docs, docs/api/reference/webhooks_api): one webhook per
 * account; `POST /webhooks/subscribe {url, subscriptions}` creates it or overwrites the existing one;
 * `DELETE /webhooks/unsubscribe` deletes it → `{status: "webhook was destroyed"}`. There is no way to
 * read the webhook. A localhost URL is refused ("Callbell doesn't support localhost", webhooks/
 * introduction.md; the status code is not documented).
 */
export class CallbellWebhookApi {
	current: CallbellFakeWebhook | undefined;

	/** A stand-in on this machine (the sandbox) takes a local URL, which Callbell refuses. */
	acceptsLocalUrls = false;

	/** Every URL the account's webhook has had, in order. */
	readonly history: string[] = [];

	handle(request: RecordedRequest): FakeResponse | undefined {
		if (request.path === '/webhooks/subscribe' && request.method === 'POST')
			return this.subscribe(request);
		if (request.path === '/webhooks/unsubscribe' && request.method === 'DELETE') {
			if (!this.current) return { status: 404, body: { error: 'webhook not found' } };
			this.current = undefined;
			return { status: 200, body: { status: 'webhook was destroyed' } };
		}
		return undefined;
	}

	private subscribe(request: RecordedRequest): FakeResponse {
		const body = jsonBody(request);
		if (!body) return { status: 400, body: { error: 'Invalid JSON body' } };
		if (typeof body.url !== 'string' || !/^https?:\/\/[^/]/.test(body.url))
			return { status: 422, body: { error: 'url is invalid' } };
		if (!this.acceptsLocalUrls && /^https?:\/\/(localhost|127\.)/i.test(body.url))
			return { status: 422, body: { error: 'localhost is not supported' } };
		if (
			!Array.isArray(body.subscriptions) ||
			body.subscriptions.length === 0 ||
			body.subscriptions.some((name) => !CALLBELL_WEBHOOK_EVENTS.includes(name as string))
		) {
			return { status: 422, body: { error: 'subscriptions are invalid' } };
		}
		this.current = {
			url: body.url,
			subscriptions: body.subscriptions as string[],
			createdAt: '2022-10-18 17:01:20 +0200',
			enabled: true,
		};
		this.history.push(body.url);
		return { status: 200, body: { webhook: this.current } };
	}
}
