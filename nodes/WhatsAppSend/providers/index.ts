import type { MessageType } from '../input/message';
import { bitbybit } from './bitbybit';
import { callbell } from './callbell';
import { multiSession } from './multiSession';
import type { ProviderPlugin } from './types';
import { vobiz } from './vobiz';

/**
 * A provider as a registry holds it: its hooks are typed by its own extras, prepared form and message
 * types, which differ from provider to provider. The node hands each provider only the messages it
 * read itself (`readMessageFrom`) and what its own `prepare` made of them, so the registry may forget
 * those types.
 */
export function registered<Extras, Prepared, Type extends MessageType>(
	provider: ProviderPlugin<Extras, Prepared, Type>,
): ProviderPlugin {
	return provider as unknown as ProviderPlugin;
}

/**
 * The providers the nodes offer, one line each, in the order the editor shows their fields. Every list
 * of providers — the editor's options, credentials and list searches, pacing defaults, dry-run headers,
 * error wording, the trigger's webhook halves — is derived from it.
 */
export const PROVIDERS = {
	bitbybit: registered(bitbybit),
	vobiz: registered(vobiz),
	callbell: registered(callbell),
	multiSession: registered(multiSession),
} satisfies ProviderRegistry;

export type ProviderId = keyof typeof PROVIDERS;

/** Providers by id, each under its own `id`: PROVIDERS in n8n, more in a test. */
export type ProviderRegistry = Readonly<Record<string, ProviderPlugin>>;

export function findProvider(registry: ProviderRegistry, id: string): ProviderPlugin | undefined {
	return Object.prototype.hasOwnProperty.call(registry, id) ? registry[id] : undefined;
}

/** The registry's ids, for messages that say what would be valid: "bitbybit, vobiz, …". */
export function providerIds(registry: ProviderRegistry): string {
	return Object.keys(registry).join(', ');
}
