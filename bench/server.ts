/**
 * A provider for the benchmark, run as a child process so that its work and memory are not counted
 * as the node's. It speaks the Multi-Session API's text send (the node's lightest request), checks
 * what that server checks, answers after a fixed latency and, with a rate, answers 429 to whatever
 * goes beyond it in any sliding second.
 *
 * A first path segment before `/chats/` (`/<tag>/chats/…/messages`, a Base URL with a path prefix) names
 * who sent the request: the real-n8n scenario gives each contender its own tag, and the server keeps,
 * per tag, how many it accepted, the most in flight at once and when the first arrived and the last
 * was answered.
 *
 * Started by `provider.ts` with its config as the only argument; listens on 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ServerConfig {
	latencyMs: number;
	/** Requests accepted in any sliding 1,000 ms; 0 for no limit. */
	ratePerSecond: number;
	token: string;
}

export interface ServerStats {
	accepted: number;
	rateLimited: number;
	/** Requests refused as malformed: a benchmark with any is not measuring real sends. */
	refused: number;
	maxInFlight: number;
	/** performance.now() of the first and last accepted request, in the server's clock. */
	firstAcceptedAt: number;
	lastAcceptedAt: number;
}

/** What the server saw of one tag's requests. */
export interface TagStats {
	accepted: number;
	refused: number;
	maxInFlight: number;
	/** performance.now() when its first request arrived and when its last answer was sent, in the server's clock. */
	firstArrivedAt: number;
	lastAnsweredAt: number;
	/** performance.now() of every request's arrival, in order: shows whether requests come in bursts. */
	arrivals: number[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
const SEND = /^(?:\/([a-z0-9-]{1,40}))?\/chats\/([1-9]\d{5,15}@s\.whatsapp\.net)\/messages$/;

let stats: ServerStats;
// Times of the accepted requests still inside the sliding window; bounded by the rate.
let window: number[] = [];
let inFlight = 0;
let tags = new Map<string, TagStats & { inFlight: number }>();
function reset(): void {
	stats = {
		accepted: 0,
		rateLimited: 0,
		refused: 0,
		maxInFlight: 0,
		firstAcceptedAt: 0,
		lastAcceptedAt: 0,
	};
	window = [];
	tags = new Map();
}

function tagOf(url: string | undefined): (TagStats & { inFlight: number }) | undefined {
	const tag = /^\/([a-z0-9-]{1,40})\/chats\//.exec(url ?? '')?.[1];
	if (!tag) return undefined;
	let entry = tags.get(tag);
	if (!entry) {
		entry = {
			accepted: 0,
			refused: 0,
			maxInFlight: 0,
			inFlight: 0,
			firstArrivedAt: performance.now(),
			lastAnsweredAt: 0,
			arrivals: [],
		};
		tags.set(tag, entry);
	}
	entry.arrivals.push(performance.now());
	return entry;
}
reset();

function underLimit(now: number): boolean {
	if (config.ratePerSecond <= 0) return true;
	while (window.length > 0 && window[0] <= now - 1000) window.shift();
	if (window.length >= config.ratePerSecond) return false;
	window.push(now);
	return true;
}

const server = createServer((req, res) => {
	inFlight += 1;
	stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
	const tag = tagOf(req.url);
	if (tag) {
		tag.inFlight += 1;
		tag.maxInFlight = Math.max(tag.maxInFlight, tag.inFlight);
	}
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		const now = performance.now();
		let status = 200;
		let body: unknown;
		const route = SEND.exec(req.url ?? '');
		let text: unknown;
		try {
			text = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown }).text;
		} catch {
			text = undefined;
		}
		if (req.headers.authorization !== `Bearer ${config.token}`) {
			status = 401;
			body = { status: false, code: 401, message: 'Unauthorized' };
		} else if (req.method !== 'POST' || !route || typeof text !== 'string' || text === '') {
			status = 400;
			body = { status: false, code: 400, message: 'Bad request' };
		} else if (!underLimit(now)) {
			status = 429;
			body = { status: false, code: 429, message: 'Too Many Requests' };
		} else {
			stats.accepted += 1;
			if (stats.accepted === 1) stats.firstAcceptedAt = now;
			stats.lastAcceptedAt = now;
			body = {
				status: true,
				code: 200,
				message: 'Success send message',
				data: { message_id: `3EB0BENCH${String(stats.accepted).padStart(8, '0')}` },
			};
		}
		if (status === 429) stats.rateLimited += 1;
		else if (status !== 200) stats.refused += 1;
		if (tag && status === 200) tag.accepted += 1;
		else if (tag) tag.refused += 1;
		const payload = JSON.stringify(body);
		const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
		if (status === 429) headers['retry-after'] = '1';
		setTimeout(() => {
			res.writeHead(status, headers);
			res.end(payload);
			inFlight -= 1;
			if (tag) {
				tag.inFlight -= 1;
				tag.lastAnsweredAt = performance.now();
			}
		}, config.latencyMs);
	});
});
server.keepAliveTimeout = 5000;

server.listen(0, '127.0.0.1', () => {
	const { port } = server.address() as AddressInfo;
	process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
});

process.on('message', (message: { type: string; id: number }) => {
	if (message.type === 'stats') process.send?.({ type: 'stats', id: message.id, stats });
	if (message.type === 'tags') {
		const byTag = Object.fromEntries(
			[...tags].map(([name, { inFlight: _open, ...seen }]) => [name, seen]),
		);
		process.send?.({ type: 'tags', id: message.id, tags: byTag });
	}
	if (message.type === 'reset') {
		reset();
		process.send?.({ type: 'reset', id: message.id });
	}
	if (message.type === 'stop') {
		server.closeAllConnections();
		server.close(() => process.exit(0));
	}
});
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));
