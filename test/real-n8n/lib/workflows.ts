import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIAL_IDS, EXAMPLE_SANDBOX_URL, moveSandboxOrigin } from '../../../dev/lib/examples';
import { WORKFLOWS_DIR } from '../../../dev/lib/paths';
import type { NodeProviderId } from '../../../dev/sandbox/providers';
import type { Sandbox } from '../../../dev/sandbox/server';
import type { CredentialRow, WorkflowJson } from './instance';

export const SEND_NODE_TYPE = 'n8n-nodes-whatsapp-send.whatsAppSend';

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

type WorkflowNode = WorkflowJson['nodes'][number];

/** One credential per provider, with the ids the example workflows refer to, pointing at `sandbox`. */
export function sandboxCredentials(sandbox: Sandbox): CredentialRow[] {
	return sandbox.providers.map((p) => ({
		...CREDENTIAL_IDS[p.id],
		type: p.credentialType,
		data: p.credentials(sandbox.baseUrl(p.id)),
	}));
}

/** The committed example workflows (dev/workflows), with their sandbox links pointing at `sandboxUrl`. */
export function exampleWorkflows(
	sandboxUrl = EXAMPLE_SANDBOX_URL,
): Array<WorkflowJson & { file: string }> {
	return readdirSync(WORKFLOWS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => {
			const text = moveSandboxOrigin(
				readFileSync(join(WORKFLOWS_DIR, file), 'utf8'),
				EXAMPLE_SANDBOX_URL,
				sandboxUrl,
			);
			return { ...(JSON.parse(text) as WorkflowJson), file };
		});
}

let column = 0;

/** A workflow node; positions only matter to the editor, so they just move right. */
export function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	column += 1;
	return {
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [column * 220, 0],
		parameters,
		...extra,
	};
}

export function manualTrigger(name = 'Start'): WorkflowNode {
	return node(name, 'n8n-nodes-base.manualTrigger', 1, {});
}

/**
 * Input rows as n8n users make them without code: an Edit Fields (Set) node in JSON mode holding the
 * rows, and a Split Out node turning them into one item each (paired to the Set node's one item).
 */
export function rowsSource(
	prefix: string,
	rows: Array<Record<string, unknown>>,
): [WorkflowNode, WorkflowNode] {
	return [
		node(`${prefix} rows`, 'n8n-nodes-base.set', 3.4, {
			mode: 'raw',
			jsonOutput: JSON.stringify({ rows }),
			options: {},
		}),
		node(`Split ${prefix.toLowerCase()} rows`, 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'rows',
			options: {},
		}),
	];
}

/** A WhatsApp Send node using the sandbox credential of its provider, or `credential`. */
export function sendNode(
	name: string,
	provider: NodeProviderId,
	credentialType: string,
	parameters: Record<string, unknown>,
	onError?: OnError,
	credential: { id: string; name: string } = CREDENTIAL_IDS[provider],
): WorkflowNode {
	return node(
		name,
		SEND_NODE_TYPE,
		1,
		{ provider, ...parameters },
		{
			credentials: { [credentialType]: credential },
			...(onError && onError !== 'stopWorkflow' ? { onError } : {}),
		},
	);
}

/** A No Operation node: it hands on what reaches it, so its input shows what a branch delivers downstream. */
export function noOp(name: string): WorkflowNode {
	return node(name, 'n8n-nodes-base.noOp', 1, {});
}

type Link = [from: string, to: string, output?: number];

export function workflow(
	id: string,
	name: string,
	nodes: WorkflowNode[],
	links: Link[],
): WorkflowJson {
	if (id.length > 16) throw new Error(`workflow id ${id} is longer than n8n's 16 characters`);
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	for (const [from, to, output = 0] of links) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	}
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
