import type { IDataObject } from 'n8n-workflow';

import type { TemplateInput, TemplateMessage } from '../../input/message';
import { extensionOf, fileNameFromUrl } from '../../media/rules';
import { InputError } from '../../output/errors';
import { listSome, quoteTemplateText } from '../shared/placeholders';
import { checkValueCount } from '../shared/templateChecks';
import type { ProviderLists } from '../types';
import type { TemplateHeaderMediaType, VobizExtras } from './read';
import {
	fetchVobizTemplates,
	parseVobizTemplateRef,
	sameLanguage,
	VOBIZ_APPROVED,
} from './templateList';
import type { VobizTemplate, VobizTemplateShape } from './templateList';

// A template message: its template found in the channel's list, the values checked against it, and
// Meta's components built from them.

type VobizTemplateMessage = TemplateMessage<VobizExtras>;

export interface VobizTemplateContext {
	name: string;
	language: string;
	/** What the template takes; undefined when Vobiz's list does not say, and the values go out unchecked. */
	shape?: VobizTemplateShape;
	/** For a template of unknown shape: the media type its header gets from Template Media URL. */
	headerMedia?: TemplateHeaderMediaType;
	/** Shown with the result when the values could not be checked. */
	notice?: string;
}

const MEDIA_HEADERS = ['IMAGE', 'VIDEO', 'DOCUMENT'];

/**
 * The header media type a link's file extension names, in the formats Meta takes for template headers
 * (image: JPEG, PNG; video: MP4, 3GPP; document: PDF, Word, Excel, PowerPoint, text).
 */
const HEADER_MEDIA_BY_EXTENSION: Record<string, TemplateHeaderMediaType> = {
	jpg: 'image',
	jpeg: 'image',
	png: 'image',
	mp4: 'video',
	'3gp': 'video',
	pdf: 'document',
	doc: 'document',
	docx: 'document',
	xls: 'document',
	xlsx: 'document',
	ppt: 'document',
	pptx: 'document',
	txt: 'document',
};

export function validateVobizTemplate(message: VobizTemplateMessage): void {
	if (parseVobizTemplateRef(message.template.id).name === '') {
		throw new InputError(
			'Template',
			'is empty',
			'an approved template of the channel: pick one from the list, or type its name',
		);
	}
}

function quoted(template: Pick<VobizTemplate, 'name' | 'language'>): string {
	return `"${template.name}"${template.language ? ` (${template.language})` : ''}`;
}

/** Finds the one approved translation the item asks for, or says why there is none. */
async function findTemplate(
	message: VobizTemplateMessage,
	getJson: (path: string, qs: IDataObject) => Promise<unknown>,
): Promise<VobizTemplate> {
	const { channel, templateLanguage } = message.extras;
	const ref = parseVobizTemplateRef(message.template.id);
	// Template Language, when given, overrides the language a list pick carries.
	const language = templateLanguage ?? ref.language;
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
		names.length
			? `an approved template of this channel: ${listSome(names)}`
			: 'a template approved for this channel (it has none yet)',
	);
}

/** Refuses values, media or button input that does not fit the template, before anything is sent. */
function checkFits(
	template: VobizTemplate,
	shape: VobizTemplateShape,
	input: TemplateInput,
	extras: VobizExtras,
): void {
	const { templateHeaderType: headerType, templateButtonParameter: buttonParameter } = extras;
	const label = quoted(template);
	const format = shape.headerFormat;
	if (format && format !== 'TEXT' && !MEDIA_HEADERS.includes(format)) {
		throw new InputError(
			'Template',
			`template ${label} has a ${format} header, which this node cannot fill`,
			'a template with a text, image, video or document header, or none',
		);
	}
	const mediaHeader = format && MEDIA_HEADERS.includes(format) ? format.toLowerCase() : undefined;
	if (headerType && mediaHeader && headerType !== mediaHeader) {
		throw new InputError(
			'Template Header Media Type',
			`is ${headerType}, but template ${label} has a ${mediaHeader} header`,
			`"Automatic" or ${mediaHeader} for this template`,
		);
	}
	if (mediaHeader && !input.mediaUrl) {
		throw new InputError(
			'Template Media URL',
			`is empty, but template ${label} has a ${mediaHeader} header`,
			`a public link to the ${mediaHeader} shown in the header`,
		);
	}
	if (!mediaHeader && input.mediaUrl) {
		throw new InputError(
			'Template Media URL',
			`is set, but template ${label} has no image, video or document header`,
			'an empty Template Media URL for this template',
		);
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
		throw new InputError(
			'Template',
			`template ${label} has ${buttons.length} URL buttons with a variable link, and the node fills one`,
			'a template with at most one dynamic URL button',
		);
	}
	if (buttons.length === 1 && !buttonParameter) {
		throw new InputError(
			'Template Button Parameter',
			`is empty, but template ${label} has a URL button with a variable link ${quoteTemplateText(buttons[0].url)}`,
			'the value that completes the button’s link',
		);
	}
	if (buttons.length === 0 && buttonParameter) {
		throw new InputError(
			'Template Button Parameter',
			`is set, but template ${label} has no URL button with a variable link`,
			'an empty Template Button Parameter for this template',
		);
	}
}

/** The media type a template of unknown shape gets for its header: the option, else the link's extension. */
function unknownHeaderMedia(
	template: VobizTemplate,
	link: string,
	chosen: TemplateHeaderMediaType | undefined,
): { type: TemplateHeaderMediaType; from: string } {
	if (chosen) return { type: chosen, from: 'Template Header Media Type' };
	const inferred = HEADER_MEDIA_BY_EXTENSION[extensionOf(fileNameFromUrl(link) ?? '') ?? ''];
	if (inferred) return { type: inferred, from: "the link's file extension" };
	throw new InputError(
		'Template Media URL',
		`Vobiz lists template ${quoted(template)} ${template.unknownShape}, so the node cannot tell whether its header takes an image, a video or a document, and the link "${link}" has no file extension that says so`,
		'the header’s media type in the option "Template Header Media Type", or a link whose file name ends in .jpg or .png (image), .mp4 or .3gp (video), or .pdf, .docx, .xlsx, .pptx or .txt (document)',
	);
}

/**
 * A template whose list entry does not say what it takes (Vobiz's own mock lists none, and Vobiz's own
 * node never reads them): its values are sent as given — Template Parameters as the body's values in
 * order, Template Media URL as the header, the button value for the first button — and Vobiz (Meta)
 * checks them. The result says so.
 */
function prepareUnknown(
	template: VobizTemplate,
	message: VobizTemplateMessage,
): VobizTemplateContext {
	const input = message.template;
	const { templateHeaderType, templateButtonParameter } = message.extras;
	const header = input.mediaUrl
		? unknownHeaderMedia(template, input.mediaUrl, templateHeaderType)
		: undefined;
	const sent = [
		input.parameters.length > 0
			? `${input.parameters.length} body value${input.parameters.length === 1 ? '' : 's'}`
			: undefined,
		header ? `a ${header.type} header (from ${header.from})` : undefined,
		templateButtonParameter ? 'the button value for its first button' : undefined,
	].filter(Boolean);
	const notice =
		`Vobiz lists template ${quoted(template)} ${template.unknownShape}, so the node could not check the values against it` +
		` and sent them as given: ${sent.length > 0 ? sent.join(', ') : 'no values'}.`;
	return { name: template.name, language: template.language, headerMedia: header?.type, notice };
}

export async function prepareVobizTemplate(
	message: VobizTemplateMessage,
	lists: ProviderLists,
): Promise<VobizTemplateContext> {
	const template = await findTemplate(message, async (path, qs) => await lists.getJson(path, qs));
	if (!template.shape) return prepareUnknown(template, message);
	checkFits(template, template.shape, message.template, message.extras);
	return { name: template.name, language: template.language, shape: template.shape };
}

const text = (value: string): IDataObject => ({ type: 'text', text: value });

const mediaHeader = (type: string, link: string): IDataObject => ({
	type: 'header',
	parameters: [{ type, [type]: { link } }],
});

/** Meta's URL-button component; `index` as a string, as Meta's examples write it. */
const urlButton = (index: number, value: string): IDataObject => ({
	type: 'button',
	sub_type: 'url',
	index: String(index),
	parameters: [text(value)],
});

function withComponents(context: VobizTemplateContext, components: IDataObject[]): IDataObject {
	const template: IDataObject = { name: context.name, language: { code: context.language } };
	if (components.length > 0) template.components = components;
	return { template };
}

/** The user's values for a template of unknown shape, in the order Vobiz's own node sends them. */
function buildUnknown(
	input: TemplateInput,
	buttonParameter: string | undefined,
	context: VobizTemplateContext,
): IDataObject {
	const components: IDataObject[] = [];
	if (input.mediaUrl && context.headerMedia)
		components.push(mediaHeader(context.headerMedia, input.mediaUrl));
	if (input.parameters.length > 0)
		components.push({ type: 'body', parameters: input.parameters.map(text) });
	if (buttonParameter) components.push(urlButton(0, buttonParameter));
	return withComponents(context, components);
}

/**
 * Meta's components: Template Parameters fill the TEXT header's variable first (it reads first), then
 * the body's `{{1}}…{{n}}`; Template Media URL fills a media header; the button value fills the one
 * dynamic URL button. Parts that need nothing are left out, and so is `components` when empty.
 */
export function buildVobizTemplate(
	message: VobizTemplateMessage,
	context: VobizTemplateContext,
): IDataObject {
	const input = message.template;
	const buttonParameter = message.extras.templateButtonParameter;
	const { shape } = context;
	if (!shape) return buildUnknown(input, buttonParameter, context);
	const components: IDataObject[] = [];
	const headerValues = input.parameters.slice(0, shape.headerVariables);
	const bodyValues = input.parameters.slice(shape.headerVariables);
	const format = shape.headerFormat;
	if (format && MEDIA_HEADERS.includes(format) && input.mediaUrl) {
		components.push(mediaHeader(format.toLowerCase(), input.mediaUrl));
	} else if (headerValues.length > 0) {
		components.push({ type: 'header', parameters: headerValues.map(text) });
	}
	if (bodyValues.length > 0) components.push({ type: 'body', parameters: bodyValues.map(text) });
	const button = shape.dynamicUrlButtons[0];
	if (button && buttonParameter) components.push(urlButton(button.index, buttonParameter));
	return withComponents(context, components);
}
