import type { TemplateInput } from '../../input/message';
import { InputError } from '../../output/errors';
import { displayUrl } from '../../output/secrets';
import { listSome, namedPlaceholders, quoteTemplateText, values } from './placeholders';

/**
 * Checks that need no template list, so they run for every item before anything is sent:
 * WhatsApp refuses an empty placeholder value, and media must be a public link.
 */
export function checkTemplateInput(template: TemplateInput): void {
	const empty = template.parameters.flatMap((value, index) =>
		value.trim() === '' ? [`{{${index + 1}}}`] : [],
	);
	if (empty.length > 0) {
		throw new InputError(
			'Template Parameters',
			`the value for ${listSome(empty)} is empty`,
			'a non-empty value for every placeholder (WhatsApp refuses empty template values)',
		);
	}
	if (template.mediaUrl !== undefined && !/^https?:\/\/\S+$/i.test(template.mediaUrl)) {
		throw new InputError(
			'Template Media URL',
			`${displayUrl(template.mediaUrl)} is not an http(s) link`,
			'a public link such as https://example.com/header.jpg',
		);
	}
}

/** One part of a template that takes values, for the count message. */
interface ValueSlot {
	part: string;
	text: string;
	count: number;
}

/** Refuses too few or too many values, naming the template, its text and what each part needs. */
export function checkValueCount(templateLabel: string, slots: ValueSlot[], given: number): void {
	const named = slots.flatMap((slot) => namedPlaceholders(slot.text));
	if (named.length > 0) {
		throw new InputError(
			'Template',
			`template ${templateLabel} uses named placeholders (${listSome(named)}), which this node cannot fill`,
			'a template with numbered placeholders {{1}}, {{2}}, …',
		);
	}
	const expected = slots.reduce((sum, slot) => sum + slot.count, 0);
	if (given === expected) return;
	const parts = slots.filter((slot) => slot.count > 0);
	const needs =
		parts.length === 0
			? `takes no values (text ${quoteTemplateText(
					slots
						.map((s) => s.text)
						.filter(Boolean)
						.join(' '),
				)})`
			: `needs ${values(expected)}: ${parts.map((s) => `${values(s.count)} for the ${s.part} ${quoteTemplateText(s.text)}`).join(', then ')}`;
	throw new InputError(
		'Template Parameters',
		`template ${templateLabel} ${needs}, but ${given === 1 ? '1 was' : `${given} were`} given`,
		expected === 0
			? 'no Template Parameters for this template'
			: `exactly ${values(expected)}, in placeholder order`,
	);
}
