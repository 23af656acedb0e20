import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_INSTALL_DIR, n8nDataDir, ROOT } from './paths';
import { npmCommand, run } from './processes';

const PACKAGE_NAME = 'n8n-nodes-whatsapp-send';

/**
 * Builds the package, packs it as npm would publish it, and unpacks the tarball into n8n's
 * community-package folder (in `userFolder`), so n8n loads exactly what users would install.
 */
export async function buildAndInstallPackage(userFolder: string): Promise<void> {
	await run(npmCommand, ['run', 'build'], { cwd: ROOT, live: true });

	const packDir = join(ROOT, '.tmp', 'dev-pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	await run(npmCommand, ['pack', '--pack-destination', packDir], { cwd: ROOT });
	const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no tarball into ${packDir}`);

	const nodeModules = join(n8nDataDir(userFolder), 'nodes', 'node_modules');
	const target = join(nodeModules, PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', join(packDir, tarball), '-C', target, '--strip-components=1'], {
		cwd: ROOT,
	});

	// The package's peer dependency must be n8n's own copy: the folder sits inside this repository, whose
	// node_modules hold a newer n8n-workflow that Node would otherwise find first, and n8n recognises
	// errors and connection types by identity.
	const peer = join(nodeModules, 'n8n-workflow');
	rmSync(peer, { recursive: true, force: true });
	symlinkSync(join(N8N_INSTALL_DIR, 'node_modules', 'n8n-workflow'), peer, 'dir');
}
