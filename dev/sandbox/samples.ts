import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

import { sandboxDir } from './paths';

const TYPES: Record<string, string> = {
	'.jpg': 'image/jpeg',
	'.png': 'image/png',
	'.webp': 'image/webp',
	'.pdf': 'application/pdf',
	'.ogg': 'audio/ogg',
	'.mp3': 'audio/mpeg',
	'.mp4': 'video/mp4',
};

/** Media files the sandbox serves under /samples/, for examples that send media from a URL. */
export const SAMPLES: Record<string, { bytes: Buffer; mimeType: string }> = Object.fromEntries(
	readdirSync(join(sandboxDir(), 'samples'))
		.filter((name) => TYPES[extname(name)])
		.map((name) => [
			name,
			{ bytes: readFileSync(join(sandboxDir(), 'samples', name)), mimeType: TYPES[extname(name)] },
		]),
);
