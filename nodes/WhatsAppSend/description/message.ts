import type { INodeProperties } from 'n8n-workflow';

import type { ProviderRegistry } from '../providers';
import { providersFilling } from './slots';

/** The phone number field every provider takes, unless it brings its own (a provider that also takes JIDs). */
export function recipientProperty(registry: ProviderRegistry): INodeProperties {
	const replaced = providersFilling(registry, 'recipient');
	return {
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+62 812-3456-7890',
		description:
			'Recipient phone number with country code, in any common format (+62 812-3456-7890, 0062…, 62812…). A local number starting with 0 needs the option Default Country Code.',
		...(replaced.length > 0 ? { displayOptions: { hide: { provider: replaced } } } : {}),
	};
}

export const textProperty: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	description: 'The message body. WhatsApp formatting such as *bold* and _italic_ works.',
	displayOptions: { show: { messageType: ['text'] } },
};
