import type { IDataObject } from 'n8n-workflow';

import type { OutgoingMessage } from '../../input/message';

/** `ignoreActiveTicket` and `countryCode` apply to both send endpoints. */
export function bitbybitCommonFields(message: OutgoingMessage): IDataObject {
	const fields: IDataObject = {};
	if (message.options.ignoreActiveTicket !== undefined)
		fields.ignoreActiveTicket = message.options.ignoreActiveTicket;
	if (message.options.countryCode) fields.countryCode = message.options.countryCode;
	return fields;
}
