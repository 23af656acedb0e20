import { InputError } from '../../errors';
import type { OutgoingMessage, ProviderRequest } from '../../types';

// Filled in by the media work (issue 3): /locations, /contacts, /polls.
export function validateStructured(message: OutgoingMessage): void {
	throw new InputError('Message Type', `${message.type} messages are not available yet`);
}

export function buildStructured(message: OutgoingMessage): ProviderRequest {
	throw new InputError('Message Type', `${message.type} messages are not available yet`);
}
