import type { FakeResponse } from './server';

// Filled in by the template work (issue 4).
export interface CallbellFakeTemplate {
	uuid: string;
	title: string;
	templateType: string;
	category: string;
	status: string;
	text: string;
}

export const CALLBELL_TEMPLATES: CallbellFakeTemplate[] = [];

export function callbellTemplatesPage(templates: CallbellFakeTemplate[], _query: URLSearchParams): FakeResponse {
	return { status: 200, body: { templates, meta: { page: 1, pages: 1 } } };
}

export function checkCallbellTemplate(_body: Record<string, unknown>, _templates: CallbellFakeTemplate[]): string | undefined {
	return 'templates are not checked by this fake yet';
}
