import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../errors';
import type { OutgoingMessage } from '../../types';

// Filled in by the media work (issue 3). Returns `type` and `content`.
export function validateCallbellMedia(message: OutgoingMessage): void {
	throw new InputError('Message Type', `${message.type} messages are not available for Callbell yet`);
}

export function buildCallbellMedia(_message: OutgoingMessage): IDataObject {
	return {};
}
