import type { INodeProperties } from 'n8n-workflow';

const TEMPLATE = ['template'];

/** The values every provider's templates take; which template, and any more, are the providers' own. */
export const templateValueProperties: INodeProperties[] = [
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
];
