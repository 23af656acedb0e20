import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's root folder, from source or from the compiled copy in `.tmp/dev/`. */
export function repoRoot(): string {
	for (let dir = __dirname; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && existsSync(join(dir, 'dev', 'n8n', 'package.json'))) {
			const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
			if (name === 'n8n-nodes-whatsapp-send') return dir;
		}
		if (dirname(dir) === dir) throw new Error(`the package root was not found above ${__dirname}`);
	}
}

export const ROOT = repoRoot();
/** Where `npm run dev` installs n8n: its own package.json, apart from the package's dependencies. */
export const N8N_INSTALL_DIR = join(ROOT, 'dev', 'n8n');
/**
 * n8n's user folder for `npm run dev` (database, encryption key, installed community packages, the
 * examples' import state), unless `--user-folder` names another. Gitignored.
 */
export const DEFAULT_USER_FOLDER = join(ROOT, 'dev', '.n8n');
/** The same for `npm run dev -- --queue`: its data lives in PostgreSQL, so it keeps its own folder. Gitignored. */
export const DEFAULT_QUEUE_USER_FOLDER = join(ROOT, 'dev', '.n8n-queue');
export const WORKFLOWS_DIR = join(ROOT, 'dev', 'workflows');

/** n8n keeps its data in `<user folder>/.n8n`. */
export function n8nDataDir(userFolder: string): string {
	return join(userFolder, '.n8n');
}
