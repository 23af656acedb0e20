import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { WhatsAppSend } from '../../nodes/WhatsAppSend/WhatsAppSend.node';
import { TestCredentialsHelper } from './credentials';

export const NODE_TYPE = 'n8n-nodes-whatsapp-send.whatsAppSend';
export const NODE_NAME = 'WhatsApp Send';

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.types[name];
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

export function additionalDataFor(
	credentials: Record<string, IDataObject>,
	hooks: ExecutionLifecycleHooks,
	credentialTypes: ICredentialType[] = [],
) {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials, credentialTypes),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	parameters: INodeParameters;
	/** Input items; one empty item when not given. */
	items?: INodeExecutionData[];
	/** Credential data by credential type name; defaults of the type fill the rest. */
	credentials: Record<string, IDataObject>;
	onError?: OnError;
	/** Another node type to run in the WhatsApp Send node's place (the benchmark's bare HTTP loop). */
	nodeType?: INodeType;
	/** Credential types beyond the package's own, for a provider a test defines. */
	credentialTypes?: ICredentialType[];
	/** Called once the run has started, with a function that cancels the execution as n8n's Stop button does. */
	onStart?: (cancel: () => void) => void;
}

export interface RunNodeResult {
	/** The node's main output. */
	main: INodeExecutionData[];
	/** The error output, with On Error → Continue (using error output). */
	errorOutput: INodeExecutionData[];
	/** The error that stopped the workflow, with On Error → Stop. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
	/** How many times n8n loaded and decrypted a credential during the run. */
	credentialLoads: number;
}

/** The WhatsApp Send node as a workflow holds it, with one test credential per given type. */
export function testNode(
	parameters: INodeParameters,
	credentials: Record<string, IDataObject>,
): INode {
	return {
		id: 'whatsapp-send',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `cred-${type}`, name: `Test ${type}` }]),
		),
	};
}

/** Runs the WhatsApp Send node inside n8n's real WorkflowExecute, fed with `items`. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const node: INode = {
		...testNode(options.parameters, options.credentials),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const nodeTypes = new TestNodeTypes({ [NODE_TYPE]: options.nodeType ?? new WhatsAppSend() });
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const items = options.items ?? [{ json: {} }];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	const additionalData = additionalDataFor(options.credentials, hooks, options.credentialTypes);
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = execute.processRunExecutionData(workflow);
	options.onStart?.(() => running.cancel());
	const run = await running;
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const outputs = task?.data?.main ?? [];
	return {
		main: (outputs[0] ?? []) as INodeExecutionData[],
		errorOutput: (outputs[1] ?? []) as INodeExecutionData[],
		error: (task?.error ?? run.data.resultData.error) as RunNodeResult['error'],
		run,
		credentialLoads: (additionalData.credentialsHelper as TestCredentialsHelper).loads,
	};
}
