import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import type { ICredentialsDecrypted, IDataObject, INode, INodeType } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { CREDENTIAL_TYPES, withDefaults } from './credentials';
import { additionalDataFor, TestNodeTypes } from './engine';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

type RoutingError = Error & {
	cause?: { response?: { status: number; statusText?: string }; code?: string };
};

/**
 * Runs a credential type's `test` request the way n8n's CredentialsTester does: a one-property declarative
 * node whose routing request is the test request, run through n8n-core's RoutingNode with the credential's
 * real `authenticate`; then n8n's rules: a non-2xx answer fails (a `responseCode` rule may name the message),
 * and `responseSuccessBody` rules can fail a 2xx answer.
 */
export async function testCredential(
	typeName: string,
	data: IDataObject,
): Promise<CredentialTestResult> {
	const credentialType = CREDENTIAL_TYPES[typeName];
	const testRequest = credentialType.test;
	if (!testRequest) throw new Error(`${typeName} has no test`);
	const decrypted = withDefaults(typeName, data);
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'cred', name: 'Test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ credentialTest: nodeType }),
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', {
		id: 'wf',
		nodes: [node],
	} as never);
	const additionalData = additionalDataFor({ [typeName]: data }, hooks);
	const runExecutionData = createRunExecutionData({ executionData: null });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentials: ICredentialsDecrypted = {
		id: 'cred',
		name: 'Test',
		type: typeName,
		data: decrypted,
	};
	let response;
	try {
		response = await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (caught) {
		const error = caught as RoutingError;
		const answer = error.cause?.response;
		if (answer) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === answer.status) {
					return { status: 'Error', message: String(rule.properties.message) };
				}
			}
			return {
				status: 'Error',
				message: answer.statusText || `Received HTTP status code: ${answer.status}`,
			};
		}
		if (error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: error.message };
	}
	const json = response?.[0]?.[0]?.json ?? {};
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = String(rule.properties.key)
			.split('.')
			.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], json);
		if (value === rule.properties.value)
			return { status: 'Error', message: String(rule.properties.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
