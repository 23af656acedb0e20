import type { INodeProperties } from 'n8n-workflow';

// Editor fields several providers define alike; the node shows each once, for all of them.

/** The hosted providers send through Meta's Cloud API, which keeps free-form messages to its 24-hour window. */
export const WINDOW_NOTICE: INodeProperties = {
	displayName:
		'Free-form messages reach only customers who wrote to you in the last 24 hours. Outside that window, or for a first contact, send a Template.',
	name: 'windowNotice',
	type: 'notice',
	default: '',
	displayOptions: { hide: { messageType: ['template'] } },
};

export const MEDIA_CAPTION: INodeProperties = {
	displayName: 'Caption',
	name: 'caption',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'Text shown under the media',
	displayOptions: { show: { messageType: ['image', 'video', 'document'] } },
};

export const DOCUMENT_FILE_NAME: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'invoice.pdf',
	description:
		'Name the recipient sees for the document. Leave empty to use the file’s own name (Multi-Session) or let WhatsApp choose (Vobiz).',
	displayOptions: { show: { messageType: ['document'] } },
};

/** The WhatsApp channel (phone number) a message goes out from, picked from a list or typed. */
export function channelField(
	searchListMethod: string,
	idLabel: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The WhatsApp channel (phone number) to send from',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: idLabel, name: 'id', type: 'string', placeholder },
		],
	};
}
