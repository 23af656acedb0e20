import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { NodeProviderId } from '../sandbox/providers';
import { WORKFLOWS_DIR } from './paths';

/** The sandbox address the committed example workflows use for their sample media and inbox links. */
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

/**
 * Every occurrence of the sandbox origin `from` in `text` replaced by `to`. The origin must end there:
 * `http://127.0.0.1:5680` is not the start of `http://127.0.0.1:56801`.
 */
export function moveSandboxOrigin(text: string, from: string, to: string): string {
	const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return text.replace(new RegExp(`${escaped}(?![0-9])`, 'g'), to);
}

function importDir(userFolder: string, name: string): string {
	const dir = join(userFolder, 'import', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Writes the credentials in the shape `n8n import:credentials` takes (plain data is encrypted on import).
 * Imported on every start: n8n replaces a credential with the same id, so they follow the sandbox's port.
 */
export function writeCredentialsFile(userFolder: string, credentials: SandboxCredential[]): string {
	const file = join(importDir(userFolder, 'credentials'), 'credentials.json');
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
	/** Relative to dev/workflows: `bitbybit.json`, or `events/bitbybit.json` for a trigger example. */
	file: string;
}

/** The trigger examples' folder inside dev/workflows: each is imported and activated. */
const EVENTS_FOLDER = 'events';

function readExamples(folder: string): ExampleWorkflow[] {
	const dir = folder ? join(WORKFLOWS_DIR, folder) : WORKFLOWS_DIR;
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const workflow = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
				id: string;
				name: string;
			};
			return { id: workflow.id, name: workflow.name, file: folder ? `${folder}/${name}` : name };
		});
}

/** Every example: the send examples, then the trigger examples. */
export function exampleWorkflows(): ExampleWorkflow[] {
	return [...readExamples(''), ...readExamples(EVENTS_FOLDER)];
}

/** A trigger example: the workflow, its provider, and the webhook id its Production URL is made of. */
export interface EventExample extends ExampleWorkflow {
	provider: NodeProviderId;
	webhookId: string;
}

export function eventExamples(): EventExample[] {
	return readExamples(EVENTS_FOLDER).map((example) => {
		const workflow = JSON.parse(readFileSync(join(WORKFLOWS_DIR, example.file), 'utf8')) as {
			nodes: Array<{ type: string; webhookId?: string; parameters: { provider?: string } }>;
		};
		const trigger = workflow.nodes.find((node) => node.type.endsWith('.whatsAppSendTrigger'));
		if (!trigger?.webhookId) throw new Error(`${example.file} has no trigger with a webhookId`);
		return {
			...example,
			provider: trigger.parameters.provider as NodeProviderId,
			webhookId: trigger.webhookId,
		};
	});
}

/** The Production URL n8n gives a trigger example: `<WEBHOOK_URL>webhook/<webhookId>/webhook`. */
export function productionUrl(webhookBase: string, example: EventExample): string {
	return `${webhookBase.replace(/\/?$/, '/')}webhook/${example.webhookId}/webhook`;
}

/** What the user folder records about the examples: which were imported, and the sandbox address they point at. */
interface ImportedExamples {
	sandboxUrl: string;
	workflows: string[];
}

function markerFile(userFolder: string): string {
	return join(userFolder, 'imported-examples.json');
}

function readImported(userFolder: string): ImportedExamples {
	const file = markerFile(userFolder);
	if (!existsSync(file)) return { sandboxUrl: EXAMPLE_SANDBOX_URL, workflows: [] };
	const stored = JSON.parse(readFileSync(file, 'utf8')) as ImportedExamples | string[];
	// Before the address was recorded the file held only the ids; those imports used the default port.
	return Array.isArray(stored) ? { sandboxUrl: EXAMPLE_SANDBOX_URL, workflows: stored } : stored;
}

export function markImported(userFolder: string, sandboxUrl: string, ids: string[]): void {
	const { workflows } = readImported(userFolder);
	const record: ImportedExamples = { sandboxUrl, workflows: [...new Set([...workflows, ...ids])] };
	writeFileSync(markerFile(userFolder), JSON.stringify(record, null, 2));
}

export interface ExamplesPlan {
	/** Committed examples to import (not imported before, or all with `--reset-examples`). */
	fresh: ExampleWorkflow[];
	/** Examples already in n8n that point at another sandbox address: their stored copies are moved. */
	move?: { ids: string[]; from: string };
}

/** What this start does with the examples, given the address the sandbox runs at now. */
export function planExamples(
	userFolder: string,
	sandboxUrl: string,
	reimportAll: boolean,
): ExamplesPlan {
	const imported = reimportAll ? { sandboxUrl, workflows: [] } : readImported(userFolder);
	const all = exampleWorkflows();
	const fresh = all.filter((w) => !imported.workflows.includes(w.id));
	const stored = imported.workflows.filter((id) => all.some((w) => w.id === id));
	const move =
		imported.sandboxUrl !== sandboxUrl && stored.length
			? { ids: stored, from: imported.sandboxUrl }
			: undefined;
	return { fresh, move };
}

/** A folder for `n8n import:workflow --separate`, emptied. */
export function workflowsImportDir(userFolder: string): string {
	return importDir(userFolder, 'workflows');
}

/** A folder for `n8n export:workflow --separate`, emptied. */
export function workflowsExportDir(userFolder: string): string {
	return importDir(userFolder, 'exported');
}

/** Writes the committed examples into `dir` with the sandbox's real address. */
export function writeFreshExamples(
	dir: string,
	workflows: ExampleWorkflow[],
	sandboxUrl: string,
): void {
	for (const workflow of workflows) {
		const text = readFileSync(join(WORKFLOWS_DIR, workflow.file), 'utf8');
		writeFileSync(
			join(dir, workflow.file.replace(/\//g, '-')),
			moveSandboxOrigin(text, EXAMPLE_SANDBOX_URL, sandboxUrl),
		);
	}
}

interface StoredWorkflow {
	id: string;
	name: string;
	active?: boolean;
	nodes: Array<{ parameters?: unknown }>;
	[key: string]: unknown;
}

function moveInValue(value: unknown, from: string, to: string): unknown {
	if (typeof value === 'string') return moveSandboxOrigin(value, from, to);
	if (Array.isArray(value)) return value.map((entry) => moveInValue(entry, from, to));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, moveInValue(entry, from, to)]),
		);
	}
	return value;
}

/**
 * Reads the workflows n8n exported into `exportDir`, and for each of the examples `ids` whose node
 * parameters name the sandbox at `from`, writes a copy into `importDir` with only that address
 * changed to `to`: every other edit the user made (nodes, values, names, layout, pinned data) is
 * kept as n8n stored it. Returns the ones written.
 */
export function moveStoredExamples(
	exportDir: string,
	importTo: string,
	ids: string[],
	from: string,
	to: string,
): StoredWorkflow[] {
	const moved: StoredWorkflow[] = [];
	for (const id of ids) {
		const file = join(exportDir, `${id}.json`);
		if (!existsSync(file)) continue; // deleted in n8n: stays deleted
		const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredWorkflow;
		const nodes = stored.nodes.map((node) => ({
			...node,
			parameters: moveInValue(node.parameters, from, to),
		}));
		if (JSON.stringify(nodes) === JSON.stringify(stored.nodes)) continue;
		// The project it is shared with stays as it is: n8n's import keeps the sharing of a workflow it replaces.
		const workflow: StoredWorkflow = { ...stored, nodes };
		delete workflow.shared;
		writeFileSync(join(importTo, `${id}.json`), JSON.stringify(workflow, null, 2));
		moved.push(workflow);
	}
	return moved;
}
