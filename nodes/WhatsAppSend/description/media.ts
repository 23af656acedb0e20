import type { INodeProperties } from 'n8n-workflow';

import { MEDIA_TYPES } from '../input/message';
import type { ProviderRegistry } from '../providers';

const MEDIA = [...MEDIA_TYPES];

/** Ids of the providers that take media from the item's binary data. */
export function providersTakingBinary(registry: ProviderRegistry): string[] {
	return Object.values(registry)
		.filter((provider) => provider.editor.takesBinaryMedia === true)
		.map((provider) => provider.id);
}

/**
 * Where the media comes from; captions and file names are the providers' own (their slots). Media
 * Source is offered only to providers that take binary data: for the others, media come from a link.
 */
export function mediaProperties(registry: ProviderRegistry): INodeProperties[] {
	const binary = providersTakingBinary(registry);
	const source: INodeProperties[] = binary.length
		? [
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
								'A file in the input item, e.g. from Read/Write Files from Disk or an HTTP download',
						},
					],
					default: 'url',
					displayOptions: { show: { provider: binary, messageType: MEDIA } },
				},
			]
		: [];
	const linkOnly = Object.keys(registry).filter((id) => !binary.includes(id));
	const mediaUrl: INodeProperties = {
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		description:
			'Public http(s) link to the file. For the Multi-Session API the node downloads the file and uploads it. With the Vobiz option Use Media ID: the Meta media ID instead.',
	};
	return [
		...source,
		// Shown by provider first: the editor keeps a Media Source chosen for another provider (hidden now)
		// in the node's values, so a link-only provider must not look at it.
		...(linkOnly.length
			? [{ ...mediaUrl, displayOptions: { show: { provider: linkOnly, messageType: MEDIA } } }]
			: []),
		...(binary.length
			? [
					{
						...mediaUrl,
						displayOptions: {
							show: { provider: binary, messageType: MEDIA, mediaSource: ['url'] },
						},
					},
				]
			: []),
		...(binary.length
			? [
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						required: true,
						description: 'Name of the input item’s binary field that holds the file, e.g. data',
						hint: 'The name of the input binary field that holds the file',
						displayOptions: {
							show: { provider: binary, messageType: MEDIA, mediaSource: ['binary'] },
						},
					} satisfies INodeProperties,
				]
			: []),
	];
}

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
		displayName: 'Poll Answers',
		name: 'pollOptions',
		type: 'string',
		// Not "Add Option": that is the Options collection's button, shown just below.
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Poll Answer' },
		default: [],
		description:
			'Between 2 and 12 different answers. As one expression: a JSON array such as ["Yes", "No"].',
		displayOptions: { show: { messageType: ['poll'] } },
	},
];
