import type { MessageOf } from '../../input/message';
import type { Read } from '../../input/parameters';
import { optionText, readOptions, readString } from '../../input/values';

export const BITBYBIT_TYPES = ['text', 'image', 'template'] as const;
export type BitbybitType = (typeof BITBYBIT_TYPES)[number];

/** What bitbybit reads of its own parameters. */
export interface BitbybitExtras {
	/** The sending channel type, as given (checked by `validate`). */
	source: string;
	/** CRM or AUTH, for a template, as given (checked by `validate`). */
	templateSource?: string;
	ignoreActiveTicket?: boolean;
	countryCode?: string;
}

export type BitbybitMessage = MessageOf<BitbybitType, BitbybitExtras>;

export function readBitbybitExtras(read: Read, type: BitbybitType): BitbybitExtras {
	const options = readOptions(read);
	const extras: BitbybitExtras = {
		ignoreActiveTicket: options.ignoreActiveTicket as boolean | undefined,
		countryCode: optionText(options.countryCode, 'Country Code'),
		source: readString(read, 'source', 'Source'),
	};
	if (type === 'template')
		extras.templateSource = readString(read, 'templateSource', 'Template Source');
	return extras;
}

/** A template is named by its Template Name: bitbybit has no list to pick it from. */
export function readBitbybitTemplateId(read: Read): string {
	return readString(read, 'templateName', 'Template Name').trim();
}
