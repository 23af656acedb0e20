import type { IDataObject } from 'n8n-workflow';

import { asRecord, stringAt } from '../shared/parse';
import { countPlaceholders } from '../shared/placeholders';
import type { Page } from './channels';

// The account's templates as Callbell lists them, page by page, and how the editor's picker names them.

const CALLBELL_TEMPLATES_PATH = '/templates';
// A hard stop, so a list that never reports its end cannot keep a run or the editor busy forever.
const MAX_PAGES = 50;

export const CALLBELL_APPROVED = 'approved';
/** Template types Callbell sends, each also the message `type` of its sends. */
export const CALLBELL_TEMPLATE_TYPES = ['text', 'image', 'video', 'document'];

export interface CallbellTemplate {
	uuid: string;
	title: string;
	/** `text`, `image`, `video` or `document`; a template listed without one is a text template. */
	templateType: string;
	category?: string;
	status: string;
	text: string;
	/** How many `{{n}}` values the text needs. */
	variables: number;
}

/** `GET /templates?page=N` → `{templates:[{uuid,title,templateType,category,status,text}], meta:{page,pages}}`. */
export function parseCallbellTemplatesPage(body: unknown): Page<CallbellTemplate> {
	const record = asRecord(body);
	const templates = record?.templates;
	const list: unknown[] = Array.isArray(templates) ? templates : [];
	const meta = asRecord(record?.meta);
	return {
		items: list.flatMap((entry): CallbellTemplate[] => {
			const uuid = stringAt(entry, 'uuid');
			if (!uuid) return [];
			const text = stringAt(entry, 'text') ?? '';
			return [
				{
					uuid,
					title: stringAt(entry, 'title') ?? uuid,
					templateType: (stringAt(entry, 'templateType') ?? 'text').toLowerCase(),
					category: stringAt(entry, 'category'),
					status: (stringAt(entry, 'status') ?? '').toLowerCase(),
					text,
					variables: countPlaceholders(text),
				},
			];
		}),
		page: Number(meta?.page ?? 1),
		pages: Number(meta?.pages ?? 1),
	};
}

/** Every template of the account, page by page (Callbell lists all statuses together). */
export async function fetchCallbellTemplates(
	getJson: (path: string, qs: IDataObject) => Promise<unknown>,
): Promise<CallbellTemplate[]> {
	const templates: CallbellTemplate[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const parsed = parseCallbellTemplatesPage(await getJson(CALLBELL_TEMPLATES_PATH, { page }));
		templates.push(...parsed.items);
		if (!(page < parsed.pages) || parsed.items.length === 0) break;
	}
	return templates;
}

export function callbellTemplateLabel(template: CallbellTemplate): string {
	return `${template.title} (${template.templateType})`;
}
