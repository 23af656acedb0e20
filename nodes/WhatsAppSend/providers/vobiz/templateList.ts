import type { IDataObject } from 'n8n-workflow';

import { asRecord, stringAt } from '../shared/parse';
import { countPlaceholders } from '../shared/placeholders';

// A channel's templates as Vobiz lists them: page by page, each with the shape read from Meta's
// components, and how the editor's picker names them.

/** Vobiz's largest page of templates. */
const VOBIZ_TEMPLATE_PAGE_LIMIT = 100;
// A hard stop, so a list that never reports its end cannot keep a run or the editor busy forever.
const MAX_PAGES = 50;

export const VOBIZ_APPROVED = 'APPROVED';

function vobizTemplatesPath(channelId: string): string {
	return `/api/v1/messaging/channels/${encodeURIComponent(channelId)}/templates`;
}

/** What a template needs filled in, read from its Meta components. */
export interface VobizTemplateShape {
	/** The header's format (TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION), when the template has a header. */
	headerFormat?: string;
	headerText?: string;
	/** `{{n}}` values the TEXT header needs (Meta allows at most one). */
	headerVariables: number;
	bodyText: string;
	bodyVariables: number;
	/** URL buttons whose link holds a variable, with their index in the template's button list. */
	dynamicUrlButtons: Array<{ index: number; url: string }>;
}

export interface VobizTemplate {
	id?: string;
	name: string;
	language: string;
	category?: string;
	status: string;
	/** What the template takes, when the list entry says so in a form the node reads. */
	shape?: VobizTemplateShape;
	/** Why the shape is unknown: "without its components", "with components the node does not recognise". */
	unknownShape?: string;
	/** The BODY text, for the picker, even when the shape as a whole is unknown. */
	bodyText: string;
}

interface VobizTemplatePage {
	items: VobizTemplate[];
	hasMore: boolean;
}

/** A template's components as read from its list entry, or why they say nothing the node can rely on. */
type VobizShapeReading =
	| { shape: VobizTemplateShape; bodyText: string }
	| { unknown: string; bodyText: string };

const MISSING = 'without its components';
const UNRECOGNISED = 'with components the node does not recognise';

/** Meta's component types, and the header formats a template can have. */
const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'];
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];

/**
 * Components come as `{components:[…]}` (documented), as a bare array, or as a JSON string of either;
 * undefined when there are none, or a value that is not a list of objects.
 */
function componentList(raw: unknown): Array<Record<string, unknown>> | 'missing' | 'unrecognised' {
	let value = raw;
	if (value === undefined || value === null || value === '') return 'missing';
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return 'unrecognised';
		}
	}
	const list = Array.isArray(value) ? value : asRecord(value)?.components;
	if (!Array.isArray(list)) return 'unrecognised';
	const records = list.map(asRecord);
	return records.every((record) => record !== undefined)
		? (records as Array<Record<string, unknown>>)
		: 'unrecognised';
}

const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : undefined);

/**
 * What a template takes, from Meta's components as Vobiz lists them. Only a shape the node fully
 * recognises counts — every component of a known type, one BODY with its text, a header of a known
 * format, buttons as a list — because its checks refuse values: a template read wrongly would have
 * every send refused. Anything else is "unknown", and its values are sent unchecked.
 */
export function readVobizTemplateShape(rawComponents: unknown): VobizShapeReading {
	const components = componentList(rawComponents);
	if (components === 'missing') return { unknown: MISSING, bodyText: '' };
	const body = Array.isArray(components) ? components.filter((c) => upper(c.type) === 'BODY') : [];
	const bodyText = stringAt(body[0], 'text') ?? '';
	const unrecognised = { unknown: UNRECOGNISED, bodyText };
	if (components === 'unrecognised') return unrecognised;
	if (components.length === 0) return { unknown: MISSING, bodyText };
	if (!components.every((c) => COMPONENT_TYPES.includes(upper(c.type) ?? ''))) return unrecognised;
	const ofType = (type: string) => components.filter((c) => upper(c.type) === type);
	const [header, ...moreHeaders] = ofType('HEADER');
	const [buttons, ...moreButtons] = ofType('BUTTONS');
	if (
		body.length !== 1 ||
		typeof body[0].text !== 'string' ||
		moreHeaders.length > 0 ||
		moreButtons.length > 0
	)
		return unrecognised;
	const headerFormat = header ? upper(header.format) : undefined;
	if (header && (!headerFormat || !HEADER_FORMATS.includes(headerFormat))) return unrecognised;
	if (headerFormat === 'TEXT' && typeof header.text !== 'string') return unrecognised;
	if (buttons && !Array.isArray(buttons.buttons)) return unrecognised;
	const buttonList = (buttons?.buttons ?? []) as unknown[];
	if (!buttonList.every((button) => typeof asRecord(button)?.type === 'string'))
		return unrecognised;
	const headerText = headerFormat === 'TEXT' ? stringAt(header, 'text') : undefined;
	const dynamicUrlButtons = buttonList.flatMap((button, index) => {
		const url = stringAt(button, 'url') ?? '';
		return upper(asRecord(button)?.type) === 'URL' && countPlaceholders(url) > 0
			? [{ index, url }]
			: [];
	});
	return {
		bodyText,
		shape: {
			headerFormat,
			headerText,
			headerVariables: countPlaceholders(headerText),
			bodyText,
			bodyVariables: countPlaceholders(bodyText),
			dynamicUrlButtons,
		},
	};
}

/** `GET …/templates?page=N&limit=M` → `{items:[…], total, page, limit, has_more}`. */
export function parseVobizTemplatesPage(body: unknown): VobizTemplatePage {
	const record = asRecord(body);
	const list = Array.isArray(body) ? body : (record?.items ?? record?.data);
	const items = (Array.isArray(list) ? list : []).flatMap((entry): VobizTemplate[] => {
		const name = stringAt(entry, 'name');
		if (!name) return [];
		const reading = readVobizTemplateShape(asRecord(entry)?.components);
		return [
			{
				id: stringAt(entry, 'id'),
				name,
				language: stringAt(entry, 'language') ?? '',
				category: stringAt(entry, 'category'),
				status: (stringAt(entry, 'status') ?? '').toUpperCase(),
				bodyText: reading.bodyText,
				...('shape' in reading ? { shape: reading.shape } : { unknownShape: reading.unknown }),
			},
		];
	});
	return { items, hasMore: record?.has_more === true };
}

/** Every template of a channel, page by page; `status` narrows the list (e.g. APPROVED). */
export async function fetchVobizTemplates(
	getJson: (path: string, qs: IDataObject) => Promise<unknown>,
	channelId: string,
	status?: string,
): Promise<VobizTemplate[]> {
	const templates: VobizTemplate[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const qs: IDataObject = status
			? { status, page, limit: VOBIZ_TEMPLATE_PAGE_LIMIT }
			: { page, limit: VOBIZ_TEMPLATE_PAGE_LIMIT };
		const parsed = parseVobizTemplatesPage(await getJson(vobizTemplatesPath(channelId), qs));
		templates.push(...parsed.items);
		if (!parsed.hasMore || parsed.items.length === 0) break;
	}
	return templates;
}

/**
 * A list pick stores `name:language` so it names one translation; a template name (lowercase letters,
 * digits and underscores in Meta) never holds a colon, so a plain name typed By Name still reads as a name.
 */
const LANGUAGE_SEPARATOR = ':';

export function vobizTemplateValue(template: VobizTemplate): string {
	return template.language
		? `${template.name}${LANGUAGE_SEPARATOR}${template.language}`
		: template.name;
}

export function parseVobizTemplateRef(value: string): { name: string; language?: string } {
	const at = value.indexOf(LANGUAGE_SEPARATOR);
	if (at === -1) return { name: value.trim() };
	const language = value.slice(at + 1).trim();
	return { name: value.slice(0, at).trim(), language: language || undefined };
}

export function vobizTemplateLabel(template: VobizTemplate): string {
	return template.language ? `${template.name} (${template.language})` : template.name;
}

/** Language codes compare loosely: `en_US`, `en-us` and `EN_us` are the same translation. */
export function sameLanguage(a: string, b: string): boolean {
	const norm = (code: string) => code.trim().toLowerCase().replace(/-/g, '_');
	return norm(a) === norm(b);
}
