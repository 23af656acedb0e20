import { channelField, WINDOW_NOTICE } from '../shared/fields';
import type { ProviderEditor } from '../types';
import { searchCallbellChannels, searchCallbellTemplates } from './search';

export const callbellEditor: ProviderEditor = {
	messageTypeDescriptions: {
		image: 'A picture from a link, with an optional caption',
		video: 'A video from a link, delivered as a file (Callbell sends it as a document)',
		audio: 'An audio file from a link, delivered as a file (Callbell sends it as a document)',
		document: 'A file such as a PDF, from a link',
	},
	fields: {
		notices: [WINDOW_NOTICE],
		sender: [channelField('searchCallbellChannels', 'By UUID', 'b4a6c3…')],
		caption: [
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Text shown under the image (Callbell shows captions on images only)',
				displayOptions: { show: { messageType: ['image'] } },
			},
		],
		template: [
			{
				displayName: 'Template',
				name: 'template',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description: 'An approved Callbell template',
				displayOptions: { show: { messageType: ['template'] } },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchCallbellTemplates', searchable: true },
					},
					{
						displayName: 'By UUID',
						name: 'id',
						type: 'string',
						placeholder: 'd980fb66fd5043d3bce1aa06ba044342',
					},
				],
			},
		],
	},
	options: [
		{
			displayName: 'Assigned User',
			name: 'assignedUser',
			type: 'string',
			default: '',
			placeholder: 'agent@example.com',
			description: 'Email of the Callbell collaborator the conversation is assigned to',
		},
		{
			displayName: 'Bot Status',
			name: 'botStatus',
			type: 'options',
			options: [
				{ name: 'Start Bot', value: 'bot_start' },
				{ name: 'End Bot', value: 'bot_end' },
			],
			default: 'bot_end',
			description: 'Whether the Callbell bot keeps answering this contact',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'json',
			default: '{}',
			description: 'Up to 10 string values returned in Callbell webhooks, e.g. {"orderId": "123"}',
		},
		{
			displayName: 'Team UUID',
			name: 'teamUuid',
			type: 'string',
			default: '',
			description: 'Callbell team the conversation is assigned to',
		},
	],
	listSearch: { searchCallbellChannels, searchCallbellTemplates },
};
