import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest, Subscription, SubscriptionApi } from '../../../trigger/types';
import { asRecord, stringAt } from '../../shared/parse';

const WEBHOOKS_PATH = '/api/v1/messaging/webhooks';

/** `GET /webhooks` answers `{items:[{id, url, status, created_at, updated_at}]}`; the secret is never included. */
export function parseVobizSubscriptions(body: unknown): Subscription[] {
	const record = asRecord(body);
	const items = Array.isArray(body) ? body : (record?.items ?? record?.data);
	if (!Array.isArray(items)) return [];
	return items.flatMap((item) => {
		const id = stringAt(item, 'id');
		const url = stringAt(item, 'url');
		return id && url ? [{ id, url }] : [];
	});
}

/** Vobiz's outbound webhook subscriptions (docs.vobiz.ai/whatsapp/api/webhooks). */
export const vobizSubscriptions: SubscriptionApi = {
	kind: 'subscriptions',
	// "secret … Store it securely - it is never returned in any response."
	secretMadeBy: 'node',
	list: (): ApiRequest => ({ method: 'GET', path: WEBHOOKS_PATH }),
	parseList: parseVobizSubscriptions,
	// Every subscription receives every event type; there is no event selection.
	create: ({ url, secret }): ApiRequest => ({
		method: 'POST',
		path: WEBHOOKS_PATH,
		json: { url, secret } as IDataObject,
	}),
	// 201 with the subscription: `{id, url, status, created_at, updated_at}`.
	parseCreated(body) {
		const id = stringAt(body, 'id');
		return id ? { id } : undefined;
	},
	remove: (id): ApiRequest => ({
		method: 'DELETE',
		path: `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`,
	}),
	providerEvents: () => [],
};
