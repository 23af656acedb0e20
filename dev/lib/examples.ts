import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { NodeProviderId } from '../sandbox/providers';
import { N8N_USER_FOLDER, WORKFLOWS_DIR } from './paths';

/** The sandbox address the committed example workflows use for their sample media. */
export const EXAMPLE_SANDBOX_URL = 'http://127.0.0.1:5680';

/** One credential per provider, with fixed ids the example workflows refer to. */
export const CREDENTIAL_IDS: Record<NodeProviderId, { id: string; name: string }> = {
	bitbybit: { id: 'sbxCredBitbybit1', name: 'Sandbox bitbybit' },
	vobiz: { id: 'sbxCredVobiz0001', name: 'Sandbox Vobiz' },
	callbell: { id: 'sbxCredCallbell1', name: 'Sandbox Callbell' },
	multiSession: { id: 'sbxCredMultiSes1', name: 'Sandbox Multi-Session API' },
};

export interface SandboxCredential {
	provider: NodeProviderId;
	type: string;
	data: IDataObject;
}

/** Writes the credentials in the shape `n8n import:credentials` takes (plain data is encrypted on import). */
export function writeCredentialsFile(credentials: SandboxCredential[]): string {
	const file = join(N8N_USER_FOLDER, 'import', 'credentials.json');
	mkdirSync(join(N8N_USER_FOLDER, 'import'), { recursive: true });
	const rows = credentials.map(({ provider, type, data }) => ({
		...CREDENTIAL_IDS[provider],
		type,
		data,
	}));
	writeFileSync(file, JSON.stringify(rows, null, 2));
	return file;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	file: string;
}

export function exampleWorkflows(): ExampleWorkflow[] {
	return readdirSync(WORKFLOWS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const workflow = JSON.parse(readFileSync(join(WORKFLOWS_DIR, name), 'utf8')) as {
				id: string;
				name: string;
			};
			return { id: workflow.id, name: workflow.name, file: name };
		});
}

const IMPORTED_MARKER = join(N8N_USER_FOLDER, 'imported-examples.json');

/**
 * The examples not imported yet, written with the sandbox's real address. Imported ones are left
 * alone, so edits made in n8n survive a restart; `--reset-examples` imports them all again.
 */
export function writeWorkflowsToImport(
	sandboxUrl: string,
	all: boolean,
): { dir: string; workflows: ExampleWorkflow[] } {
	const imported: string[] =
		!all && existsSync(IMPORTED_MARKER)
			? (JSON.parse(readFileSync(IMPORTED_MARKER, 'utf8')) as string[])
			: [];
	const dir = join(N8N_USER_FOLDER, 'import', 'workflows');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const workflows = exampleWorkflows().filter((w) => !imported.includes(w.id));
	for (const workflow of workflows) {
		const text = readFileSync(join(WORKFLOWS_DIR, workflow.file), 'utf8')
			.split(EXAMPLE_SANDBOX_URL)
			.join(sandboxUrl);
		writeFileSync(join(dir, workflow.file), text);
	}
	return { dir, workflows };
}

export function markImported(workflows: ExampleWorkflow[]): void {
	const imported = existsSync(IMPORTED_MARKER)
		? (JSON.parse(readFileSync(IMPORTED_MARKER, 'utf8')) as string[])
		: [];
	writeFileSync(
		IMPORTED_MARKER,
		JSON.stringify([...new Set([...imported, ...workflows.map((w) => w.id)])], null, 2),
	);
}
