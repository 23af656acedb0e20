import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';

import { credentialsForProviders, properties } from './description';
import { listSearch } from './methods';
import { sendItems } from './run/send';

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
		// A plain 'main' rather than NodeConnectionTypes.Main, which older n8n 1.x releases do not export.
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		credentials: credentialsForProviders,
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendItems(this);
	}
}
