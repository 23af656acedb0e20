import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeConnectionType,
} from 'n8n-workflow';

import { credentialsFor } from './description';
import { listSearchFor } from './methods';
import { PROVIDERS } from './providers';
import { triggerProperties, triggerWebhooks } from './trigger/description';
import { checkExists, create, remove } from './trigger/lifecycle';
import { receiveDelivery } from './trigger/receive';

export class WhatsAppSendTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Send Trigger',
		name: 'whatsAppSendTrigger',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ") + " via " + $parameter["provider"]}}',
		description:
			'Starts the workflow when a WhatsApp message sent through bitbybit, Vobiz, Callbell or a self-hosted Multi-Session API is delivered, read or fails, or when a customer replies',
		defaults: { name: 'WhatsApp Send Trigger' },
		inputs: [],
		// A plain 'main' rather than NodeConnectionTypes.Main, which older n8n 1.x releases do not export.
		outputs: ['main' as NodeConnectionType],
		credentials: credentialsFor(PROVIDERS),
		webhooks: triggerWebhooks,
		properties: triggerProperties,
	};

	methods = { listSearch: listSearchFor(PROVIDERS, triggerProperties) };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
