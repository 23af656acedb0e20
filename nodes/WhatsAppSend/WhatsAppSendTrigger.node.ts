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
import type { ProviderRegistry } from './providers';
import { triggerProperties, triggerWebhooks } from './trigger/description';
import { RecentEvents } from './trigger/dedupe';
import { checkExists, create, remove } from './trigger/lifecycle';
import { triggerProviders } from './trigger/providers';
import { receiveDelivery } from './trigger/receive';

export class WhatsAppSendTrigger implements INodeType {
	/** The providers the trigger offers (those with a webhook half): PROVIDERS as n8n loads it. */
	constructor(private readonly registry: ProviderRegistry = PROVIDERS) {}

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
		credentials: credentialsFor(triggerProviders(this.registry)),
		webhooks: triggerWebhooks,
		properties: triggerProperties(this.registry),
	};

	methods = { listSearch: listSearchFor(this.registry, this.description.properties) };

	// n8n calls these with the workflow's context as `this`, so they serve the default registry.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this, PROVIDERS);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this, PROVIDERS);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this, PROVIDERS);
			},
		},
	};

	/**
	 * n8n loads a node type once per process and calls webhook() with the request's context as `this`:
	 * the closure gives every request this process serves the same memory of recent events.
	 */
	webhook = ((recent: RecentEvents) =>
		async function (this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await receiveDelivery(this, PROVIDERS, recent);
		})(new RecentEvents());
}
