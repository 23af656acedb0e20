import type { FakeResponse } from './server';

// Filled in by the template work (issue 4): a set of templates and the checks of a template send.
export interface VobizFakeTemplate {
	id: string;
	name: string;
	language: string;
	category: string;
	status: string;
	components: { components: Array<Record<string, unknown>> };
}

export const VOBIZ_TEMPLATES: Record<string, VobizFakeTemplate[]> = {};

export function vobizTemplatesPage(templates: VobizFakeTemplate[], _query: URLSearchParams): FakeResponse {
	return { status: 200, body: { items: templates, total: templates.length, page: 1, limit: 100, has_more: false } };
}

export function checkVobizTemplate(_template: unknown, _templates: VobizFakeTemplate[]): string | undefined {
	return 'templates are not checked by this fake yet';
}
