import { Sandbox } from '../../dev/sandbox/server';
import type { FakeResponse, RecordedRequest } from '../../fakes/server';
import { jsonBody } from '../../fakes/server';
import { engineLabel, selectedEngines } from './lib/engines';
import type { Execution, RunItem } from './lib/execution';
import { n8nWithSandbox } from './lib/fixture';
import type { N8nInstance } from './lib/instance';
import { manualTrigger, noOp, rowsSource, sendNode, workflow } from './lib/workflows';
import type { OnError } from './lib/workflows';

/**
 * What happens to good and bad items under each *On Error* setting, in real n8n 1.x and 2.x. n8n's
 * engines decide which items reach the error output and what they merge into them
 * (`WorkflowExecute.handleNodeErrorOutput` in n8n-core, which differs between the lines), so only a run
 * in each engine shows what users get. Each workflow feeds the node rows as users do without code (Edit
 * Fields → Split Out) and ends each branch in a No Operation node, so the run shows what reaches the
 * next node on each branch.
 */

const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';

/** This number's account has no WhatsApp balance left: Callbell answers 402 (contracts §3, docs.callbell.eu). */
const NO_BALANCE = '+31611110003';

/** Rows for Callbell: good, not a number, refused by the provider, good. `message` is a column of the row's own. */
const CALLBELL_ROWS = [
	{ to: '+31 6 1111 0001', name: 'Anna', message: 'row 0' },
	{ to: 'not a number', name: 'Bram', message: 'row 1' },
	{ to: '+31 6 1111 0003', name: 'Cees', message: 'row 2' },
	{ to: '+31 6 1111 0004', name: 'Dirk', message: 'row 3' },
];

/** Rows for the Multi-Session API: good JID, a JID that tries to climb out of the chat path, good number. */
const SESSION_ROWS = [
	{ to: '6281234567890@s.whatsapp.net', name: 'Budi' },
	{ to: '6281234567890@s.whatsapp.net/../../sessions/logout', name: 'Eve' },
	{ to: '+62 812 3456 7891', name: 'Citra' },
];

/** A Callbell credential whose Base URL is not http(s): the node cannot start at all. */
const FTP_CREDENTIAL = { id: 'sbxCredCallbFtp1', name: 'Callbell with an ftp Base URL' };
const FTP_BASE_URL = 'ftp://files.example.com/v1';

function callbellSend(
	name: string,
	onError: OnError,
	concurrency = 5,
	credential?: { id: string; name: string },
) {
	return sendNode(
		name,
		'callbell',
		'whatsAppSendCallbellApi',
		{
			messageType: 'text',
			channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
			to: '={{ $json.to }}',
			text: '=Hi {{ $json.name }}, your order shipped.',
			options: { concurrency },
		},
		onError,
		credential,
	);
}

function sessionSend(name: string, onError: OnError) {
	return sendNode(
		name,
		'multiSession',
		'whatsAppSendMultiSessionApi',
		{
			messageType: 'text',
			to: '={{ $json.to }}',
			text: '=Hi {{ $json.name }}',
			options: { typingSimulation: false, presenceSimulation: false },
		},
		onError,
	);
}

/** Both providers side by side under one *On Error* setting; the error output (if any) feeds its own branch. */
function continueWorkflow(id: string, onError: 'continueRegularOutput' | 'continueErrorOutput') {
	const errorOutput = onError === 'continueErrorOutput';
	const [callbellRows, splitCallbell] = rowsSource('Callbell', CALLBELL_ROWS);
	const [sessionRows, splitSession] = rowsSource('Session', SESSION_ROWS);
	const nodes = [
		manualTrigger(),
		callbellRows,
		splitCallbell,
		callbellSend('Send via Callbell', onError),
		noOp('Callbell sent'),
		sessionRows,
		splitSession,
		sessionSend('Send via Multi-Session', onError),
		noOp('Multi-Session sent'),
		...(errorOutput ? [noOp('Callbell failed'), noOp('Multi-Session failed')] : []),
	];
	return workflow(id, `Error routing: ${onError}`, nodes, [
		['Start', callbellRows.name],
		[callbellRows.name, splitCallbell.name],
		[splitCallbell.name, 'Send via Callbell'],
		['Send via Callbell', 'Callbell sent', 0],
		['Start', sessionRows.name],
		[sessionRows.name, splitSession.name],
		[splitSession.name, 'Send via Multi-Session'],
		['Send via Multi-Session', 'Multi-Session sent', 0],
		...(errorOutput
			? ([
					['Send via Callbell', 'Callbell failed', 1],
					['Send via Multi-Session', 'Multi-Session failed', 1],
				] as Array<[string, string, number]>)
			: []),
	]);
}

/** One provider under *Stop*, rows as given. */
function stopWorkflow(
	id: string,
	provider: 'callbell' | 'multiSession',
	rows: Array<Record<string, unknown>>,
) {
	const [source, split] = rowsSource('Input', rows);
	const send =
		provider === 'callbell'
			? callbellSend('Send', 'stopWorkflow', 1)
			: sessionSend('Send', 'stopWorkflow');
	return workflow(
		id,
		`Error routing: stop (${id})`,
		[manualTrigger(), source, split, send, noOp('After send')],
		[
			['Start', source.name],
			[source.name, split.name],
			[split.name, 'Send'],
			['Send', 'After send'],
		],
	);
}

/** Callbell rows to a node that cannot start, under *Continue (using error output)*. */
function cannotStartWorkflow(id: string) {
	const [source, split] = rowsSource('Input', CALLBELL_ROWS);
	return workflow(
		id,
		'Error routing: the node cannot start',
		[
			manualTrigger(),
			source,
			split,
			callbellSend('Send', 'continueErrorOutput', 5, FTP_CREDENTIAL),
			noOp('Sent'),
			noOp('Failed'),
		],
		[
			['Start', source.name],
			[source.name, split.name],
			[split.name, 'Send'],
			['Send', 'Sent', 0],
			['Send', 'Failed', 1],
		],
	);
}

const WORKFLOWS = {
	errorOutput: continueWorkflow('errRouteErrOut01', 'continueErrorOutput'),
	regularOutput: continueWorkflow('errRouteRegular1', 'continueRegularOutput'),
	stopOnInput: stopWorkflow('errRouteStopIn01', 'callbell', CALLBELL_ROWS),
	stopOnJid: stopWorkflow('errRouteStopJid1', 'multiSession', SESSION_ROWS),
	stopOnRefusal: stopWorkflow('errRouteStop4021', 'callbell', [
		CALLBELL_ROWS[0],
		CALLBELL_ROWS[2],
		CALLBELL_ROWS[3],
	]),
	cannotStart: cannotStartWorkflow('errRouteNoStart1'),
};

const NOT_A_NUMBER = {
	message: expect.stringMatching(/^Item 1: To: "not a number" is not a phone number/),
	description: expect.stringMatching(/Nothing was sent\.$/),
	provider: 'callbell',
	messageType: 'text',
	to: null,
	errorType: 'validation',
	retryable: false,
	mayHaveBeenSent: false,
	itemIndex: 1,
};

const EMPTY_BALANCE_HINT =
	'Callbell’s WhatsApp balance is empty: top it up in Callbell. Sending again will not help until then.';

const REFUSED = {
	message: 'Callbell refused the message (HTTP 402): Insufficient WhatsApp balance',
	description: EMPTY_BALANCE_HINT,
	hint: EMPTY_BALANCE_HINT,
	attempts: 1,
	provider: 'callbell',
	messageType: 'text',
	to: NO_BALANCE,
	errorType: 'payment',
	httpCode: 402,
	providerMessage: 'Insufficient WhatsApp balance',
	retryable: false,
	mayHaveBeenSent: false,
	itemIndex: 2,
};

const BAD_JID_MESSAGE =
	/^Item 1: To: "6281234567890@s\.whatsapp\.net\/\.\.\/\.\.\/sessions\/logout" is not a valid WhatsApp JID/;

const BAD_JID = {
	message: expect.stringMatching(BAD_JID_MESSAGE),
	description: expect.stringMatching(/^Valid: .*JID/),
	provider: 'multiSession',
	messageType: 'text',
	to: null,
	errorType: 'validation',
	retryable: false,
	mayHaveBeenSent: false,
	itemIndex: 1,
};

describe.each(selectedEngines())('error routing in $id', (engine) => {
	const label = engineLabel(engine);
	const sandbox = new Sandbox();
	let n8n: N8nInstance;

	beforeAll(async () => {
		await sandbox.start();
		const callbell = sandbox.fakes.callbell;
		const handle = callbell.handle.bind(callbell);
		callbell.handle = (request: RecordedRequest): FakeResponse => {
			// Callbell documents 402 for an empty WhatsApp balance; the body shape is not documented (contracts §3).
			if (
				request.method === 'POST' &&
				request.path === '/messages/send' &&
				jsonBody(request)?.to === NO_BALANCE
			) {
				return { status: 402, body: { error: 'Insufficient WhatsApp balance' } };
			}
			return handle(request);
		};
		const ftp = {
			...FTP_CREDENTIAL,
			type: 'whatsAppSendCallbellApi',
			data: { apiKey: callbell.apiKey, baseUrl: FTP_BASE_URL },
		};
		n8n = await n8nWithSandbox(engine, 'errors', sandbox, Object.values(WORKFLOWS), [ftp]);
	});
	afterAll(async () => {
		await n8n?.dispose();
		await sandbox.stop();
	});

	/** Runs a workflow and returns what each provider accepted and every send request that reached it. */
	async function run(id: string): Promise<{
		execution: Execution;
		accepted: Record<string, unknown[]>;
		sendRequests: Record<string, string[]>;
	}> {
		const acceptedBefore = Object.fromEntries(
			sandbox.providers.map((p) => [p.id, p.fake.accepted.length]),
		);
		sandbox.inbox.clear();
		const execution = await n8n.execute(id);
		const accepted = Object.fromEntries(
			sandbox.providers.map((p) => [
				p.id,
				p.fake.accepted.slice(acceptedBefore[p.id]).map((r) => ({ path: r.path, body: r.json })),
			]),
		);
		const sendRequests: Record<string, string[]> = {};
		for (const activity of [...sandbox.inbox.recentActivity].reverse()) {
			if (activity.method === 'POST')
				(sendRequests[activity.provider] ??= []).push(`${activity.path} → ${activity.status}`);
		}
		return { execution, accepted, sendRequests };
	}

	const pairs = (items: RunItem[]) => items.map((item) => item.pairedItem);

	it(`${label}: Continue (using error output) — failed items on the error branch with their input row, good ones on the main branch; nothing sent for bad input`, async () => {
		const { execution, accepted, sendRequests } = await run(WORKFLOWS.errorOutput.id);
		expect(execution.error).toBeUndefined();

		const [callbellMain, callbellErrors] = execution.outputs('Send via Callbell');
		expect(pairs(callbellMain)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(callbellMain.map((i) => [i.json.to, i.json.status])).toEqual([
			['+31611110001', 'enqueued'],
			['+31611110004', 'enqueued'],
		]);
		expect(pairs(callbellErrors)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n merged the paired input row around `error`: its columns (its own `message` too) are still there.
		expect(callbellErrors.map((i) => i.json)).toEqual([
			{ ...CALLBELL_ROWS[1], error: NOT_A_NUMBER },
			{ ...CALLBELL_ROWS[2], error: REFUSED },
		]);
		// What the next node on each branch receives.
		expect(execution.outputs('Callbell sent')[0].map((i) => i.json.to)).toEqual([
			'+31611110001',
			'+31611110004',
		]);
		expect(execution.outputs('Callbell failed')[0].map((i) => i.json.name)).toEqual([
			'Bram',
			'Cees',
		]);

		const [sessionMain, sessionErrors] = execution.outputs('Send via Multi-Session');
		expect(pairs(sessionMain)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(sessionMain.map((i) => i.json.to)).toEqual([
			'6281234567890@s.whatsapp.net',
			'6281234567891@s.whatsapp.net',
		]);
		expect(pairs(sessionErrors)).toEqual([{ item: 1 }]);
		expect(sessionErrors[0].json).toEqual({ ...SESSION_ROWS[1], error: BAD_JID });
		expect(execution.outputs('Multi-Session failed')[0].map((i) => i.json.name)).toEqual(['Eve']);

		expect(accepted.callbell).toEqual([
			{
				path: '/messages/send',
				body: expect.objectContaining({
					to: '+31611110001',
					content: { text: 'Hi Anna, your order shipped.' },
				}),
			},
			{
				path: '/messages/send',
				body: expect.objectContaining({
					to: '+31611110004',
					content: { text: 'Hi Dirk, your order shipped.' },
				}),
			},
		]);
		// The bad number never reached Callbell; the refused one was tried once (402 is not retried).
		expect(sendRequests.callbell?.sort()).toEqual([
			'/callbell/messages/send → 200',
			'/callbell/messages/send → 200',
			'/callbell/messages/send → 402',
		]);
		expect(accepted.multiSession).toEqual([
			{
				path: '/chats/6281234567890@s.whatsapp.net/messages',
				body: { text: 'Hi Budi', typing_simulation: false, presence_simulation: false },
			},
			{
				path: '/chats/6281234567891@s.whatsapp.net/messages',
				body: { text: 'Hi Citra', typing_simulation: false, presence_simulation: false },
			},
		]);
		expect(sendRequests.multiSession).toHaveLength(2);
	});

	it(`${label}: Continue (regular output) — every item on the one output in input order, failed ones exactly {error}`, async () => {
		const { execution, accepted } = await run(WORKFLOWS.regularOutput.id);
		expect(execution.error).toBeUndefined();

		const callbell = execution.outputs('Send via Callbell');
		expect(callbell).toHaveLength(1);
		const [items] = callbell;
		expect(pairs(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items.map((i) => Object.keys(i.json).sort())).toEqual([
			['messageId', 'messageType', 'provider', 'raw', 'status', 'to', 'whatsappMessageId'],
			['error'],
			['error'],
			['messageId', 'messageType', 'provider', 'raw', 'status', 'to', 'whatsappMessageId'],
		]);
		expect(items[1].json.error).toEqual(NOT_A_NUMBER);
		expect(items[2].json.error).toEqual(REFUSED);
		expect(execution.outputs('Callbell sent')[0]).toHaveLength(4);

		const [session] = execution.outputs('Send via Multi-Session');
		expect(pairs(session)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(session[1].json).toEqual({ error: BAD_JID });
		expect(accepted.callbell.map((r) => (r as { body: { to: string } }).body.to)).toEqual([
			'+31611110001',
			'+31611110004',
		]);
		expect(accepted.multiSession).toHaveLength(2);
	});

	it(`${label}: Stop — a bad recipient stops the run before anything is sent, naming the item, the parameter and the value`, async () => {
		const { execution, sendRequests } = await run(WORKFLOWS.stopOnInput.id);
		expect(execution.failed).toBe(true);
		expect(execution.error?.message).toMatch(/^Item 1: To: "not a number" is not a phone number/);
		expect(execution.error?.description).toMatch(/Nothing was sent\.$/);
		expect(execution.runsOf('Send')[0].error?.message).toBe(execution.error?.message);
		expect(execution.ran('After send')).toBe(false);
		expect(sendRequests).toEqual({});
	});

	it(`${label}: Stop — a JID that tries to leave its chat path stops the run before anything is sent`, async () => {
		const { execution, sendRequests } = await run(WORKFLOWS.stopOnJid.id);
		expect(execution.failed).toBe(true);
		expect(execution.error?.message).toMatch(BAD_JID_MESSAGE);
		expect(execution.ran('After send')).toBe(false);
		expect(sendRequests).toEqual({});
	});

	it(`${label}: Stop — a provider refusal stops the run with the provider's words; nothing is sent after it`, async () => {
		const { execution, accepted, sendRequests } = await run(WORKFLOWS.stopOnRefusal.id);
		expect(execution.failed).toBe(true);
		expect(execution.error?.message).toBe(
			'Callbell refused the message (HTTP 402): Insufficient WhatsApp balance',
		);
		expect(execution.ran('After send')).toBe(false);
		// One at a time: the first row was sent, the second refused, the third never tried.
		expect(accepted.callbell.map((r) => (r as { body: { to: string } }).body.to)).toEqual([
			'+31611110001',
		]);
		expect(sendRequests.callbell).toEqual([
			'/callbell/messages/send → 200',
			'/callbell/messages/send → 402',
		]);
	});

	it(`${label}: a node that cannot start (Base URL not http(s)) under Continue (using error output) — every row on the error branch, not passed on as sent`, async () => {
		const { execution, sendRequests } = await run(WORKFLOWS.cannotStart.id);
		expect(execution.error).toBeUndefined();
		const [main, errors] = execution.outputs('Send');
		expect(main).toEqual([]);
		expect(pairs(errors)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(errors.map((i) => i.json)).toEqual(
			CALLBELL_ROWS.map((row, itemIndex) => ({
				...row,
				error: {
					message:
						"The credential's Base URL does not start with https:// or http:// followed by a host name",
					description: expect.stringMatching(/Nothing was sent\.$/),
					provider: 'callbell',
					messageType: 'text',
					to: null,
					errorType: 'configuration',
					retryable: false,
					mayHaveBeenSent: false,
					hint: expect.stringMatching(/^Use a URL such as/),
					itemIndex,
				},
			})),
		);
		expect(execution.ran('Sent')).toBe(false);
		expect(execution.outputs('Failed')[0]).toHaveLength(4);
		expect(sendRequests).toEqual({});
	});
});
