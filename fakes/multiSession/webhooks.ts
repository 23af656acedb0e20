import { randomBytes } from 'node:crypto';

import type { FakeResponse, RecordedRequest } from '../server';
import { jsonBody } from '../server';
import type { Delivery } from '../deliveries';
import { multiSessionDelivery } from './deliveries';

/** Go's WebhookConfig, marshalled without JSON tags (internal/webhook/types.go). */
export interface MultiSessionFakeWebhook {
	ID: number;
	DeviceID: string;
	URL: string;
	Secret: string;
	Events: string[];
	Active: boolean;
	CreatedAt: string;
	UpdatedAt: string;
}

function answer(status: number, message: string, data?: unknown): FakeResponse {
	return status < 300
		? {
				status,
				body: { status: true, code: status, message, ...(data === undefined ? {} : { data }) },
			}
		: { status, body: { status: false, code: status, message, error: message } };
}

/** internal/webhook/delivery.go, validateURL: checked when delivering, never when the webhook is created. */
export function serverWouldDeliverTo(rawUrl: string): boolean {
	let url: URL;
	try {
		url = new URL(rawUrl);
	} catch {
		return false;
	}
	if (url.protocol !== 'https:') return false;
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || host === '0.0.0.0') return false;
	const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		if (
			a === 127 ||
			a === 10 ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			(a === 169 && b === 254)
		)
			return false;
	}
	if (host === '::1' || /^f[cd]|^fe[89ab]/.test(host)) return false;
	return true;
}

/**
 * The device's webhooks on the self-hosted server (internal/webhooks/controller.go at dab7403): `GET
 * /webhooks` → `{data:{webhooks}}` (null when empty) with the secrets, `POST /webhooks {url, events}`
 * → `{data:{webhook_id, secret}}` — the server makes the secret and ignores one in the request —
 * `DELETE /webhooks/{id}` → 200 even for an id that does not exist. The docs cap a device at 5
 * webhooks (WEBHOOK_MAX_PER_DEVICE), but dab7403 never enforces it; `maxPerDevice` turns the cap on,
 * answering as the router answers other refusals [the refusal's wording is inferred].
 */
export class MultiSessionWebhooks {
	readonly webhooks: MultiSessionFakeWebhook[] = [];

	maxPerDevice: number | undefined;

	/** A stand-in on this machine (the sandbox) delivers to local http addresses, which the real server never does. */
	deliversToLocalUrls = false;

	private nextId = 1;

	/** Deliveries the server dropped at validateURL, by webhook URL. */
	readonly dropped: string[] = [];

	/** The device the webhooks belong to, as the server names it in every event. */
	readonly deviceId = 'abc123def456-ghi789';

	handle(request: RecordedRequest): FakeResponse | undefined {
		if (request.path === '/webhooks' && request.method === 'GET') {
			return answer(200, 'success', { webhooks: this.webhooks.length ? this.webhooks : null });
		}
		if (request.path === '/webhooks' && request.method === 'POST') return this.create(request);
		const one = /^\/webhooks\/([^/]+)$/.exec(request.path);
		if (one && request.method === 'DELETE') {
			const id = Number(one[1]);
			if (!Number.isInteger(id)) return answer(400, 'invalid webhook_id');
			const at = this.webhooks.findIndex((webhook) => webhook.ID === id);
			if (at !== -1) this.webhooks.splice(at, 1);
			return answer(200, 'webhook deleted');
		}
		return undefined;
	}

	private create(request: RecordedRequest): FakeResponse {
		const body = jsonBody(request);
		if (!body) return answer(400, 'invalid request body');
		if (typeof body.url !== 'string' || body.url === '') return answer(400, 'url is required');
		if (
			body.events !== undefined &&
			body.events !== null &&
			(!Array.isArray(body.events) || body.events.some((event) => typeof event !== 'string'))
		) {
			return answer(400, 'invalid request body');
		}
		if (this.maxPerDevice !== undefined && this.webhooks.length >= this.maxPerDevice) {
			return answer(500, `maximum of ${this.maxPerDevice} webhooks per device reached`);
		}
		const webhook: MultiSessionFakeWebhook = {
			ID: this.nextId++,
			DeviceID: this.deviceId,
			URL: body.url,
			Secret: randomBytes(32).toString('hex'),
			Events: (body.events as string[] | undefined) ?? [],
			Active: true,
			CreatedAt: '2024-12-09T13:37:04.123456Z',
			UpdatedAt: '2024-12-09T13:37:04.123456Z',
		};
		this.webhooks.push(webhook);
		return answer(200, 'webhook created', { webhook_id: webhook.ID, secret: webhook.Secret });
	}

	/** A webhook some other system registered on the device. */
	addForeign(url: string, events: string[] = []): MultiSessionFakeWebhook {
		const webhook: MultiSessionFakeWebhook = {
			ID: this.nextId++,
			DeviceID: this.deviceId,
			URL: url,
			Secret: randomBytes(32).toString('hex'),
			Events: events,
			Active: true,
			CreatedAt: '2024-12-01T00:00:00Z',
			UpdatedAt: '2024-12-01T00:00:00Z',
		};
		this.webhooks.push(webhook);
		return webhook;
	}

	/**
	 * The server dispatching `event`: one delivery per active webhook whose Events include its type
	 * (or that has none), except where validateURL refuses the address.
	 */
	dispatch(event: Record<string, unknown>): Array<{ url: string; delivery: Delivery }> {
		const deliveries: Array<{ url: string; delivery: Delivery }> = [];
		for (const webhook of this.webhooks) {
			if (
				!webhook.Active ||
				(webhook.Events.length > 0 && !webhook.Events.includes(String(event.event_type)))
			)
				continue;
			if (!this.deliversToLocalUrls && !serverWouldDeliverTo(webhook.URL)) {
				this.dropped.push(webhook.URL);
				continue;
			}
			deliveries.push({ url: webhook.URL, delivery: multiSessionDelivery(event, webhook.Secret) });
		}
		return deliveries;
	}
}
