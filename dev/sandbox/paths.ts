import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `dev/sandbox`, whether this runs from source (jest) or compiled into `.tmp/dev/`. */
export function sandboxDir(): string {
	for (let dir = __dirname; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'public', 'index.html')) && existsSync(join(dir, 'server.ts')))
			return dir;
		if (existsSync(join(dir, 'dev', 'sandbox', 'public', 'index.html')))
			return join(dir, 'dev', 'sandbox');
		if (dirname(dir) === dir) throw new Error(`dev/sandbox/public not found above ${__dirname}`);
	}
}
