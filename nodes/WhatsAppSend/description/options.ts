import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 3;

/** Everything optional. Provider-specific options show only for their provider. */
export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Allow Private Media Hosts',
			name: 'allowPrivateMediaHosts',
			type: 'boolean',
			default: false,
			description:
				'Whether Media URL links (and their redirects) may point to localhost or a private, loopback or link-local address. Off, they are refused, so nobody can make the node read internal services.',
			displayOptions: { show: { '/provider': ['multiSession'] } },
		},
		{
			displayName: 'Assigned User',
			name: 'assignedUser',
			type: 'string',
			default: '',
			placeholder: 'agent@example.com',
			description: 'Email of the Callbell collaborator the conversation is assigned to',
			displayOptions: { show: { '/provider': ['callbell'] } },
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
			displayOptions: { show: { '/provider': ['callbell'] } },
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 5,
			description:
				'How many messages are in flight at once. Sending waits mostly on the provider, so more in flight is faster, up to Messages Per Second: about rate × response time, e.g. 50/s × 0.2 s = 10.',
		},
		{
			displayName: 'Country Code (Bitbybit)',
			name: 'countryCode',
			type: 'string',
			default: '',
			placeholder: 'ID',
			description: 'Two-letter country bitbybit uses to format the number, e.g. ID or IN',
			displayOptions: { show: { '/provider': ['bitbybit'] } },
		},
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '',
			placeholder: '62',
			description: 'Calling code for numbers written locally with a leading 0, e.g. 62 turns 0812… into +62812…',
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to return the exact request instead of sending it (secrets masked)',
		},
		{
			displayName: 'Ignore Active Ticket',
			name: 'ignoreActiveTicket',
			type: 'boolean',
			default: false,
			description: 'Whether bitbybit skips the send while an agent is handling the chat',
			displayOptions: { show: { '/provider': ['bitbybit'] } },
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often a message is retried when the provider certainly did not accept it (rate limit, 503, connection refused)',
		},
		{
			displayName: 'Max Upload Size (MB)',
			name: 'maxUploadSizeMb',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 1 },
			default: 8,
			description:
				'Largest request your Multi-Session server accepts: its HTTP_BODY_LIMIT_SIZE, 8 MB unless you raised it. Larger media are refused before they are downloaded or sent.',
			displayOptions: { show: { '/provider': ['multiSession'] } },
		},
		{
			displayName: 'Messages Per Second',
			name: 'messagesPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description:
				'Highest sending rate across all items, retries included. 0 uses a pace below the provider’s limit: bitbybit 1.6 (limit 100 a minute), Vobiz 20, Callbell 50 (limit 300), Multi-Session unpaced.',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'json',
			default: '{}',
			description: 'Up to 10 string values returned in Callbell webhooks, e.g. {"orderId": "123"}',
			displayOptions: { show: { '/provider': ['callbell'] } },
		},
		{
			displayName: 'Presence Simulation',
			name: 'presenceSimulation',
			type: 'boolean',
			default: true,
			description: 'Whether the device appears online around the send (adds 1–3 s per message)',
			displayOptions: { show: { '/provider': ['multiSession'] } },
		},
		{
			displayName: 'Team UUID',
			name: 'teamUuid',
			type: 'string',
			default: '',
			description: 'Callbell team the conversation is assigned to',
			displayOptions: { show: { '/provider': ['callbell'] } },
		},
		{
			displayName: 'Template Header Media Type',
			name: 'templateHeaderType',
			type: 'options',
			options: [
				{ name: 'Automatic', value: 'auto', description: 'The template’s own header type, or else the file extension of Template Media URL' },
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'Video', value: 'video' },
			],
			default: 'auto',
			description:
				'Whether Template Media URL fills an image, video or document header. Needed only for a template Vobiz lists without its components, when the link has no file extension that tells.',
			displayOptions: { show: { '/provider': ['vobiz'], '/messageType': ['template'] } },
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'Milliseconds one request may take in all — connecting, the provider’s answer and its last byte — before the item fails; a media download gets the same',
		},
		{
			displayName: 'Typing Simulation',
			name: 'typingSimulation',
			type: 'boolean',
			default: true,
			description: 'Whether "typing…" shows before the message (adds 1–3 s per message)',
			displayOptions: { show: { '/provider': ['multiSession'] } },
		},
		{
			displayName: 'Use Media ID',
			name: 'mediaId',
			type: 'boolean',
			default: false,
			description: 'Whether Media URL holds a Meta media ID instead of a link',
			displayOptions: { show: { '/provider': ['vobiz'] } },
		},
		{
			displayName: 'View Once',
			name: 'viewOnce',
			type: 'boolean',
			default: false,
			description: 'Whether an image or video can be opened only once',
			displayOptions: { show: { '/provider': ['multiSession'] } },
		},
		{
			displayName: 'Voice Note',
			name: 'voiceNote',
			type: 'boolean',
			default: false,
			description: 'Whether audio is sent as a push-to-talk voice note',
			displayOptions: { show: { '/provider': ['multiSession'] } },
		},
	],
};
