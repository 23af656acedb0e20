import type { IDataObject } from 'n8n-workflow';

import { nowSeconds, tamper } from '../../fakes/deliveries';
import { bitbybitDelivery } from '../../fakes/bitbybit/deliveries';
import { callbellDelivery } from '../../fakes/callbell/deliveries';
import { multiSessionDelivery } from '../../fakes/multiSession/deliveries';
import { vobizDelivery } from '../../fakes/vobiz/deliveries';
import type { Delivery } from '../../fakes/deliveries';
import { capturedLog, TriggerHarness } from '../harness/trigger';
import bitbybitStatus from '../fixtures/webhooks/bitbybit/message-status-updated.inferred.json';
import callbellStatus from '../fixtures/webhooks/callbell/message-status-updated.json';
import multiSessionDelivered from '../fixtures/webhooks/multiSession/message-delivered.json';
import vobizStatus from '../fixtures/webhooks/vobiz/message-status-delivered.json';

const BITBYBIT_SECRET = 'bbb_whsec_signing_secret_0123456789';
const CALLBELL_SECRET = 'whsec_callbell_signing_secret_0123456789';
const VOBIZ_SECRET = 'a'.repeat(24) + '0123456789abcdef0123456789abcdef0123456789';
const MULTI_SESSION_SECRET = '3c1b7f0e8a9d4c2b6e5f1a0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b';
const ALL_SECRETS = [BITBYBIT_SECRET, CALLBELL_SECRET, VOBIZ_SECRET, MULTI_SESSION_SECRET];

function registered(provider: string, secret: string, url: string): IDataObject {
	return {
		registration: { provider, url, mode: 'subscription', subscriptionId: '1', secret, events: [] },
	};
}

interface Case {
	name: string;
	trigger: () => TriggerHarness;
	sign: (secret: string, unixSeconds: number) => Delivery;
	secret: string;
	header: string;
	timestamped: boolean;
}

const cases: Case[] = [
	{
		name: 'bitbybit',
		trigger: () =>
			new TriggerHarness({
				parameters: { provider: 'bitbybit', events: ['delivered'] },
				credentials: {
					whatsAppSendBitbybitApi: {
						apiKey: 'bbb_live_key',
						webhookSigningSecret: BITBYBIT_SECRET,
					},
				},
			}),
		sign: (secret, t) => bitbybitDelivery(bitbybitStatus, secret, t),
		secret: BITBYBIT_SECRET,
		header: 'x-bitbybit-webhook-signature',
		timestamped: true,
	},
	{
		name: 'Callbell',
		trigger: () =>
			new TriggerHarness({
				parameters: { provider: 'callbell', events: ['read'] },
				credentials: {
					whatsAppSendCallbellApi: {
						apiKey: 'cb_key_0123456789',
						webhookSigningSecret: CALLBELL_SECRET,
					},
				},
			}),
		sign: (secret, t) => callbellDelivery(callbellStatus, secret, t),
		secret: CALLBELL_SECRET,
		header: 'x-callbell-signature',
		timestamped: true,
	},
	{
		name: 'Vobiz',
		trigger: () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'vobiz', events: ['delivered'] },
				credentials: {
					whatsAppSendVobizApi: { authId: 'MA_X', authToken: 'vobiz-token-0123456789' },
				},
			});
			trigger.staticData = registered('vobiz', VOBIZ_SECRET, trigger.url());
			return trigger;
		},
		sign: (secret) => vobizDelivery(vobizStatus, secret),
		secret: VOBIZ_SECRET,
		header: 'x-webhook-signature',
		timestamped: false,
	},
	{
		name: 'Multi-Session',
		trigger: () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'multiSession', events: ['delivered'] },
				credentials: {
					whatsAppSendMultiSessionApi: {
						baseUrl: 'https://wa.example.test',
						token: 'device-token-0123456789',
					},
				},
			});
			trigger.staticData = registered('multiSession', MULTI_SESSION_SECRET, trigger.url());
			return trigger;
		},
		sign: (secret) => multiSessionDelivery(multiSessionDelivered, secret),
		secret: MULTI_SESSION_SECRET,
		header: 'x-webhook-signature',
		timestamped: false,
	},
];

describe.each(cases)(
	'$name signature verification, fail closed (webhook() inside n8n-core WebhookContext)',
	(c) => {
		beforeEach(() => capturedLog.clear());

		const refused = async (delivery: Delivery, reason: RegExp) => {
			const trigger = c.trigger();
			const result = await trigger.deliver(delivery);
			expect(result.status).toBe(401);
			expect(result.execution).toBeUndefined();
			expect(trigger.executions).toHaveLength(0);
			const warnings = capturedLog.messages('warn');
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(
				/^WhatsApp Send Trigger "WhatsApp Send Trigger" refused a delivery \(401\): /,
			);
			expect(warnings[0]).toMatch(reason);
			for (const secret of ALL_SECRETS)
				expect(JSON.stringify(capturedLog.lines)).not.toContain(secret);
			expect(JSON.stringify(result.body)).not.toMatch(/signature|secret/i);
		};

		it('a genuine delivery starts one execution', async () => {
			const trigger = c.trigger();
			const result = await trigger.deliver(c.sign(c.secret, nowSeconds()));
			expect(result.status).toBe(200);
			expect(result.execution).toHaveLength(1);
			expect(capturedLog.messages('warn')).toEqual([]);
		});

		it('a signature made with another secret is refused', async () => {
			await refused(c.sign('not-the-secret', nowSeconds()), /signature does not match the body/);
		});

		it('a delivery without the signature header is refused', async () => {
			const delivery = c.sign(c.secret, nowSeconds());
			const headers = { ...delivery.headers };
			delete headers[c.header];
			delete headers['x-hub-signature-256'];
			await refused({ headers, body: delivery.body }, /has no .*Signature/);
		});

		it('a body changed by one byte is refused', async () => {
			await refused(tamper(c.sign(c.secret, nowSeconds())), /signature does not match the body/);
		});

		it('a garbled signature header is refused', async () => {
			const delivery = c.sign(c.secret, nowSeconds());
			await refused(
				{ headers: { ...delivery.headers, [c.header]: 'sha256=zz,t=abc' }, body: delivery.body },
				/not of the form|does not match/,
			);
		});

		if (c.timestamped) {
			it('a signature older than 5 minutes is refused (a replay), and one just inside the window is not', async () => {
				await refused(
					c.sign(c.secret, nowSeconds() - 310),
					/more than 5 minutes from this server's clock/,
				);
				capturedLog.clear();
				await refused(c.sign(c.secret, nowSeconds() + 310), /more than 5 minutes/);
				const inside = await c.trigger().deliver(c.sign(c.secret, nowSeconds() - 290));
				expect(inside.execution).toHaveLength(1);
			});

			it('the timestamp is part of what is signed: moving it breaks the signature', async () => {
				const delivery = c.sign(c.secret, nowSeconds() - 10);
				const moved = delivery.headers[c.header].replace(
					/t=(\d+)/,
					(_, t: string) => `t=${Number(t) + 5}`,
				);
				await refused(
					{ headers: { ...delivery.headers, [c.header]: moved }, body: delivery.body },
					/signature does not match the body/,
				);
			});
		}
	},
);

describe('verification details by provider', () => {
	beforeEach(() => capturedLog.clear());

	it('Multi-Session: the GitHub-style X-Hub-Signature-256 alone is enough', async () => {
		const trigger = cases[3].trigger();
		const delivery = multiSessionDelivery(multiSessionDelivered, MULTI_SESSION_SECRET);
		const headers = { ...delivery.headers };
		delete headers['x-webhook-signature'];
		expect((await trigger.deliver({ headers, body: delivery.body })).execution).toHaveLength(1);
	});

	it('Multi-Session: the signature is checked over the raw bytes, which Go escapes (re-serialised JSON would not match)', async () => {
		const trigger = new TriggerHarness({
			parameters: { provider: 'multiSession', events: ['connection'] },
			credentials: {
				whatsAppSendMultiSessionApi: {
					baseUrl: 'https://wa.example.test',
					token: 'device-token-0123456789',
				},
			},
		});
		trigger.staticData = registered('multiSession', MULTI_SESSION_SECRET, trigger.url());
		const event = {
			event_type: 'connection.connect_failure',
			device_id: 'abc123def456-ghi789',
			timestamp: '2024-12-09T13:37:04.123456Z',
			data: { jid: '6281234567890', reason: 405, message: 'client <outdated> & refused' },
		};
		const delivery = multiSessionDelivery(event, MULTI_SESSION_SECRET);
		expect(delivery.body.toString()).toContain('\\u003coutdated\\u003e \\u0026 refused');
		const result = await trigger.deliver(delivery);
		expect(result.execution?.[0].json.error).toEqual({
			code: '405',
			message: 'client <outdated> & refused',
		});
	});

	it('Callbell: the signature covers Rails-escaped bytes as sent', async () => {
		const trigger = cases[1].trigger();
		const event = {
			...callbellStatus,
			payload: { ...callbellStatus.payload, metadata: { note: 'a <b> & c' } },
		};
		const delivery = callbellDelivery(event, CALLBELL_SECRET, nowSeconds());
		expect(delivery.body.toString()).toContain('\\u003cb\\u003e \\u0026 c');
		expect((await trigger.deliver(delivery)).execution?.[0].json.metadata).toEqual({
			note: 'a <b> & c',
		});
	});

	it("Vobiz: a digest written after sha256=, as Vobiz's own trigger tolerates, is accepted", async () => {
		const trigger = cases[2].trigger();
		const delivery = vobizDelivery(vobizStatus, VOBIZ_SECRET);
		const headers = {
			...delivery.headers,
			'x-webhook-signature': `sha256=${delivery.headers['x-webhook-signature']}`,
		};
		expect((await trigger.deliver({ headers, body: delivery.body })).execution).toHaveLength(1);
	});

	it('Vobiz and Multi-Session refuse everything while no subscription secret is stored', async () => {
		for (const c of [cases[2], cases[3]]) {
			const trigger = c.trigger();
			trigger.staticData = {};
			const result = await trigger.deliver(c.sign(c.secret, nowSeconds()));
			expect(result.status).toBe(401);
		}
		expect(capturedLog.messages('warn')).toEqual([
			expect.stringContaining('no signing secret is stored for this trigger'),
			expect.stringContaining('no signing secret is stored for this trigger'),
		]);
	});

	it('bitbybit refuses everything while the credential has no signing secret', async () => {
		const trigger = new TriggerHarness({
			parameters: { provider: 'bitbybit', events: ['delivered'] },
			credentials: { whatsAppSendBitbybitApi: { apiKey: 'bbb_live_key' } },
		});
		const result = await trigger.deliver(
			bitbybitDelivery(bitbybitStatus, BITBYBIT_SECRET, nowSeconds()),
		);
		expect(result.status).toBe(401);
		expect(capturedLog.messages('warn')[0]).toContain(
			'the credential has no Webhook Signing Secret',
		);
	});

	describe('Callbell without a signing secret', () => {
		const trigger = (options: Record<string, boolean>, secret = '') =>
			new TriggerHarness({
				parameters: { provider: 'callbell', events: ['read'], options },
				credentials: {
					whatsAppSendCallbellApi: { apiKey: 'cb_key_0123456789', webhookSigningSecret: secret },
				},
			});

		it('refuses unsigned events by default', async () => {
			const result = await trigger({}).deliver(
				callbellDelivery(callbellStatus, undefined, nowSeconds()),
			);
			expect(result.status).toBe(401);
			expect(capturedLog.messages('warn')[0]).toContain(
				'the credential has no Webhook Signing Secret',
			);
		});

		it('accepts them only when "Accept Unsigned Events" is on', async () => {
			const result = await trigger({ acceptUnsignedEvents: true }).deliver(
				callbellDelivery(callbellStatus, undefined, nowSeconds()),
			);
			expect(result.execution).toHaveLength(1);
		});

		it('with a secret in the credential, an unsigned event is refused even with that option on', async () => {
			const result = await trigger({ acceptUnsignedEvents: true }, CALLBELL_SECRET).deliver(
				callbellDelivery(callbellStatus, undefined, nowSeconds()),
			);
			expect(result.status).toBe(401);
		});
	});

	it('a connection check (GET) is answered {"status":"ok"} and starts nothing', async () => {
		const trigger = cases[1].trigger();
		const result = await trigger.deliver({ headers: {}, body: '' }, { method: 'GET' });
		expect(result).toEqual({ status: 200, body: { status: 'ok' } });
		expect(trigger.executions).toHaveLength(0);
	});
});
