import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { WhatsAppSendTrigger } from '../../nodes/WhatsAppSend/WhatsAppSendTrigger.node';
import { additionalDataFor, TestNodeTypes } from './engine';

export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-send.whatsAppSendTrigger';
export const TRIGGER_NAME = 'WhatsApp Send Trigger';
const WORKFLOW_ID = 'wf-trigger-1';
const WEBHOOK_ID = '5b0c6f0e-2d7a-4c1e-9f4b-8a3e2d1c0b9a';

/** n8n's logger, captured: the trigger tells n8n's log why it refused or ignored a delivery. */
export class CapturedLog {
	readonly lines: Array<{ level: string; message: string }> = [];

	messages(level?: string): string[] {
		return this.lines.filter((line) => !level || line.level === level).map((line) => line.message);
	}

	clear(): void {
		this.lines.length = 0;
	}
}

export const capturedLog = new CapturedLog();

const logger = Object.fromEntries(
	['error', 'warn', 'info', 'debug'].map((level) => [
		level,
		(message: string) => capturedLog.lines.push({ level, message: String(message) }),
	]),
);
// The Logger class n8n-core itself resolves (it has its own copy of @n8n/backend-common).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Logger } = require(
	require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] }),
) as { Logger: new () => unknown };
Container.set(Logger, { ...logger, scoped: () => logger });

/** What the provider saw in answer to one delivery, and the execution it started, if any. */
export interface DeliveryResult {
	status: number;
	body: unknown;
	/** The trigger node's output items, as the execution n8n started holds them. */
	execution?: INodeExecutionData[];
}

export interface TriggerOptions {
	parameters: INodeParameters;
	credentials: Record<string, IDataObject>;
	/** n8n's WEBHOOK_URL plus `/webhook` (production) and `/webhook-test`. */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
}

interface FakeResponse {
	statusCode: number;
	body: unknown;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
	send(body: unknown): FakeResponse;
	end(): FakeResponse;
}

function fakeResponse(): FakeResponse {
	const response: FakeResponse = {
		statusCode: 200,
		body: undefined,
		status(code) {
			response.statusCode = code;
			return response;
		},
		json(body) {
			response.body = body;
			return response;
		},
		send(body) {
			response.body = body;
			return response;
		},
		end: () => response,
	};
	return response;
}

/**
 * The smallest faithful stand-in for n8n's webhook server around the WhatsApp Send Trigger, built from
 * what n8n's CLI does (WebhookService, LiveWebhooks, TestWebhooks, ActiveWorkflowManager in n8n
 * 1.123): lifecycle methods run in n8n-core's real HookContext, deliveries in its real WebhookContext,
 * and a started execution runs in WorkflowExecute. Like a production n8n — and like queue mode, where
 * any process may take a request — every call loads the workflow's static data afresh from the
 * "database" and saves it back only when n8n would (when it changed).
 */
export class TriggerHarness {
	readonly node: INode;

	readonly executions: INodeExecutionData[][] = [];

	webhookBaseUrl: string;

	readonly webhookTestBaseUrl: string;

	/** The workflow's static data as the database holds it (JSON). */
	private stored = '{}';

	/** Test listening keeps its static data with the registration, apart from production's. */
	private testStored: string | undefined;

	/** A long-lived n8n process: n8n loads a node type once and serves every request with it. */
	private readonly process = new WhatsAppSendTrigger();

	constructor(private readonly options: TriggerOptions) {
		this.node = {
			id: 'trigger-node',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: options.parameters,
			credentials: Object.fromEntries(
				Object.keys(options.credentials).map((type) => [
					type,
					{ id: `cred-${type}`, name: `Test ${type}` },
				]),
			),
		};
		this.webhookBaseUrl = options.webhookBaseUrl ?? 'https://n8n.example.test/webhook';
		this.webhookTestBaseUrl = options.webhookTestBaseUrl ?? 'https://n8n.example.test/webhook-test';
	}

	/** The production (or test) URL n8n gives this trigger. */
	url(test = false): string {
		return `${test ? this.webhookTestBaseUrl : this.webhookBaseUrl}/${WEBHOOK_ID}/webhook`;
	}

	/** The node's static data as stored. */
	get staticData(): IDataObject {
		return ((JSON.parse(this.stored) as IDataObject)[`node:${TRIGGER_NAME}`] ?? {}) as IDataObject;
	}

	set staticData(value: IDataObject) {
		this.stored = JSON.stringify({ [`node:${TRIGGER_NAME}`]: value });
	}

	get testStaticData(): IDataObject {
		return ((JSON.parse(this.testStored ?? '{}') as IDataObject)[`node:${TRIGGER_NAME}`] ??
			{}) as IDataObject;
	}

	setParameters(parameters: INodeParameters): void {
		this.node.parameters = parameters;
	}

	private workflow(test: boolean): Workflow {
		const nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new WhatsAppSendTrigger() });
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: !test,
			nodeTypes,
			staticData: JSON.parse(test ? (this.testStored ?? '{}') : this.stored) as IDataObject,
		});
	}

	private save(workflow: Workflow, test: boolean): void {
		const data = workflow.staticData as IDataObject;
		if (data.__dataChanged !== true) return;
		const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete copy.__dataChanged;
		if (test) this.testStored = JSON.stringify(copy);
		else this.stored = JSON.stringify(copy);
	}

	private additionalData(extra: IDataObject = {}) {
		const hooks = new ExecutionLifecycleHooks('webhook', 'trigger-execution', {
			id: WORKFLOW_ID,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
		} as never);
		return {
			...additionalDataFor(this.options.credentials, hooks),
			webhookBaseUrl: this.webhookBaseUrl,
			webhookTestBaseUrl: this.webhookTestBaseUrl,
			...extra,
		} as never;
	}

	private webhookData(workflow: Workflow, name: string, test: boolean): IWebhookData {
		const nodeType = new WhatsAppSendTrigger();
		const description = nodeType.description.webhooks!.find((webhook) => webhook.name === name)!;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: NodeHelpers.getNodeWebhookPath(
				workflow.id,
				this.node,
				String(description.path),
				false,
				false,
			),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			...(test ? { isTest: true } : {}),
		};
	}

	private async runMethod(
		method: 'checkExists' | 'create' | 'delete',
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		test: boolean,
	): Promise<boolean | undefined> {
		const workflow = this.workflow(test);
		const webhookData = this.webhookData(workflow, 'default', test);
		const context = new HookContext(
			workflow,
			this.node,
			webhookData.workflowExecuteAdditionalData,
			mode,
			activation,
			webhookData,
		);
		try {
			return await new WhatsAppSendTrigger().webhookMethods.default[method].call(context);
		} finally {
			this.save(workflow, test);
		}
	}

	/** WebhookService.createWebhookIfNotExists: checkExists, then create when it answered false. */
	private async register(
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		test: boolean,
	): Promise<void> {
		if (!(await this.runMethod('checkExists', mode, activation, test)))
			await this.runMethod('create', mode, activation, test);
	}

	/** Activating the workflow (ActiveWorkflowManager: mode `trigger`). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		await this.register('trigger', activation, false);
	}

	/** n8n 2.x's periodic re-check of an active trigger's webhook, or a restart (`init`). */
	async recheck(): Promise<void> {
		await this.register('trigger', 'init', false);
	}

	async checkExists(): Promise<boolean> {
		return Boolean(await this.runMethod('checkExists', 'trigger', 'init', false));
	}

	/** Deactivating (ActiveWorkflowManager.clearWebhooks: mode `internal`, activation `update`). */
	async deactivate(): Promise<void> {
		await this.runMethod('delete', 'internal', 'update', false);
	}

	/** "Listen for test event" (TestWebhooks: static data starts empty; mode and activation `manual`). */
	async listenForTest(): Promise<void> {
		this.testStored = '{}';
		await this.register('manual', 'manual', true);
	}

	/** The end of test listening (TestWebhooks.deactivateWebhooks). */
	async stopListening(): Promise<void> {
		await this.runMethod('delete', 'internal', 'update', true);
		this.testStored = undefined;
	}

	/**
	 * One request to the trigger's URL: the raw bytes become `rawBody` and, for JSON, `body` — as n8n's
	 * raw-body reader and JSON parser leave them — and the node's `webhook()` runs in WebhookContext.
	 */
	async deliver(
		delivery: { headers: Record<string, string>; body: Buffer | string },
		options: { test?: boolean; method?: 'POST' | 'GET'; sameProcess?: boolean } = {},
	): Promise<DeliveryResult> {
		const test = options.test ?? false;
		const method = options.method ?? 'POST';
		const workflow = this.workflow(test);
		const rawBody = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body);
		const headers = Object.fromEntries(
			Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]),
		);
		let body: unknown = {};
		if (/json/i.test(headers['content-type'] ?? '') && rawBody.length > 0)
			body = JSON.parse(rawBody.toString('utf8'));
		const request = {
			method,
			headers,
			rawBody,
			body,
			query: {},
			params: {},
			header: (name: string) => headers[name.toLowerCase()],
		};
		const response = fakeResponse();
		const additionalData = this.additionalData({
			httpRequest: request,
			httpResponse: response,
		} as IDataObject);
		const webhookData = this.webhookData(workflow, method === 'GET' ? 'setup' : 'default', test);
		const context = new WebhookContext(
			workflow,
			this.node,
			additionalData,
			test ? 'manual' : 'webhook',
			webhookData,
			[],
			null,
		);
		// By default each delivery meets a fresh process (queue mode: any process may take it).
		const nodeType = options.sameProcess ? this.process : new WhatsAppSendTrigger();
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			if (!test) this.save(workflow, test);
			throw error;
		}
		// n8n-core 2.41's WebhookHelpers.executeWebhook calls LiveWebhooks' response callback, which saves
		// the static data if it changed, at once when the node answered itself (`noWebhookResponse`) or
		// started nothing; for an `onReceived` webhook that starts an execution, only after
		// WorkflowRunner.run(), whose establishContextForPersistence first builds a Workflow on the same
		// static data object, and that clears its "changed" mark (ObservableObject.create).
		const startsAfterAnswer = result.noWebhookResponse === true || !result.workflowData;
		if (!startsAfterAnswer)
			new Workflow({
				id: workflow.id,
				name: workflow.name,
				nodes: [this.node],
				connections: {},
				active: true,
				nodeTypes: workflow.nodeTypes,
				staticData: workflow.staticData,
			});
		if (!test) this.save(workflow, test);
		const answered = result.noWebhookResponse
			? { status: response.statusCode, body: response.body }
			: undefined;
		if (answered && !result.workflowData) return answered;
		if (!result.workflowData)
			return { status: 200, body: result.webhookResponse ?? { message: 'Webhook call received' } };

		// WebhookHelpers.executeWebhook: the trigger's items start the execution; `onReceived` answers at once.
		const runData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: this.node, data: { main: result.workflowData }, source: null },
				],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			'webhook',
			runData,
		).processRunExecutionData(workflow);
		const output = (run.data.resultData.runData[TRIGGER_NAME]?.[0]?.data?.main?.[0] ??
			[]) as INodeExecutionData[];
		this.executions.push(output);
		return {
			...(answered ?? { status: 200, body: { message: 'Workflow was started' } }),
			execution: output,
		};
	}
}
