import { WINDOW_NOTICE } from '../shared/fields';
import type { ProviderEditor } from '../types';

const TEMPLATE = ['template'];

export const bitbybitEditor: ProviderEditor = {
	messageTypeDescriptions: {
		image: 'A picture from a link, with its caption (bitbybit requires one)',
	},
	fields: {
		notices: [WINDOW_NOTICE],
		sender: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'WhatsApp Cloud API', value: 'whatsapp cloud api' },
					{ name: 'WhatsApp Coex', value: 'whatsapp coex' },
				],
				default: 'whatsapp cloud api',
				description: 'Which bitbybit sending channel to use',
			},
		],
		caption: [
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				required: true,
				description: 'Text shown under the image. Bitbybit requires one with every image.',
				displayOptions: { show: { messageType: ['image'] } },
			},
		],
		template: [
			{
				displayName: 'Template Name',
				name: 'templateName',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'order_update',
				description: 'Name of the approved template in bitbybit',
				displayOptions: { show: { messageType: TEMPLATE } },
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
				displayOptions: { show: { messageType: TEMPLATE } },
			},
		],
	},
	options: [
		{
			displayName: 'Country Code (Bitbybit)',
			name: 'countryCode',
			type: 'string',
			default: '',
			placeholder: 'ID',
			description: 'Two-letter country bitbybit uses to format the number, e.g. ID or IN',
		},
		{
			displayName: 'Ignore Active Ticket',
			name: 'ignoreActiveTicket',
			type: 'boolean',
			default: false,
			description: 'Whether bitbybit skips the send while an agent is handling the chat',
		},
	],
};
