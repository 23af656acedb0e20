import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../errors';
import type { OutgoingMessage, TemplateInput } from '../../types';
import { listSome, quoteTemplateText } from '../placeholders';
import { checkTemplateInput, checkValueCount } from '../templateChecks';
import type { Lookup } from '../types';
import {
	fetchVobizTemplates,
	parseVobizTemplateRef,
	sameLanguage,
	VOBIZ_APPROVED,
} from './templates';
import type { VobizTemplate, VobizTemplateShape } from './templates';

export interface VobizTemplateContext {
	name: string;
	language: string;
	shape: VobizTemplateShape;
}

const MEDIA_HEADERS = ['IMAGE', 'VIDEO', 'DOCUMENT'];

export function validateVobizTemplate(message: OutgoingMessage): void {
	const template = message.template;
	const name = template ? parseVobizTemplateRef(template.id).name : '';
	if (!template || name === '') {
		throw new InputError('Template', 'is empty', 'an approved template of the channel: pick one from the list, or type its name');
	}
	checkTemplateInput(template);
}

function quoted(template: Pick<VobizTemplate, 'name' | 'language'>): string {
	return `"${template.name}"${template.language ? ` (${template.language})` : ''}`;
}

/** Finds the one approved translation the item asks for, or says why there is none. */
async function findTemplate(
	message: OutgoingMessage,
	getJson: (path: string, qs: IDataObject) => Promise<unknown>,
): Promise<VobizTemplate> {
	const input = message.template!;
	const channel = message.channel!;
	const ref = parseVobizTemplateRef(input.id);
	// Template Language, when given, overrides the language a list pick carries.
	const language = input.language ?? ref.language;
	const approved = (await fetchVobizTemplates(getJson, channel, VOBIZ_APPROVED)).filter(
		// An answer without a status is taken on the filter's word.
		(t) => t.status === VOBIZ_APPROVED || t.status === '',
	);
	const named = approved.filter((t) => t.name === ref.name);
	const matching = language ? named.filter((t) => sameLanguage(t.language, language)) : named;
	if (matching.length === 1) return matching[0];
	if (matching.length > 1) {
		throw new InputError(
			'Template Language',
			`template "${ref.name}" is approved in ${matching.length} languages (${matching.map((t) => t.language).join(', ')}), so the node cannot tell which to send`,
			`one of ${matching.map((t) => t.language).join(', ')} in Template Language, or a pick from the Template list (which names the language)`,
		);
	}

	// Only a refusal needs the unfiltered list, to tell "not approved" from "not there".
	const everything = await fetchVobizTemplates(getJson, channel);
	const sameName = everything.filter((t) => t.name === ref.name);
	const unapproved = sameName.find(
		(t) => t.status !== VOBIZ_APPROVED && (!language || sameLanguage(t.language, language)),
	);
	if (unapproved) {
		throw new InputError(
			'Template',
			`template ${quoted(unapproved)} is ${unapproved.status || 'not approved'} in Vobiz, and WhatsApp sends only approved templates`,
			'an APPROVED template — wait for Meta’s review, or pick another template',
		);
	}
	if (named.length > 0) {
		throw new InputError(
			'Template Language',
			`template "${ref.name}" has no approved "${language}" translation`,
			`one of its approved languages: ${named.map((t) => t.language).join(', ')}`,
		);
	}
	const names = [...new Set(approved.map((t) => t.name))];
	throw new InputError(
		'Template',
		`channel ${channel} has no template named "${ref.name}"`,
		names.length ? `an approved template of this channel: ${listSome(names)}` : 'a template approved for this channel (it has none yet)',
	);
}

/** Refuses values, media or button input that does not fit the template, before anything is sent. */
function checkFits(template: VobizTemplate, input: TemplateInput): void {
	const { shape } = template;
	const label = quoted(template);
	const format = shape.headerFormat;
	if (format && format !== 'TEXT' && !MEDIA_HEADERS.includes(format)) {
		throw new InputError('Template', `template ${label} has a ${format} header, which this node cannot fill`, 'a template with a text, image, video or document header, or none');
	}
	const mediaHeader = format && MEDIA_HEADERS.includes(format) ? format.toLowerCase() : undefined;
	if (mediaHeader && !input.mediaUrl) {
		throw new InputError('Template Media URL', `is empty, but template ${label} has a ${mediaHeader} header`, `a public link to the ${mediaHeader} shown in the header`);
	}
	if (!mediaHeader && input.mediaUrl) {
		throw new InputError('Template Media URL', `is set, but template ${label} has no image, video or document header`, 'an empty Template Media URL for this template');
	}
	checkValueCount(
		label,
		[
			{ part: 'header', text: shape.headerText ?? '', count: shape.headerVariables },
			{ part: 'body', text: shape.bodyText, count: shape.bodyVariables },
		],
		input.parameters.length,
	);
	const buttons = shape.dynamicUrlButtons;
	if (buttons.length > 1) {
		throw new InputError('Template', `template ${label} has ${buttons.length} URL buttons with a variable link, and the node fills one`, 'a template with at most one dynamic URL button');
	}
	if (buttons.length === 1 && !input.buttonParameter) {
		throw new InputError(
			'Template Button Parameter',
			`is empty, but template ${label} has a URL button with a variable link ${quoteTemplateText(buttons[0].url)}`,
			'the value that completes the button’s link',
		);
	}
	if (buttons.length === 0 && input.buttonParameter) {
		throw new InputError('Template Button Parameter', `is set, but template ${label} has no URL button with a variable link`, 'an empty Template Button Parameter for this template');
	}
}

export async function prepareVobizTemplate(message: OutgoingMessage, lookup: Lookup): Promise<VobizTemplateContext> {
	const template = await findTemplate(message, async (path, qs) => await lookup.getJson(path, qs));
	checkFits(template, message.template!);
	return { name: template.name, language: template.language, shape: template.shape };
}

const text = (value: string): IDataObject => ({ type: 'text', text: value });

/**
 * Meta's components: Template Parameters fill the TEXT header's variable first (it reads first), then
 * the body's `{{1}}…{{n}}`; Template Media URL fills a media header; the button value fills the one
 * dynamic URL button. Parts that need nothing are left out, and so is `components` when empty.
 */
export function buildVobizTemplate(message: OutgoingMessage, context: VobizTemplateContext): IDataObject {
	const input = message.template!;
	const { shape } = context;
	const components: IDataObject[] = [];
	const headerValues = input.parameters.slice(0, shape.headerVariables);
	const bodyValues = input.parameters.slice(shape.headerVariables);
	const format = shape.headerFormat;
	if (format && MEDIA_HEADERS.includes(format) && input.mediaUrl) {
		const key = format.toLowerCase();
		components.push({ type: 'header', parameters: [{ type: key, [key]: { link: input.mediaUrl } }] });
	} else if (headerValues.length > 0) {
		components.push({ type: 'header', parameters: headerValues.map(text) });
	}
	if (bodyValues.length > 0) components.push({ type: 'body', parameters: bodyValues.map(text) });
	const button = shape.dynamicUrlButtons[0];
	if (button && input.buttonParameter) {
		components.push({ type: 'button', sub_type: 'url', index: String(button.index), parameters: [text(input.buttonParameter)] });
	}
	const template: IDataObject = { name: context.name, language: { code: context.language } };
	if (components.length > 0) template.components = components;
	return { template };
}
