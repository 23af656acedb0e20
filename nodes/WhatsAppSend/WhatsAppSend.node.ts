import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';

import { credentialsFor, sendProperties } from './description';
import { listSearchFor } from './methods';
import { PROVIDERS } from './providers';
import type { ProviderRegistry } from './providers';
import { sendItems } from './run/send';

export class WhatsAppSend implements INodeType {
	/** The providers the node offers: PROVIDERS as n8n loads it; a test may hand it another registry. */
	constructor(private readonly registry: ProviderRegistry = PROVIDERS) {}

	description: INodeTypeDescription = {
		displayName: 'WhatsApp Send',
		name: 'whatsAppSend',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["messageType"] + " via " + $parameter["provider"]}}',
		description:
			'Send WhatsApp text, media and template messages through bitbybit, Vobiz, Callbell or a self-hosted Multi-Session API',
		defaults: { name: 'WhatsApp Send' },
		usableAsTool: true,
		// A plain 'main' rather than NodeConnectionTypes.Main, which older n8n 1.x releases do not export.
		inputs: ['main' as NodeConnectionType],
		outputs: ['main' as NodeConnectionType],
		credentials: credentialsFor(this.registry),
		properties: sendProperties(this.registry),
	};

	methods = { listSearch: listSearchFor(this.registry, this.description.properties) };

	// n8n calls this with the execution as `this`, so it sends through the default registry.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendItems(this, PROVIDERS);
	}
}
