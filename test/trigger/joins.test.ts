import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell, CALLBELL_CHANNELS } from '../../fakes/callbell';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { nowSeconds } from '../../fakes/deliveries';
import { bitbybitDelivery } from '../../fakes/bitbybit/deliveries';
import { callbellDelivery } from '../../fakes/callbell/deliveries';
import { multiSessionDelivery } from '../../fakes/multiSession/deliveries';
import { vobizDelivery } from '../../fakes/vobiz/deliveries';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';
import { TriggerHarness } from '../harness/trigger';
import bitbybitStatus from '../fixtures/webhooks/bitbybit/message-status-updated.inferred.json';
import callbellStatus from '../fixtures/webhooks/callbell/message-status-updated.json';
import msDelivered from '../fixtures/webhooks/multiSession/message-delivered.json';
import vobizDelivered from '../fixtures/webhooks/vobiz/message-status-delivered.json';

const SECRET = 'provider-signing-secret-0123456789abcdef';

/**
 * The send node's output and the trigger's events join on one field per provider (README, Trigger):
 * Callbell and Multi-Session on `messageId`, bitbybit on either, Vobiz on `whatsappMessageId`.
 */
describe('joining a sent message to its events is one expression', () => {
	const bitbybit = new FakeBitbybit();
	const vobiz = new FakeVobiz();
	const callbell = new FakeCallbell();
	const multiSession = new FakeMultiSession();
	serveDuringSuite(bitbybit, vobiz, callbell, multiSession);

	it('bitbybit: the send outputs messageId2 as messageId and whatsappMessageId; its status events carry it', async () => {
		const sent = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'text',
				to: '6281234567890',
				text: 'Hi',
				source: 'whatsapp cloud api',
			},
			credentials: { whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url } },
		});
		const { messageId, whatsappMessageId } = sent.main[0].json;
		expect(whatsappMessageId).toBe(messageId);
		const trigger = new TriggerHarness({
			parameters: { provider: 'bitbybit', events: ['delivered'] },
			credentials: { whatsAppSendBitbybitApi: { webhookSigningSecret: SECRET } },
		});
		const status = { ...bitbybitStatus, body: { ...bitbybitStatus.body, messageId2: messageId } };
		const [event] = (await trigger.deliver(bitbybitDelivery(status, SECRET, nowSeconds())))
			.execution!;
		expect(event.json.messageId).toBe(messageId);
	});

	it('Vobiz: whatsappMessageId is null while Vobiz answers meta_message_id: null, and the wamid once it answers one', async () => {
		const channel = VOBIZ_CHANNELS[0];
		const parameters = {
			provider: 'vobiz',
			messageType: 'text',
			channel: { __rl: true, mode: 'id', value: channel.id },
			to: '+918888888888',
			text: 'Hi',
		};
		const credentials = {
			whatsAppSendVobizApi: {
				authId: vobiz.authId,
				authToken: vobiz.authToken,
				baseUrl: vobiz.url,
			},
		};
		const pending = await runNode({ parameters, credentials });
		expect(pending.main[0].json).toMatchObject({
			messageId: expect.any(String),
			whatsappMessageId: null,
		});

		vobiz.script({
			status: 201,
			body: {
				id: '9b2e1c40-0000-4000-8000-00000000abcd',
				status: 'sent',
				meta_message_id: 'wamid.JOINED',
				direction: 'outbound',
				type: 'text',
			},
		});
		const accepted = await runNode({ parameters, credentials });
		expect(accepted.main[0].json).toMatchObject({
			messageId: '9b2e1c40-0000-4000-8000-00000000abcd',
			whatsappMessageId: 'wamid.JOINED',
		});

		const trigger = new TriggerHarness({
			parameters: { provider: 'vobiz', events: ['delivered'] },
			credentials,
		});
		trigger.staticData = {
			registration: {
				provider: 'vobiz',
				url: trigger.url(),
				mode: 'subscription',
				subscriptionId: '1',
				secret: SECRET,
				events: [],
			},
		};
		const value = vobizDelivered.payload.entry[0].changes[0].value;
		const status = {
			...vobizDelivered,
			payload: { ...value, statuses: [{ ...value.statuses[0], id: 'wamid.JOINED' }] },
		};
		const [event] = (await trigger.deliver(vobizDelivery(status, SECRET))).execution!;
		expect(event.json.whatsappMessageId).toBe(accepted.main[0].json.whatsappMessageId);
	});

	it("Callbell: the send's message.uuid comes back as the status event's messageId", async () => {
		const sent = await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNELS[0].uuid },
				to: '+331122334455',
				text: 'Hi',
			},
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
		});
		expect(sent.main[0].json.whatsappMessageId).toBeNull();
		const trigger = new TriggerHarness({
			parameters: { provider: 'callbell', events: ['read'] },
			credentials: { whatsAppSendCallbellApi: { webhookSigningSecret: SECRET } },
		});
		const status = {
			...callbellStatus,
			payload: { ...callbellStatus.payload, uuid: sent.main[0].json.messageId },
		};
		const [event] = (await trigger.deliver(callbellDelivery(status, SECRET, nowSeconds())))
			.execution!;
		expect(event.json.messageId).toBe(sent.main[0].json.messageId);
	});

	it("Multi-Session: the send's data.message_id comes back in every receipt", async () => {
		const sent = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'text',
				to: '6281234567890@s.whatsapp.net',
				text: 'Hi',
			},
			credentials: {
				whatsAppSendMultiSessionApi: { baseUrl: multiSession.url, token: multiSession.token },
			},
		});
		expect(sent.main[0].json.whatsappMessageId).toBeNull();
		const trigger = new TriggerHarness({
			parameters: { provider: 'multiSession', events: ['delivered'] },
			credentials: { whatsAppSendMultiSessionApi: {} },
		});
		trigger.staticData = {
			registration: {
				provider: 'multiSession',
				url: trigger.url(),
				mode: 'subscription',
				subscriptionId: '1',
				secret: SECRET,
				events: [],
			},
		};
		const receipt = {
			...msDelivered,
			data: { ...msDelivered.data, message_id: sent.main[0].json.messageId },
		};
		const [event] = (await trigger.deliver(multiSessionDelivery(receipt, SECRET))).execution!;
		expect(event.json.messageId).toBe(sent.main[0].json.messageId);
	});
});
