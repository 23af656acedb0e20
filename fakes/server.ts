import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the fake provider received it. */
export interface RecordedRequest {
	method: string;
	/** Path and query exactly as sent (not decoded). */
	url: string;
	/** Path without the query, not decoded: `%40` stays `%40`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** The parsed JSON body, when the content type is JSON and the body parses. */
	json?: unknown;
}

export interface FakeResponse {
	status: number;
	/** An object is sent as JSON; a string as-is (with `contentType`, default text/html). */
	body?: unknown;
	headers?: Record<string, string>;
	contentType?: string;
	/** Wait this long before answering. */
	delayMs?: number;
	/** Destroy the connection instead of answering. */
	drop?: boolean;
	/** Never answer (the client must time out). */
	hang?: boolean;
}

export type Handler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export interface RunningServer {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export function jsonBody(request: RecordedRequest): Record<string, unknown> | undefined {
	const value = request.json;
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

function send(res: ServerResponse, response: FakeResponse): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload: Buffer | undefined;
	if (response.body !== undefined) {
		if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) {
			payload = Buffer.from(response.body as string);
			headers['content-type'] ??= response.contentType ?? 'text/html; charset=utf-8';
		} else {
			payload = Buffer.from(JSON.stringify(response.body));
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
	}
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** Starts a loopback HTTP server that records every request and answers with `handler`. */
export async function startServer(handler: Handler): Promise<RunningServer> {
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const url = req.url ?? '/';
			const queryAt = url.indexOf('?');
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				url,
				path: queryAt === -1 ? url : url.slice(0, queryAt),
				query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
				headers: req.headers,
				rawBody,
			};
			if (/json/i.test(req.headers['content-type'] ?? '') && rawBody.length > 0) {
				try {
					recorded.json = JSON.parse(rawBody.toString('utf8'));
				} catch {
					recorded.json = undefined;
				}
			}
			requests.push(recorded);
			Promise.resolve(handler(recorded))
				.then(async (response) => {
					if (response.delayMs)
						await new Promise((resolve) => setTimeout(resolve, response.delayMs));
					if (response.hang) return;
					if (response.drop) {
						req.socket.destroy();
						return;
					}
					send(res, response);
				})
				.catch((error: Error) =>
					send(res, { status: 500, body: { fakeServerError: error.message } }),
				);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
