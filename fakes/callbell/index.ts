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
import { checkCallbellMedia } from './media';
import { CallbellWebhookApi } from './webhooks';
import { CALLBELL_TEMPLATES, callbellTemplatesPage, checkCallbellTemplate } from './templates';
import type { CallbellFakeTemplate } from './templates';

export interface CallbellFakeChannel {
	uuid: string;
	title: string;
	type: string;
	main: boolean;
}

export const CALLBELL_CHANNELS: CallbellFakeChannel[] = [
	{
		uuid: 'c1a2b3c4d5e6f70811223344556677aa',
		title: 'WhatsApp Main',
		type: 'whatsapp',
		main: true,
	},
	{
		uuid: 'c1a2b3c4d5e6f70811223344556677bb',
		title: 'WhatsApp Support',
		type: 'whatsapp',
		main: false,
	},
	{
		uuid: 'c1a2b3c4d5e6f70811223344556677cc',
		title: 'WhatsApp Billing',
		type: 'whatsapp',
		main: false,
	},
];

const SEND_FIELDS = [
	'to',
	'from',
	'type',
	'content',
	'channel_uuid',
	'template_uuid',
	'optin_contact',
	'template_values',
	'assigned_user',
	'team_uuid',
	'fields',
	'bot_status',
	'metadata',
];

export interface FakeCallbellOptions {
	apiKey?: string;
	channels?: CallbellFakeChannel[];
	templates?: CallbellFakeTemplate[];
	/** Channels per page in GET /channels, to exercise paging. */
	pageSize?: number;
}

/** Callbell's messages API as the contracts describe it (seed 003, docs.callbell.eu). */
export class FakeCallbell extends FakeProvider {
	readonly apiKey: string;

	readonly channels: CallbellFakeChannel[];

	readonly templates: CallbellFakeTemplate[];

	readonly pageSize: number;

	constructor(options: FakeCallbellOptions = {}) {
		super();
		this.apiKey = options.apiKey ?? 'callbell-key-secret-123';
		this.channels = options.channels ?? CALLBELL_CHANNELS;
		this.templates = options.templates ?? CALLBELL_TEMPLATES;
		this.pageSize = options.pageSize ?? 2;
	}

	private counter = 0;

	/** The account's one webhook (the trigger's tests). */
	readonly webhooks = new CallbellWebhookApi();

	handle(request: RecordedRequest): FakeResponse {
		if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
			return { status: 401, body: { error: 'Unauthorized' } };
		}
		const webhookAnswer = this.webhooks.handle(request);
		if (webhookAnswer) return webhookAnswer;
		if (request.method === 'GET' && request.path === '/auth/me') {
			return {
				status: 200,
				body: {
					status: 'ok',
					user_email: 'ops@example.com',
					user_name: 'Ops',
					api_key: 'key_name',
				},
			};
		}
		if (request.method === 'GET' && request.path === '/channels') {
			const page = Number(request.query.get('page') ?? 1);
			const matching = this.channels.filter(
				(c) => (request.query.get('type') ?? c.type) === c.type,
			);
			const pages = Math.max(1, Math.ceil(matching.length / this.pageSize));
			return {
				status: 200,
				body: {
					channels: matching.slice((page - 1) * this.pageSize, page * this.pageSize),
					meta: { page, pages },
				},
			};
		}
		if (request.method === 'GET' && request.path === '/templates') {
			return callbellTemplatesPage(this.templates, request.query);
		}
		if (request.method === 'POST' && request.path === '/messages/send') {
			const scripted = this.takeScripted();
			if (scripted) return scripted;
			return this.send(request);
		}
		return { status: 404, body: { error: 'Not found' } };
	}

	private send(request: RecordedRequest): FakeResponse {
		const body = jsonBody(request);
		if (!body || !/application\/json/.test(request.headers['content-type'] ?? '')) {
			return { status: 400, body: { error: 'Invalid JSON body' } };
		}
		const problem =
			unknownFields(body, SEND_FIELDS) ??
			(typeof body.to !== 'string' || !/^\+[1-9]\d{6,14}$/.test(body.to)
				? 'to must be a phone number with +'
				: undefined) ??
			(body.from !== 'whatsapp' ? 'from must be "whatsapp"' : undefined) ??
			(!this.channels.some((c) => c.uuid === body.channel_uuid)
				? 'channel_uuid is required and must name a channel'
				: undefined) ??
			(body.bot_status !== undefined &&
			!['bot_start', 'bot_end'].includes(body.bot_status as string)
				? 'bot_status is invalid'
				: undefined) ??
			this.checkMetadata(body.metadata) ??
			this.checkContent(body);
		if (problem) return { status: 422, body: { error: problem } };
		this.accepted.push(request);
		this.counter += 1;
		return {
			status: 200,
			body: {
				message: {
					uuid: `adf3d1216d4c4dcd9081${String(this.counter).padStart(12, '0')}`,
					status: 'enqueued',
				},
			},
		};
	}

	private checkMetadata(metadata: unknown): string | undefined {
		if (metadata === undefined) return undefined;
		if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata))
			return 'metadata must be an object';
		const entries = Object.entries(metadata);
		if (entries.length > 10) return 'metadata takes at most 10 keys';
		if (entries.some(([k, v]) => k.length > 50 || typeof v !== 'string' || v.length > 500))
			return 'metadata entry too long or not a string';
		return undefined;
	}

	private checkContent(body: Record<string, unknown>): string | undefined {
		const content = body.content as Record<string, unknown> | undefined;
		if (!content || typeof content !== 'object') return 'content is required';
		if (
			body.template_uuid !== undefined ||
			body.optin_contact !== undefined ||
			body.template_values !== undefined
		) {
			return checkCallbellTemplate(body, this.templates);
		}
		if (body.type === 'text') {
			if (!isNonEmptyString(content.text)) return 'content.text is required';
			return (
				tooLong(content.text, CLOUD_TEXT_LIMIT, 'content.text') ?? unknownFields(content, ['text'])
			);
		}
		return (
			tooLong(content.text, CLOUD_CAPTION_LIMIT, 'content.text') ??
			checkCallbellMedia(body.type as string, content)
		);
	}
}
