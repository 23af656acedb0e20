import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { npmCommand, run } from './processes';

/**
 * Installing a pinned n8n into a folder of its own, shared by `npm run dev` (n8n 1.x in dev/n8n) and the
 * real-n8n tests (the same n8n 1.x, and n8n 2.x with its own Node in .real-n8n/).
 *
 * Why by hand: n8n's dependencies have install scripts that download prebuilt binaries (unreachable here)
 * or compile with the node-gyp 8.4.1 that sqlite3 brings along, which produces a broken build on current
 * toolchains. So the tree is installed with scripts off, and the native modules n8n cannot start without
 * (sqlite3, isolated-vm) are compiled with npm's own, newer node-gyp against the headers of the Node that
 * will load them. sqlite3 is an N-API addon: one build serves every Node version.
 */

export interface PinnedInstall {
	/** Folder with the committed package.json (and package-lock.json) naming the exact n8n. */
	manifestDir: string;
	/** Folder to install into; may equal manifestDir. */
	installDir: string;
	/** Shown in progress lines: "n8n 1.123.81". */
	label: string;
	live?: boolean;
}

/** Written into node_modules after a complete install: a tree without it (or with another hash) is installed again. */
const MARKER = '.whatsapp-send-install.json';

function manifestHash(manifestDir: string): string {
	const hash = createHash('sha256');
	for (const name of ['package.json', 'package-lock.json']) {
		const file = join(manifestDir, name);
		hash.update(name).update(existsSync(file) ? readFileSync(file) : '');
	}
	return hash.digest('hex');
}

function markerPath(installDir: string): string {
	return join(installDir, 'node_modules', MARKER);
}

/** True when `installDir` holds a complete install of exactly the manifest's packages. */
export function isInstalled(install: PinnedInstall): boolean {
	const marker = markerPath(install.installDir);
	if (!existsSync(marker)) return false;
	const { hash } = JSON.parse(readFileSync(marker, 'utf8')) as { hash?: string };
	return hash === manifestHash(install.manifestDir);
}

/**
 * Installs the manifest's packages with install scripts off. The committed lock file is followed
 * (`install` rather than `ci`: npm ci refuses a lock file that names platform packages this registry
 * lacks) and left as it is (`--no-save`).
 */
export async function installPinned(install: PinnedInstall): Promise<void> {
	const { manifestDir, installDir } = install;
	if (manifestDir !== installDir) {
		for (const name of ['package.json', 'package-lock.json']) {
			const source = join(manifestDir, name);
			if (existsSync(source)) cpSync(source, join(installDir, name));
			else rmSync(join(installDir, name), { force: true });
		}
	}
	rmSync(markerPath(installDir), { force: true });
	await run(
		npmCommand,
		['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{
			cwd: installDir,
			live: install.live,
		},
	);
}

export function markInstalled(install: PinnedInstall, details: Record<string, string>): void {
	writeFileSync(
		markerPath(install.installDir),
		JSON.stringify({ hash: manifestHash(install.manifestDir), ...details }, null, 2),
	);
}

/** npm's own node-gyp, next to the npm that runs this. */
export function npmNodeGyp(): string {
	const candidates = [
		process.env.npm_config_node_gyp,
		// The npm that runs this script (npm_execpath points at npm-cli.js inside npm's package).
		process.env.npm_execpath
			? join(
					dirname(dirname(process.env.npm_execpath)),
					'node_modules',
					'node-gyp',
					'bin',
					'node-gyp.js',
				)
			: undefined,
		// npm installed next to the Node that runs this (/usr/bin/node → /usr/lib/node_modules/npm).
		join(
			dirname(dirname(process.execPath)),
			'lib',
			'node_modules',
			'npm',
			'node_modules',
			'node-gyp',
			'bin',
			'node-gyp.js',
		),
	];
	const found = candidates.find((file): file is string => !!file && existsSync(file));
	if (!found)
		throw new Error(
			`npm's bundled node-gyp was not found (looked in: ${candidates.filter(Boolean).join(', ')})`,
		);
	return found;
}

/** The folder holding `include/node` for the Node that runs this, so node-gyp does not download headers. */
export function systemNodeDir(): string {
	return dirname(dirname(process.execPath));
}

/** A native module n8n cannot start without, built here rather than by its install script. */
export interface NativeModule {
	name: string;
	/** Where its own build puts the addon, relative to the module's folder. */
	addon: string;
	/** Extra node-gyp arguments, as the module's own install script passes them. */
	gypArgs: string[];
	/** N-API only: one build loads in every Node version. */
	napi: boolean;
	/** A script that exits 0 when the module loads and works. */
	probe: string;
}

/** n8n's database driver. N-API. */
export const SQLITE3: NativeModule = {
	name: 'sqlite3',
	addon: 'build/Release/node_sqlite3.node',
	gypArgs: [],
	napi: true,
	probe:
		"const s=require('sqlite3');const db=new s.Database(':memory:');" +
		"db.get('select sqlite_version() as v',(e,r)=>{if(e||!r)process.exit(1);db.close(()=>process.exit(0));});",
};

/**
 * The sandbox of n8n's default expression engine since 1.123 ('vm', N8N_EXPRESSION_ENGINE): without it
 * every CLI command stops with "Could not initialize the vm expression engine". Built against V8's own
 * API, so each Node version needs its own build. Version 7 (n8n 2.x) ships prebuilt addons for Linux
 * x64 inside its npm package and loads them itself; version 5 (n8n 1.123) has none and is built here.
 */
export const ISOLATED_VM: NativeModule = {
	name: 'isolated-vm',
	addon: 'out/isolated_vm.node',
	gypArgs: ['--release'],
	napi: false,
	probe:
		"const ivm=require('isolated-vm');const i=new ivm.Isolate();process.exit(i.compileScriptSync('6*7').runSync(i.createContextSync())===42?0:1);",
};

export const NATIVE_MODULES = [SQLITE3, ISOLATED_VM];

function moduleDir(installDir: string, module: NativeModule): string {
	return join(installDir, 'node_modules', module.name);
}

function moduleVersion(installDir: string, module: NativeModule): string | undefined {
	const manifest = join(moduleDir(installDir, module), 'package.json');
	return existsSync(manifest)
		? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
		: undefined;
}

/** Whether `nodeBinary` loads the module in `installDir` and the probe passes. */
export async function nativeModuleWorks(
	installDir: string,
	module: NativeModule,
	nodeBinary = process.execPath,
): Promise<boolean> {
	if (!existsSync(moduleDir(installDir, module))) return false;
	try {
		await run(nodeBinary, ['-e', module.probe], { cwd: installDir });
		return true;
	} catch {
		return false;
	}
}

/**
 * Compiles the module in `installDir` with npm's node-gyp against the headers in `nodeDir` (the Node that
 * will load it), then drops the intermediate files. About 1.5 to 3 minutes each on two cores.
 */
export async function buildNativeModule(
	installDir: string,
	module: NativeModule,
	nodeDir = systemNodeDir(),
	live = false,
): Promise<void> {
	if (!existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) {
		throw new Error(
			`Node's headers are not in ${join(nodeDir, 'include', 'node')}: they are needed to build ${module.name}`,
		);
	}
	const gyp = [npmNodeGyp(), 'rebuild', ...module.gypArgs, `--nodedir=${nodeDir}`, '--jobs=max'];
	// npm hands its configuration to child processes as npm_config_* variables, and node-gyp prefers a
	// configured nodedir (this machine's npm sets one) to its command line: name the headers in both.
	const env = { ...process.env, npm_config_nodedir: nodeDir };
	await run(process.execPath, gyp, { cwd: moduleDir(installDir, module), env, live });
	if (module.addon.startsWith('build/')) return;
	rmSync(join(moduleDir(installDir, module), 'build'), { recursive: true, force: true });
}

/**
 * Gives `installDir` the build of an N-API module from `fromDir` when both hold the same version: the
 * addon loads in every Node version. Returns false when it cannot.
 */
export function copyNativeBuild(
	fromDir: string,
	installDir: string,
	module: NativeModule,
): boolean {
	const version = moduleVersion(installDir, module);
	if (!module.napi || !version || version !== moduleVersion(fromDir, module)) return false;
	const source = join(moduleDir(fromDir, module), module.addon);
	if (!existsSync(source)) return false;
	const target = join(moduleDir(installDir, module), module.addon);
	mkdirSync(dirname(target), { recursive: true });
	cpSync(source, target);
	return true;
}
