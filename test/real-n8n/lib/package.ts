import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../../../dev/lib/paths';
import { npmCommand, run } from '../../../dev/lib/processes';
import { CACHE_DIR } from './engines';
import type { N8nInstance } from './instance';

export const PACKAGE_NAME = 'n8n-nodes-whatsapp-send';

/** Where the packed tarball is written: inside the clone's gitignored cache. */
const PACK_DIR = join(CACHE_DIR, 'pack');

/**
 * Packs the built package exactly as `npm publish` would (`npm pack`: the `files` list, no dev files), from
 * `dist/` as `npm run build` left it. Returns the tarball's path.
 */
export async function packPackage(): Promise<string> {
	if (!existsSync(join(ROOT, 'dist', 'nodes', 'WhatsAppSend', 'WhatsAppSend.node.js'))) {
		throw new Error(
			'dist/ has no built node: run `npm run build` first (npm test and npm run test:n8n do)',
		);
	}
	rmSync(PACK_DIR, { recursive: true, force: true });
	mkdirSync(PACK_DIR, { recursive: true });
	await run(npmCommand, ['pack', '--pack-destination', PACK_DIR, '--loglevel=error'], {
		cwd: ROOT,
	});
	const tarball = readdirSync(PACK_DIR).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no tarball into ${PACK_DIR}`);
	return join(PACK_DIR, tarball);
}

/** The tarball the global setup packed for this run (see setup.ts). */
export function packedTarball(): string {
	const tarball = process.env.REAL_N8N_TARBALL;
	if (!tarball || !existsSync(tarball))
		throw new Error(
			'no packed tarball: run the real-n8n tests through their jest config (npm run test:n8n)',
		);
	return tarball;
}

/**
 * Installs the tarball into the instance's community-package folder the way n8n's own installer does
 * (CommunityPackagesService.downloadPackage, the same in 1.123 and 2.41): unpacked into
 * `<n8n folder>/nodes/node_modules/<name>`, its package.json stripped of dev, peer and optional
 * dependencies, `npm install` with scripts off inside it, and the package recorded in `nodes/package.json`.
 * No `n8n-workflow` is installed next to it: n8n adds its own modules to NODE_PATH, so the package gets
 * the engine's own copy, as it does for users. `name` is the tarball's package name: this package, or
 * the benchmark's own bench-only package (bench/realN8n).
 */
export async function installPackage(
	instance: N8nInstance,
	tarball: string,
	name = PACKAGE_NAME,
): Promise<void> {
	const nodesDir = join(instance.dataDir, 'nodes');
	const packageDir = join(nodesDir, 'node_modules', name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: nodesDir });

	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	if (manifest.name !== name)
		throw new Error(`${tarball} holds the package "${String(manifest.name)}", not "${name}"`);
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
		delete manifest[field];
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	await run(
		npmCommand,
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir },
	);

	const nodesManifest = join(nodesDir, 'package.json');
	const installed = existsSync(nodesManifest)
		? (JSON.parse(readFileSync(nodesManifest, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	installed.dependencies = { ...installed.dependencies, [name]: String(manifest.version) };
	writeFileSync(nodesManifest, JSON.stringify(installed, null, 2));
}
