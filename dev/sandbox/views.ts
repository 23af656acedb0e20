import type { MessageType } from '../../nodes/WhatsAppSend/input/message';
import type { CallbellFakeTemplate } from '../../fakes/callbell/templates';
import type { RecordedRequest } from '../../fakes/server';
import type { VobizFakeTemplate } from '../../fakes/vobiz/templates';
import { BITBYBIT_TEMPLATE_TEXTS } from './fixtures';
import type { ParsedMultipart } from './multipart';
import type { NodeProviderId, SandboxFakes } from './providers';

export type MessageKind = MessageType | 'other';

export interface TemplateView {
	name: string;
	language?: string;
	/** Whether the sandbox knows the template's text; otherwise only the values are shown. */
	known: boolean;
	header?: { format: string; text?: string; url?: string };
	body: string;
	footer?: string;
	buttons: Array<{ text: string; url?: string }>;
	values: string[];
}

/** A message the way a phone shows it. */
export interface PhoneView {
	kind: MessageKind;
	/** Text body, or a media caption. */
	text?: string;
	media?: {
		url?: string;
		mediaId?: string;
		fileName?: string;
		mimeType?: string;
		size?: number;
		voiceNote?: boolean;
		viewOnce?: boolean;
	};
	template?: TemplateView;
	location?: { latitude: number; longitude: number; name?: string; address?: string };
	contact?: { name: string; phone: string };
	poll?: { question: string; options: string[] };
}

export interface MessageView {
	recipient: string;
	/** The sending channel or source, where the request names one. */
	from?: string;
	view: PhoneView;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Json)
		: {};
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/** Replaces {{1}}…{{n}} with the values; a missing value stays visible as its placeholder. */
export function fillPlaceholders(template: string, values: readonly string[]): string {
	return template.replace(
		/\{\{\s*(\d+)\s*\}\}/g,
		(whole, n: string) => values[Number(n) - 1] ?? whole,
	);
}

function bitbybitView(request: RecordedRequest): MessageView {
	const body = object(request.json);
	const recipient = text(body.to) ?? '?';
	const from = text(body.sources);
	if (request.path === '/messages/send-template') {
		const name = text(body.template_name) ?? '';
		const values = strings(body.params);
		const known = BITBYBIT_TEMPLATE_TEXTS[name];
		const mediaUrl = text(body.mediaUrl);
		return {
			recipient,
			from,
			view: {
				kind: 'template',
				template: {
					name,
					language: text(body.template_source),
					known: known !== undefined,
					header: mediaUrl ? { format: known?.header ?? 'IMAGE', url: mediaUrl } : undefined,
					body: known ? fillPlaceholders(known.body, values) : '',
					buttons: [],
					values,
				},
			},
		};
	}
	const imageUrl = text(body.imageUrl);
	if (imageUrl)
		return {
			recipient,
			from,
			view: { kind: 'image', text: text(body.message) || undefined, media: { url: imageUrl } },
		};
	return { recipient, from, view: { kind: 'text', text: text(body.message) } };
}

function componentOf(template: VobizFakeTemplate, type: string): Json | undefined {
	return template.components.components.find((c) => String(c.type).toUpperCase() === type) as
		| Json
		| undefined;
}

function sentParameters(components: Json[], type: string): Json[] {
	const found = components.find((c) => text(c.type)?.toLowerCase() === type);
	return Array.isArray(found?.parameters) ? found.parameters.map(object) : [];
}

function firstParameterText(component: Json): string | undefined {
	const [first] = Array.isArray(component.parameters) ? component.parameters.map(object) : [];
	return first ? text(first.text) : undefined;
}

/** A header parameter's value: its text, or the link of its media object (`{type:"image", image:{link}}`). */
function headerValue(parameter: Json | undefined): string | undefined {
	if (!parameter) return undefined;
	return text(parameter.text) ?? text(object(parameter[text(parameter.type) ?? '']).link);
}

function vobizTemplateView(sent: Json, templates: VobizFakeTemplate[]): TemplateView {
	const name = text(sent.name) ?? '';
	const language = text(object(sent.language).code);
	const template = templates.find((t) => t.name === name && (!language || t.language === language));
	const sentComponents = Array.isArray(sent.components) ? sent.components.map(object) : [];
	const values = sentParameters(sentComponents, 'body').map((p) => text(p.text) ?? '');
	const headerParameter = sentParameters(sentComponents, 'header')[0];
	const buttonValues = sentComponents
		.filter((c) => text(c.type)?.toLowerCase() === 'button')
		.map((c) => ({ index: Number(c.index ?? 0), value: firstParameterText(c) }));
	if (!template) {
		const value = headerValue(headerParameter);
		return {
			name,
			language,
			known: false,
			header: value
				? { format: text(headerParameter?.type)?.toUpperCase() ?? 'TEXT', url: value }
				: undefined,
			body: '',
			buttons: [],
			values,
		};
	}
	const header = componentOf(template, 'HEADER');
	const format = text(header?.format)?.toUpperCase() ?? 'TEXT';
	const buttons = componentOf(template, 'BUTTONS')?.buttons;
	return {
		name,
		language: template.language,
		known: true,
		header: header
			? format === 'TEXT'
				? {
						format,
						text: fillPlaceholders(
							text(header.text) ?? '',
							headerParameter ? [headerValue(headerParameter) ?? ''] : [],
						),
					}
				: { format, url: headerValue(headerParameter) }
			: undefined,
		body: fillPlaceholders(text(componentOf(template, 'BODY')?.text) ?? '', values),
		footer: text(componentOf(template, 'FOOTER')?.text),
		buttons: (Array.isArray(buttons) ? buttons.map(object) : []).map((button, index) => {
			const value = buttonValues.find((b) => b.index === index)?.value;
			const url = text(button.url);
			return {
				text: text(button.text) ?? '',
				url: url ? fillPlaceholders(url, value !== undefined ? [value] : []) : undefined,
			};
		}),
		values,
	};
}

function vobizView(request: RecordedRequest, fakes: SandboxFakes): MessageView {
	const body = object(request.json);
	const channelId = text(body.channel_id);
	const channel = fakes.vobiz.channels.find((c) => c.id === channelId);
	const base = {
		recipient: text(body.to) ?? '?',
		from: channel ? `${channel.display_name} (${channel.phone_number})` : channelId,
	};
	const type = text(body.type) ?? 'other';
	if (type === 'text')
		return { ...base, view: { kind: 'text', text: text(object(body.text).body) } };
	if (type === 'template') {
		const templates = channelId ? (fakes.vobiz.templates[channelId] ?? []) : [];
		return {
			...base,
			view: { kind: 'template', template: vobizTemplateView(object(body.template), templates) },
		};
	}
	const media = object(body.media);
	return {
		...base,
		view: {
			kind: asKind(type),
			text: text(media.caption),
			media: { url: text(media.link), mediaId: text(media.id), fileName: text(media.filename) },
		},
	};
}

function callbellView(request: RecordedRequest, fakes: SandboxFakes): MessageView {
	const body = object(request.json);
	const content = object(body.content);
	const channel = fakes.callbell.channels.find((c) => c.uuid === body.channel_uuid);
	const base = { recipient: text(body.to) ?? '?', from: channel?.title ?? text(body.channel_uuid) };
	const templateUuid = text(body.template_uuid);
	if (templateUuid) {
		const template: CallbellFakeTemplate | undefined = fakes.callbell.templates.find(
			(t) => t.uuid === templateUuid,
		);
		const values = Array.isArray(body.template_values)
			? strings(body.template_values)
			: [text(content.text) ?? ''];
		const url = text(content.url);
		return {
			...base,
			view: {
				kind: 'template',
				template: {
					name: template?.title ?? templateUuid,
					known: template !== undefined,
					header: url
						? { format: (template?.templateType ?? text(body.type) ?? 'image').toUpperCase(), url }
						: undefined,
					body: template ? fillPlaceholders(template.text, values) : '',
					buttons: [],
					values,
				},
			},
		};
	}
	const type = text(body.type) ?? 'other';
	if (type === 'text') return { ...base, view: { kind: 'text', text: text(content.text) } };
	const url = text(content.url);
	return {
		...base,
		view: {
			kind: asKind(type),
			text: text(content.text),
			media: { url, fileName: url ? fileNameOf(url) : undefined },
		},
	};
}

const UPLOAD_KINDS: Record<string, MessageKind> = {
	images: 'image',
	videos: 'video',
	audio: 'audio',
	documents: 'document',
	stickers: 'sticker',
};

function multiSessionView(
	request: RecordedRequest,
	multipart: ParsedMultipart | undefined,
	mediaUrl: string | undefined,
): MessageView {
	const [, jid = '?', endpoint = ''] = /^\/chats\/([^/]+)\/([a-z]+)$/.exec(request.path) ?? [];
	const base = { recipient: jid };
	const body = object(request.json);
	if (endpoint === 'messages') return { ...base, view: { kind: 'text', text: text(body.text) } };
	if (endpoint === 'locations') {
		return {
			...base,
			view: {
				kind: 'location',
				location: {
					latitude: Number(body.latitude),
					longitude: Number(body.longitude),
					name: text(body.name),
					address: text(body.address),
				},
			},
		};
	}
	if (endpoint === 'contacts')
		return {
			...base,
			view: {
				kind: 'contact',
				contact: { name: text(body.name) ?? '', phone: text(body.phone) ?? '' },
			},
		};
	if (endpoint === 'polls')
		return {
			...base,
			view: {
				kind: 'poll',
				poll: { question: text(body.question) ?? '', options: strings(body.options) },
			},
		};
	const kind = UPLOAD_KINDS[endpoint] ?? 'other';
	const file = multipart?.files[0];
	const fields = multipart?.fields ?? {};
	return {
		...base,
		view: {
			kind,
			text: fields.caption || undefined,
			media: {
				url: mediaUrl,
				fileName: fields.filename || file?.fileName,
				mimeType: file?.mimeType,
				size: file?.bytes.length,
				voiceNote: fields.voice_note === 'true' || fields.ptt === 'true' || undefined,
				viewOnce: fields.view_once === 'true' || undefined,
			},
		},
	};
}

function asKind(type: string): MessageKind {
	return ['image', 'video', 'audio', 'document', 'sticker'].includes(type)
		? (type as MessageKind)
		: 'other';
}

function fileNameOf(url: string): string | undefined {
	try {
		return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || undefined;
	} catch {
		return undefined;
	}
}

/** How the phone of `request`'s recipient would show the accepted message. */
export function messageView(
	provider: NodeProviderId,
	request: RecordedRequest,
	fakes: SandboxFakes,
	multipart?: ParsedMultipart,
	mediaUrl?: string,
): MessageView {
	switch (provider) {
		case 'bitbybit':
			return bitbybitView(request);
		case 'vobiz':
			return vobizView(request, fakes);
		case 'callbell':
			return callbellView(request, fakes);
		case 'multiSession':
			return multiSessionView(request, multipart, mediaUrl);
	}
}
