import type { RecordedRequest } from './server';

// Filled in by the media work (issue 3): multipart uploads with the bytes in `file`.
export const MULTI_SESSION_UPLOADS = ['images', 'videos', 'audio', 'documents', 'stickers'];

export function checkMultiSessionUpload(endpoint: string, _request: RecordedRequest): string | undefined {
	return `${endpoint} uploads are not checked by this fake yet`;
}
