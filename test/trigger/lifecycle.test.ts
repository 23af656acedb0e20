import { FakeCallbell } from '../../fakes/callbell';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { startServer } from '../../fakes/server';
import { nowSeconds } from '../../fakes/deliveries';
import { callbellDelivery } from '../../fakes/callbell/deliveries';
import { serveDuringSuite } from '../harness/fakes';
import { capturedLog, TriggerHarness } from '../harness/trigger';
import statusFixture from '../fixtures/webhooks/vobiz/message-status-delivered.json';
import deliveredFixture from '../fixtures/webhooks/multiSession/message-delivered.json';
import callbellStatus from '../fixtures/webhooks/callbell/message-status-updated.json';

const CALLBELL_SECRET = 'whsec_callbell_signing_secret_123';

describe('trigger registration as each provider allows (lifecycle inside n8n-core HookContext)', () => {
	const vobiz = new FakeVobiz();
	const multiSession = new FakeMultiSession();
	const callbell = new FakeCallbell();
	serveDuringSuite(vobiz, multiSession, callbell);

	const requestsSince = (
		fake: { requests: Array<{ method: string; path: string }> },
		before: number,
	) => fake.requests.slice(before).map((request) => `${request.method} ${request.path}`);

	describe('Vobiz: automatic, with a secret the node makes', () => {
		const harness = () =>
			new TriggerHarness({
				parameters: {
					provider: 'vobiz',
					events: ['delivered', 'failed', 'read', 'received', 'sent'],
				},
				credentials: {
					whatsAppSendVobizApi: {
						authId: vobiz.authId,
						authToken: vobiz.authToken,
						baseUrl: vobiz.url,
					},
				},
			});

		afterEach(() => vobiz.webhooks.subscriptions.splice(0));

		it('activation subscribes the production URL with a fresh secret, kept only in static data', async () => {
			const trigger = harness();
			const before = vobiz.requests.length;
			await trigger.activate();
			expect(requestsSince(vobiz, before)).toEqual([
				'GET /api/v1/messaging/webhooks',
				'GET /api/v1/messaging/webhooks',
				'POST /api/v1/messaging/webhooks',
			]);
			const post = vobiz.requests[vobiz.requests.length - 1];
			expect(post.json).toEqual({
				url: trigger.url(),
				secret: expect.stringMatching(/^[0-9a-f]{64}$/),
			});
			expect(vobiz.webhooks.subscriptions).toHaveLength(1);
			const [subscription] = vobiz.webhooks.subscriptions;
			expect(trigger.staticData.registration).toEqual({
				provider: 'vobiz',
				url: trigger.url(),
				mode: 'subscription',
				subscriptionId: subscription.id,
				secret: subscription.secret,
				events: [],
			});

			// A delivery signed by Vobiz with that secret starts one execution.
			const result = await trigger.deliver(vobiz.webhooks.deliveryTo(trigger.url(), statusFixture));
			expect(result.status).toBe(200);
			expect(result.execution).toHaveLength(1);
		});

		it('an active trigger is re-checked with one request and left alone', async () => {
			const trigger = harness();
			await trigger.activate();
			const before = vobiz.requests.length;
			expect(await trigger.checkExists()).toBe(true);
			expect(requestsSince(vobiz, before)).toEqual(['GET /api/v1/messaging/webhooks']);
		});

		it('repairs a subscription left at an old URL (a new tunnel): the old one goes, a new one comes', async () => {
			const trigger = harness();
			await trigger.activate();
			const [old] = vobiz.webhooks.subscriptions;
			trigger.webhookBaseUrl = 'https://new-tunnel.example.test/webhook';
			await trigger.recheck();
			expect(vobiz.webhooks.subscriptions.map((subscription) => subscription.url)).toEqual([
				trigger.url(),
			]);
			expect(vobiz.webhooks.subscriptions[0].id).not.toBe(old.id);
			expect(trigger.staticData.registration).toMatchObject({
				url: trigger.url(),
				subscriptionId: vobiz.webhooks.subscriptions[0].id,
			});
		});

		it('repairs a subscription whose secret was lost: it cannot be verified, so it is replaced', async () => {
			const trigger = harness();
			await trigger.activate();
			const [old] = vobiz.webhooks.subscriptions;
			trigger.staticData = {};
			await trigger.recheck();
			expect(vobiz.webhooks.subscriptions).toHaveLength(1);
			expect(vobiz.webhooks.subscriptions[0].id).not.toBe(old.id);
			expect(trigger.staticData.registration).toMatchObject({
				secret: vobiz.webhooks.subscriptions[0].secret,
			});
		});

		it("leaves other systems' subscriptions alone, and deactivation removes only its own", async () => {
			const foreign = vobiz.webhooks.addForeign('https://crm.example.com/vobiz');
			const trigger = harness();
			await trigger.activate();
			expect(vobiz.webhooks.subscriptions).toHaveLength(2);
			await trigger.deactivate();
			expect(vobiz.webhooks.subscriptions).toEqual([foreign]);
			expect(trigger.staticData.registration).toBeUndefined();
		});

		it('test listening subscribes the test URL and removes it afterwards, leaving production untouched', async () => {
			const trigger = harness();
			await trigger.activate();
			const production = { ...vobiz.webhooks.subscriptions[0] };
			await trigger.listenForTest();
			expect(vobiz.webhooks.subscriptions.map((subscription) => subscription.url).sort()).toEqual(
				[trigger.url(), trigger.url(true)].sort(),
			);
			const test = await trigger.deliver(
				vobiz.webhooks.deliveryTo(trigger.url(true), statusFixture),
				{ test: true },
			);
			expect(test.execution).toHaveLength(1);
			await trigger.stopListening();
			expect(vobiz.webhooks.subscriptions).toEqual([production]);
			expect(trigger.staticData.registration).toMatchObject({ subscriptionId: production.id });
		});

		it('narrows events to a channel: the channel id is resolved to its business number when activated', async () => {
			const channel = VOBIZ_CHANNELS[0];
			const trigger = new TriggerHarness({
				parameters: {
					provider: 'vobiz',
					events: ['delivered'],
					options: { channel: { __rl: true, mode: 'id', value: channel.id } },
				},
				credentials: {
					whatsAppSendVobizApi: {
						authId: vobiz.authId,
						authToken: vobiz.authToken,
						baseUrl: vobiz.url,
					},
				},
			});
			await trigger.activate();
			expect(trigger.staticData.registration).toMatchObject({
				channel: {
					id: channel.id,
					phoneNumberId: channel.phone_number_id,
					phoneNumber: channel.phone_number,
				},
			});
		});

		it('refuses an unknown channel before subscribing', async () => {
			const trigger = new TriggerHarness({
				parameters: {
					provider: 'vobiz',
					events: ['delivered'],
					options: { channel: { __rl: true, mode: 'id', value: 'no-such-channel' } },
				},
				credentials: {
					whatsAppSendVobizApi: {
						authId: vobiz.authId,
						authToken: vobiz.authToken,
						baseUrl: vobiz.url,
					},
				},
			});
			await expect(trigger.activate()).rejects.toThrow(
				'Channel: no WhatsApp channel with id "no-such-channel"',
			);
			expect(vobiz.webhooks.subscriptions).toHaveLength(0);
		});

		it('refuses a localhost or plain-http URL that Vobiz would never deliver to, before any request', async () => {
			for (const base of [
				'http://localhost:5678/webhook',
				'http://n8n.example.test/webhook',
				'https://192.168.1.20/webhook',
			]) {
				const trigger = new TriggerHarness({
					parameters: { provider: 'vobiz', events: ['delivered'] },
					credentials: {
						whatsAppSendVobizApi: {
							authId: vobiz.authId,
							authToken: vobiz.authToken,
							baseUrl: 'https://api.vobiz.ai',
						},
					},
					webhookBaseUrl: base,
				});
				const error = await trigger
					.activate()
					.catch((caught: Error & { description?: string }) => caught);
				expect(error).toBeInstanceOf(Error);
				expect((error as Error).message).toBe(
					"This trigger's webhook URL cannot be registered with Vobiz",
				);
				expect((error as { description?: string }).description).toContain('WEBHOOK_URL');
			}
		});

		it('registers a local URL when the credential points at a server on this machine (the sandbox)', async () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'vobiz', events: ['delivered'] },
				credentials: {
					whatsAppSendVobizApi: {
						authId: vobiz.authId,
						authToken: vobiz.authToken,
						baseUrl: vobiz.url,
					},
				},
				webhookBaseUrl: 'http://localhost:5678/webhook',
			});
			// The real Vobiz takes HTTPS endpoints only, and so does its fake: the sandbox is what accepts local ones.
			await expect(trigger.activate()).rejects.toThrow(
				'Vobiz refused to create the webhook (HTTP 400): url must be an HTTPS endpoint [VALIDATION_ERROR]',
			);
		});
	});

	describe('Multi-Session: automatic, with the secret the server makes', () => {
		const credentials = () => ({
			whatsAppSendMultiSessionApi: { baseUrl: multiSession.url, token: multiSession.token },
		});
		const harness = (events: string[] = ['delivered', 'read', 'received', 'connection']) =>
			new TriggerHarness({
				parameters: { provider: 'multiSession', events },
				credentials: credentials(),
			});

		afterEach(() => {
			multiSession.webhooks.webhooks.splice(0);
			multiSession.webhooks.maxPerDevice = undefined;
		});

		it('activation registers the URL for exactly the chosen events and keeps the returned secret', async () => {
			const trigger = harness(['delivered', 'received']);
			const before = multiSession.requests.length;
			await trigger.activate();
			expect(requestsSince(multiSession, before)).toEqual([
				'GET /webhooks',
				'GET /webhooks',
				'POST /webhooks',
			]);
			expect(multiSession.requests[multiSession.requests.length - 1].json).toEqual({
				url: trigger.url(),
				events: ['message.delivered', 'message.received'],
			});
			const [webhook] = multiSession.webhooks.webhooks;
			expect(trigger.staticData.registration).toEqual({
				provider: 'multiSession',
				url: trigger.url(),
				mode: 'subscription',
				subscriptionId: String(webhook.ID),
				secret: webhook.Secret,
				events: ['message.delivered', 'message.received'],
			});
			const [{ delivery }] = multiSession.webhooks.dispatch(deliveredFixture);
			expect((await trigger.deliver(delivery)).execution).toHaveLength(1);
		});

		it('repairs lost static data by adopting its own webhook: the server lists the secret again', async () => {
			const trigger = harness();
			await trigger.activate();
			const [webhook] = multiSession.webhooks.webhooks;
			trigger.staticData = {};
			const before = multiSession.requests.length;
			await trigger.recheck();
			expect(requestsSince(multiSession, before)).toEqual(['GET /webhooks']);
			expect(multiSession.webhooks.webhooks).toEqual([webhook]);
			expect(trigger.staticData.registration).toMatchObject({
				subscriptionId: String(webhook.ID),
				secret: webhook.Secret,
			});
		});

		it('re-registers when the chosen events changed', async () => {
			const trigger = harness(['delivered']);
			await trigger.activate();
			trigger.setParameters({ provider: 'multiSession', events: ['delivered', 'connection'] });
			await trigger.recheck();
			expect(multiSession.webhooks.webhooks).toHaveLength(1);
			expect(multiSession.webhooks.webhooks[0].Events).toContain('connection.logged_out');
			expect(multiSession.webhooks.webhooks[0].Events).not.toContain('connection.qr');
		});

		it("never touches the device's other webhooks, and deactivation removes only its own", async () => {
			const others = [1, 2, 3, 4].map((n) =>
				multiSession.webhooks.addForeign(`https://crm${n}.example.com/hook`),
			);
			const trigger = harness();
			await trigger.activate();
			expect(multiSession.webhooks.webhooks).toHaveLength(5);
			await trigger.deactivate();
			expect(multiSession.webhooks.webhooks).toEqual(others);
		});

		it("with 5 webhooks on the device already, activation fails with the server's own refusal and a hint", async () => {
			[1, 2, 3, 4, 5].forEach((n) =>
				multiSession.webhooks.addForeign(`https://crm${n}.example.com/hook`),
			);
			multiSession.webhooks.maxPerDevice = 5;
			const trigger = harness();
			const error = (await trigger.activate().catch((caught: unknown) => caught)) as Error & {
				description?: string;
			};
			expect(error.message).toBe(
				'The Multi-Session server refused to create the webhook (HTTP 500): maximum of 5 webhooks per device reached [500]',
			);
			expect(error.description).toContain('WEBHOOK_MAX_PER_DEVICE');
			expect(multiSession.webhooks.webhooks).toHaveLength(5);
			expect(trigger.staticData.registration).toBeUndefined();
		});

		it('refuses URLs the server accepts but never delivers to (http, private addresses), saying why', async () => {
			for (const base of [
				'http://n8n.example.test/webhook',
				'https://10.0.0.5/webhook',
				'https://localhost:5678/webhook',
			]) {
				const trigger = new TriggerHarness({
					parameters: { provider: 'multiSession', events: ['delivered'] },
					credentials: {
						whatsAppSendMultiSessionApi: {
							baseUrl: 'https://wa.example.test',
							token: multiSession.token,
						},
					},
					webhookBaseUrl: base,
				});
				const before = multiSession.requests.length;
				const error = (await trigger.activate().catch((caught: unknown) => caught)) as Error & {
					description?: string;
				};
				expect(error.message).toBe(
					"This trigger's webhook URL cannot be registered with The Multi-Session server",
				);
				expect(error.description).toMatch(/drops other deliveries without an error/);
				expect(error.description).toContain('WEBHOOK_URL');
				expect(multiSession.requests.length).toBe(before);
			}
		});

		it('the server really drops deliveries to such a URL (why the node refuses it)', async () => {
			multiSession.webhooks.addForeign('http://n8n.example.test/webhook/x/webhook');
			expect(multiSession.webhooks.dispatch(deliveredFixture)).toEqual([]);
			expect(multiSession.webhooks.dropped).toContain('http://n8n.example.test/webhook/x/webhook');
		});

		it('registers a local address when the credential points at a server on this machine, and logs what a real server would do', async () => {
			capturedLog.clear();
			const trigger = new TriggerHarness({
				parameters: { provider: 'multiSession', events: ['delivered'] },
				credentials: credentials(),
				webhookBaseUrl: 'http://localhost:5678/webhook',
			});
			await trigger.activate();
			expect(multiSession.webhooks.webhooks.map((webhook) => webhook.URL)).toEqual([trigger.url()]);
			expect(capturedLog.messages('warn')).toEqual([
				expect.stringContaining(
					`registering ${trigger.url()} because the credential's Base URL is on this machine`,
				),
			]);
			expect(capturedLog.messages('warn')[0]).toContain('drops other deliveries without an error');
		});

		it('refuses events the server never sends instead of subscribing to everything', async () => {
			const trigger = harness(['sent', 'failed']);
			await expect(trigger.activate()).rejects.toThrow(
				'None of the chosen events is one The Multi-Session server sends',
			);
			expect(multiSession.webhooks.webhooks).toHaveLength(0);
		});
	});

	describe('Callbell: one webhook per account, never overwritten unless asked', () => {
		const credentials = (secret: string | undefined = CALLBELL_SECRET) => ({
			whatsAppSendCallbellApi: {
				apiKey: callbell.apiKey,
				baseUrl: callbell.url,
				...(secret ? { webhookSigningSecret: secret } : {}),
			},
		});
		const crm = {
			url: 'https://crm.example.com/callbell',
			subscriptions: ['message_created'],
			createdAt: '2022-01-01 10:00:00 +0100',
			enabled: true,
		};

		beforeEach(() => {
			callbell.webhooks.current = { ...crm };
		});

		it('by default registers nothing: another system keeps its webhook, the URL is pasted by hand', async () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'callbell', events: ['delivered', 'received'] },
				credentials: credentials(),
			});
			const before = callbell.requests.length;
			await trigger.activate();
			await trigger.deactivate();
			expect(callbell.requests.length).toBe(before);
			expect(callbell.webhooks.current).toEqual(crm);
		});

		it('with Overwrite Existing Webhook it subscribes its URL for the chosen events, and removes it on deactivation', async () => {
			const trigger = new TriggerHarness({
				parameters: {
					provider: 'callbell',
					events: ['delivered', 'failed', 'received'],
					options: { overwriteWebhook: true },
				},
				credentials: credentials(),
			});
			const before = callbell.requests.length;
			await trigger.activate();
			expect(requestsSince(callbell, before)).toEqual(['POST /webhooks/subscribe']);
			expect(callbell.requests[callbell.requests.length - 1].json).toEqual({
				url: trigger.url(),
				subscriptions: ['message_created', 'message_status_updated'],
			});
			expect(callbell.webhooks.current?.url).toBe(trigger.url());
			expect(await trigger.checkExists()).toBe(true);
			await trigger.deactivate();
			expect(callbell.webhooks.current).toBeUndefined();
		});

		it('"Listen for test event" does not take the account\'s webhook from production', async () => {
			const trigger = new TriggerHarness({
				parameters: {
					provider: 'callbell',
					events: ['delivered'],
					options: { overwriteWebhook: true },
				},
				credentials: credentials(),
			});
			await trigger.activate();
			const before = callbell.requests.length;
			await expect(trigger.listenForTest()).rejects.toThrow(
				"Listening for a test event would replace the Callbell account's webhook",
			);
			expect(callbell.requests.length).toBe(before);
			expect(callbell.webhooks.current?.url).toBe(trigger.url());
		});

		it('test listening with manual registration registers nothing and verifies test deliveries', async () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'callbell', events: ['read'] },
				credentials: credentials(),
			});
			await trigger.listenForTest();
			const result = await trigger.deliver(
				callbellDelivery(callbellStatus, CALLBELL_SECRET, nowSeconds()),
				{ test: true },
			);
			expect(result.execution).toHaveLength(1);
			await trigger.stopListening();
			expect(callbell.webhooks.current).toEqual(crm);
		});

		it('refuses to activate without a signing secret, unless unsigned events are explicitly accepted', async () => {
			const refused = new TriggerHarness({
				parameters: { provider: 'callbell', events: ['read'] },
				credentials: credentials(''),
			});
			const error = (await refused.activate().catch((caught: unknown) => caught)) as Error & {
				description?: string;
			};
			expect(error.message).toBe('The Callbell credential has no Webhook Signing Secret');
			expect(error.description).toContain('Accept Unsigned Events');
			const accepted = new TriggerHarness({
				parameters: {
					provider: 'callbell',
					events: ['read'],
					options: { acceptUnsignedEvents: true },
				},
				credentials: credentials(''),
			});
			await expect(accepted.activate()).resolves.toBeUndefined();
		});

		it('refuses a localhost URL, which Callbell does not support', async () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'callbell', events: ['read'], options: { overwriteWebhook: true } },
				credentials: {
					whatsAppSendCallbellApi: {
						apiKey: callbell.apiKey,
						baseUrl: 'https://api.callbell.eu/v1',
						webhookSigningSecret: CALLBELL_SECRET,
					},
				},
				webhookBaseUrl: 'http://localhost:5678/webhook',
			});
			await expect(trigger.activate()).rejects.toThrow(
				"This trigger's webhook URL cannot be registered with Callbell",
			);
			expect(callbell.webhooks.current).toEqual(crm);
		});

		it('accepts plain http, which Callbell documents', async () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'callbell', events: ['read'], options: { overwriteWebhook: true } },
				credentials: credentials(),
				webhookBaseUrl: 'http://n8n.example.test/webhook',
			});
			await trigger.activate();
			expect(callbell.webhooks.current?.url).toBe(trigger.url());
		});
	});

	describe('bitbybit: manual, with the signing secret in the credential', () => {
		it('activates without any request when the signing secret is in the credential', async () => {
			const trigger = new TriggerHarness({
				parameters: { provider: 'bitbybit', events: ['delivered'] },
				credentials: {
					whatsAppSendBitbybitApi: {
						apiKey: 'bbb_live_key',
						baseUrl: 'https://api.bitbybit.studio/whatsapp/open/v1',
						webhookSigningSecret: 'bbb-signing-secret',
					},
				},
			});
			await trigger.activate();
			expect(trigger.staticData.registration).toEqual({
				provider: 'bitbybit',
				url: trigger.url(),
				mode: 'manual',
			});
			expect(await trigger.checkExists()).toBe(true);
		});

		it('refuses to activate without the signing secret, and refuses a plain-http URL', async () => {
			const missing = new TriggerHarness({
				parameters: { provider: 'bitbybit', events: ['delivered'] },
				credentials: {
					whatsAppSendBitbybitApi: {
						apiKey: 'bbb_live_key',
						baseUrl: 'https://api.bitbybit.studio/whatsapp/open/v1',
					},
				},
			});
			await expect(missing.activate()).rejects.toThrow(
				'The bitbybit credential has no Webhook Signing Secret',
			);
			const http = new TriggerHarness({
				parameters: { provider: 'bitbybit', events: ['delivered'] },
				credentials: {
					whatsAppSendBitbybitApi: {
						apiKey: 'bbb_live_key',
						baseUrl: 'https://api.bitbybit.studio/whatsapp/open/v1',
						webhookSigningSecret: 's',
					},
				},
				webhookBaseUrl: 'http://n8n.example.test/webhook',
			});
			const error = (await http.activate().catch((caught: unknown) => caught)) as Error & {
				description?: string;
			};
			expect(error.description).toMatch(/^bitbybit delivers only to https:\/\/ addresses/);
		});
	});

	it("a provider's refusal is shown in its own words, with the token and the new signing secret masked", async () => {
		const token = 'vobiz-token-echoed-back-123';
		let sentSecret = '';
		const echo = await startServer((request) => {
			if (request.method === 'GET') return { status: 200, body: { items: [] } };
			sentSecret = String((request.json as { secret?: string }).secret);
			return {
				status: 422,
				body: {
					error: {
						code: 'VALIDATION_ERROR',
						message: `rejected secret ${sentSecret} for token ${String(request.headers['x-auth-token'])}`,
					},
				},
			};
		});
		try {
			const trigger = new TriggerHarness({
				parameters: { provider: 'vobiz', events: ['delivered'] },
				credentials: {
					whatsAppSendVobizApi: { authId: 'MA_X', authToken: token, baseUrl: echo.url },
				},
			});
			const error = (await trigger.activate().catch((caught: unknown) => caught)) as Error;
			expect(error.message).toBe(
				'Vobiz refused to create the webhook (HTTP 422): rejected secret *** for token *** [VALIDATION_ERROR]',
			);
			expect(sentSecret).toMatch(/^[0-9a-f]{64}$/);
			expect(trigger.staticData.registration).toBeUndefined();
		} finally {
			await echo.close();
		}
	});

	it("a provider that does not answer fails the activation in the node's words, with what to check", async () => {
		// A port that was just closed: nothing listens there.
		const gone = await startServer(() => ({ status: 200 }));
		const baseUrl = gone.url;
		await gone.close();
		const trigger = new TriggerHarness({
			parameters: { provider: 'vobiz', events: ['delivered'] },
			credentials: {
				whatsAppSendVobizApi: { authId: 'MA_X', authToken: 'vobiz-token-SECRET-4711', baseUrl },
			},
		});
		const error = (await trigger.activate().catch((caught: unknown) => caught)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(
			/^Could not connect to Vobiz: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
		);
		expect(error.description).toBe(
			`Nothing answered at ${baseUrl}: check the credential's Base URL and that the service is running.`,
		);
		expect(trigger.staticData.registration).toBeUndefined();
	});

	it('no lifecycle message ever carries a secret', () => {
		const text = capturedLog.messages().join('\n');
		for (const secret of [vobiz.authToken, multiSession.token, callbell.apiKey, CALLBELL_SECRET])
			expect(text).not.toContain(secret);
	});
});
