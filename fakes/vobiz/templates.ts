import { isNonEmptyString, unknownFields } from '../fake';
import type { FakeResponse } from '../server';

/**
 * A template: its Meta definition (`components.components`), which the fake checks sends against, as
 * Meta does behind Vobiz; and how Vobiz's list shows it. The documented list nests the components under
 * `components.components` ("nested"), but Vobiz's own mock server lists templates without any
 * (github.com/vobiz-ai/Vobiz-n8n-nodes test/mock-vobiz.js) and its own node never reads them, so a list
 * may also carry a bare array, nothing, or a shape of its own.
 */
export interface VobizFakeTemplate {
	id: string;
	name: string;
	language: string;
	category: string;
	status: string;
	components: { components: Array<Record<string, unknown>> };
	listedAs?: 'nested' | 'array' | 'absent' | 'unrecognised';
}

let nextId = 1;
export function template(
	name: string,
	language: string,
	status: string,
	components: Array<Record<string, unknown>>,
	category = 'UTILITY',
	listedAs: VobizFakeTemplate['listedAs'] = 'nested',
): VobizFakeTemplate {
	const id = `tmpl-${String(nextId++).padStart(4, '0')}`;
	return { id, name, language, category, status, components: { components }, listedAs };
}

/** The template as the list endpoint shows it. */
function listed(definition: VobizFakeTemplate): Record<string, unknown> {
	const { listedAs, components, ...entry } = definition;
	if (listedAs === 'absent') return entry;
	if (listedAs === 'array') return { ...entry, components: components.components };
	if (listedAs === 'unrecognised')
		return {
			...entry,
			components: {
				layout: 'v2',
				blocks: components.components.map(({ type, ...rest }) => ({ kind: type, ...rest })),
			},
		};
	return { ...entry, components };
}

const body = (text: string) => ({ type: 'BODY', text });

/** The templates of the first test channel (Support India): every shape the node must handle. */
export const SUPPORT_TEMPLATES: VobizFakeTemplate[] = [
	template('order_confirmation', 'en_US', 'APPROVED', [
		body('Hi {{1}}, your order {{2}} is confirmed.'),
	]),
	template('order_confirmation', 'id', 'APPROVED', [
		body('Halo {{1}}, pesanan {{2}} telah dikonfirmasi.'),
	]),
	template('order_confirmation', 'es', 'PENDING', [
		body('Hola {{1}}, tu pedido {{2}} está confirmado.'),
	]),
	template('store_location', 'en_US', 'APPROVED', [
		{ type: 'HEADER', format: 'LOCATION' },
		body('Visit us here.'),
	]),
	template(
		'welcome_message',
		'en_US',
		'APPROVED',
		[body('Welcome to our store! Reply STOP to opt out.')],
		'MARKETING',
	),
	template('invoice_ready', 'en_US', 'APPROVED', [
		{
			type: 'HEADER',
			format: 'DOCUMENT',
			example: { header_handle: ['https://example.com/sample.pdf'] },
		},
		body('Hi {{1}}, your invoice is attached.'),
	]),
	template(
		'new_collection',
		'en_US',
		'APPROVED',
		[
			{
				type: 'HEADER',
				format: 'IMAGE',
				example: { header_handle: ['https://example.com/sample.jpg'] },
			},
			body('Our new collection is here.'),
			{ type: 'FOOTER', text: 'Shop Example' },
		],
		'MARKETING',
	),
	template(
		'product_demo',
		'en_US',
		'APPROVED',
		[{ type: 'HEADER', format: 'VIDEO' }, body('Watch how {{1}} works.')],
		'MARKETING',
	),
	template('shipping_update', 'en_US', 'APPROVED', [
		{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}} shipped' },
		body('Hi {{1}}, it arrives on {{2}}.'),
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Thanks' },
				{ type: 'URL', text: 'Track', url: 'https://shop.example.com/track/{{1}}' },
			],
		},
	]),
	template('appointment_reminder', 'en_US', 'APPROVED', [
		{ type: 'HEADER', format: 'TEXT', text: 'Reminder' },
		body('Your appointment is on {{1}} at {{2}}.'),
		{
			type: 'BUTTONS',
			buttons: [{ type: 'URL', text: 'Clinic', url: 'https://clinic.example.com' }],
		},
	]),
	template('summer_sale', 'en_US', 'PENDING', [body('Summer sale: {{1}} off!')], 'MARKETING'),
	template('old_promo', 'en_US', 'REJECTED', [body('Old promo {{1}}')], 'MARKETING'),
];

export const SALES_TEMPLATES: VobizFakeTemplate[] = [
	template('promo_id', 'id', 'APPROVED', [body('Diskon {{1}} untuk Anda!')], 'MARKETING'),
];

export const VOBIZ_TEMPLATES: Record<string, VobizFakeTemplate[]> = {
	'0a8f3feb-9598-47f2-8a6c-df1aeb306ae1': SUPPORT_TEMPLATES,
	'5d1c7a2e-3b4f-4c6d-9e8f-0a1b2c3d4e5f': SALES_TEMPLATES,
};

function badRequest(message: string): FakeResponse {
	return {
		status: 400,
		body: {
			status: 'error',
			error: { code: 'VALIDATION_ERROR', message },
			timestamp: '2026-11-22T10:00:00Z',
			requestId: 'req_fake',
		},
	};
}

/**
 * `GET …/templates?status=&page=&limit=` with Vobiz's paging: `limit` at most 100 (20 when absent),
 * `has_more` while pages remain. `pageCap` lets a test make the server hand out smaller pages than asked,
 * as servers may, so the node must follow `has_more` rather than count items.
 */
export function vobizTemplatesPage(
	templates: VobizFakeTemplate[],
	query: URLSearchParams,
	pageCap = 100,
): FakeResponse {
	const page = query.has('page') ? Number(query.get('page')) : 1;
	const limit = query.has('limit') ? Number(query.get('limit')) : 20;
	if (!Number.isInteger(page) || page < 1) return badRequest('page must be a positive integer');
	if (!Number.isInteger(limit) || limit < 1 || limit > 100)
		return badRequest('limit must be between 1 and 100');
	const status = query.get('status');
	const matching = status ? templates.filter((t) => t.status === status.toUpperCase()) : templates;
	const size = Math.min(limit, pageCap);
	const items = matching.slice((page - 1) * size, page * size).map(listed);
	return {
		status: 200,
		body: {
			items,
			total: matching.length,
			page,
			limit: size,
			has_more: page * size < matching.length,
		},
	};
}

/** What a template needs, read independently of the node's own reading. */
function needs(definition: VobizFakeTemplate) {
	const components = definition.components.components;
	const find = (type: string) => components.find((c) => c.type === type);
	const count = (text: unknown) =>
		Math.max(0, ...[...String(text ?? '').matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
	const header = find('HEADER');
	const buttons = (find('BUTTONS')?.buttons as Array<Record<string, unknown>> | undefined) ?? [];
	return {
		headerFormat: header?.format as string | undefined,
		headerValues: header?.format === 'TEXT' ? count(header.text) : 0,
		bodyValues: count(find('BODY')?.text),
		urlButtons: buttons.flatMap((b, index) =>
			b.type === 'URL' && count(b.url) > 0 ? [index] : [],
		),
	};
}

function checkTextParameters(
	where: string,
	parameters: unknown,
	expected: number,
): string | undefined {
	if (!Array.isArray(parameters)) return `${where}.parameters must be an array`;
	if (parameters.length !== expected) {
		return `(#132000) Number of parameters does not match the expected number of params: ${where} expects ${expected}, got ${parameters.length}`;
	}
	for (const parameter of parameters as Array<Record<string, unknown>>) {
		if (!parameter || parameter.type !== 'text' || !isNonEmptyString(parameter.text))
			return `${where} parameters must be {type:"text", text}`;
		const extra = unknownFields(parameter, ['type', 'text']);
		if (extra) return `${where} parameter: ${extra}`;
	}
	return undefined;
}

function checkMediaHeader(format: string, parameters: unknown): string | undefined {
	const key = format.toLowerCase();
	if (!Array.isArray(parameters) || parameters.length !== 1)
		return `header of a ${format} template takes exactly one ${key} parameter`;
	const parameter = parameters[0] as Record<string, unknown>;
	if (parameter?.type !== key) return `header parameter type must be "${key}"`;
	const media = parameter[key] as Record<string, unknown> | undefined;
	if (!media || typeof media !== 'object') return `header parameter needs a "${key}" object`;
	const extra =
		unknownFields(parameter, ['type', key]) ?? unknownFields(media, ['link', 'id', 'filename']);
	if (extra) return `header parameter: ${extra}`;
	if (
		media.id === undefined &&
		(typeof media.link !== 'string' || !/^https?:\/\//.test(media.link))
	)
		return `${key}.link must be an http(s) URL`;
	return undefined;
}

/** Checks a `template` object the way Vobiz and Meta do: an approved translation, and components that fit it. */
export function checkVobizTemplate(
	raw: unknown,
	templates: VobizFakeTemplate[],
): string | undefined {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw))
		return 'template is required for type template';
	const template = raw as Record<string, unknown>;
	const language = template.language as Record<string, unknown> | undefined;
	const shapeProblem =
		unknownFields(template, ['name', 'language', 'category', 'components']) ??
		(!isNonEmptyString(template.name) ? 'template.name is required' : undefined) ??
		(!language || typeof language !== 'object' || !isNonEmptyString(language.code)
			? 'template.language.code is required'
			: undefined) ??
		unknownFields(language!, ['code', 'policy']);
	if (shapeProblem) return shapeProblem;
	const definition = templates.find(
		(t) => t.name === template.name && t.language === language!.code,
	);
	if (!definition)
		return `(#132001) Template name does not exist in the translation: ${String(template.name)} (${String(language!.code)})`;
	if (definition.status !== 'APPROVED')
		return `Template ${definition.name} (${definition.language}) is not approved (status ${definition.status})`;

	const components = template.components ?? [];
	if (!Array.isArray(components)) return 'template.components must be an array';
	const need = needs(definition);
	const seen = new Set<string>();
	for (const component of components as Array<Record<string, unknown>>) {
		const type = component?.type;
		const key = type === 'button' ? `button:${String(component.index)}` : String(type);
		if (seen.has(key)) return `duplicate ${key} component`;
		seen.add(key);
		if (type === 'header') {
			const extra = unknownFields(component, ['type', 'parameters']);
			if (extra) return `header component: ${extra}`;
			if (need.headerFormat && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(need.headerFormat)) {
				const problem = checkMediaHeader(need.headerFormat, component.parameters);
				if (problem) return problem;
			} else if (need.headerValues > 0) {
				const problem = checkTextParameters('header', component.parameters, need.headerValues);
				if (problem) return problem;
			} else {
				return '(#132000) Number of parameters does not match the expected number of params: the header takes no parameters';
			}
		} else if (type === 'body') {
			const extra = unknownFields(component, ['type', 'parameters']);
			if (extra) return `body component: ${extra}`;
			const problem = checkTextParameters('body', component.parameters, need.bodyValues);
			if (problem) return problem;
		} else if (type === 'button') {
			const extra = unknownFields(component, ['type', 'sub_type', 'index', 'parameters']);
			if (extra) return `button component: ${extra}`;
			if (component.sub_type !== 'url') return 'button sub_type must be "url" for this template';
			// Meta's examples write the index as a string ("0"), Vobiz's own node sends a number (0); which one
			// Vobiz validates is undocumented, so both are taken (contracts §2).
			const index = component.index;
			if (
				(typeof index !== 'string' && typeof index !== 'number') ||
				!need.urlButtons.map(String).includes(String(index))
			) {
				return `button index ${JSON.stringify(component.index)} is not a URL button with a variable`;
			}
			const problem = checkTextParameters(`button ${component.index}`, component.parameters, 1);
			if (problem) return problem;
		} else {
			return `unknown component type ${JSON.stringify(type)}`;
		}
	}
	if (need.headerFormat === 'LOCATION')
		return '(#132012) Parameter format does not match format in the created template: the LOCATION header needs a location parameter';
	const mediaHeader =
		need.headerFormat && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(need.headerFormat);
	if ((mediaHeader || need.headerValues > 0) && !seen.has('header'))
		return 'template requires a header component';
	if (need.bodyValues > 0 && !seen.has('body'))
		return `(#132000) Number of parameters does not match the expected number of params: body expects ${need.bodyValues}, got 0`;
	const missingButton = need.urlButtons.find((index) => !seen.has(`button:${index}`));
	if (missingButton !== undefined)
		return `template requires a url button component with index "${missingButton}"`;
	return undefined;
}
