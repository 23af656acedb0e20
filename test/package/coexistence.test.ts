import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { DirectoryLoader } from 'n8n-core';
import type { ICredentialType, KnownNodesAndCredentials, LoadedClass } from 'n8n-workflow';

// Node types are global in n8n as `<package>.<node>`, credential types by their bare name. This test
// installs the packed package next to other community packages and registers them the way n8n does, to
// show that our credential types and Vobiz's own (`vobizApi`, with `apiUrl` where ours has `baseUrl`)
// both survive — and, so that the test can fail, that two packages using one bare name do not.

const root = join(__dirname, '../..');

/**
 * n8n's own registration of loaded packages, reduced to the lines that key the types: n8n-io/n8n
 * packages/cli/src/load-nodes-and-credentials.ts — `postProcessLoaders` (`this.known.nodes[`${packageName}.${type}`]`
 * but `this.known.credentials[type]`, one loader after the other) and `getCredential` (every loader that
 * knows the type overwrites `loadedCredentials[type]`). The `n8n` package itself is not a dependency
 * here; n8n-core's PackageDirectoryLoader, which it uses for community packages, is.
 */
class N8nRegistry {
	readonly loaders: Record<string, DirectoryLoader> = {};

	readonly known: KnownNodesAndCredentials = { nodes: {}, credentials: {} };

	private readonly loadedCredentials: Record<string, LoadedClass<ICredentialType>> = {};

	async install(directory: string): Promise<void> {
		const loader = new PackageDirectoryLoader(directory);
		await loader.loadAll();
		this.loaders[loader.packageName] = loader;
		for (const type in loader.known.nodes) {
			this.known.nodes[`${loader.packageName}.${type}`] = loader.known.nodes[type];
		}
		for (const type in loader.known.credentials) {
			this.known.credentials[type] = {
				...loader.known.credentials[type],
				sourcePath: join(directory, loader.known.credentials[type].sourcePath),
			};
		}
	}

	getCredential(credentialType: string): LoadedClass<ICredentialType> {
		for (const loader of Object.values(this.loaders)) {
			if (credentialType in loader.known.credentials)
				this.loadedCredentials[credentialType] = loader.getCredential(credentialType);
		}
		const loaded = this.loadedCredentials[credentialType];
		if (!loaded) throw new Error(`Unrecognized credential type: ${credentialType}`);
		return loaded;
	}
}

interface StandInCredential {
	className: string;
	name: string;
	/** The field that tells whose definition n8n ended up with. */
	urlField: string;
}

/** A community package holding only credential types, as plain CommonJS like any built package. */
function writeStandIn(
	nodeModules: string,
	packageName: string,
	credentials: StandInCredential[],
): string {
	const directory = join(nodeModules, packageName);
	const files = credentials.map(({ className, name, urlField }) => {
		const file = `dist/credentials/${className}.credentials.js`;
		mkdirSync(join(directory, dirname(file)), { recursive: true });
		writeFileSync(
			join(directory, file),
			`'use strict';
class ${className} {
	constructor() {
		this.name = ${JSON.stringify(name)};
		this.displayName = ${JSON.stringify(`${name} from ${packageName}`)};
		this.properties = [
			{ displayName: 'Auth ID', name: 'authId', type: 'string', default: '' },
			{ displayName: 'Auth Token', name: 'authToken', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'URL', name: ${JSON.stringify(urlField)}, type: 'string', default: 'https://api.example.com' },
		];
	}
}
exports.${className} = ${className};
`,
		);
		return file;
	});
	writeFileSync(
		join(directory, 'package.json'),
		JSON.stringify({
			name: packageName,
			version: '1.0.0',
			main: 'index.js',
			n8n: { n8nNodesApiVersion: 1, credentials: files, nodes: [] },
		}),
	);
	return directory;
}

const propertyNames = (credential: LoadedClass<ICredentialType>) =>
	credential.type.properties.map((p) => p.name);

describe('credential types next to other community packages', () => {
	let work: string;
	let nodeModules: string;
	let ours: string;

	beforeAll(() => {
		work = mkdtempSync(join(tmpdir(), 'whatsapp-send-coexist-'));
		nodeModules = join(work, 'node_modules');
		mkdirSync(nodeModules);
		// What `npm install <tarball>` puts in node_modules: the packed files (the package has no dependencies).
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
				cwd: root,
				encoding: 'utf8',
			}),
		) as Array<{ filename: string }>;
		ours = join(nodeModules, 'n8n-nodes-whatsapp-send');
		mkdirSync(ours);
		execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', ours, '--strip-components=1']);
		// The peer dependency, which n8n provides to community packages.
		symlinkSync(
			dirname(require.resolve('n8n-workflow/package.json')),
			join(nodeModules, 'n8n-workflow'),
			'dir',
		);
	});

	afterAll(() => {
		rmSync(work, { recursive: true, force: true });
	});

	it('keeps ours and a package that defines vobizApi, callbellApi and bitbybitApi (Vobiz’s own uses apiUrl)', async () => {
		const standIn = writeStandIn(nodeModules, '@vobiz-ai/n8n-nodes-vobiz', [
			{ className: 'VobizApi', name: 'vobizApi', urlField: 'apiUrl' },
			{ className: 'CallbellApi', name: 'callbellApi', urlField: 'apiUrl' },
			{ className: 'BitbybitApi', name: 'bitbybitApi', urlField: 'apiUrl' },
		]);
		// Both load orders: n8n's order is the file system's.
		for (const order of [
			[ours, standIn],
			[standIn, ours],
		]) {
			const n8n = new N8nRegistry();
			for (const directory of order) await n8n.install(directory);

			expect(Object.keys(n8n.known.credentials).sort()).toEqual(
				[
					'bitbybitApi',
					'callbellApi',
					'vobizApi',
					'whatsAppSendBitbybitApi',
					'whatsAppSendCallbellApi',
					'whatsAppSendMultiSessionApi',
					'whatsAppSendVobizApi',
				].sort(),
			);
			expect(propertyNames(n8n.getCredential('whatsAppSendVobizApi'))).toContain('baseUrl');
			expect(propertyNames(n8n.getCredential('vobizApi'))).toEqual([
				'authId',
				'authToken',
				'apiUrl',
			]);
			// Every credential our node asks for resolves to our own definition.
			const node = n8n.loaders['n8n-nodes-whatsapp-send'].getNode('whatsAppSend').type as {
				description: { credentials?: Array<{ name: string }> };
			};
			for (const { name } of node.description.credentials ?? []) {
				expect(n8n.getCredential(name).sourcePath).toMatch(
					/^dist\/credentials\/WhatsAppSend\w+Api\.credentials\.js$/,
				);
				expect(n8n.known.credentials[name].sourcePath.startsWith(ours)).toBe(true);
			}
		}
	});

	it('would not with one bare name in two packages: the package loaded last shadows the other', async () => {
		const clash = writeStandIn(nodeModules, 'n8n-nodes-clashing', [
			{ className: 'WhatsAppSendVobizApi', name: 'whatsAppSendVobizApi', urlField: 'apiUrl' },
		]);
		const oursFirst = new N8nRegistry();
		await oursFirst.install(ours);
		await oursFirst.install(clash);
		expect(propertyNames(oursFirst.getCredential('whatsAppSendVobizApi'))).toEqual([
			'authId',
			'authToken',
			'apiUrl',
		]);
		expect(oursFirst.known.credentials.whatsAppSendVobizApi.sourcePath.startsWith(clash)).toBe(
			true,
		);

		const clashFirst = new N8nRegistry();
		await clashFirst.install(clash);
		await clashFirst.install(ours);
		expect(propertyNames(clashFirst.getCredential('whatsAppSendVobizApi'))).not.toContain('apiUrl');
		expect(clashFirst.known.credentials.whatsAppSendVobizApi.sourcePath.startsWith(ours)).toBe(
			true,
		);
	});
});
