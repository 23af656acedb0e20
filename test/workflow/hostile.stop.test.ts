import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { jsonBody } from '../../fakes/server';
import type { OnError } from '../harness/engine';
import { runNode } from '../harness/engine';
import type { HostileRequest, HostileServer } from '../harness/hostile';
import { asRecorded, hostileFront, quietFor, sendJson, waitUntil } from '../harness/hostile';
import type { ProviderCase } from '../harness/providerCases';
import { providerCases } from '../harness/providerCases';

// Point 3 of issue 11: with On Error → Stop, no message leaves after the first failure — not even one that
// was already waiting for a pacing slot or a retry — and the error says what was accepted and what was not
// sent, so a re-run can send exactly the rest. Cancelling the execution ends the run at once, and the items
// whose turn never came are reported as certainly not sent.

/** The item a send belongs to, from its text ("message 7"); -1 for anything else. */
function itemOf(request: HostileRequest): number {
	const body = jsonBody(asRecorded(request));
	const text = String(
		body?.message ??
			(body?.content as IDataObject | undefined)?.text ??
			(body?.text as IDataObject | undefined)?.body ??
			body?.text ??
			'',
	);
	return Number(/^message (\d+)$/.exec(text)?.[1] ?? -1);
}

const sends = (server: HostileServer) => server.requests.filter((r) => r.method === 'POST');

function items(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({ json: { text: `message ${i}` } }));
}

async function run(
	c: ProviderCase,
	server: HostileServer,
	count: number,
	options: IDataObject,
	onError: OnError = 'stopWorkflow',
	onStart?: (cancel: () => void) => void,
) {
	const started = Date.now();
	const result = await runNode({
		parameters: { ...c.text(options), text: '={{ $json.text }}' },
		items: items(count),
		credentials: c.credentials(server.url),
		onError,
		onStart,
	});
	return { result, ms: Date.now() - started };
}

const REFUSAL = {
	error: { code: 'VALIDATION_ERROR', message: 'to is not a valid number' },
	message: 'to is not a valid number',
};

describe('On Error → Stop: nothing leaves after the first failure', () => {
	const cases = providerCases();
	const callbell = cases[2];

	it('items waiting for a pacing slot are released unsent: one failure at 5 a second sends nothing more', async () => {
		const server = await hostileFront(callbell.fake, (request, res) => {
			if (request.method !== 'POST' || itemOf(request) !== 0) return false;
			sendJson(res, 400, REFUSAL);
			return true;
		});
		try {
			const { result } = await run(callbell, server, 20, { messagesPerSecond: 5, concurrency: 5 });
			// Longer than a pacing gap: a send still queued would have left by now.
			await quietFor(600);
			expect(sends(server).map(itemOf)).toEqual([0]);
			expect(result.error?.message).toBe(
				'Callbell refused the message (HTTP 400): to is not a valid number [VALIDATION_ERROR]',
			);
			expect(result.error?.description).toBe(
				'The run stopped at this failure (On Error: Stop). Of 20 messages: 0 accepted by the provider before the stop, 20 not sent.',
			);
		} finally {
			await server.close();
		}
	});

	it('the error counts what was accepted before the stop', async () => {
		const server = await hostileFront(callbell.fake, (request, res) => {
			if (request.method !== 'POST' || itemOf(request) !== 2) return false;
			sendJson(res, 422, REFUSAL);
			return true;
		});
		try {
			const { result } = await run(callbell, server, 20, { messagesPerSecond: 5, concurrency: 5 });
			await quietFor(600);
			expect(sends(server).map(itemOf)).toEqual([0, 1, 2]);
			expect(result.error?.description).toBe(
				'The run stopped at this failure (On Error: Stop). Of 20 messages: 2 accepted by the provider before the stop, 18 not sent.',
			);
			expect(result.error?.context?.outcomes).toEqual({ accepted: 2, uncertain: 0, notSent: 18 });
		} finally {
			await server.close();
		}
	});

	it('a message waiting to be retried is released unsent, and the run does not wait out the pause', async () => {
		// Item 0's 429 is held until item 1's request is in: a request made after the 429 would rightly
		// wait out the pause the provider asked for (every lane holds back), which is not what this tests.
		const arrived = new Map<number, () => void>();
		const answerBoth = () => {
			if (arrived.size === 2) for (const answer of arrived.values()) answer();
		};
		const server = await hostileFront(callbell.fake, (request, res) => {
			if (request.method !== 'POST') return false;
			const item = itemOf(request);
			if (arrived.has(item)) {
				// A second attempt, which the test expects never to come: answered, and counted by sends().
				sendJson(res, 429, { error: 'Too Many Requests' }, { 'Retry-After': '3' });
				return true;
			}
			arrived.set(
				item,
				item === 0
					? () => sendJson(res, 429, { error: 'Too Many Requests' }, { 'Retry-After': '3' })
					: () => setTimeout(() => sendJson(res, 400, REFUSAL), 100),
			);
			answerBoth();
			return true;
		});
		try {
			const { result, ms } = await run(callbell, server, 2, {
				messagesPerSecond: 1000,
				concurrency: 2,
			});
			expect(ms).toBeLessThan(2000);
			await quietFor(3500);
			expect(sends(server).map(itemOf).sort()).toEqual([0, 1]);
			expect(result.error?.description).toMatch(
				/Of 2 messages: 0 accepted by the provider before the stop, 2 not sent\.$/,
			);
		} finally {
			await server.close();
		}
	});

	it('bitbybit at its default pace (1.6 a second): the queue does not keep sending for seconds after the failure', async () => {
		const bitbybit = cases[0];
		const server = await hostileFront(bitbybit.fake, (request, res) => {
			if (request.method !== 'POST') return false;
			sendJson(res, 400, REFUSAL);
			return true;
		});
		try {
			const { result, ms } = await run(bitbybit, server, 6, { messagesPerSecond: 0 });
			// Sending the other five at 1.6 a second would take over 3 s; the margin is for a loaded machine.
			expect(ms).toBeLessThan(2500);
			await quietFor(1500);
			expect(sends(server)).toHaveLength(1);
			expect(result.error?.description).toMatch(
				/Of 6 messages: 0 accepted by the provider before the stop, 6 not sent\.$/,
			);
		} finally {
			await server.close();
		}
	});

	it('a failure that may have been sent is counted as such', async () => {
		const server = await hostileFront(callbell.fake, (request, res) => {
			if (request.method !== 'POST' || itemOf(request) !== 1) return false;
			sendJson(res, 500, { error: 'Internal error' });
			return true;
		});
		try {
			const { result } = await run(callbell, server, 10, { messagesPerSecond: 5, concurrency: 3 });
			await quietFor(600);
			expect(sends(server).map(itemOf)).toEqual([0, 1]);
			expect(result.error?.description).toMatch(
				/Of 10 messages: 1 accepted by the provider before the stop, 1 may or may not have been sent, 8 not sent\.$/,
			);
		} finally {
			await server.close();
		}
	});
});

describe('Cancel (the execution is stopped) ends the run at once', () => {
	const callbell = providerCases()[2];

	it('no pacing wait and no send after the cancel; items never started are reported as certainly not sent', async () => {
		const server = await hostileFront(callbell.fake, () => false);
		let cancelledAt = 0;
		try {
			const { result } = await run(
				callbell,
				server,
				20,
				{ messagesPerSecond: 5, concurrency: 5 },
				'continueRegularOutput',
				(cancel) => {
					void waitUntil(() => sends(server).length >= 2).then(() => {
						cancelledAt = Date.now();
						cancel();
					});
				},
			);
			expect(Date.now() - cancelledAt).toBeLessThan(1500);
			const sentAtCancel = sends(server).length;
			await quietFor(800);
			expect(sends(server)).toHaveLength(sentAtCancel);
			expect(result.main).toHaveLength(20);
			expect(result.main.map((item) => item.pairedItem)).toEqual(
				items(20).map((_, item) => ({ item })),
			);
			// What reached the server was accepted, or was still in flight: then it may have been sent.
			for (const item of result.main.slice(0, sentAtCancel)) {
				expect(
					item.json.messageId ?? (item.json.error as IDataObject).mayHaveBeenSent,
				).toBeTruthy();
			}
			for (const item of result.main.slice(sentAtCancel)) {
				expect(item.json.error).toMatchObject({
					errorType: 'cancelled',
					mayHaveBeenSent: false,
					message: 'The message was not sent to Callbell: the execution was cancelled',
				});
			}
		} finally {
			await server.close();
		}
	});

	it('a send in flight when the execution is cancelled is ended, and reported as possibly sent', async () => {
		const server = await hostileFront(callbell.fake, (request) => request.method === 'POST');
		try {
			const { result, ms } = await run(
				callbell,
				server,
				3,
				{ messagesPerSecond: 1000, concurrency: 1, timeout: 20_000 },
				'continueRegularOutput',
				(cancel) => {
					void waitUntil(() => sends(server).length >= 1).then(cancel);
				},
			);
			// Left alone, the send in flight would hold the run until its 20 s timeout.
			expect(ms).toBeLessThan(5000);
			expect(sends(server)).toHaveLength(1);
			expect(result.main[0].json.error).toMatchObject({
				errorType: 'cancelled',
				mayHaveBeenSent: true,
			});
			expect((result.main[0].json.error as IDataObject).message).toBe(
				'The execution was cancelled while the message was on its way to Callbell — it may or may not have been sent',
			);
			expect(
				result.main.slice(1).map((item) => (item.json.error as IDataObject).mayHaveBeenSent),
			).toEqual([false, false]);
		} finally {
			await server.close();
		}
	});
});
