import type { INodeProperties } from 'n8n-workflow';

import type { ProviderRegistry } from '../providers';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	MAX_CONCURRENCY,
	MAX_RETRIES,
} from '../run/settings';
import { DEFAULT_KEYS_KEPT, MAX_KEYS_KEPT } from '../run/sentRecord';
import { providerOptions } from './slots';

/** The options of every provider; each provider adds its own (shown only for it). */
function sharedOptions(registry: ProviderRegistry): INodeProperties[] {
	const paces = Object.values(registry)
		.map((provider) => provider.pace.summary)
		.join(', ');
	return [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many messages are in flight at once. Sending waits mostly on the provider, so more in flight is faster, up to Messages Per Second: about rate × response time, e.g. 50/s × 0.2 s = 10.',
		},
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '',
			placeholder: '62',
			description:
				'Calling code for numbers written locally with a leading 0, e.g. 62 turns 0812… into +62812…',
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to return the exact request instead of sending it (secrets masked)',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_RETRIES },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often a message is retried when the provider certainly did not accept it (rate limit, 503, connection refused)',
		},
		{
			displayName: 'Messages Per Second',
			name: 'messagesPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `Highest sending rate across all items, retries included. 0 uses a pace below the provider’s limit: ${paces}.`,
		},
		{
			displayName: 'Sent Message Key',
			name: 'sentMessageKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.orderId }}-shipped',
			description:
				'With Skip Messages Already Sent: messages with the same key are the same message. Empty: the provider, the recipient as sent and the content (text; media link or file hash; template and values).',
		},
		{
			displayName: 'Sent Message Scope',
			name: 'sentMessageScope',
			type: 'options',
			options: [
				{
					name: 'This Node',
					value: 'node',
					description: 'Only messages this node sent count',
				},
				{
					name: 'This Workflow',
					value: 'workflow',
					description: 'Messages any WhatsApp Send node of this workflow sent count',
				},
			],
			default: 'node',
			description: 'With Skip Messages Already Sent: whose earlier messages count',
		},
		{
			displayName: 'Sent Messages Kept',
			name: 'sentMessagesKept',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_KEYS_KEPT },
			default: DEFAULT_KEYS_KEPT,
			description:
				'With Skip Messages Already Sent: how many keys n8n keeps; the oldest are forgotten first. Keep it above your largest run.',
		},
		{
			displayName: 'Skip Messages Already Sent',
			name: 'skipAlreadySent',
			type: 'boolean',
			default: false,
			description:
				"Whether to skip a message that was sent (or may have been) by an earlier run, using n8n's database-backed record of processed items (shared by workers). Skipped items get status skipped_duplicate.",
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
	];
}

/** Everything optional, in alphabetical order as the editor lists a collection. */
export function optionsProperty(registry: ProviderRegistry): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...sharedOptions(registry), ...providerOptions(registry)].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
