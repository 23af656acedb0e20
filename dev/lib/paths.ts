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
/** n8n's user folder: database, encryption key, installed community packages. Gitignored. */
export const N8N_USER_FOLDER = join(ROOT, 'dev', '.n8n');
/** n8n keeps its data in `<N8N_USER_FOLDER>/.n8n`. */
export const N8N_DATA_DIR = join(N8N_USER_FOLDER, '.n8n');
export const WORKFLOWS_DIR = join(ROOT, 'dev', 'workflows');
