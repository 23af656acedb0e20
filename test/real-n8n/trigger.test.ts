import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { eventExamples, productionUrl } from '../../dev/lib/examples';
import { N8N_INSTALL_DIR, WORKFLOWS_DIR } from '../../dev/lib/paths';
import type { NodeProviderId } from '../../dev/sandbox/providers';
import { Sandbox } from '../../dev/sandbox/server';
import { DESIGNATED_RECIPIENTS } from '../../dev/sandbox/events/recipients';
import { SANDBOX_SIGNING_SECRETS } from '../../dev/sandbox/events/webhooks';
import { bitbybitDelivery } from '../../fakes/bitbybit/deliveries';
import { callbellDelivery } from '../../fakes/callbell/deliveries';
import { vobizDelivery } from '../../fakes/vobiz/deliveries';
import { nowSeconds, tamper } from '../../fakes/deliveries';
import type { Delivery } from '../../fakes/deliveries';
import { engineLabel, selectedEngines } from './lib/engines';
import { N8nInstance } from './lib/instance';
import type { RestSession, WorkflowJson } from './lib/instance';
import { installPackage, packedTarball } from './lib/package';
import { sandboxCredentials } from './lib/workflows';

/*
 * Point 7 of issue 14 in a real n8n (`n8n start` with the packed package): the four trigger examples
 * that `npm run dev` activates, the sandbox sending signed events after messages it accepted and for
 * replies typed as the customer. Asserted on n8n's own records: the executions (REST API) with every
 * item's fields, and the webhook_entity table; forged, stale and repeated deliveries start nothing;
 * deactivation through the REST API removes the subscription where the provider has an API.
 */

// Loaded from n8n's own install: how n8n stores execution data, and its database.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flatted = require(require.resolve('flatted', { paths: [N8N_INSTALL_DIR] })) as {
	parse(text: string): unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sqlite3 = require(require.resolve('sqlite3', { paths: [N8N_INSTALL_DIR] })) as {
	Database: new (
		file: string,
		mode: number,
		callback: (error: Error | null) => void,
	) => {
		all(sql: string, callback: (error: Error | null, rows: unknown[]) => void): void;
		close(callback: () => void): void;
	};
	OPEN_READONLY: number;
};

const TRIGGER = 'WhatsApp Send Trigger';

const SENDS: Record<
	NodeProviderId,
	{ path: string; headers: Record<string, string>; json: unknown }
> = {
	bitbybit: {
		path: '/bitbybit/messages/send',
		headers: { 'x-api-key': 'bbb_test_goodkey123' },
		json: { to: '6281234567890', message: 'Your order shipped', sources: 'whatsapp cloud api' },
	},
	vobiz: {
		path: '/vobiz/api/v1/messaging/messages',
		headers: { 'x-auth-id': 'MA_TESTACCT', 'x-auth-token': 'vobiz-token-secret-123' },
		json: {
			channel_id: '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1',
			waba_id: '123456789012345',
			to: '+919876543210',
			type: 'text',
			text: { body: 'Your ticket is resolved' },
		},
	},
	callbell: {
		path: '/callbell/messages/send',
		headers: { authorization: 'Bearer callbell-key-secret-123' },
		json: {
			to: '+31612345678',
			from: 'whatsapp',
			channel_uuid: 'c1a2b3c4d5e6f70811223344556677aa',
			type: 'text',
			content: { text: 'Your table is booked' },
			metadata: { booking: 'B-7' },
		},
	},
	multiSession: {
		path: '/multisession/chats/6281234567890@s.whatsapp.net/messages',
		headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.device-token-secret' },
		json: {
			text: 'Paket kamu sudah dikirim',
			typing_simulation: false,
			presence_simulation: false,
		},
	},
};

const CONVERSATION: Record<NodeProviderId, string> = {
	bitbybit: '6281234567890',
	vobiz: '+919876543210',
	callbell: '+31612345678',
	multiSession: '6281234567890@s.whatsapp.net',
};

const REPLY = 'Thanks, see you then';

interface Item {
	[key: string]: unknown;
}

async function until<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	ms = 90_000,
): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

describe.each(selectedEngines())('WhatsApp Send Trigger end to end in $id', (engine) => {
	const sandbox = new Sandbox({ eventDelays: { sent: 300, delivered: 900, read: 1500 } });
	const examples = eventExamples();
	const workflowOf = (provider: NodeProviderId) => examples.find((e) => e.provider === provider)!;
	let n8n: N8nInstance;
	let rest: RestSession;
	const answers: Partial<Record<NodeProviderId, unknown>> = {};

	async function executions(): Promise<
		Array<{ id: string; workflowId: string; mode: string; items: Item[] }>
	> {
		const listed = (await (await rest('/rest/executions?limit=100')).json()) as {
			data: { results?: Array<{ id: string; workflowId: string; mode: string; status: string }> };
		};
		if (!listed.data)
			throw new Error(`GET /rest/executions: ${JSON.stringify(listed).slice(0, 300)}`);
		const rows = listed.data.results ?? [];
		const all = [];
		for (const row of rows) {
			const full = (await (await rest(`/rest/executions/${row.id}`)).json()) as {
				data: { data: string };
			};
			const data = flatted.parse(full.data.data) as {
				resultData: {
					runData: Record<string, Array<{ data: { main: Array<Array<{ json: Item }>> } }>>;
				};
			};
			const items = data.resultData.runData[TRIGGER]?.[0]?.data.main[0].map((i) => i.json) ?? [];
			all.push({ id: row.id, workflowId: row.workflowId, mode: row.mode, items });
		}
		return all;
	}

	function query(sql: string): Promise<unknown[]> {
		return new Promise((resolve, reject) => {
			const db = new sqlite3.Database(
				join(n8n.dataDir, 'database.sqlite'),
				sqlite3.OPEN_READONLY,
				(error) => {
					if (error) reject(error);
				},
			);
			db.all(sql, (error, rows) => {
				db.close(() => undefined);
				if (error) reject(error);
				else resolve(rows);
			});
		});
	}

	async function webhookRows(): Promise<
		Array<{ workflowId: string; webhookPath: string; method: string }>
	> {
		return (await query('SELECT workflowId, webhookPath, method FROM webhook_entity')) as Array<{
			workflowId: string;
			webhookPath: string;
			method: string;
		}>;
	}

	async function send(provider: NodeProviderId): Promise<unknown> {
		const { path, headers, json } = SENDS[provider];
		const response = await fetch(`${sandbox.url}${path}`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify(json),
		});
		expect(response.status).toBeLessThan(300);
		return await response.json();
	}

	async function reply(provider: NodeProviderId): Promise<void> {
		const response = await fetch(`${sandbox.url}/_sandbox/reply`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ provider, to: CONVERSATION[provider], text: REPLY }),
		});
		expect(response.status).toBe(200);
	}

	async function post(url: string, delivery: Delivery): Promise<number> {
		const response = await fetch(url, {
			method: 'POST',
			headers: delivery.headers,
			body: new Uint8Array(delivery.body),
		});
		await response.arrayBuffer();
		return response.status;
	}

	beforeAll(async () => {
		await sandbox.start();
		n8n = await N8nInstance.create(engine, 'trigger');
		await installPackage(n8n, packedTarball());
		await n8n.importCredentials(sandboxCredentials(sandbox));
		await n8n.importWorkflows(
			examples.map(
				(example) =>
					JSON.parse(readFileSync(join(WORKFLOWS_DIR, example.file), 'utf8')) as WorkflowJson,
			),
		);
		// As `npm run dev` does on 1.x; 2.x publishes instead (n8n-notes, Triggers in a real n8n server).
		for (const example of examples)
			await n8n.cliOk(
				engine.line === 1
					? ['update:workflow', `--id=${example.id}`, '--active=true']
					: ['publish:workflow', `--id=${example.id}`],
			);
		for (const example of examples) {
			const url = productionUrl(`${n8n.baseUrl}/`, example);
			if (example.provider === 'bitbybit') sandbox.events.dashboards.setBitbybit(url);
			if (example.provider === 'callbell') sandbox.events.dashboards.setCallbell(url);
		}
		await n8n.start();
		rest = await n8n.login();
	}, 600_000);
	afterAll(async () => {
		await n8n?.dispose();
		await sandbox.stop();
	});

	it('the trigger examples have workflow ids of at most 16 characters (n8n 1.123 silently drops the static data of longer ones)', () => {
		expect(examples.filter((example) => example.id.length > 16)).toEqual([]);
	});

	it(`${engineLabel(engine)}: activation registers each trigger — in n8n's webhook_entity, and with Vobiz and the Multi-Session server through their APIs`, async () => {
		const url = (provider: NodeProviderId) =>
			productionUrl(`${n8n.baseUrl}/`, workflowOf(provider));
		await until('the API subscriptions', async () =>
			sandbox.fakes.vobiz.webhooks.subscriptions.length === 1 &&
			sandbox.fakes.multiSession.webhooks.webhooks.length === 1
				? true
				: undefined,
		);
		expect(sandbox.fakes.vobiz.webhooks.subscriptions.map((s) => s.url)).toEqual([url('vobiz')]);
		expect(sandbox.fakes.multiSession.webhooks.webhooks.map((w) => w.URL)).toEqual([
			url('multiSession'),
		]);
		const rows = await until('webhook_entity rows', async () => {
			const found = await webhookRows();
			return found.filter((row) => row.method === 'POST').length === 4 ? found : undefined;
		});
		expect(
			rows
				.filter((row) => row.method === 'POST')
				.map((row) => [row.workflowId, row.webhookPath])
				.sort(),
		).toEqual(examples.map((e) => [e.id, `${e.webhookId}/webhook`]).sort());
	});

	it(`${engineLabel(engine)}: sends and replies start exactly the expected executions, one item each, joined to the send`, async () => {
		for (const provider of ['bitbybit', 'vobiz', 'callbell', 'multiSession'] as const)
			answers[provider] = await send(provider);
		// The closed 24-hour window: a free-form Vobiz message fails later, as a status.
		const failedSend = SENDS.vobiz.json as Record<string, unknown>;
		const failedAnswer = await (
			await fetch(`${sandbox.url}${SENDS.vobiz.path}`, {
				method: 'POST',
				headers: { ...SENDS.vobiz.headers, 'content-type': 'application/json' },
				body: JSON.stringify({ ...failedSend, to: DESIGNATED_RECIPIENTS.windowClosed }),
			})
		).json();
		expect(failedAnswer).toMatchObject({ status: 'pending' });
		await sandbox.events.settle();
		for (const provider of ['bitbybit', 'vobiz', 'callbell', 'multiSession'] as const)
			await reply(provider);
		await sandbox.events.settle();
		// Every delivery was taken (n8n answers 200 once it starts the workflow).
		expect(sandbox.events.deliveries.map((d) => d.answer)).toEqual(
			sandbox.events.deliveries.map(() => 200),
		);

		const expectedCount: Record<NodeProviderId, number> = {
			bitbybit: 4, // sent, delivered, read, a reply
			vobiz: 5, // sent, delivered, read, failed, a reply
			callbell: 4,
			multiSession: 3, // delivered, read, a reply: the server reports no `sent`
		};
		const runs = await until('the executions', async () => {
			const found = await executions();
			// Listed while still running, an execution has no data yet: wait for all sixteen to finish.
			return found.length === 16 && found.every((run) => run.items.length > 0) ? found : undefined;
		});
		const byWorkflow = (provider: NodeProviderId) =>
			runs.filter((run) => run.workflowId === workflowOf(provider).id);
		for (const provider of Object.keys(expectedCount) as NodeProviderId[]) {
			expect([provider, byWorkflow(provider).length]).toEqual([provider, expectedCount[provider]]);
			for (const run of byWorkflow(provider)) expect(run.items).toHaveLength(1);
		}

		const pick = (item: Item) => {
			const { raw, timestamp, ...fields } = item;
			expect(typeof raw).toBe('object');
			expect(String(timestamp)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
			return fields;
		};
		const items = (provider: NodeProviderId) =>
			byWorkflow(provider)
				.map((run) => pick(run.items[0]))
				.sort((a, b) => `${a.event}${a.status}`.localeCompare(`${b.event}${b.status}`));
		const delivered = (provider: NodeProviderId, event: string) =>
			sandbox.events.deliveries
				.filter((d) => d.provider === provider && d.event === event)
				.map((d) => JSON.parse(d.body) as Record<string, any>);
		const blank = {
			messageId: null,
			whatsappMessageId: null,
			to: null,
			from: null,
			error: null,
			text: null,
			type: null,
			metadata: null,
		};

		const bitbybitWamid = (answers.bitbybit as { data: { messageId2: string } }).data.messageId2;
		const bitbybitReply = delivered('bitbybit', 'message.received')[0];
		expect(items('bitbybit')).toEqual([
			{
				...blank,
				provider: 'bitbybit',
				event: 'message',
				status: 'received',
				messageId: bitbybitReply.messageId2,
				whatsappMessageId: bitbybitReply.messageId2,
				from: '6281234567890',
				text: REPLY,
				type: 'text',
			},
			...['delivered', 'read', 'sent'].map((status) => ({
				...blank,
				provider: 'bitbybit',
				event: 'status',
				status,
				messageId: bitbybitWamid,
				whatsappMessageId: bitbybitWamid,
				to: '6281234567890',
			})),
		]);

		const vobizStatuses = delivered('vobiz', 'message.status').map(
			(body) => body.payload.entry[0].changes[0].value.statuses[0],
		);
		const wamidOf = (to: string) => vobizStatuses.find((s) => s.recipient_id === to).id as string;
		const vobizReply = delivered('vobiz', 'message.inbound')[0].payload.entry[0].changes[0].value
			.messages[0];
		expect(items('vobiz')).toEqual([
			{
				...blank,
				provider: 'vobiz',
				event: 'message',
				status: 'received',
				whatsappMessageId: vobizReply.id,
				from: '+919876543210',
				to: '+919876500001',
				text: REPLY,
				type: 'text',
			},
			...['delivered', 'failed', 'read', 'sent'].map((status) => ({
				...blank,
				provider: 'vobiz',
				event: 'status',
				status,
				whatsappMessageId: wamidOf(status === 'failed' ? '628120000424' : '919876543210'),
				to: status === 'failed' ? '+628120000424' : '+919876543210',
				from: '+919876500001',
				error:
					status === 'failed'
						? {
								code: '131047',
								message:
									'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
							}
						: null,
			})),
		]);

		const callbellUuid = (answers.callbell as { message: { uuid: string } }).message.uuid;
		const callbellWamid = delivered('callbell', 'message_status_updated')[0].payload
			.messageStatusPayload.id;
		expect(items('callbell')).toEqual([
			{
				...blank,
				provider: 'callbell',
				event: 'message',
				status: 'received',
				from: '+31612345678',
				to: '+6281100000001',
				text: REPLY,
				type: 'text',
			},
			...['delivered', 'read', 'sent'].map((status) => ({
				...blank,
				provider: 'callbell',
				event: 'status',
				status,
				messageId: callbellUuid,
				whatsappMessageId: callbellWamid,
				to: '+31612345678',
				metadata: { booking: 'B-7' },
			})),
		]);

		const multiSessionId = (answers.multiSession as { data: { message_id: string } }).data
			.message_id;
		const multiSessionReply = delivered('multiSession', 'message.received')[0].data;
		expect(items('multiSession')).toEqual([
			{
				...blank,
				provider: 'multiSession',
				event: 'message',
				status: 'received',
				messageId: multiSessionReply.message_id,
				from: '6281234567890@s.whatsapp.net',
				// The event names the chat, which is the customer's; the device's own number is not in it.
				to: null,
			},
			...['delivered', 'read'].map((status) => ({
				...blank,
				provider: 'multiSession',
				event: 'status',
				status,
				messageId: multiSessionId,
				to: '6281234567890@s.whatsapp.net',
			})),
		]);
	});

	it(`${engineLabel(engine)}: a forged and a stale delivery are refused (401) and start nothing`, async () => {
		const before = (await executions()).length;
		for (const provider of ['bitbybit', 'vobiz', 'callbell', 'multiSession'] as const) {
			const original = sandbox.events.deliveries.find((d) => d.provider === provider)!;
			const delivery = { headers: original.headers, body: Buffer.from(original.body) };
			expect([provider, await post(original.url, tamper(delivery))]).toEqual([provider, 401]);
		}
		const stale = nowSeconds() - 600;
		const bitbybit = sandbox.events.deliveries.find((d) => d.provider === 'bitbybit')!;
		const staleBitbybit = bitbybitDelivery(
			{
				headers: {
					'X-BitByBit-Webhook-Id': 'evt_stale_0001',
					'X-BitByBit-Webhook-Event': 'message.status.updated',
				},
				body: { ...JSON.parse(bitbybit.body), status: 'read' },
			},
			SANDBOX_SIGNING_SECRETS.bitbybit,
			stale,
		);
		expect(await post(bitbybit.url, staleBitbybit)).toBe(401);
		const callbell = sandbox.events.deliveries.find((d) => d.provider === 'callbell')!;
		expect(
			await post(
				callbell.url,
				callbellDelivery(JSON.parse(callbell.body), SANDBOX_SIGNING_SECRETS.callbell, stale),
			),
		).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect((await executions()).length).toBe(before);
	});

	/*
	 * The dedupe memory reaches the database in both lines: the trigger answers a delivery that starts a
	 * run itself, so n8n saves the static data before WorkflowRunner.run() (which, on 2.x, used to come
	 * first and clear the "changed" mark); and what overlapping deliveries saved over each other is
	 * written back whole from the process's own memory with the next delivery (ENGINES.md).
	 */
	it(`${engineLabel(engine)}: each trigger's dedupe memory is in workflow_entity.staticData, one entry per event that started a run`, async () => {
		const expected: Record<NodeProviderId, number> = {
			bitbybit: 4,
			vobiz: 5,
			callbell: 4,
			multiSession: 3,
		};
		const stored = await until(
			'the dedupe memory in the database',
			async () => {
				const rows = (await query('SELECT id, staticData FROM workflow_entity')) as Array<{
					id: string;
					staticData: string | null;
				}>;
				const counts = Object.fromEntries(
					(Object.keys(expected) as NodeProviderId[]).map((provider) => {
						const row = rows.find((r) => r.id === workflowOf(provider).id);
						const data = JSON.parse(row?.staticData ?? '{}') as Record<
							string,
							{ dedupe?: { v: number; seen: unknown[] }; registration?: unknown }
						>;
						return [provider, data[`node:${TRIGGER}`]?.dedupe?.seen.length ?? 0];
					}),
				);
				return JSON.stringify(counts) === JSON.stringify(expected) ? counts : undefined;
			},
			30_000,
		);
		expect(stored).toEqual(expected);
	});

	it(`${engineLabel(engine)}: every delivery sent again is answered 200 and starts nothing`, async () => {
		const before = (await executions()).length;
		// All of them, the earliest first, as a provider's retries would arrive.
		for (const original of sandbox.events.deliveries) {
			const delivery = { headers: original.headers, body: Buffer.from(original.body) };
			expect([original.provider, original.event, await post(original.url, delivery)]).toEqual([
				original.provider,
				original.event,
				200,
			]);
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect((await executions()).length).toBe(before);
	});

	it(`${engineLabel(engine)}: after a restart (a new process, only the database remembers) every delivery sent again still starts nothing`, async () => {
		await n8n.stop();
		await n8n.start();
		rest = await n8n.login();
		await until('the webhooks registered again', async () => {
			const found = await webhookRows();
			return found.filter((row) => row.method === 'POST').length === 4 ? true : undefined;
		});
		const before = (await executions()).length;
		for (const original of sandbox.events.deliveries) {
			const delivery = { headers: original.headers, body: Buffer.from(original.body) };
			expect([original.provider, original.event, await post(original.url, delivery)]).toEqual([
				original.provider,
				original.event,
				200,
			]);
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect((await executions()).length).toBe(before);
	}, 240_000);

	/** The editor's *Listen for test event* on the trigger, through n8n's REST API as the editor calls it. */
	async function listenForTest(provider: NodeProviderId): Promise<unknown> {
		const id = workflowOf(provider).id;
		let body: unknown = { triggerToStartFrom: { name: TRIGGER } };
		if (engine.line === 1) {
			// 1.x runs the workflow the editor sends; 2.x the one stored.
			const stored = (await (await rest(`/rest/workflows/${id}`)).json()) as { data: unknown };
			body = { workflowData: stored.data, triggerToStartFrom: { name: TRIGGER } };
		}
		const response = await rest(`/rest/workflows/${id}/run`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { data: unknown }).data;
	}

	const testUrl = (provider: NodeProviderId) =>
		`${n8n.baseUrl}/webhook-test/${workflowOf(provider).webhookId}/webhook`;

	it(`${engineLabel(engine)}: Listen for test event on Vobiz subscribes the test URL next to the production one; an event there starts one manual execution, after which the test subscription is removed and the test URL answers 404`, async () => {
		const before = await executions();
		const production = productionUrl(`${n8n.baseUrl}/`, workflowOf('vobiz'));
		expect(await listenForTest('vobiz')).toEqual({ waitingForWebhook: true });
		const subscription = await until('the test subscription', async () =>
			sandbox.fakes.vobiz.webhooks.subscriptions.find((s) => s.url === testUrl('vobiz')),
		);
		expect(sandbox.fakes.vobiz.webhooks.subscriptions.map((s) => s.url).sort()).toEqual(
			[production, testUrl('vobiz')].sort(),
		);
		// A status production already passed on, signed with the test subscription's own secret: a test
		// listen has its own (empty) memory, so it starts here.
		const original = sandbox.events.deliveries
			.filter((d) => d.provider === 'vobiz' && d.event === 'message.status')
			.at(-1)!;
		const event = JSON.parse(original.body) as Record<string, any>;
		const delivery = vobizDelivery(event, subscription.secret);
		expect(await post(testUrl('vobiz'), delivery)).toBe(200);
		const added = await until('the manual execution', async () => {
			const found = (await executions()).filter((run) => !before.some((old) => old.id === run.id));
			return found.length === 1 && found[0].items.length > 0 ? found : undefined;
		});
		expect(
			added.map((run) => [run.mode, run.workflowId, run.items.map((item) => item.status)]),
		).toEqual([
			[
				'manual',
				workflowOf('vobiz').id,
				[event.payload.entry[0].changes[0].value.statuses[0].status],
			],
		]);
		await until('the test subscription to go', async () =>
			sandbox.fakes.vobiz.webhooks.subscriptions.length === 1 ? true : undefined,
		);
		expect(sandbox.fakes.vobiz.webhooks.subscriptions.map((s) => s.url)).toEqual([production]);
		expect(await post(testUrl('vobiz'), delivery)).toBe(404);
	}, 120_000);

	it(`${engineLabel(engine)}: Listen for test event on Callbell leaves the account's webhook alone; an event posted to the test URL by hand starts one manual execution`, async () => {
		const before = await executions();
		const account = sandbox.fakes.callbell.webhooks;
		const webhookBefore = JSON.stringify(account.current);
		const historyBefore = account.history.length;
		expect(await listenForTest('callbell')).toEqual({ waitingForWebhook: true });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		// Callbell's API was not used: the account's one webhook is still production's.
		expect(JSON.stringify(account.current)).toBe(webhookBefore);
		expect(account.current?.url).toBe(productionUrl(`${n8n.baseUrl}/`, workflowOf('callbell')));
		expect(account.history).toHaveLength(historyBefore);
		const original = sandbox.events.deliveries.filter((d) => d.provider === 'callbell').at(-1)!;
		const again = callbellDelivery(
			JSON.parse(original.body),
			SANDBOX_SIGNING_SECRETS.callbell,
			nowSeconds(),
		);
		expect(await post(testUrl('callbell'), again)).toBe(200);
		const added = await until('the manual execution', async () => {
			const found = (await executions()).filter((run) => !before.some((old) => old.id === run.id));
			return found.length === 1 && found[0].items.length > 0 ? found : undefined;
		});
		// A test listen has its own (empty) memory: an event production already passed on starts here too.
		expect(added.map((run) => [run.mode, run.workflowId, run.items.length])).toEqual([
			['manual', workflowOf('callbell').id, 1],
		]);
		// Listening ended with that event: the test URL no longer answers.
		expect(await post(testUrl('callbell'), again)).toBe(404);
	}, 120_000);

	it(`${engineLabel(engine)}: deactivation through the REST API removes the subscriptions Vobiz and the Multi-Session server hold, and n8n's webhooks`, async () => {
		for (const provider of ['vobiz', 'multiSession'] as const) {
			const response = await rest(`/rest/workflows/${workflowOf(provider).id}/deactivate`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			expect(response.status).toBe(200);
		}
		await until('the subscriptions to go', async () =>
			sandbox.fakes.vobiz.webhooks.subscriptions.length === 0 &&
			sandbox.fakes.multiSession.webhooks.webhooks.length === 0
				? true
				: undefined,
		);
		const rows = await until('webhook_entity to drop them', async () => {
			const found = await webhookRows();
			return found.filter((row) => row.method === 'POST').length === 2 ? found : undefined;
		});
		expect(
			rows
				.filter((row) => row.method === 'POST')
				.map((row) => row.workflowId)
				.sort(),
		).toEqual([workflowOf('bitbybit').id, workflowOf('callbell').id].sort());
	});
});
