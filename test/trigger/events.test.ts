import type { IDataObject } from 'n8n-workflow';

import { nowSeconds } from '../../fakes/deliveries';
import { bitbybitDelivery } from '../../fakes/bitbybit/deliveries';
import { callbellDelivery } from '../../fakes/callbell/deliveries';
import { multiSessionDelivery } from '../../fakes/multiSession/deliveries';
import { vobizDelivery } from '../../fakes/vobiz/deliveries';
import { TriggerHarness } from '../harness/trigger';
import bitbybitCustomer from '../fixtures/webhooks/bitbybit/customer-created.json';
import bitbybitFailed from '../fixtures/webhooks/bitbybit/message-status-failed.inferred.json';
import bitbybitReceived from '../fixtures/webhooks/bitbybit/message-received.inferred.json';
import bitbybitStatus from '../fixtures/webhooks/bitbybit/message-status-updated.inferred.json';
import callbellCreated from '../fixtures/webhooks/callbell/message-created.json';
import callbellFailed from '../fixtures/webhooks/callbell/message-status-failed.derived.json';
import callbellStatus from '../fixtures/webhooks/callbell/message-status-updated.json';
import banByCode from '../fixtures/webhooks/multiSession/connection-temporary-ban.code.json';
import banByDocs from '../fixtures/webhooks/multiSession/connection-temporary-ban.json';
import loggedOut from '../fixtures/webhooks/multiSession/connection-logged-out.json';
import msDelivered from '../fixtures/webhooks/multiSession/message-delivered.json';
import msPlayed from '../fixtures/webhooks/multiSession/message-played.json';
import msRead from '../fixtures/webhooks/multiSession/message-read.json';
import msReceived from '../fixtures/webhooks/multiSession/message-received.json';
import vobizFailed from '../fixtures/webhooks/vobiz/message-status-failed.derived.json';
import vobizInbound from '../fixtures/webhooks/vobiz/message-inbound.json';
import vobizDelivered from '../fixtures/webhooks/vobiz/message-status-delivered.json';

const SECRET = 'provider-signing-secret-0123456789abcdef';

/** Every field of the output shape, null unless the test says otherwise (DESIGN.md: never missing). */
function expected(fields: IDataObject): IDataObject {
	return {
		provider: null,
		event: null,
		status: null,
		messageId: null,
		whatsappMessageId: null,
		to: null,
		from: null,
		timestamp: null,
		error: null,
		text: null,
		type: null,
		metadata: null,
		raw: null,
		...fields,
	};
}

function trigger(
	provider: string,
	events: string[],
	credentials: IDataObject = {},
): TriggerHarness {
	const types: Record<string, string> = {
		bitbybit: 'whatsAppSendBitbybitApi',
		vobiz: 'whatsAppSendVobizApi',
		callbell: 'whatsAppSendCallbellApi',
		multiSession: 'whatsAppSendMultiSessionApi',
	};
	const harness = new TriggerHarness({
		parameters: { provider, events },
		credentials: { [types[provider]]: { webhookSigningSecret: SECRET, ...credentials } },
	});
	if (provider === 'vobiz' || provider === 'multiSession') {
		harness.staticData = {
			registration: {
				provider,
				url: harness.url(),
				mode: 'subscription',
				subscriptionId: '1',
				secret: SECRET,
				events: [],
			},
		};
	}
	return harness;
}

const ALL = [
	'sent',
	'delivered',
	'read',
	'failed',
	'received',
	'enqueued',
	'mismatch',
	'played',
	'connection',
];

async function outputOf(
	harness: TriggerHarness,
	delivery: Parameters<TriggerHarness['deliver']>[0],
): Promise<IDataObject[]> {
	const result = await harness.deliver(delivery);
	expect(result.status).toBe(200);
	return (result.execution ?? []).map((item) => item.json);
}

describe("events parsed from the providers' documented payloads into one shape, inside the engine", () => {
	describe('Vobiz (docs.vobiz.ai/whatsapp/webhooks/events)', () => {
		it("message.status: the wamid, the recipient, Meta's unix time as ISO", async () => {
			expect(await outputOf(trigger('vobiz', ALL), vobizDelivery(vobizDelivered, SECRET))).toEqual([
				expected({
					provider: 'vobiz',
					event: 'status',
					status: 'delivered',
					whatsappMessageId: 'wamid.HBgMOTE4ODg4ODg4ODg4FQIAERg...',
					to: '+918888888888',
					from: '+919876543210',
					timestamp: '2024-03-25T10:00:05.000Z',
					raw: vobizDelivered,
				}),
			]);
		});

		it("a failed status carries WhatsApp's error code and explanation", async () => {
			const [event] = await outputOf(trigger('vobiz', ALL), vobizDelivery(vobizFailed, SECRET));
			expect(event).toEqual(
				expected({
					provider: 'vobiz',
					event: 'status',
					status: 'failed',
					whatsappMessageId: 'wamid.HBgMOTE4ODg4ODg4ODg4FQIAERgFAILED',
					to: '+918888888888',
					from: '+919876543210',
					timestamp: '2024-03-25T10:00:06.000Z',
					error: {
						code: '131047',
						message:
							'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
					},
					raw: vobizFailed,
				}),
			);
		});

		it("message.inbound: a customer's text", async () => {
			expect(await outputOf(trigger('vobiz', ALL), vobizDelivery(vobizInbound, SECRET))).toEqual([
				expected({
					provider: 'vobiz',
					event: 'message',
					status: 'received',
					whatsappMessageId: 'wamid.HBgMOTE4ODg4ODg4ODg4FQIAEhg..',
					to: '+919876543210',
					from: '+918888888888',
					timestamp: '2024-03-25T10:00:00.000Z',
					text: 'Hi, is my order shipped?',
					type: 'text',
					raw: vobizInbound,
				}),
			]);
		});

		it('one delivery with several statuses is one execution with one item each; a bare change value is read too', async () => {
			const value = vobizDelivered.payload.entry[0].changes[0].value;
			const event = {
				...vobizDelivered,
				payload: {
					...value,
					statuses: [
						value.statuses[0],
						{ ...value.statuses[0], id: 'wamid.SECOND', status: 'read' },
					],
				},
			};
			const items = await outputOf(trigger('vobiz', ALL), vobizDelivery(event, SECRET));
			expect(items.map((item) => [item.whatsappMessageId, item.status])).toEqual([
				['wamid.HBgMOTE4ODg4ODg4ODg4FQIAERg...', 'delivered'],
				['wamid.SECOND', 'read'],
			]);
		});

		it('call events are acknowledged and start nothing', async () => {
			const harness = trigger('vobiz', ALL);
			const call = {
				...vobizDelivered,
				event_type: 'call.connect',
				payload: { object: 'whatsapp_business_account', entry: [] },
			};
			expect(await harness.deliver(vobizDelivery(call, SECRET))).toEqual({
				status: 200,
				body: { status: 'ok' },
			});
			expect(harness.executions).toHaveLength(0);
		});
	});

	describe('Callbell (callbell-public-docs, webhooks/message_events)', () => {
		it("message_status_updated: the send's uuid, WhatsApp's id and the gateway's time", async () => {
			expect(
				await outputOf(
					trigger('callbell', ALL),
					callbellDelivery(callbellStatus, SECRET, nowSeconds()),
				),
			).toEqual([
				expected({
					provider: 'callbell',
					event: 'status',
					status: 'read',
					messageId: 'adf3d1216d4c4dcd908199d6700f2381',
					whatsappMessageId: 'gBGGM2MSRxl_Aglqmg5KQXU7ABC',
					to: '+331122334455',
					timestamp: '2023-06-12T09:58:33.000Z',
					raw: callbellStatus,
				}),
			]);
		});

		it("a failed status carries the gateway's reason and the metadata echoed from the send", async () => {
			expect(
				await outputOf(
					trigger('callbell', ALL),
					callbellDelivery(callbellFailed, SECRET, nowSeconds()),
				),
			).toEqual([
				expected({
					provider: 'callbell',
					event: 'status',
					status: 'failed',
					messageId: 'adf3d1216d4c4dcd908199d6700f2399',
					to: '+331122334455',
					error: { code: '1002', message: 'Number Does Not Exists On WhatsApp' },
					metadata: { orderId: '123' },
					raw: callbellFailed,
				}),
			]);
		});

		it('message_created with status "received": a customer\'s message', async () => {
			expect(
				await outputOf(
					trigger('callbell', ALL),
					callbellDelivery(callbellCreated, SECRET, nowSeconds()),
				),
			).toEqual([
				expected({
					provider: 'callbell',
					event: 'message',
					status: 'received',
					from: '+335544332211',
					to: '+331122334455',
					timestamp: '2022-10-18T10:06:29.000Z',
					text: 'Hello',
					type: 'location',
					raw: callbellCreated,
				}),
			]);
		});

		it('message_created for a message sent to the customer (status "sent") is not a reply: nothing starts', async () => {
			const harness = trigger('callbell', ALL);
			const sent = { ...callbellCreated, payload: { ...callbellCreated.payload, status: 'sent' } };
			expect((await harness.deliver(callbellDelivery(sent, SECRET, nowSeconds()))).body).toEqual({
				status: 'ok',
			});
			expect(harness.executions).toHaveLength(0);
		});

		it("Callbell's own statuses (mismatch, enqueued) pass as themselves", async () => {
			const mismatch = {
				...callbellStatus,
				payload: { ...callbellStatus.payload, status: 'mismatch' },
			};
			const [event] = await outputOf(
				trigger('callbell', ['mismatch']),
				callbellDelivery(mismatch, SECRET, nowSeconds()),
			);
			expect(event).toMatchObject({
				event: 'status',
				status: 'mismatch',
				messageId: 'adf3d1216d4c4dcd908199d6700f2381',
			});
		});
	});

	describe('Multi-Session (docs/WEBHOOK_EVENTS.md and the code at dab7403)', () => {
		it.each([
			['delivered', msDelivered],
			['read', msRead],
			['played', msPlayed],
		])('message.%s: the id the send returned, the chat', async (status, fixture) => {
			expect(
				await outputOf(trigger('multiSession', ALL), multiSessionDelivery(fixture, SECRET)),
			).toEqual([
				expected({
					provider: 'multiSession',
					event: 'status',
					status,
					messageId: '3EB0ABC123DEF456789',
					to: '6281234567890@s.whatsapp.net',
					timestamp: '2023-12-09T13:37:04.000Z',
					raw: fixture,
				}),
			]);
		});

		it('message.received: ids only — the server never sends the text', async () => {
			expect(
				await outputOf(trigger('multiSession', ALL), multiSessionDelivery(msReceived, SECRET)),
			).toEqual([
				expected({
					provider: 'multiSession',
					event: 'message',
					status: 'received',
					messageId: '3EB0ABC123DEF456789',
					from: '6281234567890@s.whatsapp.net',
					timestamp: '2023-12-09T13:37:04.000Z',
					raw: msReceived,
				}),
			]);
		});

		it("a message this device sent from the phone (is_from_me) is not a customer's", async () => {
			const harness = trigger('multiSession', ALL);
			const own = { ...msReceived, data: { ...msReceived.data, is_from_me: true } };
			await harness.deliver(multiSessionDelivery(own, SECRET));
			expect(harness.executions).toHaveLength(0);
		});

		it('connection.logged_out', async () => {
			expect(
				await outputOf(trigger('multiSession', ALL), multiSessionDelivery(loggedOut, SECRET)),
			).toEqual([
				expected({
					provider: 'multiSession',
					event: 'connection',
					status: 'logged_out',
					timestamp: '2024-12-09T13:37:04.123Z',
					raw: loggedOut,
				}),
			]);
		});

		it('connection.temporary_ban as documented and as the code sends it', async () => {
			const [documented] = await outputOf(
				trigger('multiSession', ALL),
				multiSessionDelivery(banByDocs, SECRET),
			);
			expect(documented.error).toEqual({
				code: 'spam',
				message: 'WhatsApp temporarily banned this number until 2024-12-10T13:37:04.123456Z',
			});
			const [coded] = await outputOf(
				trigger('multiSession', ALL),
				multiSessionDelivery(banByCode, SECRET),
			);
			expect(coded).toEqual(
				expected({
					provider: 'multiSession',
					event: 'connection',
					status: 'temporary_ban',
					timestamp: '2024-12-09T13:37:04.123Z',
					error: {
						code: '101',
						message: 'WhatsApp temporarily banned this number for about 1440 minutes',
					},
					raw: banByCode,
				}),
			);
		});

		it('pairing QR codes never reach a workflow', async () => {
			const harness = trigger('multiSession', ALL);
			const qr = {
				...loggedOut,
				event_type: 'connection.qr',
				data: { jid: '', codes: ['2@abc,def'] },
			};
			await harness.deliver(multiSessionDelivery(qr, SECRET));
			expect(harness.executions).toHaveLength(0);
		});
	});

	describe('bitbybit (message bodies undocumented: inferred fixtures)', () => {
		it("message.status.updated: messageId2, the send's own id", async () => {
			expect(
				await outputOf(
					trigger('bitbybit', ALL),
					bitbybitDelivery(bitbybitStatus, SECRET, nowSeconds()),
				),
			).toEqual([
				expected({
					provider: 'bitbybit',
					event: 'status',
					status: 'delivered',
					messageId: bitbybitStatus.body.messageId2,
					whatsappMessageId: bitbybitStatus.body.messageId2,
					to: '6281234567890',
					timestamp: '2024-01-15T10:35:00.000Z',
					raw: bitbybitStatus.body,
				}),
			]);
		});

		it('a failed status with its error', async () => {
			const [event] = await outputOf(
				trigger('bitbybit', ALL),
				bitbybitDelivery(bitbybitFailed, SECRET, nowSeconds()),
			);
			expect(event.error).toEqual(bitbybitFailed.body.error);
			expect(event.status).toBe('failed');
		});

		it('message.received', async () => {
			expect(
				await outputOf(
					trigger('bitbybit', ALL),
					bitbybitDelivery(bitbybitReceived, SECRET, nowSeconds()),
				),
			).toEqual([
				expected({
					provider: 'bitbybit',
					event: 'message',
					status: 'received',
					messageId: bitbybitReceived.body.messageId2,
					whatsappMessageId: bitbybitReceived.body.messageId2,
					from: '6281234567890',
					timestamp: '2024-01-15T10:40:00.000Z',
					text: 'Yes, please deliver tomorrow',
					type: 'text',
					raw: bitbybitReceived.body,
				}),
			]);
		});

		it('a documented non-message event (customer.created) is acknowledged and starts nothing', async () => {
			const harness = trigger('bitbybit', ALL);
			expect(
				await harness.deliver(bitbybitDelivery(bitbybitCustomer, SECRET, nowSeconds())),
			).toEqual({ status: 200, body: { status: 'ok' } });
			expect(harness.executions).toHaveLength(0);
		});
	});
});
