import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../errors';
import type { OutgoingMessage } from '../../types';
import type { Lookup } from '../types';

// Filled in by the template work (issue 4).
export interface VobizTemplateContext {
	name: string;
	language: string;
}

export function validateVobizTemplate(_message: OutgoingMessage): void {
	throw new InputError('Message Type', 'template messages are not available for Vobiz yet');
}

export async function prepareVobizTemplate(
	message: OutgoingMessage,
	_lookup: Lookup,
): Promise<VobizTemplateContext> {
	return { name: message.template?.id ?? '', language: message.template?.language ?? '' };
}

export function buildVobizTemplate(_message: OutgoingMessage, _context: VobizTemplateContext): IDataObject {
	return {};
}
