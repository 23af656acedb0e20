import { Sandbox } from '../../dev/sandbox/server';
import type { FakeResponse, RecordedRequest } from '../../fakes/server';
import { jsonBody } from '../../fakes/server';
import { engineLabel, selectedEngines } from './lib/engines';
import type { Execution } from './lib/execution';
import { n8nWithSandbox } from './lib/fixture';
import type { N8nInstance } from './lib/instance';
import { manualTrigger, noOp, rowsSource, sendNode, workflow } from './lib/workflows';

/**
 * Skip Messages Already Sent with n8n's own database-backed deduplication helper: every run is a
 * separate `n8n execute` process, so only n8n's database (SQLite here) can carry the record from one
 * run to the next. The re-run sends nothing already sent; the message refused the first time (certainly
 * not sent) goes out once its cause is fixed.
 */

const CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';
/** Callbell documents 402 for an empty WhatsApp balance (contracts §3): nothing was sent. */
const NO_BALANCE = '+31622220003';

const ROWS = [
	{ to: '+31 6 2222 0001', name: 'Anna' },
	{ to: '+31 6 2222 0002', name: 'Bram' },
	{ to: '+31 6 2222 0003', name: 'Cees' },
	{ to: '+31 6 2222 0004', name: 'Dirk' },
	// The same message to the same person, twice in one run.
	{ to: '+31 6 2222 0001', name: 'Anna' },
];

function skipWorkflow(id: string) {
	const [rows, split] = rowsSource('Input', ROWS);
	return workflow(
		id,
		'Skip messages already sent',
		[
			manualTrigger(),
			rows,
			split,
			sendNode(
				'Send',
				'callbell',
				'whatsAppSendCallbellApi',
				{
					messageType: 'text',
					channel: { __rl: true, mode: 'id', value: CHANNEL },
					to: '={{ $json.to }}',
					text: '=Hi {{ $json.name }}, your order shipped.',
					options: { concurrency: 3, skipAlreadySent: true },
				},
				'continueErrorOutput',
			),
			noOp('Sent'),
			noOp('Failed'),
		],
		[
			['Start', rows.name],
			[rows.name, split.name],
			[split.name, 'Send'],
			['Send', 'Sent', 0],
			['Send', 'Failed', 1],
		],
	);
}

describe.each(selectedEngines())('Skip Messages Already Sent in $id', (engine) => {
	const label = engineLabel(engine);
	const sandbox = new Sandbox();
	let n8n: N8nInstance;
	let broke = true;
	const WORKFLOW = skipWorkflow('skipSentFlow0001');

	beforeAll(async () => {
		await sandbox.start();
		const callbell = sandbox.fakes.callbell;
		const handle = callbell.handle.bind(callbell);
		callbell.handle = (request: RecordedRequest): FakeResponse => {
			if (
				broke &&
				request.method === 'POST' &&
				request.path === '/messages/send' &&
				jsonBody(request)?.to === NO_BALANCE
			) {
				return { status: 402, body: { error: 'Insufficient WhatsApp balance' } };
			}
			return handle(request);
		};
		n8n = await n8nWithSandbox(engine, 'skipsent', sandbox, [WORKFLOW]);
	});
	afterAll(async () => {
		await n8n?.dispose();
		await sandbox.stop();
	});

	async function run(): Promise<{ execution: Execution; sentTo: string[] }> {
		const callbell = sandbox.fakes.callbell;
		const before = callbell.accepted.length;
		const execution = await n8n.execute(WORKFLOW.id);
		const sentTo = callbell.accepted
			.slice(before)
			.map((r) => (r.json as { to: string }).to)
			.sort();
		return { execution, sentTo };
	}

	it(`${label}: the first run sends each message once, a re-run sends nothing, the refused one goes out once fixed`, async () => {
		const first = await run();
		expect(first.execution.error).toBeUndefined();
		expect(first.sentTo).toEqual(['+31622220001', '+31622220002', '+31622220004']);
		const [sent, failed] = first.execution.outputs('Send');
		expect(sent.map((i) => [i.json.to, i.json.status, i.pairedItem])).toEqual([
			['+31622220001', 'enqueued', { item: 0 }],
			['+31622220002', 'enqueued', { item: 1 }],
			['+31622220004', 'enqueued', { item: 3 }],
			['+31622220001', 'skipped_duplicate', { item: 4 }],
		]);
		expect(sent[3].json.sentMessageKey).toBe(sent[0].json.sentMessageKey);
		expect(
			failed.map((i) => [(i.json.error as { httpCode: number }).httpCode, i.pairedItem]),
		).toEqual([[402, { item: 2 }]]);

		// Another process, the same database: nothing already sent goes out again.
		broke = false;
		const second = await run();
		expect(second.execution.error).toBeUndefined();
		expect(second.sentTo).toEqual([NO_BALANCE]);
		expect(second.execution.outputs('Send')[0].map((i) => i.json.status)).toEqual([
			'skipped_duplicate',
			'skipped_duplicate',
			'enqueued',
			'skipped_duplicate',
			'skipped_duplicate',
		]);

		const third = await run();
		expect(third.sentTo).toEqual([]);
		expect(third.execution.outputs('Send')[0].map((i) => i.json.status)).toEqual(
			new Array(5).fill('skipped_duplicate'),
		);
		expect(third.execution.outputs('Send')[1]).toEqual([]);
	});
});
