import type { IDataObject } from 'n8n-workflow';

import type { BitbybitExtras } from './read';

/** `ignoreActiveTicket` and `countryCode` apply to both send endpoints. */
export function bitbybitCommonFields({ extras }: { extras: BitbybitExtras }): IDataObject {
	const fields: IDataObject = {};
	if (extras.ignoreActiveTicket !== undefined)
		fields.ignoreActiveTicket = extras.ignoreActiveTicket;
	if (extras.countryCode) fields.countryCode = extras.countryCode;
	return fields;
}
