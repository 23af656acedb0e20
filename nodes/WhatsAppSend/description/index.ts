import type { INodeProperties } from 'n8n-workflow';

import { contactProperties, locationProperties, mediaProperties, pollProperties } from './media';
import {
	callbellChannelProperty,
	freeFormNotice,
	multiSessionRecipientProperty,
	recipientProperty,
	sourceProperty,
	textProperty,
	vobizChannelProperty,
} from './message';
import { optionsProperty } from './options';
import { messageTypeProperties, providerProperty } from './provider';
import { templateProperties } from './template';

export { credentialsForProviders } from './provider';

export const properties: INodeProperties[] = [
	providerProperty,
	...messageTypeProperties,
	freeFormNotice,
	sourceProperty,
	vobizChannelProperty,
	callbellChannelProperty,
	recipientProperty,
	multiSessionRecipientProperty,
	textProperty,
	...mediaProperties,
	...locationProperties,
	...contactProperties,
	...pollProperties,
	...templateProperties,
	optionsProperty,
];
