import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialsForProviders, properties } from './description';
import { listSearch } from './methods';
import { sendItems } from './send';

export class WhatsAppSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Send',
		name: 'whatsAppSend',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["messageType"] + " via " + $parameter["provider"]}}',
		description: 'Send WhatsApp text, media and template messages through bitbybit, Vobiz, Callbell or a self-hosted Multi-Session API',
		defaults: { name: 'WhatsApp Send' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsForProviders,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendItems(this);
	}
}
