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
import { checkVobizMedia } from './media';
import { VobizWebhookSubscriptions } from './webhooks';
import { checkVobizTemplate, VOBIZ_TEMPLATES, vobizTemplatesPage } from './templates';
import type { VobizFakeTemplate } from './templates';

export interface VobizFakeChannel {
	id: string;
	waba_id: string;
	phone_number_id: string;
	phone_number: string;
	display_name: string;
	status: string;
}

export const VOBIZ_CHANNELS: VobizFakeChannel[] = [
	{
		id: '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1',
		waba_id: '123456789012345',
		phone_number_id: '109876543210987',
		phone_number: '+919876500001',
		display_name: 'Support India',
		status: 'active',
	},
	{
		id: '5d1c7a2e-3b4f-4c6d-9e8f-0a1b2c3d4e5f',
		waba_id: '555566667777888',
		phone_number_id: '109876543210999',
		phone_number: '+6281200000002',
		display_name: 'Sales Indonesia',
		status: 'active',
	},
];

const MESSAGE_FIELDS = ['channel_id', 'waba_id', 'to', 'type', 'text', 'media', 'template'];
const TYPES = ['text', 'template', 'image', 'audio', 'video', 'document', 'sticker'];

function error(status: number, code: string, message: string): FakeResponse {
	return {
		status,
		body: {
			status: 'error',
			error: { code, message },
			timestamp: '2026-11-22T10:00:00Z',
			requestId: 'req_fake',
		},
	};
}

export interface FakeVobizOptions {
	authId?: string;
	authToken?: string;
	channels?: VobizFakeChannel[];
	/** Templates by channel id. */
	templates?: Record<string, VobizFakeTemplate[]>;
	/** Largest page of templates the server hands out, whatever `limit` asks for. */
	templatePageCap?: number;
}

/** Vobiz's messaging API as the contracts describe it (seed 002, docs.vobiz.ai). */
export class FakeVobiz extends FakeProvider {
	readonly authId: string;

	readonly authToken: string;

	readonly channels: VobizFakeChannel[];

	readonly templates: Record<string, VobizFakeTemplate[]>;

	readonly templatePageCap: number;

	constructor(options: FakeVobizOptions = {}) {
		super();
		this.authId = options.authId ?? 'MA_TESTACCT';
		this.authToken = options.authToken ?? 'vobiz-token-secret-123';
		this.channels = options.channels ?? VOBIZ_CHANNELS;
		this.templates = options.templates ?? VOBIZ_TEMPLATES;
		this.templatePageCap = options.templatePageCap ?? 100;
	}

	private counter = 0;

	/** The webhook subscriptions API (the trigger's tests). */
	readonly webhooks = new VobizWebhookSubscriptions();

	handle(request: RecordedRequest): FakeResponse {
		if (
			request.headers['x-auth-id'] !== this.authId ||
			request.headers['x-auth-token'] !== this.authToken
		) {
			return error(401, 'UNAUTHORIZED', 'Invalid authentication credentials');
		}
		const webhookAnswer = this.webhooks.handle(request);
		if (webhookAnswer) return webhookAnswer;
		if (request.method === 'GET' && request.path === '/api/v1/auth/me') {
			return {
				status: 200,
				body: { account_id: this.authId, name: 'Test Account', status: 'active' },
			};
		}
		if (request.method === 'GET' && request.path === '/api/v1/messaging/channels/whatsapp') {
			return { status: 200, body: { items: this.channels } };
		}
		const templates = /^\/api\/v1\/messaging\/channels\/([^/]+)\/templates$/.exec(request.path);
		if (request.method === 'GET' && templates) {
			const channel = this.channels.find((c) => c.id === templates[1]);
			if (!channel) return error(404, 'NOT_FOUND', 'Channel not found');
			return vobizTemplatesPage(
				this.templates[channel.id] ?? [],
				request.query,
				this.templatePageCap,
			);
		}
		if (request.method === 'POST' && request.path === '/api/v1/messaging/messages') {
			const scripted = this.takeScripted();
			if (scripted) return scripted;
			return this.send(request);
		}
		return error(404, 'NOT_FOUND', 'Route not found');
	}

	private send(request: RecordedRequest): FakeResponse {
		if (!/application\/json/.test(request.headers['content-type'] ?? '')) {
			return error(400, 'INVALID_REQUEST', 'Content-Type must be application/json');
		}
		const body = jsonBody(request);
		if (!body) return error(400, 'INVALID_REQUEST', 'Invalid JSON body');
		const channel = this.channels.find((c) => c.id === body.channel_id);
		const problem =
			unknownFields(body, MESSAGE_FIELDS) ??
			(!channel ? 'channel_id does not name a channel of this account' : undefined) ??
			(channel && body.waba_id !== channel.waba_id
				? 'waba_id does not match the channel'
				: undefined) ??
			(typeof body.to !== 'string' || !/^\+[1-9]\d{6,14}$/.test(body.to)
				? 'to must be E.164 with +'
				: undefined) ??
			(!TYPES.includes(body.type as string)
				? `type must be one of ${TYPES.join(', ')}`
				: undefined) ??
			this.checkPayload(body, channel!);
		if (problem) return error(400, 'VALIDATION_ERROR', problem);
		this.accepted.push(request);
		this.counter += 1;
		return {
			status: 201,
			body: {
				id: `9b2e1c40-0000-4000-8000-${String(this.counter).padStart(12, '0')}`,
				account_id: this.authId,
				channel_id: body.channel_id,
				contact_id: '4f9c2a18-3e6b-4d2f-8b1a-9e7c5d3f1a02',
				conversation_id: null,
				direction: 'outbound',
				type: body.type,
				status: 'pending',
				content: JSON.stringify(body.text ?? body.media ?? body.template ?? {}),
				meta_message_id: null,
				created_at: '2026-11-22T10:00:00Z',
			},
		};
	}

	private checkPayload(
		body: Record<string, unknown>,
		channel: VobizFakeChannel,
	): string | undefined {
		const type = body.type as string;
		const others = ['text', 'media', 'template'].filter(
			(key) =>
				key !== (type === 'text' ? 'text' : type === 'template' ? 'template' : 'media') &&
				body[key] !== undefined,
		);
		if (others.length) return `type ${type} does not take ${others.join(', ')}`;
		if (type === 'text') {
			const text = body.text as Record<string, unknown> | undefined;
			if (!text || !isNonEmptyString(text.body)) return 'text.body is required';
			return (
				tooLong(text.body, CLOUD_TEXT_LIMIT, 'text.body') ??
				unknownFields(text, ['body', 'preview_url'])
			);
		}
		const caption = (body.media as Record<string, unknown> | undefined)?.caption;
		if (type !== 'template' && tooLong(caption, CLOUD_CAPTION_LIMIT, 'media.caption')) {
			return tooLong(caption, CLOUD_CAPTION_LIMIT, 'media.caption');
		}
		if (type === 'template')
			return checkVobizTemplate(body.template, this.templates[channel.id] ?? []);
		return checkVobizMedia(type, body.media);
	}
}
