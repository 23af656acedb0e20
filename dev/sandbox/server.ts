import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { FakeResponse, RecordedRequest } from '../../fakes/server';
import { SCRIPTED_ANSWERS, scriptedResponse } from './answers';
import type { ScriptedAnswer } from './answers';
import { DEFAULT_DELAYS, EventLoop } from './events/loop';
import type { EventDelays } from './events/loop';
import { DESIGNATED_RECIPIENTS } from './events/recipients';
import { errorText, Inbox, visibleHeaders } from './inbox';
import type { InboxRequest, StoredMedia } from './inbox';
import { parseMultipart } from './multipart';
import { sandboxDir } from './paths';
import type { ParsedMultipart } from './multipart';
import { createFakes, sandboxProviders } from './providers';
import type { NodeProviderId, SandboxFakes, SandboxProvider } from './providers';
import { SAMPLES } from './samples';
import { messageView } from './views';

export interface SandboxOptions {
	/** 0 picks a free port. */
	port?: number;
	host?: string;
	/** When each status event follows a send (tests make them short). */
	eventDelays?: EventDelays;
}

const STATIC_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
};

function toRecorded(
	method: string,
	url: string,
	headers: IncomingMessage['headers'],
	rawBody: Buffer,
): RecordedRequest {
	const queryAt = url.indexOf('?');
	const recorded: RecordedRequest = {
		method,
		url,
		path: queryAt === -1 ? url : url.slice(0, queryAt),
		query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
		headers,
		rawBody,
	};
	if (/json/i.test(headers['content-type'] ?? '') && rawBody.length > 0) {
		try {
			recorded.json = JSON.parse(rawBody.toString('utf8'));
		} catch {
			recorded.json = undefined;
		}
	}
	return recorded;
}

function write(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
	contentType?: string,
): void {
	const all: Record<string, string> = { 'cache-control': 'no-store', ...headers };
	let payload: Buffer | undefined;
	if (body !== undefined) {
		if (typeof body === 'string' || Buffer.isBuffer(body)) {
			payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
			all['content-type'] ??= contentType ?? 'text/html; charset=utf-8';
		} else {
			payload = Buffer.from(JSON.stringify(body));
			all['content-type'] ??= 'application/json; charset=utf-8';
		}
	}
	res.writeHead(status, all);
	res.end(payload);
}

/**
 * One local server that speaks all four providers' APIs under path prefixes (`/bitbybit/…`, `/vobiz/…`,
 * `/callbell/…`, `/multisession/…`) through the contract fakes the tests use, and serves the inbox page
 * showing every message they accepted.
 */
export class Sandbox {
	readonly fakes: SandboxFakes = createFakes();

	readonly providers: SandboxProvider[] = sandboxProviders(this.fakes);

	readonly inbox = new Inbox();

	/** Status events after each send, and customers' replies, posted to the registered webhooks. */
	readonly events: EventLoop;

	private server?: Server;

	private readonly sockets = new Set<Socket>();

	private readonly staticDir = join(sandboxDir(), 'public');

	private address?: string;

	constructor(private readonly options: SandboxOptions = {}) {
		this.events = new EventLoop(this.fakes, this.inbox, options.eventDelays ?? DEFAULT_DELAYS);
		// The server's IsOnWhatsApp lookup refuses the send itself: no status event follows.
		this.fakes.multiSession.notOnWhatsApp.add(
			DESIGNATED_RECIPIENTS.notOnWhatsApp.replace(/\D/g, ''),
		);
	}

	async start(): Promise<string> {
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				this.route(req, res, Buffer.concat(chunks)).catch((error: Error) => {
					if (!res.headersSent) write(res, 500, { sandboxError: error.message });
				});
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		const host = this.options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, host, () => resolve());
		});
		this.server = server;
		const { port } = server.address() as AddressInfo;
		this.address = `http://${host}:${port}`;
		return this.address;
	}

	get url(): string {
		if (!this.address) throw new Error('sandbox not started');
		return this.address;
	}

	/** The Base URL a credential of `provider` uses to reach the sandbox. */
	baseUrl(provider: NodeProviderId): string {
		return `${this.url}/${this.provider(provider).prefix}`;
	}

	/** Credential data for every provider, by credential type, pointing at this sandbox. */
	credentials(): Record<string, IDataObject> {
		return Object.fromEntries(
			this.providers.map((p) => [p.credentialType, p.credentials(this.baseUrl(p.id))]),
		);
	}

	provider(id: NodeProviderId): SandboxProvider {
		const found = this.providers.find((p) => p.id === id || p.prefix === id);
		if (!found) throw new Error(`unknown provider ${id}`);
		return found;
	}

	/** Makes the provider give `answer` to its next `count` send requests. */
	scriptNext(id: NodeProviderId, answer: ScriptedAnswer, count = 1): string | undefined {
		const response = scriptedResponse(this.provider(id).id, answer);
		if (typeof response === 'string') return response;
		for (let i = 0; i < count; i++) this.provider(id).fake.script(response);
		return undefined;
	}

	async stop(): Promise<void> {
		await this.events.stop();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
		this.server = undefined;
	}

	private async route(req: IncomingMessage, res: ServerResponse, rawBody: Buffer): Promise<void> {
		const url = req.url ?? '/';
		const method = req.method ?? 'GET';
		const path = url.split('?')[0];
		const [, first = '', rest = ''] = /^\/([^/]*)(.*)$/.exec(url) ?? [];
		const provider = this.providers.find((p) => p.prefix === first);
		if (provider) {
			await this.handleProvider(
				provider,
				toRecorded(method, rest || '/', req.headers, rawBody),
				url,
				res,
			);
			return;
		}
		if (path.startsWith('/_sandbox/')) {
			await this.handleControl(method, url, rawBody, res);
			return;
		}
		if (method === 'GET' && path.startsWith('/samples/')) {
			const sample = SAMPLES[decodeURIComponent(path.slice('/samples/'.length))];
			if (!sample) return write(res, 404, 'no such sample', {}, 'text/plain');
			return write(res, 200, sample.bytes, {}, sample.mimeType);
		}
		if (method === 'GET') {
			const name = path === '/' ? 'index.html' : path.slice(1);
			if (/^[a-z0-9-]+\.(html|css|js)$/.test(name) && existsSync(join(this.staticDir, name))) {
				return write(
					res,
					200,
					readFileSync(join(this.staticDir, name)),
					{},
					STATIC_TYPES[extname(name)],
				);
			}
		}
		write(res, 404, {
			error: `Nothing at ${path}. Providers live under /bitbybit, /vobiz, /callbell and /multisession.`,
		});
	}

	private async handleProvider(
		provider: SandboxProvider,
		request: RecordedRequest,
		originalUrl: string,
		res: ServerResponse,
	): Promise<void> {
		const response: FakeResponse = await provider.fake.handle(request);
		const accepted = provider.fake.accepted.includes(request);
		const at = new Date().toISOString();
		this.inbox.log({
			id: this.inbox.newId(),
			at,
			provider: provider.id,
			method: request.method,
			path: originalUrl,
			status: response.drop ? 'dropped' : response.status,
			accepted,
			error:
				accepted || (response.status >= 200 && response.status < 300)
					? undefined
					: response.drop
						? 'connection dropped'
						: errorText(response.body),
		});
		if (accepted) this.record(provider, request, originalUrl, response, at);
		if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
		if (response.hang) return;
		if (response.drop) {
			res.socket?.destroy();
			return;
		}
		write(res, response.status, response.body, response.headers, response.contentType);
	}

	private record(
		provider: SandboxProvider,
		request: RecordedRequest,
		originalUrl: string,
		response: FakeResponse,
		at: string,
	): void {
		const id = this.inbox.newId();
		const multipart = parseMultipart(request.headers['content-type'], request.rawBody);
		const file = multipart?.files[0];
		const media: StoredMedia | undefined = file
			? { bytes: file.bytes, mimeType: file.mimeType, fileName: file.fileName }
			: undefined;
		const mediaUrl = media ? `/_sandbox/media/${id}` : undefined;
		const view = messageView(provider.id, request, this.fakes, multipart, mediaUrl);
		this.inbox.add(
			{
				id,
				at,
				provider: provider.id,
				providerLabel: provider.label,
				...view,
				request: {
					method: request.method,
					path: originalUrl,
					headers: visibleHeaders(request.headers),
					body: describeBody(request, multipart, mediaUrl),
				},
				response: { status: response.status, body: response.body },
				direction: 'outbound',
				statuses: [],
				events: [],
			},
			media,
		);
		this.events.afterSend(provider.id, id, request, response.body, view.view.kind, view.recipient);
	}

	/** A customer's message typed in the inbox: shown in the conversation, sent as the provider's event. */
	async reply(providerId: string, recipient: string, text: string): Promise<string | undefined> {
		const provider = this.providers.find((p) => p.id === providerId || p.prefix === providerId);
		if (!provider) return `provider must be one of ${this.providers.map((p) => p.id).join(', ')}`;
		if (!recipient.trim()) return "to must name the customer (the conversation's recipient)";
		if (!text.trim()) return 'text must not be empty';
		const id = this.inbox.newId();
		const at = new Date().toISOString();
		const { event, deliveries } = await this.events.reply(provider.id, recipient, text);
		this.inbox.add({
			id,
			at,
			provider: provider.id,
			providerLabel: provider.label,
			recipient,
			view: { kind: 'text', text },
			request: {
				method: `EVENT ${event.name}`,
				path: deliveries.map((d) => d.url).join(', ') || '(no webhook registered)',
				headers: deliveries[0]?.headers ?? {},
				body: event.body,
			},
			response: {
				status: typeof deliveries[0]?.answer === 'number' ? deliveries[0].answer : 0,
				body: null,
			},
			direction: 'inbound',
			statuses: [],
			events: deliveries.map(({ event, url, answer, at: when }) => ({
				event,
				url,
				answer,
				at: when,
			})),
		});
		return undefined;
	}

	private configureWebhook(method: string, input: Record<string, unknown>): string | undefined {
		return configureWebhookIn(this, method, input);
	}

	/** Every webhook each provider delivers to, however it was registered. */
	webhooks(): Record<NodeProviderId, unknown> {
		const { vobiz, callbell, multiSession } = this.fakes;
		return {
			bitbybit: this.events.dashboards.bitbybit.map(({ url, events }) => ({
				url,
				events,
				registered: 'by hand (bitbybit: Settings → Developer → Webhooks)',
			})),
			vobiz: vobiz.webhooks.subscriptions.map(({ id, url, status }) => ({
				id,
				url,
				status,
				registered: 'API',
			})),
			callbell: callbell.webhooks.current
				? {
						url: callbell.webhooks.current.url,
						events: callbell.webhooks.current.subscriptions,
						signed: this.events.dashboards.callbellSigningSecret !== undefined,
					}
				: null,
			multiSession: multiSession.webhooks.webhooks.map(({ ID, URL, Events }) => ({
				id: ID,
				url: URL,
				events: Events,
				registered: 'API',
			})),
		};
	}

	private async handleControl(
		method: string,
		url: string,
		rawBody: Buffer,
		res: ServerResponse,
	): Promise<void> {
		const [path, search = ''] = url.split('?');
		const query = new URLSearchParams(search);
		if (path === '/_sandbox/webhooks' || path === '/_sandbox/reply') {
			let body: Record<string, unknown> = {};
			try {
				body = rawBody.length
					? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>)
					: {};
			} catch {
				return write(res, 400, { error: 'body must be JSON' });
			}
			if (path === '/_sandbox/reply' && method === 'POST') {
				const refused = await this.reply(
					String(body.provider ?? ''),
					String(body.to ?? ''),
					String(body.text ?? ''),
				);
				return refused ? write(res, 400, { error: refused }) : write(res, 200, { replied: true });
			}
			if (path === '/_sandbox/webhooks' && method === 'GET')
				return write(res, 200, this.webhooks());
			if (path === '/_sandbox/webhooks' && (method === 'POST' || method === 'DELETE')) {
				const refused = this.configureWebhook(method, { ...Object.fromEntries(query), ...body });
				return refused ? write(res, 400, { error: refused }) : write(res, 200, this.webhooks());
			}
		}
		if (method === 'GET' && path === '/_sandbox/events.json') {
			return write(res, 200, { deliveries: [...this.events.deliveries].reverse() });
		}
		if (method === 'GET' && path === '/_sandbox/inbox.json') {
			return write(res, 200, {
				version: this.inbox.version,
				providers: this.providers.map((p) => ({
					id: p.id,
					label: p.label,
					baseUrl: this.baseUrl(p.id),
				})),
				answers: SCRIPTED_ANSWERS,
				designatedRecipients: DESIGNATED_RECIPIENTS,
				webhooks: this.webhooks(),
				messages: this.inbox.messages,
				activity: this.inbox.recentActivity,
			});
		}
		const media = /^\/_sandbox\/media\/(\d+)$/.exec(path);
		if (method === 'GET' && media) {
			const stored = this.inbox.mediaOf(Number(media[1]));
			if (!stored)
				return write(res, 404, { error: 'no such media (the inbox keeps the last 500 messages)' });
			return write(
				res,
				200,
				stored.bytes,
				{ 'content-disposition': `inline; filename="${stored.fileName.replace(/["\r\n]/g, '')}"` },
				stored.mimeType,
			);
		}
		if (method === 'POST' && path === '/_sandbox/clear') {
			this.inbox.clear();
			return write(res, 200, { cleared: true });
		}
		if (method === 'POST' && path === '/_sandbox/next') {
			let body: Record<string, unknown> = {};
			try {
				body = rawBody.length
					? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>)
					: {};
			} catch {
				return write(res, 400, {
					error: 'body must be JSON: {"provider": "bitbybit", "answer": "rateLimit", "count": 1}',
				});
			}
			const providerId = String(body.provider ?? query.get('provider') ?? '');
			const answer = String(body.answer ?? query.get('answer') ?? '') as ScriptedAnswer;
			const count = Number(body.count ?? query.get('count') ?? 1);
			const provider = this.providers.find((p) => p.id === providerId || p.prefix === providerId);
			if (!provider)
				return write(res, 400, {
					error: `provider must be one of ${this.providers.map((p) => p.id).join(', ')}`,
				});
			if (!SCRIPTED_ANSWERS.includes(answer))
				return write(res, 400, { error: `answer must be one of ${SCRIPTED_ANSWERS.join(', ')}` });
			if (!Number.isInteger(count) || count < 1 || count > 100)
				return write(res, 400, { error: 'count must be 1 to 100' });
			const refused = this.scriptNext(provider.id, answer, count);
			if (refused) return write(res, 400, { error: refused });
			return write(res, 200, { provider: provider.id, answer, count });
		}
		write(res, 404, { error: `unknown sandbox endpoint ${method} ${path}` });
	}
}

/** bitbybit and Callbell: what their dashboards let a user set by hand. */
function configureWebhookIn(
	sandbox: Sandbox,
	method: string,
	input: Record<string, unknown>,
): string | undefined {
	const provider = String(input.provider ?? '');
	const url = String(input.url ?? '');
	const events = Array.isArray(input.events)
		? input.events.map(String)
		: typeof input.events === 'string' && input.events
			? input.events.split(',')
			: undefined;
	const dashboards = sandbox.events.dashboards;
	if (provider === 'bitbybit') {
		if (method === 'DELETE')
			return dashboards.removeBitbybit(url) ? undefined : `no bitbybit webhook at ${url}`;
		return dashboards.setBitbybit(url, input.secret as string | undefined, events);
	}
	if (provider === 'callbell') {
		if (method === 'DELETE') {
			dashboards.removeCallbell();
			return undefined;
		}
		return dashboards.setCallbell(url, input.signingSecret as string | undefined, events);
	}
	return 'only bitbybit and Callbell webhooks are set by hand; Vobiz and the Multi-Session API register theirs through their APIs (the trigger does it on activation)';
}

function describeBody(
	request: RecordedRequest,
	multipart: ParsedMultipart | undefined,
	mediaUrl: string | undefined,
): InboxRequest['body'] {
	if (multipart) {
		return {
			fields: multipart.fields,
			files: multipart.files.map((f) => ({
				field: f.field,
				fileName: f.fileName,
				mimeType: f.mimeType,
				size: f.bytes.length,
				url: mediaUrl,
			})),
		};
	}
	if (request.json !== undefined) return request.json;
	return request.rawBody.length ? request.rawBody.toString('utf8').slice(0, 2000) : null;
}
