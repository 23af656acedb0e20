import type { INodeProperties } from 'n8n-workflow';

import type { ProviderRegistry } from '../providers';
import { contactProperties, locationProperties, mediaProperties, pollProperties } from './media';
import { recipientProperty, textProperty } from './message';
import { optionsProperty } from './options';
import { messageTypeProperties, providerNotices, providerProperty } from './provider';
import { slotFields } from './slots';
import { templateValueProperties } from './template';

export { credentialsFor, providerProperty } from './provider';

/**
 * The WhatsApp Send node's parameters: the fields every provider shares, in their one order, with each
 * provider's own fields in its slots between them (providers/types.ts, FieldSlot).
 */
export function sendProperties(registry: ProviderRegistry): INodeProperties[] {
	return [
		providerProperty(registry),
		...providerNotices(registry),
		...messageTypeProperties(registry),
		...slotFields(registry, 'notices'),
		...slotFields(registry, 'sender'),
		recipientProperty(registry),
		...slotFields(registry, 'recipient'),
		textProperty,
		...mediaProperties(registry),
		...slotFields(registry, 'media'),
		...slotFields(registry, 'caption'),
		...slotFields(registry, 'fileName'),
		...locationProperties,
		...contactProperties,
		...pollProperties,
		...slotFields(registry, 'template'),
		...templateValueProperties,
		...slotFields(registry, 'templateExtras'),
		optionsProperty(registry),
	];
}
