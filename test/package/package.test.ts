import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the package as n8n loads it', () => {
	beforeAll(() => {
		if (!existsSync(join(root, 'dist/nodes/WhatsAppSend/WhatsAppSend.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
		}
	});

	it('follows the community package rules in package.json', () => {
		expect(pkg.name).toBe('n8n-nodes-whatsapp-send');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.overrides).toBeUndefined();
		for (const script of ['preinstall', 'install', 'postinstall'])
			expect(pkg.scripts[script]).toBeUndefined();
	});

	it("is loaded by n8n's PackageDirectoryLoader with both nodes, four credentials and their icons", async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(loader.packageName).toBe('n8n-nodes-whatsapp-send');

		expect(Object.keys(loader.nodeTypes)).toEqual(['whatsAppSend', 'whatsAppSendTrigger']);
		const description = loader.types.nodes.find((node) => node.name === 'whatsAppSend');
		expect(description).toBeDefined();
		expect(description!.displayName).toBe('WhatsApp Send');
		expect(description!.usableAsTool).toBe(true);
		expect(description!.iconUrl).toEqual({
			light: 'icons/n8n-nodes-whatsapp-send/dist/nodes/WhatsAppSend/whatsapp.svg',
			dark: 'icons/n8n-nodes-whatsapp-send/dist/nodes/WhatsAppSend/whatsapp.dark.svg',
		});
		expect(description!.codex?.categories).toEqual(['Communication']);
		const nodeType = loader.nodeTypes.whatsAppSend.type as { methods?: { listSearch?: object } };
		expect(Object.keys(nodeType.methods?.listSearch ?? {})).toEqual(
			expect.arrayContaining(['searchVobizChannels', 'searchCallbellChannels']),
		);

		expect(Object.keys(loader.credentialTypes).sort()).toEqual(
			[
				'whatsAppSendBitbybitApi',
				'whatsAppSendCallbellApi',
				'whatsAppSendVobizApi',
				'whatsAppSendMultiSessionApi',
			].sort(),
		);
		for (const credential of loader.types.credentials) {
			expect(credential.iconUrl).toMatch(
				/^icons\/n8n-nodes-whatsapp-send\/dist\/credentials\/.+\.svg$/,
			);
			const iconPath = join(
				root,
				String(credential.iconUrl).replace('icons/n8n-nodes-whatsapp-send/', ''),
			);
			expect(existsSync(iconPath)).toBe(true);
			expect(credential.test).toBeDefined();
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
		}
		for (const icon of Object.values(description!.iconUrl as Record<string, string>)) {
			expect(existsSync(join(root, icon.replace('icons/n8n-nodes-whatsapp-send/', '')))).toBe(true);
		}
	});

	it('loads the WhatsApp Send Trigger as a webhook trigger with lifecycle methods, not as an AI tool', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const description = loader.types.nodes.find((node) => node.name === 'whatsAppSendTrigger');
		expect(description).toBeDefined();
		expect(description!.displayName).toBe('WhatsApp Send Trigger');
		expect(description!.version).toBe(1);
		expect(description!.group).toEqual(['trigger']);
		expect(description!.inputs).toEqual([]);
		expect(description!.usableAsTool).toBeUndefined();
		expect(description!.codex?.categories).toEqual(['Communication']);
		expect(description!.credentials?.map((credential) => credential.name).sort()).toEqual(
			[
				'whatsAppSendBitbybitApi',
				'whatsAppSendCallbellApi',
				'whatsAppSendVobizApi',
				'whatsAppSendMultiSessionApi',
			].sort(),
		);
		expect(
			description!.webhooks?.map((webhook) => `${webhook.name} ${webhook.httpMethod}`),
		).toEqual(['default POST', 'setup GET']);
		for (const icon of Object.values(description!.iconUrl as Record<string, string>)) {
			expect(existsSync(join(root, icon.replace('icons/n8n-nodes-whatsapp-send/', '')))).toBe(true);
		}
		const nodeType = loader.nodeTypes.whatsAppSendTrigger.type as {
			webhookMethods?: { default?: object };
			webhook?: unknown;
		};
		expect(Object.keys(nodeType.webhookMethods?.default ?? {}).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
		expect(typeof nodeType.webhook).toBe('function');
	});

	it('packs into a tarball holding only dist/ plus package.json, README and licence', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		});
		const [packed] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const paths = packed.files.map((file) => file.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				'package.json',
				'README.md',
				'LICENSE.md',
				'dist/nodes/WhatsAppSend/WhatsAppSend.node.js',
				'dist/nodes/WhatsAppSend/WhatsAppSend.node.json',
				'dist/nodes/WhatsAppSend/WhatsAppSendTrigger.node.js',
				'dist/nodes/WhatsAppSend/WhatsAppSendTrigger.node.json',
				'dist/nodes/WhatsAppSend/whatsapp.svg',
				'dist/credentials/WhatsAppSendBitbybitApi.credentials.js',
				'dist/credentials/whatsAppMultiSession.svg',
			]),
		);
		expect(
			paths.filter(
				(path) =>
					!path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE.md'].includes(path),
			),
		).toEqual([]);
	});
});
