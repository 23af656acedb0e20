import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { WhatsAppSend } from '../../nodes/WhatsAppSend/WhatsAppSend.node';
import { additionalDataFor, NODE_TYPE, TestNodeTypes, testNode } from './engine';

/**
 * Calls one of the node's list-search methods the way the editor does: with n8n-core's LoadOptionsContext
 * for a node holding `parameters`, and the test credentials applied by the real `authenticate`.
 */
export async function runListSearch(
	method: string,
	options: {
		parameters: INodeParameters;
		credentials: Record<string, IDataObject>;
		filter?: string;
		paginationToken?: string;
	},
): Promise<INodeListSearchResult> {
	const nodeType = new WhatsAppSend();
	const node = testNode(options.parameters, options.credentials);
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [NODE_TYPE]: nodeType }),
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'list-search', {
		id: 'wf',
		nodes: [node],
	} as never);
	const additionalData = additionalDataFor(options.credentials, hooks);
	additionalData.currentNodeParameters = options.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = (
		nodeType.methods.listSearch as Record<
			string,
			(this: LoadOptionsContext, filter?: string, token?: string) => Promise<INodeListSearchResult>
		>
	)[method];
	if (!search) throw new Error(`No list search ${method}`);
	return await search.call(context, options.filter, options.paginationToken);
}
