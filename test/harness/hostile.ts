import { lookup } from 'node:dns/promises';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hostname } from 'node:os';

import type { FakeProvider } from '../../fakes/fake';
import type { FakeResponse, RecordedRequest } from '../../fakes/server';

// Servers that misbehave the way a hostile provider, proxy or media host would: redirecting, dripping an
// answer byte by byte, never answering, echoing keys. Every one listens on loopback (port 0), records what
// it received, and keeps its loops bounded so a test that fails cannot hang the suite.

export interface HostileRequest {
	method: string;
	/** Path and query exactly as sent. */
	url: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** Answers one request by writing to `res` as it likes; `index` counts the server's requests from 0. */
export type HostileHandler = (
	request: HostileRequest,
	res: ServerResponse,
	index: number,
) => void | Promise<void>;

export interface HostileServer {
	url: string;
	port: number;
	/** Every request received, in order. */
	requests: HostileRequest[];
	close(): Promise<void>;
}

/** Starts a server on `host` (default 127.0.0.1, port 0) that records every request and lets `handler` answer. */
export async function startHostile(
	handler: HostileHandler,
	host = '127.0.0.1',
): Promise<HostileServer> {
	const requests: HostileRequest[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request = {
				method: req.method ?? 'GET',
				url: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks),
			};
			const index = requests.push(request) - 1;
			Promise.resolve(handler(request, res, index)).catch(() => res.destroy());
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		requests,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
	res.end(html);
}

/** A redirect to `location`, with a small body as real servers send. */
export function redirect(res: ServerResponse, status: number, location: string): void {
	res.writeHead(status, { location, 'content-type': 'text/html' });
	res.end(`<html><body>Moved to <a href="${location}">${location}</a></body></html>`);
}

export interface Drip {
	status?: number;
	contentType?: string;
	/** Bytes sent each time. */
	chunk?: string;
	everyMs?: number;
	/** The loop's bound: the answer ends after this many chunks even if nobody gave up. */
	maxChunks?: number;
}

/**
 * Sends the status and headers at once, then the body one chunk at a time — the answer that keeps an
 * HTTP client's header timeout happy forever. Stops when the client goes away or after `maxChunks`.
 */
export function drip(res: ServerResponse, options: Drip = {}): void {
	const {
		status = 200,
		contentType = 'application/json',
		chunk = ' ',
		everyMs = 100,
		maxChunks = 300,
	} = options;
	res.writeHead(status, { 'content-type': contentType });
	res.write(chunk);
	let sent = 1;
	const timer = setInterval(() => {
		if (res.destroyed || res.writableEnded || sent >= maxChunks) {
			clearInterval(timer);
			if (!res.destroyed && !res.writableEnded) res.end();
			return;
		}
		res.write(chunk);
		sent++;
	}, everyMs);
	res.on('close', () => clearInterval(timer));
}

/** Never answers: the request stays open until the client gives up or the server closes. */
export function silence(): void {}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
	const server = await startHostile(silence);
	await server.close();
	return server.port;
}

/**
 * A host name that is not an IP literal and not `localhost`, but resolves to an address of this machine
 * that a test server can listen on (the machine's own name, usually): the case the node leaves to n8n's
 * SSRF protection. Undefined where the machine's name does not resolve to such an address.
 */
export async function localNameAndAddress(): Promise<
	{ name: string; address: string } | undefined
> {
	const name = hostname();
	if (!name || name === 'localhost' || name.includes('.localhost')) return undefined;
	try {
		const { address } = await lookup(name, { family: 4 });
		const probe = await startHostile(silence, address);
		await probe.close();
		return { name, address };
	} catch {
		return undefined;
	}
}

/** Waits a little real time, for things that must not happen (a late send). */
export async function quietFor(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms, for at most `ms`. */
export async function waitUntil(condition: () => boolean, ms = 5000): Promise<void> {
	const until = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A hostile server's request as the fake providers read it. */
export function asRecorded(request: HostileRequest): RecordedRequest {
	const queryAt = request.url.indexOf('?');
	const recorded: RecordedRequest = {
		method: request.method,
		url: request.url,
		path: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
		query: new URLSearchParams(queryAt === -1 ? '' : request.url.slice(queryAt + 1)),
		headers: request.headers,
		rawBody: request.body,
	};
	if (/json/i.test(request.headers['content-type'] ?? '') && request.body.length > 0) {
		try {
			recorded.json = JSON.parse(request.body.toString('utf8'));
		} catch {
			recorded.json = undefined;
		}
	}
	return recorded;
}

/** Writes a fake provider's answer. */
export function writeFake(res: ServerResponse, response: FakeResponse): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload: Buffer | undefined;
	if (response.body !== undefined) {
		const isText = typeof response.body === 'string' || Buffer.isBuffer(response.body);
		payload = Buffer.from(isText ? (response.body as string) : JSON.stringify(response.body));
		headers['content-type'] ??= isText
			? (response.contentType ?? 'text/html; charset=utf-8')
			: 'application/json; charset=utf-8';
	}
	res.writeHead(response.status, headers);
	res.end(payload);
}

/**
 * A provider's fake with a hostile side: requests `misbehave` takes (it returns true once it has answered
 * them its own way) never reach the fake; all others get the fake's normal answer.
 */
export async function hostileFront(
	fake: FakeProvider,
	misbehave: (request: HostileRequest, res: ServerResponse, index: number) => boolean,
): Promise<HostileServer> {
	return await startHostile(async (request, res, index) => {
		if (misbehave(request, res, index)) return;
		writeFake(res, await fake.handle(asRecorded(request)));
	});
}
