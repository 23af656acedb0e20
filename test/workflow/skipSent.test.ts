import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FakeCallbell } from '../../fakes/callbell';
import { registerDeduplicationStandIn } from '../harness/deduplication';
import type { DeduplicationStandIn } from '../harness/deduplication';
import type { OnError } from '../harness/engine';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

/**
 * Skip Messages Already Sent inside n8n's engine, with n8n's deduplication service holding a stand-in
 * for its database-backed helper (registered as n8n registers its own; the real one runs in
 * test/real-n8n/skipSent.test.ts). Every assertion is on what the Callbell fake accepted.
 */

const CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';
const WORKFLOW = 'test-workflow';
const NODE_CONTEXT = 'n:whatsapp-send';

type Row = { to: string; text: string; orderId?: string };

describe('Skip Messages Already Sent (n8n deduplication helper)', () => {
	const callbell = new FakeCallbell();
	serveDuringSuite(callbell);
	let record: DeduplicationStandIn;
	beforeAll(async () => {
		record = await registerDeduplicationStandIn();
	});
	beforeEach(() => record.reset());

	/** What Callbell accepted during `run`: recipient and text of each message. */
	async function accepted<T>(
		run: () => Promise<T>,
	): Promise<[T, Array<{ to: string; text: string }>]> {
		const before = callbell.accepted.length;
		const result = await run();
		const sent = callbell.accepted.slice(before).map((request) => {
			const body = request.json as { to: string; content: { text: string } };
			return { to: body.to, text: body.content.text };
		});
		return [result, sent];
	}

	async function send(
		rows: Row[],
		options: IDataObject = {},
		onError: OnError = 'continueErrorOutput',
		extra: IDataObject = {},
	) {
		return await accepted(
			async () =>
				await runNode({
					parameters: {
						provider: 'callbell',
						messageType: 'text',
						channel: { __rl: true, mode: 'id', value: CHANNEL },
						to: '={{ $json.to }}',
						text: '={{ $json.text }}',
						options: { concurrency: 1, skipAlreadySent: true, ...options },
						...extra,
					},
					items: rows.map((json) => ({ json })),
					credentials: {
						whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url },
					},
					onError,
				}),
		);
	}

	const ROWS: Row[] = [
		{ to: '+31 6 1111 0001', text: 'Your order shipped' },
		{ to: '+31 6 1111 0002', text: 'Your order shipped' },
		{ to: '+31 6 1111 0003', text: 'Your order shipped' },
	];
	const statuses = (items: INodeExecutionData[]) => items.map((i) => i.json.status);

	it('re-running sends nothing: every item is skipped_duplicate with its key, paired to its input', async () => {
		const [first, sentFirst] = await send(ROWS);
		expect(sentFirst.map((m) => m.to)).toEqual(['+31611110001', '+31611110002', '+31611110003']);
		expect(statuses(first.main)).toEqual(['enqueued', 'enqueued', 'enqueued']);
		const keys = first.main.map((i) => i.json.sentMessageKey as string);
		expect(keys[0]).toMatch(/^callbell\|\+31611110001\|text\|[0-9a-f]{32}$/);
		expect(new Set(keys).size).toBe(3);

		const [again, sentAgain] = await send(ROWS);
		expect(sentAgain).toEqual([]);
		expect(again.errorOutput).toEqual([]);
		expect(again.main).toEqual(
			ROWS.map((_, i) => ({
				json: {
					provider: 'callbell',
					messageType: 'text',
					to: `+3161111000${i + 1}`,
					messageId: null,
					whatsappMessageId: null,
					status: 'skipped_duplicate',
					sentMessageKey: keys[i],
				},
				pairedItem: { item: i },
			})),
		);
	});

	it('the record is n8n’s: one row for this node, the keys as n8n hashes them; one call before and one after the sends', async () => {
		const [first] = await send(ROWS);
		const keys = first.main.map((i) => i.json.sentMessageKey as string);
		expect(Object.keys(record.rows())).toEqual([`${WORKFLOW}\n${NODE_CONTEXT}`]);
		for (const key of keys) expect(record.has(WORKFLOW, NODE_CONTEXT, key)).toBe(true);
		expect(record.calls).toEqual([
			{ method: 'checkProcessedAndRecord', scope: 'node', count: 3 },
			{ method: 'checkProcessedAndRecord', scope: 'node', count: 3 },
		]);
	});

	it('Sent Message Scope "This Workflow" records under the workflow’s row', async () => {
		await send(ROWS.slice(0, 1), { sentMessageScope: 'workflow' });
		expect(Object.keys(record.rows())).toEqual([`${WORKFLOW}\n`]);
		const [, sentAgain] = await send(ROWS.slice(0, 1), { sentMessageScope: 'workflow' });
		expect(sentAgain).toEqual([]);
		// The node's own row knows nothing of it.
		const [, sentNodeScope] = await send(ROWS.slice(0, 1));
		expect(sentNodeScope).toHaveLength(1);
	});

	it('a different message to the same person, or the same message to someone else, is sent', async () => {
		await send(ROWS.slice(0, 1));
		const [result, sent] = await send([
			{ to: '+31 6 1111 0001', text: 'Your order was delivered' },
			{ to: '+31 6 1111 0009', text: 'Your order shipped' },
			// The same recipient written another way is the same recipient as sent.
			{ to: '+31611110001', text: 'Your order shipped' },
		]);
		expect(sent).toEqual([
			{ to: '+31611110001', text: 'Your order was delivered' },
			{ to: '+31611110009', text: 'Your order shipped' },
		]);
		expect(statuses(result.main)).toEqual(['enqueued', 'enqueued', 'skipped_duplicate']);
	});

	it('two items of one run with the same key: the first is sent, the second skipped', async () => {
		const [result, sent] = await send([ROWS[0], ROWS[1], ROWS[0]]);
		expect(sent.map((m) => m.to)).toEqual(['+31611110001', '+31611110002']);
		expect(statuses(result.main)).toEqual(['enqueued', 'enqueued', 'skipped_duplicate']);
		expect(result.main[2].json.sentMessageKey).toBe(result.main[0].json.sentMessageKey);
		expect(result.main[2].pairedItem).toEqual({ item: 2 });
	});

	it('Sent Message Key as an expression: the same order id is the same message, whatever the text', async () => {
		const rows: Row[] = [
			{ to: '+31 6 1111 0001', text: 'Order 17 shipped', orderId: 'A-17' },
			{ to: '+31 6 1111 0002', text: 'Order 18 shipped', orderId: 'A-18' },
		];
		const options = { sentMessageKey: '={{ $json.orderId }}-shipped' };
		const [first, sent] = await send(rows, options);
		expect(sent).toHaveLength(2);
		expect(first.main.map((i) => i.json.sentMessageKey)).toEqual(['A-17-shipped', 'A-18-shipped']);
		const [again, sentAgain] = await send(
			[
				{ ...rows[0], text: 'Order 17 shipped (reworded)' },
				{ ...rows[1], orderId: 'A-19' },
			],
			options,
		);
		expect(sentAgain).toEqual([{ to: '+31611110002', text: 'Order 18 shipped' }]);
		expect(statuses(again.main)).toEqual(['skipped_duplicate', 'enqueued']);
	});

	it('a message the provider certainly refused is not recorded: fixing the row and re-running sends it, and only it', async () => {
		// Callbell's 422 for a body it rejects (contracts §3): the message was certainly not sent.
		callbell.script({ status: 200, body: { message: { uuid: 'm-1', status: 'enqueued' } } });
		callbell.script({ status: 422, body: { error: 'content.text is invalid' } });
		const [first, sent] = await send(ROWS.slice(0, 2));
		expect(sent).toHaveLength(0); // scripted answers bypass the fake's record
		expect(first.main).toHaveLength(1);
		expect(first.errorOutput[0].json.error).toMatchObject({ mayHaveBeenSent: false, itemIndex: 1 });
		const [again, sentAgain] = await send(ROWS.slice(0, 2));
		expect(sentAgain).toEqual([{ to: '+31611110002', text: 'Your order shipped' }]);
		expect(statuses(again.main)).toEqual(['skipped_duplicate', 'enqueued']);
	});

	it('a message that may have been sent (HTTP 500) stays recorded: a re-run does not risk it twice', async () => {
		callbell.script({ status: 500, body: { error: 'Internal Server Error' } });
		const [first] = await send(ROWS.slice(0, 1));
		expect(first.errorOutput[0].json.error).toMatchObject({ mayHaveBeenSent: true });
		const [again, sentAgain] = await send(ROWS.slice(0, 1));
		expect(sentAgain).toEqual([]);
		expect(statuses(again.main)).toEqual(['skipped_duplicate']);
	});

	it('On Error Stop: the messages the stop kept from going out are released, so the re-run sends exactly those', async () => {
		const rows: Row[] = [...ROWS, { to: '+31 6 1111 0004', text: 'Your order shipped' }];
		callbell.script(
			{ status: 200, body: { message: { uuid: 'm-1', status: 'enqueued' } } },
			{ status: 401, body: { error: 'Unauthorized' } },
		);
		const [stopped] = await send(rows, {}, 'stopWorkflow');
		expect(stopped.error?.message).toBeDefined();
		expect(stopped.error?.context?.outcomes).toEqual({ accepted: 1, uncertain: 0, notSent: 3 });
		const [again, sentAgain] = await send(rows);
		expect(sentAgain.map((m) => m.to)).toEqual(['+31611110002', '+31611110003', '+31611110004']);
		expect(statuses(again.main)).toEqual(['skipped_duplicate', 'enqueued', 'enqueued', 'enqueued']);
	});

	it('an item that cannot be read is not recorded and does not stop the others (Continue)', async () => {
		const [result, sent] = await send([ROWS[0], { to: 'not a number', text: 'x' }]);
		expect(sent).toHaveLength(1);
		expect(result.errorOutput).toHaveLength(1);
		expect(record.calls[0]).toEqual({ method: 'checkProcessedAndRecord', scope: 'node', count: 1 });
	});

	it('Dry Run records nothing and checks nothing, and shows each message’s key', async () => {
		const [result, sent] = await send(ROWS.slice(0, 2), { dryRun: true });
		expect(sent).toEqual([]);
		expect(record.calls).toEqual([]);
		expect(record.rows()).toEqual({});
		expect(result.main[0].json).toMatchObject({ status: 'dryRun' });
		expect(result.main[0].json.sentMessageKey).toMatch(/^callbell\|\+31611110001\|text\|/);
	});

	it('off by default: nothing is recorded and a re-run sends again', async () => {
		const [, sent] = await send(ROWS.slice(0, 1), { skipAlreadySent: false });
		const [again, sentAgain] = await send(ROWS.slice(0, 1), { skipAlreadySent: false });
		expect(sent).toHaveLength(1);
		expect(sentAgain).toHaveLength(1);
		expect(again.main[0].json).not.toHaveProperty('sentMessageKey');
		expect(record.calls).toEqual([]);
	});

	it('Sent Messages Kept below the run’s number of messages: refused before anything is sent', async () => {
		const [result, sent] = await send(ROWS, { sentMessagesKept: 2 }, 'stopWorkflow');
		expect(sent).toEqual([]);
		expect(result.error?.message).toBe(
			'Skip Messages Already Sent keeps 2 keys, fewer than the 3 different messages of this run',
		);
		expect(result.error?.description).toMatch(/Raise Sent Messages Kept.*Nothing was sent\./);
		expect(record.calls).toEqual([]);
	});

	it('Sent Messages Kept forgets the oldest keys first', async () => {
		await send(ROWS.slice(0, 2), { sentMessagesKept: 2 });
		await send(ROWS.slice(2, 3), { sentMessagesKept: 2 });
		const [, sent] = await send(ROWS, { sentMessagesKept: 3 });
		expect(sent.map((m) => m.to)).toEqual(['+31611110001']);
	});

	it('a record written by a Remove Duplicates node in another mode: every item fails with what to do, nothing sent', async () => {
		record.seed(WORKFLOW, NODE_CONTEXT, { mode: 'latestIncrementalKey', data: 7 });
		const [result, sent] = await send(ROWS.slice(0, 2));
		expect(sent).toEqual([]);
		expect(result.main).toEqual([]);
		expect(result.errorOutput.map((i) => i.json.error)).toEqual(
			[0, 1].map((itemIndex) =>
				expect.objectContaining({
					message: expect.stringMatching(
						/^Skip Messages Already Sent could not use n8n’s record of sent messages: Deduplication Failed: Deduplication data was originally saved/,
					),
					errorType: 'configuration',
					mayHaveBeenSent: false,
					itemIndex,
				}),
			),
		);
	});

	it('a key that is not text fails its item before anything is sent (Stop)', async () => {
		const [result, sent] = await send(
			ROWS.slice(0, 2),
			{
				sentMessageKey: '={{ $itemIndex === 1 ? { a: 1 } : "fine" }}',
			},
			'stopWorkflow',
		);
		expect(sent).toEqual([]);
		expect(result.error?.message).toMatch(/Sent Message Key: the key is object, not text/);
	});

	it('another worker writing its stale copy of the record over this run’s keys during the sends: they are recorded again after', async () => {
		callbell.script(
			{ status: 200, delayMs: 300, body: { message: { uuid: 'm-1', status: 'enqueued' } } },
			{ status: 200, body: { message: { uuid: 'm-2', status: 'enqueued' } } },
		);
		const running = send(ROWS.slice(0, 2));
		while (record.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		await new Promise((resolve) => setTimeout(resolve, 50));
		// What a worker that read the record before this run's claim writes back.
		record.seed(WORKFLOW, NODE_CONTEXT, { mode: 'entries', data: [] });
		const [first] = await running;
		const keys = first.main.map((i) => i.json.sentMessageKey as string);
		for (const key of keys) expect(record.has(WORKFLOW, NODE_CONTEXT, key)).toBe(true);
		const [, sentAgain] = await send(ROWS.slice(0, 2));
		expect(sentAgain).toEqual([]);
	});

	it('two executions at once in one process with overlapping messages: each message goes out once', async () => {
		const [[a, b], sent] = await accepted(
			async () =>
				await Promise.all([send(ROWS.slice(0, 2)), send(ROWS.slice(1, 3))]).then((runs) =>
					runs.map(([r]) => r),
				),
		);
		expect(sent.map((m) => m.to).sort()).toEqual(['+31611110001', '+31611110002', '+31611110003']);
		expect(
			[...statuses(a.main), ...statuses(b.main)].filter((s) => s === 'skipped_duplicate'),
		).toHaveLength(1);
	});
});
