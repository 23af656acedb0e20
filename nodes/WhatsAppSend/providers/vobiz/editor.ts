import { MEDIA_TYPES } from '../../input/message';
import { channelField, DOCUMENT_FILE_NAME, MEDIA_CAPTION, WINDOW_NOTICE } from '../shared/fields';
import type { ProviderEditor } from '../types';
import { searchVobizChannels, searchVobizTemplates } from './search';

const TEMPLATE = ['template'];

export const vobizEditor: ProviderEditor = {
	fields: {
		notices: [WINDOW_NOTICE],
		sender: [channelField('searchVobizChannels', 'By ID', '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1')],
		caption: [MEDIA_CAPTION],
		fileName: [DOCUMENT_FILE_NAME],
		template: [
			{
				displayName: 'Template',
				name: 'template',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description:
					'An approved template of the chosen channel. A pick from the list names one language (stored as name:language); By Name takes the template name, optionally followed by :language.',
				displayOptions: { show: { messageType: TEMPLATE } },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchVobizTemplates', searchable: true },
					},
					{
						displayName: 'By Name',
						name: 'name',
						type: 'string',
						placeholder: 'order_confirmation',
					},
				],
			},
			{
				displayName: 'Template Language',
				name: 'templateLanguage',
				type: 'string',
				default: '',
				placeholder: 'en_US',
				description:
					'Language code of the template, e.g. en_US. Needed only when a name typed By Name is approved in several languages; when set, it overrides the language of a list pick.',
				displayOptions: { show: { messageType: TEMPLATE } },
			},
		],
		templateExtras: [
			{
				displayName: 'Template Button Parameter',
				name: 'templateButtonParameter',
				type: 'string',
				default: '',
				description:
					'Value for the {{1}} in the link of the template’s URL button; required when the template has such a button, empty otherwise',
				displayOptions: { show: { messageType: TEMPLATE } },
			},
		],
	},
	options: [
		{
			displayName: 'Template Header Media Type',
			name: 'templateHeaderType',
			type: 'options',
			options: [
				{
					name: 'Automatic',
					value: 'auto',
					description:
						'The template’s own header type, or else the file extension of Template Media URL',
				},
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'Video', value: 'video' },
			],
			default: 'auto',
			description:
				'Whether Template Media URL fills an image, video or document header. Needed only for a template Vobiz lists without its components, when the link has no file extension that tells.',
			displayOptions: { show: { '/messageType': TEMPLATE } },
		},
		{
			displayName: 'Use Media ID',
			name: 'mediaId',
			type: 'boolean',
			default: false,
			description: 'Whether Media URL holds a Meta media ID instead of a link',
			displayOptions: {
				show: { '/messageType': [...MEDIA_TYPES] },
			},
		},
	],
	listSearch: { searchVobizChannels, searchVobizTemplates },
};
