import type { INodeProperties } from 'n8n-workflow';

export const recipientProperty: INodeProperties = {
	displayName: 'To',
	name: 'to',
	type: 'string',
	default: '',
	required: true,
	placeholder: '+62 812-3456-7890',
	description:
		'Recipient phone number with country code, in any common format (+62 812-3456-7890, 0062…, 62812…). A local number starting with 0 needs the option Default Country Code.',
	displayOptions: { hide: { provider: ['multiSession'] } },
};

export const multiSessionRecipientProperty: INodeProperties = {
	...recipientProperty,
	placeholder: '6281234567890 or 120363025246125486@g.us',
	description:
		'Recipient phone number with country code (any common format), a user JID such as 6281234567890@s.whatsapp.net, or a group JID ending in @g.us',
	displayOptions: { show: { provider: ['multiSession'] } },
};

export const freeFormNotice: INodeProperties = {
	displayName:
		'Free-form messages reach only customers who wrote to you in the last 24 hours. Outside that window, or for a first contact, send a Template.',
	name: 'windowNotice',
	type: 'notice',
	default: '',
	displayOptions: {
		show: { provider: ['bitbybit', 'vobiz', 'callbell'] },
		hide: { messageType: ['template'] },
	},
};

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

export const sourceProperty: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'WhatsApp Cloud API', value: 'whatsapp cloud api' },
		{ name: 'WhatsApp Coex', value: 'whatsapp coex' },
	],
	default: 'whatsapp cloud api',
	description: 'Which bitbybit sending channel to use',
	displayOptions: { show: { provider: ['bitbybit'] } },
};

function channelProperty(provider: 'vobiz' | 'callbell', searchListMethod: string, idLabel: string): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The WhatsApp channel (phone number) to send from',
		displayOptions: { show: { provider: [provider] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: idLabel,
				name: 'id',
				type: 'string',
				placeholder: provider === 'vobiz' ? '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1' : 'b4a6c3…',
			},
		],
	};
}

export const vobizChannelProperty = channelProperty('vobiz', 'searchVobizChannels', 'By ID');
export const callbellChannelProperty = channelProperty('callbell', 'searchCallbellChannels', 'By UUID');
