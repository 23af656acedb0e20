import {
	CLOUD_CAPTION_LIMIT,
	CLOUD_TEXT_LIMIT,
	FakeProvider,
	isNonEmptyString,
	tooLong,
	unknownFields,
} from '../fake';
import type { FakeResponse, RecordedRequest } from '../server';
import { jsonBody } from '../server';

const SOURCES = ['whatsapp cloud api', 'whatsapp coex'];
const SEND_FIELDS = ['to', 'message', 'imageUrl', 'sources', 'ignoreActiveTicket', 'countryCode'];
const TEMPLATE_FIELDS = [
	'to',
	'template_name',
	'template_source',
	'sources',
	'params',
	'mediaUrl',
	'ignoreActiveTicket',
	'countryCode',
];

function error(status: number, code: string, message: string): FakeResponse {
	return { status, body: { error: { code, message } } };
}

export interface FakeBitbybitOptions {
	apiKey?: string;
	/** The header the key must come in (the credential's API Key Header). */
	headerName?: string;
}

/** bitbybit's Open API as the contracts describe it (seeds 000, 001). */
export class FakeBitbybit extends FakeProvider {
	readonly apiKey: string;

	readonly headerName: string;

	constructor(options: FakeBitbybitOptions = {}) {
		super();
		this.apiKey = options.apiKey ?? 'bbb_test_goodkey123';
		this.headerName = options.headerName ?? 'x-api-key';
	}

	private counter = 0;

	handle(request: RecordedRequest): FakeResponse {
		const key = request.headers[this.headerName.toLowerCase()];
		if (key === undefined) return error(401, 'MISSING_API_KEY', 'API key is required');
		if (key !== this.apiKey) return error(401, 'INVALID_API_KEY', 'Invalid or expired API key');
		const rateHeaders = {
			'RateLimit-Limit': '100',
			'RateLimit-Remaining': '99',
			'RateLimit-Reset': '60',
		};
		if (
			request.method !== 'POST' ||
			!['/messages/send', '/messages/send-template'].includes(request.path)
		) {
			return error(404, 'NOT_FOUND', 'Route not found');
		}
		const scripted = this.takeScripted();
		if (scripted) return scripted;
		if (
			!/application\/json/.test(request.headers['content-type'] ?? '') &&
			request.rawBody.length > 0
		) {
			return error(400, 'VALIDATION_ERROR', 'Content-Type must be application/json');
		}
		const body = jsonBody(request) ?? {};
		const problem =
			request.path === '/messages/send' ? this.checkSend(body) : this.checkTemplate(body);
		if (problem) return { ...error(400, 'VALIDATION_ERROR', problem), headers: rateHeaders };
		this.accepted.push(request);
		this.counter += 1;
		return {
			status: 200,
			headers: rateHeaders,
			body: {
				data: {
					messageId2: `wamid.BBB${String(this.counter).padStart(6, '0')}`,
					timestamp: '2026-11-22T10:00:00Z',
				},
			},
		};
	}

	private checkRecipient(to: unknown): string | undefined {
		if (typeof to !== 'string' || !/^[1-9]\d{6,14}$/.test(to))
			return '"to" must be digits with country code, without +';
		return undefined;
	}

	private checkCommon(body: Record<string, unknown>): string | undefined {
		if (body.ignoreActiveTicket !== undefined && typeof body.ignoreActiveTicket !== 'boolean')
			return '"ignoreActiveTicket" must be a boolean';
		if (
			body.countryCode !== undefined &&
			body.countryCode !== null &&
			typeof body.countryCode !== 'string'
		)
			return '"countryCode" must be a string';
		return undefined;
	}

	private checkSend(body: Record<string, unknown>): string | undefined {
		return (
			unknownFields(body, SEND_FIELDS) ??
			this.checkRecipient(body.to) ??
			// Required with an image too (seed 000); the node never relies on an empty text being taken.
			(!isNonEmptyString(body.message) ? '"message" is required' : undefined) ??
			(body.imageUrl === undefined
				? tooLong(body.message, CLOUD_TEXT_LIMIT, '"message"')
				: tooLong(body.message, CLOUD_CAPTION_LIMIT, '"message" (the image caption)')) ??
			(!SOURCES.includes(body.sources as string)
				? `"sources" must be one of: ${SOURCES.join(', ')}`
				: undefined) ??
			(body.imageUrl !== undefined &&
			(typeof body.imageUrl !== 'string' || !/^https?:\/\//.test(body.imageUrl))
				? '"imageUrl" must be a URL'
				: undefined) ??
			this.checkCommon(body)
		);
	}

	private checkTemplate(body: Record<string, unknown>): string | undefined {
		return (
			unknownFields(body, TEMPLATE_FIELDS) ??
			this.checkRecipient(body.to) ??
			(!isNonEmptyString(body.template_name) ? '"template_name" is required' : undefined) ??
			(!['CRM', 'AUTH'].includes(body.template_source as string)
				? '"template_source" must be CRM or AUTH'
				: undefined) ??
			(body.sources !== undefined && !SOURCES.includes(body.sources as string)
				? '"sources" is invalid'
				: undefined) ??
			(body.params !== undefined &&
			(!Array.isArray(body.params) || body.params.some((p) => typeof p !== 'string'))
				? '"params" must be an array of strings'
				: undefined) ??
			(body.mediaUrl !== undefined &&
			(typeof body.mediaUrl !== 'string' || !/^https?:\/\//.test(body.mediaUrl))
				? '"mediaUrl" must be a URL'
				: undefined) ??
			this.checkCommon(body)
		);
	}
}
