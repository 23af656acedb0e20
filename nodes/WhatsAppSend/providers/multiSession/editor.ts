import { MEDIA_TYPES } from '../../input/message';
import { DOCUMENT_FILE_NAME, MEDIA_CAPTION } from '../shared/fields';
import type { ProviderEditor } from '../types';

// Inside the Options collection, `/name` is a parameter of the node itself (n8n 1.x and 2.x alike).
const MEDIA = [...MEDIA_TYPES];

export const multiSessionEditor: ProviderEditor = {
	takesBinaryMedia: true,
	messageTypeDescriptions: { audio: 'An audio file, or a voice note (option Voice Note)' },
	fields: {
		recipient: [
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '',
				required: true,
				placeholder: '6281234567890 or 120363025246125486@g.us',
				description:
					'Recipient phone number with country code (any common format), a user JID such as 6281234567890@s.whatsapp.net, or a group JID ending in @g.us',
			},
		],
		media: [
			{
				displayName:
					'The Multi-Session server reads a document’s first bytes and takes only PDFs, Office files, zip archives and other binary files. It refuses text (CSV, JSON, Markdown), HTML, XML, images, audio and video as documents: zip those first, or send media with its own Message Type.',
				name: 'multiSessionDocumentNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { messageType: ['document'] } },
			},
		],
		caption: [MEDIA_CAPTION],
		fileName: [DOCUMENT_FILE_NAME],
	},
	options: [
		{
			displayName: 'Allow Private Media Hosts',
			name: 'allowPrivateMediaHosts',
			type: 'boolean',
			default: false,
			description:
				'Whether Media URL links (and their redirects) may point to localhost or a private, loopback or link-local address. Off, they are refused, so nobody can make the node read internal services.',
			displayOptions: { show: { '/messageType': MEDIA }, hide: { '/mediaSource': ['binary'] } },
		},
		{
			displayName: 'Max Upload Size (MB)',
			name: 'maxUploadSizeMb',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 1 },
			default: 8,
			description:
				'Largest request your Multi-Session server accepts: its HTTP_BODY_LIMIT_SIZE, 8 MB unless you raised it. Larger media are refused before they are downloaded or sent.',
			displayOptions: { show: { '/messageType': MEDIA } },
		},
		{
			displayName: 'Presence Simulation',
			name: 'presenceSimulation',
			type: 'boolean',
			default: true,
			description: 'Whether the device appears online around the send (adds 1–3 s per message)',
		},
		{
			displayName: 'Typing Simulation',
			name: 'typingSimulation',
			type: 'boolean',
			default: true,
			description: 'Whether "typing…" shows before the message (adds 1–3 s per message)',
		},
		{
			displayName: 'View Once',
			name: 'viewOnce',
			type: 'boolean',
			default: false,
			description: 'Whether an image or video can be opened only once',
			displayOptions: { show: { '/messageType': ['image', 'video'] } },
		},
		{
			displayName: 'Voice Note',
			name: 'voiceNote',
			type: 'boolean',
			default: false,
			description: 'Whether audio is sent as a push-to-talk voice note',
			displayOptions: { show: { '/messageType': ['audio'] } },
		},
	],
};
