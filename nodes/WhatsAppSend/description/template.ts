import type { INodeProperties } from 'n8n-workflow';

const TEMPLATE = ['template'];

export const templateProperties: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: 'Name of the approved template in bitbybit',
		displayOptions: { show: { provider: ['bitbybit'], messageType: TEMPLATE } },
	},
	{
		displayName: 'Template Source',
		name: 'templateSource',
		type: 'options',
		options: [
			{ name: 'CRM (Business Templates)', value: 'CRM' },
			{ name: 'AUTH (One-Time Password Templates)', value: 'AUTH' },
		],
		default: 'CRM',
		description: 'CRM for business templates, AUTH for one-time password templates',
		displayOptions: { show: { provider: ['bitbybit'], messageType: TEMPLATE } },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'An approved template of the chosen channel. A pick from the list names one language (stored as name:language); By Name takes the template name, optionally followed by :language.',
		displayOptions: { show: { provider: ['vobiz'], messageType: TEMPLATE } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVobizTemplates', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'order_confirmation' },
		],
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'An approved Callbell template',
		displayOptions: { show: { provider: ['callbell'], messageType: TEMPLATE } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCallbellTemplates', searchable: true },
			},
			{ displayName: 'By UUID', name: 'id', type: 'string', placeholder: 'd980fb66fd5043d3bce1aa06ba044342' },
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
		displayOptions: { show: { provider: ['vobiz'], messageType: TEMPLATE } },
	},
	{
		displayName: 'Template Parameters',
		name: 'templateParameters',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Parameter' },
		default: [],
		description:
			'Values for {{1}}, {{2}}, … in order (Vobiz: a text header’s variable first, then the body’s). As one expression: a JSON array such as ["Ann", "#1042"].',
		displayOptions: { show: { messageType: TEMPLATE } },
	},
	{
		displayName: 'Template Media URL',
		name: 'templateMediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/header.jpg',
		description:
			'Public http(s) link for the template’s image, video or document header: required for such templates (Vobiz, Callbell), empty for others. For bitbybit it replaces the template’s default media.',
		displayOptions: { show: { messageType: TEMPLATE } },
	},
	{
		displayName: 'Template Button Parameter',
		name: 'templateButtonParameter',
		type: 'string',
		default: '',
		description:
			'Value for the {{1}} in the link of the template’s URL button; required when the template has such a button, empty otherwise',
		displayOptions: { show: { provider: ['vobiz'], messageType: TEMPLATE } },
	},
];
