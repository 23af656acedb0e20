import type { INodeExecutionData } from 'n8n-workflow';

import { FakeProvider } from '../../fakes/fake';
import { FakeMultiSession } from '../../fakes/multiSession';
import type { FakeResponse, RecordedRequest } from '../../fakes/server';
import { jsonBody } from '../../fakes/server';
import { runNode } from '../harness/engine';

function itemOf(request: RecordedRequest): number {
	return Number(/^message (\d+)$/.exec(String(jsonBody(request)?.text))?.[1]);
}

function items(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { to: `+62 812 0000 ${String(i).padStart(4, '0')}`, text: `message ${i}` },
	}));
}

const PARAMETERS = {
	provider: 'multiSession',
	messageType: 'text',
	to: '={{ $json.to }}',
	text: '={{ $json.text }}',
};

/**
 * The Multi-Session server, answering out of order: it holds requests until `gate` are in flight at
 * once (or nothing more came for 2 s), then answers each after a delay set by its item, so item
 * 1 of a batch is answered first and item 0 last. Counts the requests in flight.
 */
class OutOfOrderServer extends FakeProvider {
	static readonly DELAYS = [30, 0, 20, 10];

	readonly inner = new FakeMultiSession();

	inFlight = 0;

	mostInFlight = 0;

	/** Items in the order they were answered. */
	readonly answered: number[] = [];

	/** The message id given to each item. */
	readonly ids = new Map<number, string>();

	private held: Array<() => void> = [];

	private fallback?: NodeJS.Timeout;

	constructor(private readonly gate: number) {
		super();
	}

	async handle(request: RecordedRequest): Promise<FakeResponse> {
		this.inFlight++;
		this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
		const item = itemOf(request);
		await new Promise<void>((resolve) => {
			this.held.push(resolve);
			this.release();
		});
		await new Promise((resolve) =>
			setTimeout(resolve, OutOfOrderServer.DELAYS[item % OutOfOrderServer.DELAYS.length]),
		);
		const response = this.inner.handle(request);
		// Answered in this same turn of the event loop, so no new request can arrive before the count drops.
		this.inFlight--;
		this.answered.push(item);
		this.ids.set(item, (response.body as { data: { message_id: string } }).data.message_id);
		return response;
	}

	private release(): void {
		clearTimeout(this.fallback);
		const open = () => {
			clearTimeout(this.fallback);
			const held = this.held;
			this.held = [];
			for (const resolve of held) resolve();
		};
		if (this.held.length >= this.gate) open();
		else this.fallback = setTimeout(open, 2000);
	}
}

/** The Multi-Session server behind a limiter that answers 429 to what exceeds `limit` in any sliding second. */
class RateLimitedServer extends FakeProvider {
	readonly inner = new FakeMultiSession();

	rateLimited = 0;

	private acceptedAt: number[] = [];

	constructor(private readonly limit: number) {
		super();
	}

	handle(request: RecordedRequest): FakeResponse {
		const now = performance.now();
		this.acceptedAt = this.acceptedAt.filter((time) => time > now - 1000);
		if (this.acceptedAt.length >= this.limit) {
			this.rateLimited++;
			return {
				status: 429,
				headers: { 'Retry-After': '1' },
				body: { status: false, code: 429, message: 'Too Many Requests' },
			};
		}
		this.acceptedAt.push(now);
		return this.inner.handle(request);
	}
}

describe('throughput inside the n8n engine', () => {
	it.each([
		['options.concurrency = 4', { concurrency: 4 }, 4],
		['the default concurrency', {}, 5],
	])(
		'keeps outputs in input order and paired when answers come out of order, with %s in flight',
		async (_, options, lanes) => {
			const server = new OutOfOrderServer(lanes);
			await server.start();
			try {
				const count = lanes * 3;
				const { main, error } = await runNode({
					parameters: { ...PARAMETERS, options },
					items: items(count),
					credentials: {
						whatsAppSendMultiSessionApi: { token: server.inner.token, baseUrl: server.url },
					},
				});
				expect(error).toBeUndefined();
				// The first batch was answered as the delays order it, not as it was sent.
				const firstBatch = Array.from({ length: lanes }, (_, i) => i);
				expect(server.answered.slice(0, lanes)).toEqual(
					[...firstBatch].sort(
						(a, b) => OutOfOrderServer.DELAYS[a % 4] - OutOfOrderServer.DELAYS[b % 4] || a - b,
					),
				);
				expect(server.mostInFlight).toBe(lanes);
				expect(main).toHaveLength(count);
				main.forEach((output, i) => {
					expect(output.pairedItem).toEqual({ item: i });
					expect(output.json).toMatchObject({
						to: `628120000${String(i).padStart(4, '0')}@s.whatsapp.net`,
						messageId: server.ids.get(i),
					});
				});
				expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(
					Array.from(
						{ length: count },
						(_, i) => `POST /chats/628120000${String(i).padStart(4, '0')}@s.whatsapp.net/messages`,
					),
				);
			} finally {
				await server.stop();
			}
		},
	);

	it('sends 30 items at messagesPerSecond 20 through a server that answers 429 above 22 a second without one 429', async () => {
		// Unpaced, the same 30 items do meet the limit: the server below does refuse what exceeds it.
		const control = new RateLimitedServer(22);
		await control.start();
		try {
			const { main } = await runNode({
				parameters: {
					...PARAMETERS,
					options: { concurrency: 10, messagesPerSecond: 1000, maxRetries: 0 },
				},
				items: items(30),
				credentials: {
					whatsAppSendMultiSessionApi: { token: control.inner.token, baseUrl: control.url },
				},
				onError: 'continueRegularOutput',
			});
			expect(control.rateLimited).toBeGreaterThan(0);
			const refused = main.filter((item) => JSON.stringify(item.json).includes('"httpCode":429'));
			expect(refused).toHaveLength(control.rateLimited);
		} finally {
			await control.stop();
		}

		// Two above the pace: a start delayed by 100 ms on a busy machine cannot make a false 429.
		const server = new RateLimitedServer(22);
		await server.start();
		try {
			const { main, error } = await runNode({
				parameters: { ...PARAMETERS, options: { concurrency: 10, messagesPerSecond: 20 } },
				items: items(30),
				credentials: {
					whatsAppSendMultiSessionApi: { token: server.inner.token, baseUrl: server.url },
				},
			});
			expect(error).toBeUndefined();
			expect(server.rateLimited).toBe(0);
			expect(server.requests).toHaveLength(30);
			expect(main.map((output) => output.json.to)).toEqual(
				Array.from(
					{ length: 30 },
					(_, i) => `628120000${String(i).padStart(4, '0')}@s.whatsapp.net`,
				),
			);
		} finally {
			await server.stop();
		}
	});
});
