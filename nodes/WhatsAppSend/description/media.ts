import type { INodeProperties } from 'n8n-workflow';

const MEDIA = ['image', 'video', 'audio', 'document', 'sticker'];

/** Where the media comes from; captions and file names are the providers' own (their slots). */
export const mediaProperties: INodeProperties[] = [
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [
			{ name: 'URL', value: 'url', description: 'A public http(s) link to the file' },
			{
				name: 'Binary Data',
				value: 'binary',
				description:
					'A file in the input item, e.g. from Read/Write Files from Disk or an HTTP download. Only the self-hosted Multi-Session API takes files; the hosted providers need a link.',
			},
		],
		default: 'url',
		displayOptions: { show: { messageType: MEDIA } },
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		description:
			'Public http(s) link to the file. For the Multi-Session API the node downloads the file and uploads it. With the Vobiz option Use Media ID: the Meta media ID instead.',
		displayOptions: { show: { messageType: MEDIA, mediaSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the input item’s binary field that holds the file, e.g. data',
		hint: 'The name of the input binary field that holds the file',
		displayOptions: { show: { messageType: MEDIA, mediaSource: ['binary'] } },
	},
];

export const locationProperties: INodeProperties[] = [
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { numberPrecision: 7, minValue: -90, maxValue: 90 },
		default: 0,
		required: true,
		description: 'Between -90 and 90, e.g. -6.2088',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { numberPrecision: 7, minValue: -180, maxValue: 180 },
		default: 0,
		required: true,
		description: 'Between -180 and 180, e.g. 106.8456',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		description: 'Name of the place, shown above the address',
		displayOptions: { show: { messageType: ['location'] } },
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		description: 'Street address shown under the place name',
		displayOptions: { show: { messageType: ['location'] } },
	},
];

export const contactProperties: INodeProperties[] = [
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		required: true,
		description: 'Name shown on the contact card',
		displayOptions: { show: { messageType: ['contact'] } },
	},
	{
		displayName: 'Contact Phone',
		name: 'contactPhone',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+62 812-3456-7890',
		description: 'Phone number on the card, with country code',
		displayOptions: { show: { messageType: ['contact'] } },
	},
];

export const pollProperties: INodeProperties[] = [
	{
		displayName: 'Poll Question',
		name: 'pollQuestion',
		type: 'string',
		default: '',
		required: true,
		description: 'The question shown above the answers',
		displayOptions: { show: { messageType: ['poll'] } },
	},
	{
		displayName: 'Poll Options',
		name: 'pollOptions',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Option' },
		default: [],
		description: 'Between 2 and 12 answers. As one expression: a JSON array such as ["Yes", "No"].',
		displayOptions: { show: { messageType: ['poll'] } },
	},
];
