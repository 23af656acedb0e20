import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { npmCommand, run } from '../../dev/lib/processes';
import { CACHE_DIR } from '../../test/real-n8n/lib/engines';

/** The bench-only package holding the fair bare loop: never published, never part of n8n-nodes-whatsapp-send. */
export const BENCH_PACKAGE_NAME = 'n8n-nodes-whatsapp-send-bench';
export const BARE_LOOP_TYPE = `${BENCH_PACKAGE_NAME}.benchBareLoop`;

const STAGE_DIR = join(CACHE_DIR, 'bench-package');
const PACK_DIR = join(CACHE_DIR, 'bench-pack');

/**
 * Packs the bench-only package with `npm pack`, like the real one: a manifest naming its one node, and
 * the node as `tsc` compiled it for the benchmark (`BenchBareLoop.node.js` next to this file's compiled
 * copy). Returns the tarball's path.
 */
export async function packBenchPackage(): Promise<string> {
	const compiled = join(__dirname, 'package', 'BenchBareLoop.node.js');
	if (!existsSync(compiled))
		throw new Error(
			`${compiled} is missing: run the benchmark through \`npm run bench\`, which compiles it`,
		);
	rmSync(STAGE_DIR, { recursive: true, force: true });
	rmSync(PACK_DIR, { recursive: true, force: true });
	mkdirSync(join(STAGE_DIR, 'dist'), { recursive: true });
	mkdirSync(PACK_DIR, { recursive: true });
	copyFileSync(compiled, join(STAGE_DIR, 'dist', 'BenchBareLoop.node.js'));
	const manifest = {
		name: BENCH_PACKAGE_NAME,
		version: '0.0.0',
		private: true,
		description: 'Benchmark only: the fair bare loop WhatsApp Send is measured against in real n8n',
		keywords: ['n8n-community-node-package'],
		license: 'MIT',
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, nodes: ['dist/BenchBareLoop.node.js'] },
		peerDependencies: { 'n8n-workflow': '*' },
	};
	writeFileSync(join(STAGE_DIR, 'package.json'), JSON.stringify(manifest, null, 2));
	await run(npmCommand, ['pack', '--pack-destination', PACK_DIR, '--loglevel=error'], {
		cwd: STAGE_DIR,
	});
	const tarball = readdirSync(PACK_DIR).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no tarball into ${PACK_DIR}`);
	return join(PACK_DIR, tarball);
}
