import type { INodeProperties } from 'n8n-workflow';

import type { ProviderRegistry } from '../providers';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	MAX_CONCURRENCY,
	MAX_RETRIES,
} from '../run/settings';
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
