import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { MessageType } from '../input/message';
import { PROVIDERS } from '../providers';

const PROVIDER_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Bitbybit', value: 'bitbybit', description: 'Bitbybit Open API (WhatsApp Cloud API or Coex)' },
	{ name: 'Callbell', value: 'callbell', description: 'Callbell messages API' },
	{ name: 'Vobiz', value: 'vobiz', description: 'Vobiz WhatsApp messaging API' },
	{
		name: 'WhatsApp Multi-Session API (Self-Hosted)',
		value: 'multiSession',
		description: 'Your own WhatsApp Multi-Session REST API server (whatsmeow)',
	},
];

const MESSAGE_TYPE_LABELS: Record<MessageType, { name: string; description: string }> = {
	text: { name: 'Text', description: 'A plain text message' },
	image: { name: 'Image', description: 'A picture, with an optional caption' },
	video: { name: 'Video', description: 'A video, with an optional caption' },
	audio: { name: 'Audio', description: 'An audio file or voice note' },
	document: { name: 'Document', description: 'A file such as a PDF, with a file name' },
	sticker: { name: 'Sticker', description: 'A WebP sticker' },
	template: { name: 'Template', description: 'An approved template; works outside the 24-hour window' },
	location: { name: 'Location', description: 'A map pin with optional name and address' },
	contact: { name: 'Contact', description: 'A contact card' },
	poll: { name: 'Poll', description: 'A poll with 2 to 12 options' },
};

export const providerProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: PROVIDER_OPTIONS,
	default: 'bitbybit',
	description: 'The WhatsApp provider your company uses; each has its own credential',
};

/** One `messageType` per provider, listing only what that provider can send. */
export const messageTypeProperties: INodeProperties[] = Object.values(PROVIDERS).map(
	({ id: provider, messageTypes }) => ({
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { provider: [provider] } },
		options: messageTypes.map((type) => ({
			name: MESSAGE_TYPE_LABELS[type].name,
			value: type,
			description: MESSAGE_TYPE_LABELS[type].description,
			action: `Send ${MESSAGE_TYPE_LABELS[type].name.toLowerCase()} message`,
		})),
		default: 'text',
	}),
);

export const credentialsForProviders = Object.values(PROVIDERS).map(({ id: provider, credential }) => ({
	name: credential.type,
	required: true,
	displayOptions: { show: { provider: [provider] } },
}));
