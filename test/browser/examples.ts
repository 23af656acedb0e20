import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EXAMPLE_SANDBOX_URL } from '../../dev/lib/examples';
import type { Sandbox } from '../../dev/sandbox/server';
import { NODE_TYPE, runNode } from '../harness/engine';
import type { RunNodeResult } from '../harness/engine';

interface WorkflowNode {
	name: string;
	type: string;
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

/** The workflow's nodes in execution order: a straight chain from the manual trigger. */
function chain(workflow: ExampleWorkflow): WorkflowNode[] {
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.file} has no manual trigger`);
	const ordered: WorkflowNode[] = [];
	let current: string | undefined = workflow.connections[trigger.name]?.main[0]?.[0]?.node;
	while (current) {
		const node = byName.get(current);
		if (!node) throw new Error(`${workflow.file} connects to a missing node ${current}`);
		ordered.push(node);
		current = workflow.connections[current]?.main[0]?.[0]?.node;
	}
	return ordered;
}

function pointAt(parameters: INodeParameters, sandboxUrl: string): INodeParameters {
	return JSON.parse(
		JSON.stringify(parameters).split(EXAMPLE_SANDBOX_URL).join(sandboxUrl),
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
 * Runs every node of an example workflow in order, WhatsApp Send nodes inside the real engine against
 * the sandbox, each fed with the previous node's output, as n8n would when the workflow is executed.
 */
export async function runExample(
	workflow: ExampleWorkflow,
	sandbox: Sandbox,
): Promise<ExampleRun[]> {
	const runs: ExampleRun[] = [];
	const credentials: Record<string, IDataObject> = sandbox.credentials();
	let items: INodeExecutionData[] = [{ json: {} }];
	for (const node of chain(workflow)) {
		const parameters = pointAt(node.parameters, sandbox.url);
		if (node.type === 'n8n-nodes-base.httpRequest') {
			items = await download(String(parameters.url));
			continue;
		}
		if (node.type !== NODE_TYPE)
			throw new Error(`${workflow.file}: no runner for node type ${node.type}`);
		const type = Object.keys(node.credentials ?? {})[0];
		const result = await runNode({ parameters, items, credentials: { [type]: credentials[type] } });
		runs.push({ workflow: workflow.name, node: node.name, result });
		items = result.main;
	}
	return runs;
}
