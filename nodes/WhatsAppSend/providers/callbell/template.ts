import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../errors';
import type { OutgoingMessage } from '../../types';
import type { Lookup } from '../types';

// Filled in by the template work (issue 4). Returns `type`, `content`, `template_uuid`, ….
export interface CallbellTemplateContext {
	uuid: string;
}

export function validateCallbellTemplate(_message: OutgoingMessage): void {
	throw new InputError('Message Type', 'template messages are not available for Callbell yet');
}

export async function prepareCallbellTemplate(
	message: OutgoingMessage,
	_lookup: Lookup,
): Promise<CallbellTemplateContext> {
	return { uuid: message.template?.id ?? '' };
}

export function buildCallbellTemplate(_message: OutgoingMessage, _context: CallbellTemplateContext): IDataObject {
	return {};
}
