import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EXAMPLE_SANDBOX_URL, moveSandboxOrigin } from '../../dev/lib/examples';
import type { Sandbox } from '../../dev/sandbox/server';
import { NODE_TYPE, runNode } from '../harness/engine';
import type { RunNodeResult } from '../harness/engine';

interface WorkflowNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface ExampleWorkflow {
	file: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

export interface ExampleRun {
	workflow: string;
	node: string;
	result: RunNodeResult;
}

const WORKFLOWS_DIR = join(__dirname, '..', '..', 'dev', 'workflows');

export function loadExamples(): ExampleWorkflow[] {
	return readdirSync(WORKFLOWS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			...(JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as Omit<
				ExampleWorkflow,
				'file'
			>),
		}));
}

/**
 * The workflow's branches in the order n8n runs them (execution order v1: the manual trigger's children
 * top to bottom, then left to right, each branch to its end): every send node has its own input node.
 */
function branches(workflow: ExampleWorkflow): WorkflowNode[][] {
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const find = (name: string) => {
		const node = byName.get(name);
		if (!node) throw new Error(`${workflow.file} connects to a missing node ${name}`);
		return node;
	};
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.file} has no manual trigger`);
	const starts = (workflow.connections[trigger.name]?.main[0] ?? []).map((c) => find(c.node));
	starts.sort((a, b) => a.position[1] - b.position[1] || a.position[0] - b.position[0]);
	return starts.map((start) => {
		const branch = [start];
		for (
			let next = workflow.connections[start.name]?.main[0];
			next?.length;
			next = workflow.connections[branch[branch.length - 1].name]?.main[0]
		) {
			if (next.length !== 1)
				throw new Error(
					`${workflow.file}: ${branch[branch.length - 1].name} feeds ${next.length} nodes; the runner follows one`,
				);
			branch.push(find(next[0].node));
		}
		return branch;
	});
}

/** What an Edit Fields (Set) node in manual mode outputs: one item with its fields (the examples' hold plain values). */
function setFields(node: WorkflowNode): IDataObject {
	const { assignments } = (node.parameters.assignments ?? {}) as {
		assignments?: Array<{ name: string; value: unknown; type: string }>;
	};
	return Object.fromEntries(
		(assignments ?? []).map(({ name, value, type }) => {
			if (typeof value === 'string' && value.startsWith('='))
				throw new Error(`${node.name}: the runner takes plain values, not expressions`);
			return [name, type === 'number' ? Number(value) : value];
		}),
	) as IDataObject;
}

/** `={{ $json.field }}`, resolved against the item; the examples' HTTP Request URLs use nothing else. */
function jsonField(value: unknown, item: INodeExecutionData): string {
	const field = /^=\{\{ \$json\.(\w+) \}\}$/.exec(String(value))?.[1];
	return field === undefined ? String(value) : String(item.json[field]);
}

/**
 * The harness runs a send node on its own, so a reference to an earlier node's item
 * (`$('Data for …').item.json.to`, after a node that replaced the item) becomes that item's value.
 */
function inlineReferences(value: unknown, outputs: Map<string, IDataObject>): unknown {
	if (typeof value === 'string') {
		return value.replace(
			/\$\('([^']+)'\)\.item\.json\.(\w+)/g,
			(_match, node: string, field: string) => {
				const json = outputs.get(node);
				if (!json) throw new Error(`an expression refers to ${node}, which has not run`);
				return JSON.stringify(json[field]);
			},
		);
	}
	if (Array.isArray(value)) return value.map((entry) => inlineReferences(entry, outputs));
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, inlineReferences(entry, outputs)]),
		);
	return value;
}

function pointAt(parameters: INodeParameters, sandboxUrl: string): INodeParameters {
	return JSON.parse(
		moveSandboxOrigin(JSON.stringify(parameters), EXAMPLE_SANDBOX_URL, sandboxUrl),
	) as INodeParameters;
}

/** What n8n's HTTP Request node hands on when it downloads a file: the bytes as binary `data`. */
async function download(url: string): Promise<INodeExecutionData[]> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`downloading ${url} answered ${response.status}`);
	const bytes = Buffer.from(await response.arrayBuffer());
	const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? 'file');
	const data: IBinaryData = {
		data: bytes.toString('base64'),
		mimeType: response.headers.get('content-type') ?? 'application/octet-stream',
		fileName,
		fileExtension: fileName.split('.').pop(),
		fileSize: String(bytes.length),
	};
	return [{ json: {}, binary: { data } }];
}

/**
 * Runs every branch of an example workflow in order, as n8n would when the workflow is executed: Edit
 * Fields and HTTP Request emulated, WhatsApp Send nodes inside the real engine against the sandbox, each
 * fed with the output of the node before it.
 */
export async function runExample(
	workflow: ExampleWorkflow,
	sandbox: Sandbox,
): Promise<ExampleRun[]> {
	const runs: ExampleRun[] = [];
	const credentials: Record<string, IDataObject> = sandbox.credentials();
	for (const branch of branches(workflow)) {
		const outputs = new Map<string, IDataObject>();
		let items: INodeExecutionData[] = [{ json: {} }];
		for (const node of branch) {
			const parameters = pointAt(node.parameters, sandbox.url);
			if (node.type === 'n8n-nodes-base.set') {
				const json = setFields({ ...node, parameters });
				outputs.set(node.name, json);
				items = [{ json }];
				continue;
			}
			if (node.type === 'n8n-nodes-base.httpRequest') {
				items = await download(jsonField(parameters.url, items[0]));
				continue;
			}
			if (node.type !== NODE_TYPE)
				throw new Error(`${workflow.file}: no runner for node type ${node.type}`);
			const type = Object.keys(node.credentials ?? {})[0];
			const result = await runNode({
				parameters: inlineReferences(parameters, outputs) as INodeParameters,
				items,
				credentials: { [type]: credentials[type] },
			});
			runs.push({ workflow: workflow.name, node: node.name, result });
			items = result.main;
		}
	}
	return runs;
}
