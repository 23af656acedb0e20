import type { RecordedRequest } from './server';

// Filled in by the media work (issue 3): locations, contacts, polls.
export const MULTI_SESSION_STRUCTURED = ['locations', 'contacts', 'polls'];

export function checkMultiSessionStructured(endpoint: string, _request: RecordedRequest): string | undefined {
	return `${endpoint} are not checked by this fake yet`;
}
