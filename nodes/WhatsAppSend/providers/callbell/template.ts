import type { IDataObject } from 'n8n-workflow';

import type { TemplateInput, TemplateMessage } from '../../input/message';
import { InputError } from '../../output/errors';
import { listSome } from '../shared/placeholders';
import { checkValueCount } from '../shared/templateChecks';
import type { ProviderLists } from '../types';
import { CALLBELL_APPROVED, CALLBELL_TEMPLATE_TYPES, fetchCallbellTemplates } from './templateList';
import type { CallbellTemplate } from './templateList';

// A template message: its template found in the account's list, the values checked against it, and the
// send built from them.

export interface CallbellTemplateContext {
	uuid: string;
	templateType: string;
	text: string;
	variables: number;
}

export function validateCallbellTemplate({ template }: TemplateMessage): void {
	if (!template.id) {
		throw new InputError(
			'Template',
			'is empty',
			'an approved Callbell template: pick one from the list, or paste its uuid',
		);
	}
}

function findTemplate(uuid: string, templates: CallbellTemplate[]): CallbellTemplate {
	const template = templates.find((t) => t.uuid === uuid);
	if (!template) {
		const approved = templates
			.filter((t) => t.status === CALLBELL_APPROVED)
			.map((t) => `${t.title}: ${t.uuid}`);
		throw new InputError(
			'Template',
			`no Callbell template has the uuid "${uuid}"`,
			approved.length
				? `the uuid of an approved template — ${listSome(approved)}`
				: 'the uuid of an approved template (the account has none yet)',
		);
	}
	const label = `"${template.title}"`;
	if (template.status !== CALLBELL_APPROVED) {
		throw new InputError(
			'Template',
			`template ${label} is ${template.status || 'not approved'} in Callbell, and WhatsApp sends only approved templates`,
			'an approved template — wait for Meta’s review, or pick another template',
		);
	}
	if (!CALLBELL_TEMPLATE_TYPES.includes(template.templateType)) {
		throw new InputError(
			'Template',
			`template ${label} is of type "${template.templateType}", which Callbell does not send through its API`,
			`a template of type ${CALLBELL_TEMPLATE_TYPES.join(', ')}`,
		);
	}
	return template;
}

function checkFits(template: CallbellTemplate, input: TemplateInput): void {
	const label = `"${template.title}"`;
	const media = template.templateType !== 'text';
	if (media && !input.mediaUrl) {
		throw new InputError(
			'Template Media URL',
			`is empty, but template ${label} is ${/^[aeiou]/.test(template.templateType) ? 'an' : 'a'} ${template.templateType} template`,
			`a public link to the ${template.templateType} to send with it`,
		);
	}
	if (!media && input.mediaUrl) {
		throw new InputError(
			'Template Media URL',
			`is set, but template ${label} is a text template`,
			'an empty Template Media URL for this template',
		);
	}
	checkValueCount(
		label,
		[{ part: 'text', text: template.text, count: template.variables }],
		input.parameters.length,
	);
}

export async function prepareCallbellTemplate(
	{ template: input }: TemplateMessage,
	lists: ProviderLists,
): Promise<CallbellTemplateContext> {
	const templates = await fetchCallbellTemplates(async (path, qs) => await lists.getJson(path, qs));
	const template = findTemplate(input.id, templates);
	checkFits(template, input);
	return {
		uuid: template.uuid,
		templateType: template.templateType,
		text: template.text,
		variables: template.variables,
	};
}

/**
 * Callbell's template send: `type` is the template's own type, `content.text` fills `{{1}}` (the template
 * text when it has no variables, since `content` is required anyway), and a template with several
 * variables gets them all in `template_values`, which Callbell then prefers over `content`.
 */
export function buildCallbellTemplate(
	{ template: input }: TemplateMessage,
	context: CallbellTemplateContext,
): IDataObject {
	const content: IDataObject = {};
	const text = input.parameters[0] ?? context.text;
	if (text) content.text = text;
	if (context.templateType !== 'text' && input.mediaUrl) content.url = input.mediaUrl;
	const json: IDataObject = {
		type: context.templateType,
		content,
		template_uuid: context.uuid,
		optin_contact: true,
	};
	if (context.variables > 1) json.template_values = input.parameters;
	return json;
}
