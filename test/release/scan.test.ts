import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..', '..');
const scanner = join(__dirname, 'scan.mjs');
const run = promisify(execFile);

async function scan(...args: string[]): Promise<{ code: number; output: string }> {
	try {
		// Without jest's NODE_ENV=test: eslint-plugin-n8n-nodes-base then swaps real file names for fixtures.
		const { NODE_ENV: _testMode, ...env } = process.env;
		const { stdout, stderr } = await run(process.execPath, [scanner, ...args], {
			cwd: root,
			env,
			maxBuffer: 16 * 1024 * 1024,
		});
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failed = error as { code?: number; stdout?: string; stderr?: string };
		return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
	}
}

/** n8n's verification scan (@n8n/scan-community-package), its lint part, on the packed package and its source. */
describe("n8n's community package scan", () => {
	jest.setTimeout(180_000);

	beforeAll(() => {
		if (!existsSync(join(root, 'dist/nodes/WhatsAppSend/WhatsAppSend.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
		}
	});

	it('passes on the packed tarball and on the source', async () => {
		const { code, output } = await scan();
		expect(output).toContain("✔ n8n's package scan: the packed tarball passed");
		expect(output).toContain("✔ n8n's package scan: the source passed");
		expect(code).toBe(0);
	});

	it('fails a tarball whose compiled code breaks a rule, and a source that hides a break behind eslint-disable', async () => {
		const work = mkdtempSync(join(tmpdir(), 'whatsapp-send-scan-test-'));
		try {
			const tarball = join(work, 'tarball');
			cpSync(join(root, 'dist'), join(tarball, 'dist'), { recursive: true });
			cpSync(join(root, 'package.json'), join(tarball, 'package.json'));
			const compiled = join(tarball, 'dist/nodes/WhatsAppSend/WhatsAppSend.node.js');
			writeFileSync(compiled, `${readFileSync(compiled, 'utf8')}\nconsole.log('leak');\n`);

			const source = join(work, 'source');
			cpSync(join(root, 'package.json'), join(source, 'package.json'));
			cpSync(join(root, 'nodes'), join(source, 'nodes'), { recursive: true });
			cpSync(join(root, 'credentials'), join(source, 'credentials'), { recursive: true });
			const node = join(source, 'nodes/WhatsAppSend/WhatsAppSend.node.ts');
			// The scanner ignores inline disables, as n8n's does: the comment must not help.
			writeFileSync(
				node,
				`${readFileSync(node, 'utf8')}\n// eslint-disable-next-line no-console\nconsole.log('leak');\n`,
			);

			const { code, output } = await scan(tarball, source);
			expect(output).toContain(
				"✖ n8n's package scan: the packed tarball failed: ESLint violations found",
			);
			expect(output).toContain("✖ n8n's package scan: the source failed: ESLint violations found");
			expect(output).toMatch(/no-console/);
			expect(code).toBe(1);
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});
});
