import { callbellAccountWebhook } from '../../nodes/WhatsAppSend/providers/callbell/webhook/subscriptions';
import { multiSessionSubscriptions, parseMultiSessionWebhooks } from '../../nodes/WhatsAppSend/providers/multiSession/webhook/subscriptions';
import { parseVobizSubscriptions, vobizSubscriptions } from '../../nodes/WhatsAppSend/providers/vobiz/webhook/subscriptions';
import { isoFromDate, isoFromUnix } from '../../nodes/WhatsAppSend/trigger/event';
import { parseTimestampedSignature } from '../../nodes/WhatsAppSend/trigger/hmac';
import { isLocalHost, undeliverableReason } from '../../nodes/WhatsAppSend/trigger/url';
import callbellSubscribed from '../fixtures/webhooks/callbell/subscribe-response.json';
import msCreated from '../fixtures/webhooks/multiSession/webhook-created.code.json';
import msList from '../fixtures/webhooks/multiSession/webhooks-list.code.json';
import vobizCreated from '../fixtures/webhooks/vobiz/subscription-created.json';
import vobizList from '../fixtures/webhooks/vobiz/subscriptions-list.json';

describe('registration answers as the providers document them', () => {
	it('Vobiz: the list and the created subscription', () => {
		expect(parseVobizSubscriptions(vobizList)).toEqual([{ id: 'f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f', url: 'https://your-server.com/webhooks/whatsapp' }]);
		expect(vobizSubscriptions.parseCreated(vobizCreated)).toEqual({ id: 'f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f' });
		expect(vobizSubscriptions.remove('f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f')).toEqual({
			method: 'DELETE',
			path: '/api/v1/messaging/webhooks/f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f',
		});
	});

	it('Multi-Session: Go field names in the list (secret included), webhook_id and secret on create', () => {
		expect(parseMultiSessionWebhooks(msList)).toEqual([
			{
				id: '7',
				url: 'https://your-server.com/webhook',
				secret: '3c1b7f0e8a9d4c2b6e5f1a0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
				events: ['message.received', 'connection.connected'],
			},
		]);
		expect(parseMultiSessionWebhooks({ status: true, code: 200, message: 'success', data: { webhooks: null } })).toEqual([]);
		expect(multiSessionSubscriptions.parseCreated(msCreated)).toEqual({ id: '7', secret: msCreated.data.secret });
		expect(multiSessionSubscriptions.providerEvents(['sent', 'failed'])).toEqual([]);
	});

	it('Callbell: the subscribed webhook\'s URL', () => {
		expect(callbellAccountWebhook.parseSubscribed(callbellSubscribed)).toBe('https://my-app.com/my-webhook-endpoint');
		expect(callbellAccountWebhook.providerEvents(['read', 'received', 'mismatch'])).toEqual(['message_created', 'message_status_updated']);
	});
});

describe('webhook addresses a provider can deliver to', () => {
	const strict = { httpsOnly: true, label: 'P', source: 's' };
	const lenient = { httpsOnly: false, label: 'P', source: 's' };

	it.each([
		['localhost', true],
		['app.localhost', true],
		['127.0.0.1', true],
		['10.1.2.3', true],
		['172.16.0.1', true],
		['172.31.255.255', true],
		['172.32.0.1', false],
		['192.168.0.10', true],
		['169.254.1.1', true],
		['0.0.0.0', true],
		['[::1]', true],
		['[fd12:3456::1]', true],
		['[fe80::1]', true],
		['[::ffff:192.168.1.1]', true],
		['n8n.example.com', false],
		['8.8.8.8', false],
	])('%s is local: %s', (host, local) => {
		expect(isLocalHost(host)).toBe(local);
	});

	it('refuses http where the provider wants https, and local addresses everywhere, unless the credential is local', () => {
		expect(undeliverableReason('https://n8n.example.com/webhook/x', strict, 'https://api.example.com')).toBeUndefined();
		expect(undeliverableReason('http://n8n.example.com/webhook/x', strict, 'https://api.example.com')).toMatch(/only to https/);
		expect(undeliverableReason('http://n8n.example.com/webhook/x', lenient, 'https://api.example.com')).toBeUndefined();
		expect(undeliverableReason('https://localhost:5678/webhook/x', lenient, 'https://api.example.com')).toMatch(/on this machine or its private network/);
		expect(undeliverableReason('http://localhost:5678/webhook/x', strict, 'http://127.0.0.1:5680/vobiz')).toBeUndefined();
		expect(undeliverableReason('http://localhost:5678/webhook/x', strict, 'http://192.168.1.5:7001')).toMatch(/on this machine/);
		expect(undeliverableReason(undefined, strict, '')).toMatch(/no usable webhook address/);
	});
});

describe('small readers', () => {
	it('t=…,v1=… headers', () => {
		expect(parseTimestampedSignature('t=1700000000,v1=abc')).toEqual({ timestamp: '1700000000', signatures: ['abc'] });
		expect(parseTimestampedSignature(' t=1700000000 , v1=abc , v1=def , v0=x')).toEqual({ timestamp: '1700000000', signatures: ['abc', 'def'] });
		expect(parseTimestampedSignature('v1=abc')).toBeUndefined();
		expect(parseTimestampedSignature('t=soon,v1=abc')).toBeUndefined();
		expect(parseTimestampedSignature('t=1700000000')).toBeUndefined();
	});

	it('provider times as ISO 8601', () => {
		expect(isoFromUnix('1711360805')).toBe('2024-03-25T10:00:05.000Z');
		expect(isoFromUnix(1711360805123)).toBe('2024-03-25T10:00:05.123Z');
		expect(isoFromUnix('')).toBeNull();
		expect(isoFromUnix('yesterday')).toBeNull();
		expect(isoFromDate('2022-10-18T12:06:29.000+02:00')).toBe('2022-10-18T10:06:29.000Z');
		expect(isoFromDate('2022-10-18 17:01:20 +0200')).toBe('2022-10-18T15:01:20.000Z');
		expect(isoFromDate('2024-12-09T13:37:04.123456Z')).toBe('2024-12-09T13:37:04.123Z');
		expect(isoFromDate('not a date')).toBeNull();
	});
});
