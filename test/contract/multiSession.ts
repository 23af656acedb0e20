import { FakeProvider, isNonEmptyString, tooLong, unknownFields } from './fake';
import type { FakeResponse, RecordedRequest } from './server';
import { jsonBody } from './server';
import { checkMultiSessionUpload, MULTI_SESSION_UPLOADS } from './multiSession-media';
import { checkMultiSessionStructured, MULTI_SESSION_STRUCTURED } from './multiSession-structured';
import { MultiSessionWebhooks } from './multiSession-webhooks';

function answer(status: number, message: string, error?: string): FakeResponse {
	return { status, body: { status: false, code: status, message, error: error ?? message } };
}

/** Mirrors the server's own check of the chat segment (bare digits, user JID, group JID). */
export function validChatJid(segment: string): boolean {
	return /^\+?[1-9]\d{5,15}$/.test(segment) || /^[1-9]\d{5,15}@s\.whatsapp\.net$/.test(segment) || /^\d{5,20}(-\d{5,20})?@g\.us$/.test(segment);
}

/** The self-hosted WhatsApp Multi-Session REST API as its code behaves (contracts §4). */
export class FakeMultiSession extends FakeProvider {
	constructor(
		readonly token = 'eyJhbGciOiJIUzI1NiJ9.device-token-secret',
		public paired = true,
	) {
		super();
	}

	/** The server's HTTP_BODY_LIMIT_SIZE: 8 MB by default, checked by Fiber before any handler or auth. */
	bodyLimit = 8 * 1024 * 1024;

	private counter = 0;

	/** The device's webhooks (the trigger's tests). */
	readonly webhooks = new MultiSessionWebhooks();

	handle(request: RecordedRequest): FakeResponse {
		if (request.rawBody.length > this.bodyLimit) {
			return { status: 413, body: 'Request Entity Too Large', contentType: 'text/plain; charset=utf-8' };
		}
		const auth = request.headers.authorization ?? '';
		if (!auth.startsWith('Bearer ')) {
			return answer(401, 'Unauthorized', 'Invalid Authorization header format. Use: Bearer <token>');
		}
		if (auth !== `Bearer ${this.token}`) return answer(401, 'Unauthorized', 'Invalid or expired JWT token');
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
		if (!validChatJid(jid)) return answer(400, 'Bad request', `Invalid chat JID: ${jid}`);
		const scripted = this.takeScripted();
		if (scripted) return scripted;
		if (!this.paired) return answer(500, 'Internal server error', 'Failed to send message: device is not logged in');
		const problem = this.check(endpoint, request);
		if (problem) return problem;
		this.accepted.push(request);
		this.counter += 1;
		return {
			status: 200,
			body: { status: true, code: 200, message: 'Success send message', data: { message_id: `3EB0FAKE${String(this.counter).padStart(8, '0')}` } },
		};
	}

	private check(endpoint: string, request: RecordedRequest): FakeResponse | undefined {
		if (endpoint === 'messages') {
			const body = jsonBody(request);
			if (!body || !/application\/json/.test(request.headers['content-type'] ?? '')) return answer(400, 'Bad request', 'Invalid request body');
			const problem =
				unknownFields(body, ['text', 'reply_to_message_id', 'typing_simulation', 'presence_simulation']) ??
				(!isNonEmptyString(body.text) ? 'Text field is required' : undefined) ??
				// WhatsApp's own cap on a message; the server has none.
				tooLong(body.text, 65_536, 'text') ??
				(['typing_simulation', 'presence_simulation'].some((k) => body[k] !== undefined && typeof body[k] !== 'boolean')
					? 'simulation flags must be booleans'
					: undefined);
			return problem ? answer(400, 'Bad request', problem) : undefined;
		}
		if (MULTI_SESSION_UPLOADS.includes(endpoint)) return checkMultiSessionUpload(endpoint, request);
		if (MULTI_SESSION_STRUCTURED.includes(endpoint)) {
			const problem = checkMultiSessionStructured(endpoint, request);
			return problem ? answer(400, 'Bad request', problem) : undefined;
		}
		return answer(404, 'Not Found');
	}
}
