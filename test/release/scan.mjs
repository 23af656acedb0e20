// Runs the lint part of n8n's verification scanner (@n8n/scan-community-package) on this package, the way
// n8n scans a published one: the packed tarball's compiled `.js` files and package.json, and the source the
// tarball was built from (`package.json`, `{nodes,credentials}/**/*.{js,ts,json}`), with inline eslint-disable
// comments ignored. Only the provenance check is left out: it needs a published version (see .github/workflows).
//
//   node test/release/scan.mjs                 packs the package and scans tarball and source
//   node test/release/scan.mjs <dir> <dir>     scans an unpacked tarball and a source folder (used by its test)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// What the scanner lints in the tarball once a source checkout is available (scanner.mjs, analyzePackageByName).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function packed() {
	const dir = mkdtempSync(join(tmpdir(), 'whatsapp-send-scan-'));
	execFileSync('npm', ['pack', '--pack-destination', dir], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
	const unpacked = join(dir, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(dir, tarball), '-C', unpacked, '--strip-components=1']);
	return { dir, unpacked };
}

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`✔ n8n's package scan: ${label} passed`);
		return true;
	}
	console.log(`✖ n8n's package scan: ${label} failed: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

const [tarballDir, sourceDir] = process.argv.slice(2);
let cleanup;
let tarball = tarballDir && resolve(tarballDir);
if (!tarball) {
	const pack = packed();
	tarball = pack.unpacked;
	cleanup = pack.dir;
}
try {
	const results = [
		await scan('the packed tarball', tarball, TARBALL_FILE_PATTERNS),
		await scan('the source', sourceDir ? resolve(sourceDir) : root, SOURCE_FILE_PATTERNS),
	];
	process.exitCode = results.every(Boolean) ? 0 : 1;
} finally {
	if (cleanup) rmSync(cleanup, { recursive: true, force: true });
}
