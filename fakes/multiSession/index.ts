import { FakeProvider, isNonEmptyString, tooLong, unknownFields } from '../fake';
import type { FakeResponse, RecordedRequest } from '../server';
import { jsonBody } from '../server';
import { checkMultiSessionForm, checkMultiSessionUpload, MULTI_SESSION_UPLOADS } from './media';
import { checkMultiSessionStructured, MULTI_SESSION_STRUCTURED } from './structured';
import { MultiSessionWebhooks } from './webhooks';

function answer(status: number, message: string, error?: string): FakeResponse {
	return { status, body: { status: false, code: status, message, error: error ?? message } };
}

/** pkg/router/response.go ResponseInternalError: the Go error's text is both `message` and `error`. */
export function multiSessionServerError(message: string): FakeResponse {
	return answer(500, message);
}

/** The number behind a personal chat segment (`+62…`, `62…`, `62…@s.whatsapp.net`); groups have none. */
function personalNumber(segment: string): string | undefined {
	if (segment.endsWith('@g.us')) return undefined;
	return segment.replace(/^\+/, '').replace(/@s\.whatsapp\.net$/, '');
}

/** Mirrors the server's own check of the chat segment (bare digits, user JID, group JID). */
export function validChatJid(segment: string): boolean {
	return (
		/^\+?[1-9]\d{5,15}$/.test(segment) ||
		/^[1-9]\d{5,15}@s\.whatsapp\.net$/.test(segment) ||
		/^\d{5,20}(-\d{5,20})?@g\.us$/.test(segment)
	);
}

export interface FakeMultiSessionOptions {
	/** The device JWT the server accepts. */
	token?: string;
	/** Whether the device is paired with a phone (false: its status says so, sends are refused). */
	paired?: boolean;
}

/** The self-hosted WhatsApp Multi-Session REST API as its code behaves (contracts §4). */
export class FakeMultiSession extends FakeProvider {
	readonly token: string;

	paired: boolean;

	constructor(options: FakeMultiSessionOptions = {}) {
		super();
		this.token = options.token ?? 'eyJhbGciOiJIUzI1NiJ9.device-token-secret';
		this.paired = options.paired ?? true;
	}

	/** The server's HTTP_BODY_LIMIT_SIZE: 8 MB by default, checked by Fiber before any handler or auth. */
	bodyLimit = 8 * 1024 * 1024;

	/** Numbers WhatsApp reports as having no account (the server's IsOnWhatsApp lookup). */
	readonly notOnWhatsApp = new Set<string>();

	private counter = 0;

	/** The device's webhooks (the trigger's tests). */
	readonly webhooks = new MultiSessionWebhooks();

	handle(request: RecordedRequest): FakeResponse {
		if (request.rawBody.length > this.bodyLimit) {
			// fasthttp's ErrBodyTooLarge becomes Fiber's ErrRequestEntityTooLarge, which the server's
			// HttpErrorHandler (pkg/router/handler.go) answers in its JSON envelope.
			return answer(413, 'Request Entity Too Large');
		}
		const auth = request.headers.authorization ?? '';
		if (!auth.startsWith('Bearer ')) {
			return answer(
				401,
				'Unauthorized',
				'Invalid Authorization header format. Use: Bearer <token>',
			);
		}
		if (auth !== `Bearer ${this.token}`)
			return answer(401, 'Unauthorized', 'Invalid or expired JWT token');
		const webhookAnswer = this.webhooks.handle(request);
		if (webhookAnswer) return webhookAnswer;
		if (request.method === 'GET' && request.path === '/devices/me/status') {
			return {
				status: 200,
				body: {
					status: true,
					code: 200,
					message: 'Success',
					data: {
						db_status: this.paired ? 'active' : 'pending',
						client_loaded: true,
						connected: this.paired,
						is_connected: true,
						is_logged_in: this.paired,
						error: this.paired ? '' : 'device is not logged in',
					},
				},
			};
		}
		const route = /^\/chats\/([^/]+)\/([a-z]+)$/.exec(request.path);
		if (request.method !== 'POST' || !route) return answer(404, 'Not Found');
		const [, jid, endpoint] = route;
		if (!validChatJid(jid)) return answer(400, `Invalid chat JID: ${jid}`);
		const scripted = this.takeScripted();
		if (scripted) return scripted;
		const problem = this.check(endpoint, request, jid);
		if (problem) return problem;
		this.accepted.push(request);
		this.counter += 1;
		return {
			status: 200,
			body: {
				status: true,
				code: 200,
				message: 'Success send message',
				data: { message_id: `3EB0FAKE${String(this.counter).padStart(8, '0')}` },
			},
		};
	}

	/**
	 * pkg/whatsapp WhatsAppCheckJID, which every send runs after its own input checks and before
	 * anything goes to WhatsApp: a personal number without a WhatsApp account is refused.
	 */
	private checkRegistered(jid: string): FakeResponse | undefined {
		const number = personalNumber(jid);
		return number !== undefined && this.notOnWhatsApp.has(number)
			? multiSessionServerError('WhatsApp Personal ID is Not Registered')
			: undefined;
	}

	private check(endpoint: string, request: RecordedRequest, jid: string): FakeResponse | undefined {
		// The handlers parse their input first (400s); every pkg/whatsapp send then starts with
		// ensureClientOK — a device that is not logged in gets this 500.
		const invalid = this.checkRequest(endpoint, request);
		if (invalid) return invalid;
		if (!this.paired) return multiSessionServerError('WhatsApp Client is not Logged In');
		if (MULTI_SESSION_UPLOADS.includes(endpoint))
			return checkMultiSessionUpload(endpoint, request, () => this.checkRegistered(jid));
		return this.checkRegistered(jid);
	}

	private checkRequest(endpoint: string, request: RecordedRequest): FakeResponse | undefined {
		if (endpoint === 'messages') {
			const body = jsonBody(request);
			if (!body || !/application\/json/.test(request.headers['content-type'] ?? ''))
				return answer(400, 'Invalid request body');
			const problem =
				unknownFields(body, [
					'text',
					'reply_to_message_id',
					'typing_simulation',
					'presence_simulation',
				]) ??
				(!isNonEmptyString(body.text) ? 'Text field is required' : undefined) ??
				// WhatsApp's own cap on a message; the server has none.
				tooLong(body.text, 65_536, 'text') ??
				(['typing_simulation', 'presence_simulation'].some(
					(k) => body[k] !== undefined && typeof body[k] !== 'boolean',
				)
					? 'simulation flags must be booleans'
					: undefined);
			return problem ? answer(400, problem) : undefined;
		}
		if (MULTI_SESSION_UPLOADS.includes(endpoint)) return checkMultiSessionForm(endpoint, request);
		if (MULTI_SESSION_STRUCTURED.includes(endpoint)) {
			const problem = checkMultiSessionStructured(endpoint, request);
			return problem ? answer(400, problem) : undefined;
		}
		return answer(404, 'Not Found');
	}
}
