import { isNonEmptyString, unknownFields } from '../fake';
import type { FakeResponse } from '../server';

/** A template as `GET /templates` lists it (docs.callbell.eu, object type Template). */
export interface CallbellFakeTemplate {
	uuid: string;
	title: string;
	templateType: string;
	category: string;
	status: string;
	text: string;
}

function template(
	uuid: string,
	title: string,
	templateType: string,
	status: string,
	text: string,
	category = 'UTILITY',
): CallbellFakeTemplate {
	return { uuid, title, templateType, category, status, text };
}

export const CALLBELL_TEMPLATES: CallbellFakeTemplate[] = [
	template(
		'd980fb66fd5043d3ace1aa06ba044342',
		'Order shipped',
		'text',
		'approved',
		'Hello {{1}}, your order has shipped.',
	),
	template(
		'a1b2c3d4e5f60718293a4b5c6d7e8f90',
		'Appointment reminder',
		'text',
		'approved',
		'Hi {{1}}, your appointment is on {{2}} at {{3}}.',
	),
	template(
		'b2c3d4e5f60718293a4b5c6d7e8f9001',
		'Welcome',
		'text',
		'approved',
		'Thanks for contacting us! Reply here any time.',
		'MARKETING',
	),
	template(
		'c3d4e5f60718293a4b5c6d7e8f900112',
		'Invoice',
		'document',
		'approved',
		'Hi {{1}}, here is your invoice.',
	),
	template(
		'd4e5f60718293a4b5c6d7e8f90011223',
		'New arrivals',
		'image',
		'approved',
		'See what is new this week.',
		'MARKETING',
	),
	template(
		'e5f60718293a4b5c6d7e8f9001122334',
		'Product video',
		'video',
		'approved',
		'Watch {{1}} in action.',
		'MARKETING',
	),
	template(
		'f60718293a4b5c6d7e8f900112233445',
		'Black Friday',
		'text',
		'pending',
		'Black Friday: {{1}} off everything',
		'MARKETING',
	),
	template(
		'0718293a4b5c6d7e8f90011223344556',
		'Old promo',
		'text',
		'rejected',
		'Old promo {{1}}',
		'MARKETING',
	),
	template(
		'18293a4b5c6d7e8f9001122334455667',
		'Feedback',
		'text',
		'approved',
		'How was your visit to {{1}}? Reply 1 to 5.',
	),
];

/** Templates per page of `GET /templates`; small, so the fixture spans several pages. */
export const CALLBELL_TEMPLATE_PAGE_SIZE = 4;

/** `GET /templates?page=N` → `{templates:[…], meta:{page, pages}}`, every status together. */
export function callbellTemplatesPage(
	templates: CallbellFakeTemplate[],
	query: URLSearchParams,
): FakeResponse {
	const page = query.has('page') ? Number(query.get('page')) : 1;
	if (!Number.isInteger(page) || page < 1)
		return { status: 400, body: { error: 'page must be a positive integer' } };
	const pages = Math.max(1, Math.ceil(templates.length / CALLBELL_TEMPLATE_PAGE_SIZE));
	const slice = templates.slice(
		(page - 1) * CALLBELL_TEMPLATE_PAGE_SIZE,
		page * CALLBELL_TEMPLATE_PAGE_SIZE,
	);
	return { status: 200, body: { templates: slice, meta: { page, pages } } };
}

function variables(text: string): number {
	return Math.max(0, ...[...text.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

/**
 * A template send as Callbell takes it: `template_uuid` and `optin_contact: true` both present, an approved
 * template, `type` equal to the template's type, `content.text` for `{{1}}` or `template_values` for all of
 * them, and `content.url` exactly for media templates.
 */
export function checkCallbellTemplate(
	body: Record<string, unknown>,
	templates: CallbellFakeTemplate[],
): string | undefined {
	if (!isNonEmptyString(body.template_uuid))
		return 'template_uuid and optin_contact must be present to send a template';
	if (body.optin_contact !== true)
		return 'template_uuid and optin_contact must be present to send a template';
	const definition = templates.find((t) => t.uuid === body.template_uuid);
	if (!definition) return `Template ${body.template_uuid} not found`;
	if (definition.status !== 'approved')
		return `Template ${definition.title} is not approved (${definition.status})`;
	if (body.type !== definition.templateType)
		return `type must be "${definition.templateType}" for this template`;
	const content = body.content as Record<string, unknown>;
	const extra = unknownFields(content, ['text', 'url']);
	if (extra) return `content: ${extra}`;
	if (content.text !== undefined && typeof content.text !== 'string')
		return 'content.text must be a string';
	const needed = variables(definition.text);
	const values = body.template_values;
	if (values !== undefined) {
		if (!Array.isArray(values) || values.some((v) => !isNonEmptyString(v)))
			return 'template_values must be an array of non-empty strings';
		if (values.length !== needed)
			return `template_values has ${values.length} values, the template needs ${needed}`;
	} else if (needed > 1) {
		return `the template needs ${needed} values in template_values`;
	} else if (needed === 1 && !isNonEmptyString(content.text)) {
		return 'content.text is required to fill the template';
	}
	if (definition.templateType === 'text') {
		if (content.url !== undefined) return 'content.url is only for media templates';
	} else if (typeof content.url !== 'string' || !/^https?:\/\//.test(content.url)) {
		return `content.url is required for a ${definition.templateType} template`;
	}
	return undefined;
}
