import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { WhatsAppSend } from '../nodes/WhatsAppSend/WhatsAppSend.node';
import { sendItems } from '../nodes/WhatsAppSend/run/send';

function description(
	name: string,
	extra: Partial<INodeTypeDescription> = {},
): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['output'],
		version: 1,
		description: 'benchmark node',
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

/**
 * The ceiling inside n8n: the same POST per item through `httpRequestWithAuthentication`, `concurrency`
 * at a time, with no checks, pacing, retries or output shaping. With `readParameters` it reads `to`
 * and `text` as any node with those parameters must, through `getNodeParameter` (where n8n evaluates
 * their expressions); without, straight from the item's JSON.
 */
export class BareLoop implements INodeType {
	description = description('bareLoop', {
		credentials: [{ name: 'whatsAppSendMultiSessionApi', required: true }],
		properties: [
			{ displayName: 'Base URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 20 },
			{ displayName: 'Read Parameters', name: 'readParameters', type: 'boolean', default: true },
			{ displayName: 'To', name: 'to', type: 'string', default: '' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const readParameters = this.getNodeParameter('readParameters', 0) as boolean;
		const out: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const lane = async () => {
			while (next < items.length) {
				const i = next++;
				const to = readParameters
					? (this.getNodeParameter('to', i) as string)
					: (items[i].json.to as string);
				const text = readParameters
					? (this.getNodeParameter('text', i) as string)
					: (items[i].json.text as string);
				const options: IHttpRequestOptions = {
					method: 'POST',
					url: `${url}/chats/${to}@s.whatsapp.net/messages`,
					body: { text },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 30_000,
				};
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'whatsAppSendMultiSessionApi',
					options,
				)) as IDataObject;
				out[i] = { json: response.body as IDataObject, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: concurrency }, lane));
		return [out];
	}
}

/** The engine's own cost per item: returns its input. */
export class PassThrough implements INodeType {
	description = description('passThrough');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, i) => ({ json: item.json, pairedItem: { item: i } }))];
	}
}

const INSTANT_ANSWER = {
	statusCode: 200,
	headers: { 'content-type': 'application/json' },
	body: {
		status: true,
		code: 200,
		message: 'Success send message',
		data: { message_id: '3EB0BENCH00000001' },
	},
};

/**
 * The WhatsApp Send node with n8n's HTTP helper answered at once: everything the node does per item
 * (parameters, checks, request, pacing, retry bookkeeping, output), and no network.
 */
export class SendWithoutHttp extends WhatsAppSend {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const helpers = {
			...this.helpers,
			httpRequestWithAuthentication: async () => INSTANT_ANSWER,
		};
		const context = new Proxy(this, {
			get(target, property) {
				if (property === 'helpers') return helpers;
				const value = Reflect.get(target, property, target) as unknown;
				return typeof value === 'function'
					? (value as (...args: unknown[]) => unknown).bind(target)
					: value;
			},
		});
		return await sendItems(context);
	}
}
