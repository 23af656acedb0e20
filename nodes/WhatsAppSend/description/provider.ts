import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { MessageType } from '../input/message';
import type { ProviderRegistry } from '../providers';

const MESSAGE_TYPE_LABELS: Record<MessageType, { name: string; description: string }> = {
	text: { name: 'Text', description: 'A plain text message' },
	image: { name: 'Image', description: 'A picture, with an optional caption' },
	video: { name: 'Video', description: 'A video, with an optional caption' },
	audio: { name: 'Audio', description: 'An audio file' },
	document: { name: 'Document', description: 'A file such as a PDF' },
	sticker: { name: 'Sticker', description: 'A WebP sticker' },
	template: {
		name: 'Template',
		description: 'An approved template; works outside the 24-hour window',
	},
	location: { name: 'Location', description: 'A map pin with optional name and address' },
	contact: { name: 'Contact', description: 'A contact card' },
	poll: { name: 'Poll', description: 'A question with 2 to 12 answers' },
};

/** The Provider parameter: one option per provider, alphabetically as the editor lists options. */
export function providerProperty(registry: ProviderRegistry): INodeProperties {
	const providers = Object.values(registry);
	const first = providers[0]?.id ?? '';
	return {
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: providers
			.map(({ id, labels }) => ({
				name: labels.option.name,
				value: id,
				description: labels.option.description,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: first,
		description: 'The WhatsApp provider your company uses; each has its own credential',
	};
}

/**
 * n8n hides the Provider parameter, because the credentials depend on it: the editor switches provider
 * through *Credential to connect with*, which lists the credentials of every provider, and picks one for
 * a new node by itself (n8n 1.123: the last one listed; 2.x: the most recently saved). So the node says
 * which provider it sends through, and how to choose another.
 */
export function providerNotices(registry: ProviderRegistry): INodeProperties[] {
	return Object.values(registry).map(({ id, labels }) => ({
		displayName: `Sends through ${labels.name}, the provider of the credential above. To send through another provider, choose or create its credential there.`,
		name: 'providerNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { provider: [id] } },
	}));
}

/** One `messageType` per provider, listing only what that provider can send. */
export function messageTypeProperties(registry: ProviderRegistry): INodeProperties[] {
	return Object.values(registry).map(({ id, messageTypes, editor }) => ({
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { provider: [id] } },
		options: messageTypes.map((type) => ({
			name: MESSAGE_TYPE_LABELS[type].name,
			value: type,
			description: editor.messageTypeDescriptions?.[type] ?? MESSAGE_TYPE_LABELS[type].description,
			action: `Send ${MESSAGE_TYPE_LABELS[type].name.toLowerCase()} message`,
		})),
		default: 'text',
	}));
}

/** Each provider's credential type, required when that provider is chosen. */
export function credentialsFor(registry: ProviderRegistry): INodeCredentialDescription[] {
	return Object.values(registry).map(({ id, credential }) => ({
		name: credential.type,
		required: true,
		displayOptions: { show: { provider: [id] } },
	}));
}
