import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DESIGNATED_RECIPIENTS } from '../../dev/sandbox/events/recipients';
import { SANDBOX_SIGNING_SECRETS } from '../../dev/sandbox/events/webhooks';
import type { NodeProviderId } from '../../dev/sandbox/providers';
import { Sandbox } from '../../dev/sandbox/server';
import { tamper } from '../../fakes/deliveries';
import { startServer } from '../../fakes/server';
import type { RunningServer } from '../../fakes/server';
import { runNode } from '../harness/engine';
import { TriggerHarness } from '../harness/trigger';

/*
 * The sandbox's side of the loop, checked against the trigger itself: the real send node sends
 * through the sandbox, the real trigger (n8n-core's hook and webhook contexts) registers with the
 * sandbox and receives, over HTTP, what the sandbox posts. The event bodies and signatures are the
 * sandbox's own (fakes/*\/deliveries.ts); the parsing and verification are the node's: a wrong field,
 * a wrong signature or a wrong id would show up as a missing or different execution.
 */

const VOBIZ_CHANNEL = '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1';
const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';

const SEND: Record<NodeProviderId, INodeParameters> = {
	bitbybit: { provider: 'bitbybit', source: 'whatsapp cloud api' },
	vobiz: { provider: 'vobiz', channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNEL } },
	callbell: { provider: 'callbell', channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL } },
	multiSession: {
		provider: 'multiSession',
		options: { typingSimulation: false, presenceSimulation: false },
	},
};

const ALL_EVENTS: Record<NodeProviderId, string[]> = {
	bitbybit: ['sent', 'delivered', 'read', 'failed', 'received'],
	vobiz: ['sent', 'delivered', 'read', 'failed', 'received'],
	callbell: ['sent', 'delivered', 'read', 'failed', 'received'],
	multiSession: ['delivered', 'read', 'received'],
};

describe('the sandbox closes the loop: signed status events and replies reach the trigger', () => {
	const sandbox = new Sandbox({ eventDelays: { sent: 30, delivered: 90, read: 150 } });
	let receiver: RunningServer;
	/** The trigger the receiver hands each request to. */
	let current: TriggerHarness | undefined;
	const answers: number[] = [];

	beforeAll(async () => {
		await sandbox.start();
		receiver = await startServer(async (request) => {
			if (!current) return { status: 404 };
			const result = await current.deliver({
				headers: request.headers as Record<string, string>,
				body: request.rawBody,
			});
			answers.push(result.status);
			return { status: result.status, body: result.body };
		});
	});
	afterAll(async () => {
		await sandbox.stop();
		await receiver.close();
	});

	const credentialType: Record<NodeProviderId, string> = {
		bitbybit: 'whatsAppSendBitbybitApi',
		vobiz: 'whatsAppSendVobizApi',
		callbell: 'whatsAppSendCallbellApi',
		multiSession: 'whatsAppSendMultiSessionApi',
	};

	async function triggerFor(provider: NodeProviderId): Promise<TriggerHarness> {
		const type = credentialType[provider];
		const trigger = new TriggerHarness({
			parameters: { provider, events: ALL_EVENTS[provider] },
			credentials: { [type]: sandbox.credentials()[type] },
			webhookBaseUrl: `${receiver.url}/webhook`,
		});
		if (provider === 'bitbybit')
			expect(sandbox.events.dashboards.setBitbybit(trigger.url())).toBeUndefined();
		if (provider === 'callbell')
			expect(sandbox.events.dashboards.setCallbell(trigger.url())).toBeUndefined();
		await trigger.activate();
		current = trigger;
		answers.length = 0;
		return trigger;
	}

	async function send(provider: NodeProviderId, to: string, extra: INodeParameters = {}) {
		const type = credentialType[provider];
		const result = await runNode({
			parameters: {
				messageType: 'text',
				to,
				text: 'Your order shipped',
				...SEND[provider],
				...extra,
			},
			credentials: { [type]: sandbox.credentials()[type] },
		});
		expect(result.error).toBeUndefined();
		return result.main[0].json as IDataObject;
	}

	const summary = (trigger: TriggerHarness) =>
		trigger.executions.map((items) =>
			items.map(({ json }) => ({
				event: json.event,
				status: json.status,
				messageId: json.messageId,
				whatsappMessageId: json.whatsappMessageId,
				error: json.error,
				text: json.text,
			})),
		);

	const byStatus = (runs: ReturnType<typeof summary>) =>
		runs.flat().sort((a, b) => String(a.status).localeCompare(String(b.status)));

	it('bitbybit: sent → delivered → read to the URL set by hand, joined on messageId2', async () => {
		const trigger = await triggerFor('bitbybit');
		const sent = await send('bitbybit', '+62 812-3456-7890');
		await sandbox.events.settle();
		expect(answers).toEqual([200, 200, 200]);
		const wamid = sent.whatsappMessageId;
		expect(wamid).toMatch(/^wamid\./);
		expect(byStatus(summary(trigger))).toEqual(
			['delivered', 'read', 'sent'].map((status) => ({
				event: 'status',
				status,
				messageId: wamid,
				whatsappMessageId: wamid,
				error: null,
				text: null,
			})),
		);
		// The delivery is signed with the dashboard's secret, which the sandbox credential carries.
		const delivery = sandbox.events.deliveries.at(-1)!;
		expect(delivery.headers['x-bitbybit-webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		expect(sandbox.credentials().whatsAppSendBitbybitApi.webhookSigningSecret).toBe(
			SANDBOX_SIGNING_SECRETS.bitbybit,
		);
	});

	it('Vobiz: the trigger registers through the sandbox API; statuses carry only the wamid; a closed window fails free-form messages with 131047, not templates', async () => {
		const trigger = await triggerFor('vobiz');
		expect(sandbox.fakes.vobiz.webhooks.subscriptions.map((s) => s.url)).toEqual([trigger.url()]);
		const sent = await send('vobiz', '+91 98765 43210');
		await sandbox.events.settle();
		expect(sent.whatsappMessageId).toBeNull();
		const runs = byStatus(summary(trigger));
		expect(runs.map((run) => run.status)).toEqual(['delivered', 'read', 'sent']);
		// One wamid for the message, never the send's own id: Vobiz's answer had meta_message_id null.
		expect(new Set(runs.map((run) => run.whatsappMessageId)).size).toBe(1);
		expect(runs[0].whatsappMessageId).toMatch(/^wamid\./);
		expect(runs.every((run) => run.messageId === null)).toBe(true);

		trigger.executions.length = 0;
		await send('vobiz', DESIGNATED_RECIPIENTS.windowClosed);
		// A template opens the window again: it goes through.
		await send('vobiz', DESIGNATED_RECIPIENTS.windowClosed, {
			messageType: 'template',
			template: { __rl: true, mode: 'name', value: 'order_confirmation' },
			templateLanguage: 'en_US',
			templateParameters: ['Ann', 'ORD-12345'],
		});
		await sandbox.events.settle();
		const failed = summary(trigger)
			.flat()
			.filter((run) => run.status === 'failed');
		expect(failed).toHaveLength(1);
		expect(
			summary(trigger)
				.flat()
				.map((run) => run.status)
				.sort(),
		).toEqual(['delivered', 'failed', 'read', 'sent']);
		expect(failed[0].error).toEqual({
			code: '131047',
			message:
				'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		});
		await trigger.deactivate();
		expect(sandbox.fakes.vobiz.webhooks.subscriptions).toEqual([]);
	});

	it('Callbell: statuses joined on the send’s uuid with its metadata; not on WhatsApp fails with 1002', async () => {
		const trigger = await triggerFor('callbell');
		const sent = await send('callbell', '+31 6 12345678');
		await sandbox.events.settle();
		const runs = byStatus(summary(trigger));
		expect(runs.map((run) => [run.status, run.messageId])).toEqual([
			['delivered', sent.messageId],
			['read', sent.messageId],
			['sent', sent.messageId],
		]);
		trigger.executions.length = 0;
		await send('callbell', DESIGNATED_RECIPIENTS.notOnWhatsApp);
		await sandbox.events.settle();
		expect(summary(trigger)).toEqual([
			[
				expect.objectContaining({
					status: 'failed',
					error: { code: '1002', message: 'Number Does Not Exists On WhatsApp' },
				}),
			],
		]);
	});

	it('Multi-Session: only delivered and read (no sent), joined on data.message_id; a number not on WhatsApp is refused at the send', async () => {
		const trigger = await triggerFor('multiSession');
		const sent = await send('multiSession', '+62 812-3456-7890');
		await sandbox.events.settle();
		expect(byStatus(summary(trigger))).toEqual(
			['delivered', 'read'].map((status) => ({
				event: 'status',
				status,
				messageId: sent.messageId,
				whatsappMessageId: null,
				error: null,
				text: null,
			})),
		);
		const refused = await runNode({
			parameters: {
				messageType: 'text',
				to: DESIGNATED_RECIPIENTS.notOnWhatsApp,
				text: 'x',
				...SEND.multiSession,
			},
			credentials: {
				whatsAppSendMultiSessionApi: sandbox.credentials().whatsAppSendMultiSessionApi,
			},
			onError: 'continueRegularOutput',
		});
		expect(JSON.stringify(refused.main[0].json)).toContain('Not Registered');
		await trigger.deactivate();
		expect(sandbox.fakes.multiSession.webhooks.webhooks).toEqual([]);
	});

	it.each([
		// `from` as each provider's parser writes numbers: bitbybit's digits, E.164, the chat JID.
		['bitbybit', '6281234567890', '6281234567890', 'Yes, tomorrow please'],
		['vobiz', '+919876543210', '+919876543210', 'Yes, tomorrow please'],
		['callbell', '31612345678', '+31612345678', 'Yes, tomorrow please'],
		['multiSession', '6281234567890@s.whatsapp.net', '6281234567890@s.whatsapp.net', null],
	] as const)(
		'%s: a reply typed in the inbox starts one execution with the customer’s message',
		async (provider, conversation, from, text) => {
			const trigger = await triggerFor(provider);
			const answer = await fetch(`${sandbox.url}/_sandbox/reply`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ provider, to: conversation, text: 'Yes, tomorrow please' }),
			});
			expect(answer.status).toBe(200);
			await sandbox.events.settle();
			expect(trigger.executions).toHaveLength(1);
			expect(trigger.executions[0][0].json).toMatchObject({
				provider,
				event: 'message',
				status: 'received',
				from,
				// The Multi-Session server never sends a customer's text.
				text,
			});
			const entry = sandbox.inbox.messages[0];
			expect(entry).toMatchObject({ direction: 'inbound', recipient: conversation });
			expect(entry.events.map((e) => e.answer)).toEqual([200]);
			if (provider === 'vobiz' || provider === 'multiSession') await trigger.deactivate();
		},
	);

	it('the inbox shows each message’s ticks in the order the provider reported them', async () => {
		await triggerFor('callbell');
		await send('callbell', '+31 6 87654321');
		await sandbox.events.settle();
		const entry = sandbox.inbox.messages.find(
			(m) => m.recipient.replace(/\D/g, '') === '31687654321',
		)!;
		expect(entry.statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
		expect(entry.events.map((e) => [e.event, e.answer])).toEqual([
			['message_status_updated', 200],
			['message_status_updated', 200],
			['message_status_updated', 200],
		]);
	});

	it('a forged or replayed delivery starts nothing: the trigger answers 401, then 200 without a run', async () => {
		const trigger = await triggerFor('bitbybit');
		await send('bitbybit', '+62 812-1111-2222');
		await sandbox.events.settle();
		const runs = trigger.executions.length;
		const original = sandbox.events.deliveries.at(-1)!;
		const delivery = { headers: original.headers, body: Buffer.from(original.body) };
		expect((await trigger.deliver(tamper(delivery))).status).toBe(401);
		const replay = await trigger.deliver(delivery);
		expect(replay.status).toBe(200);
		expect(replay.execution).toBeUndefined();
		expect(trigger.executions).toHaveLength(runs);
	});

	it('webhooks set by hand are listed with the ones registered through the APIs, and refused when not a URL', async () => {
		const post = async (body: unknown) =>
			await fetch(`${sandbox.url}/_sandbox/webhooks`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		expect((await post({ provider: 'bitbybit', url: 'not a url' })).status).toBe(400);
		expect((await post({ provider: 'vobiz', url: 'http://127.0.0.1:1/x' })).status).toBe(400);
		const listed = (await (
			await post({ provider: 'bitbybit', url: 'http://127.0.0.1:9/hook' })
		).json()) as { bitbybit: Array<{ url: string }> };
		expect(listed.bitbybit.map((hook) => hook.url)).toContain('http://127.0.0.1:9/hook');
		expect(
			(
				await fetch(
					`${sandbox.url}/_sandbox/webhooks?provider=bitbybit&url=http://127.0.0.1:9/hook`,
					{
						method: 'DELETE',
					},
				)
			).status,
		).toBe(200);
	});
});
