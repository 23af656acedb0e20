import type { IDataObject } from 'n8n-workflow';

import { asRecord, stringAt } from '../parse';
import { countPlaceholders } from '../placeholders';

/** Vobiz's largest page of templates. */
export const VOBIZ_TEMPLATE_PAGE_LIMIT = 100;
// A hard stop, so a list that never reports its end cannot keep a run or the editor busy forever.
const MAX_PAGES = 50;

export const VOBIZ_APPROVED = 'APPROVED';

export function vobizTemplatesPath(channelId: string): string {
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
	shape: VobizTemplateShape;
}

export interface VobizTemplatePage {
	items: VobizTemplate[];
	hasMore: boolean;
}

/** Components come as `{components:[…]}` (documented), as a bare array, or as a JSON string of either. */
function componentList(raw: unknown): Array<Record<string, unknown>> {
	let value = raw;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return [];
		}
	}
	const list = Array.isArray(value) ? value : asRecord(value)?.components;
	if (!Array.isArray(list)) return [];
	return list.flatMap((entry) => {
		const record = asRecord(entry);
		return record ? [record] : [];
	});
}

export function readVobizTemplateShape(rawComponents: unknown): VobizTemplateShape {
	const components = componentList(rawComponents);
	const ofType = (type: string) => components.find((c) => String(c.type ?? '').toUpperCase() === type);
	const header = ofType('HEADER');
	const body = ofType('BODY');
	const buttons = ofType('BUTTONS');
	const headerFormat = header ? String(header.format ?? 'TEXT').toUpperCase() : undefined;
	const headerText = headerFormat === 'TEXT' ? stringAt(header, 'text') : undefined;
	const bodyText = stringAt(body, 'text') ?? '';
	const buttonList = Array.isArray(buttons?.buttons) ? (buttons.buttons as unknown[]) : [];
	const dynamicUrlButtons = buttonList.flatMap((button, index) => {
		const isUrl = String(asRecord(button)?.type ?? '').toUpperCase() === 'URL';
		const url = stringAt(button, 'url') ?? '';
		return isUrl && countPlaceholders(url) > 0 ? [{ index, url }] : [];
	});
	return {
		headerFormat,
		headerText,
		headerVariables: countPlaceholders(headerText),
		bodyText,
		bodyVariables: countPlaceholders(bodyText),
		dynamicUrlButtons,
	};
}

/** `GET …/templates?page=N&limit=M` → `{items:[…], total, page, limit, has_more}`. */
export function parseVobizTemplatesPage(body: unknown): VobizTemplatePage {
	const record = asRecord(body);
	const list = Array.isArray(body) ? body : (record?.items ?? record?.data);
	const items = (Array.isArray(list) ? list : []).flatMap((entry): VobizTemplate[] => {
		const name = stringAt(entry, 'name');
		if (!name) return [];
		return [
			{
				id: stringAt(entry, 'id'),
				name,
				language: stringAt(entry, 'language') ?? '',
				category: stringAt(entry, 'category'),
				status: (stringAt(entry, 'status') ?? '').toUpperCase(),
				shape: readVobizTemplateShape(asRecord(entry)?.components),
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
		const qs: IDataObject = status ? { status, page, limit: VOBIZ_TEMPLATE_PAGE_LIMIT } : { page, limit: VOBIZ_TEMPLATE_PAGE_LIMIT };
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
export const LANGUAGE_SEPARATOR = ':';

export function vobizTemplateValue(template: VobizTemplate): string {
	return template.language ? `${template.name}${LANGUAGE_SEPARATOR}${template.language}` : template.name;
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
