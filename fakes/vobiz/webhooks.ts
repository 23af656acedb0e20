import { randomUUID } from 'node:crypto';

import { unknownFields } from '../fake';
import type { FakeResponse, RecordedRequest } from '../server';
import { jsonBody } from '../server';
import type { Delivery } from '../deliveries';
import { vobizDelivery } from './deliveries';

const PATH = '/api/v1/messaging/webhooks';

export interface VobizFakeSubscription {
	id: string;
	url: string;
	secret: string;
	status: 'active' | 'inactive';
	created_at: string;
	updated_at: string;
}

function error(status: number, code: string, message: string): FakeResponse {
	return {
		status,
		body: {
			status: 'error',
			error: { code, message },
			timestamp: '2026-11-22T10:00:00Z',
			requestId: 'req_fake',
		},
	};
}

/**
 * Vobiz's outbound webhook subscriptions (docs.vobiz.ai/whatsapp/api/webhooks): `POST {url, secret}`
 * (both required; an HTTPS endpoint) → 201 without the secret, `GET` → `{items}` never showing a
 * secret, `DELETE /{id}` → 204. Requests reach it only after FakeVobiz checked the X-Auth headers.
 */
export class VobizWebhookSubscriptions {
	readonly subscriptions: VobizFakeSubscription[] = [];

	/**
	 * A stand-in on this machine (the sandbox) takes and delivers to local http addresses, which Vobiz
	 * refuses; the trigger registers such addresses only when its credential points at this machine.
	 */
	acceptsLocalUrls = false;

	handle(request: RecordedRequest): FakeResponse | undefined {
		if (request.path === PATH && request.method === 'GET') {
			return {
				status: 200,
				body: { items: this.subscriptions.map(({ secret: _secret, ...shown }) => shown) },
			};
		}
		if (request.path === PATH && request.method === 'POST') return this.create(request);
		const one = new RegExp(`^${PATH}/([^/]+)$`).exec(request.path);
		if (one && request.method === 'DELETE') {
			const at = this.subscriptions.findIndex(
				(subscription) => subscription.id === decodeURIComponent(one[1]),
			);
			if (at === -1) return error(404, 'NOT_FOUND', 'Webhook subscription not found');
			this.subscriptions.splice(at, 1);
			return { status: 204 };
		}
		return undefined;
	}

	private create(request: RecordedRequest): FakeResponse {
		const body = jsonBody(request);
		if (!body || !/application\/json/.test(request.headers['content-type'] ?? ''))
			return error(400, 'INVALID_REQUEST', 'Invalid JSON body');
		const problem =
			unknownFields(body, ['url', 'secret']) ??
			(typeof body.url !== 'string' ||
			!(this.acceptsLocalUrls ? /^https?:\/\/[^/]/ : /^https:\/\/[^/]/).test(body.url)
				? 'url must be an HTTPS endpoint'
				: undefined) ??
			(typeof body.secret !== 'string' || body.secret.trim() === ''
				? 'secret is required'
				: undefined);
		if (problem) return error(400, 'VALIDATION_ERROR', problem);
		const subscription: VobizFakeSubscription = {
			id: randomUUID(),
			url: body.url as string,
			secret: body.secret as string,
			status: 'active',
			created_at: '2026-03-25T10:00:00Z',
			updated_at: '2026-03-25T10:00:00Z',
		};
		this.subscriptions.push(subscription);
		const { secret: _secret, ...shown } = subscription;
		return { status: 201, body: shown };
	}

	/** A subscription another system made (its secret unknown to the trigger). */
	addForeign(url: string): VobizFakeSubscription {
		const subscription: VobizFakeSubscription = {
			id: randomUUID(),
			url,
			secret: 'someone-elses-secret',
			status: 'active',
			created_at: '2026-01-01T00:00:00Z',
			updated_at: '2026-01-01T00:00:00Z',
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	/** Vobiz's delivery of `event` to the subscription at `url`, signed with that subscription's secret. */
	deliveryTo(url: string, event: Record<string, unknown>): Delivery {
		const subscription = this.subscriptions.find((candidate) => candidate.url === url);
		if (!subscription) throw new Error(`no Vobiz subscription at ${url}`);
		return vobizDelivery(event, subscription.secret);
	}
}
