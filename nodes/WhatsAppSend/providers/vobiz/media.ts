import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../errors';
import type { OutgoingMessage } from '../../types';

// Filled in by the media work (issue 3).
export function validateVobizMedia(message: OutgoingMessage): void {
	throw new InputError('Message Type', `${message.type} messages are not available for Vobiz yet`);
}

export function buildVobizMedia(_message: OutgoingMessage): IDataObject {
	return {};
}
