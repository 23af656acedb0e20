import { findProvider } from '../providers';
import type { ProviderRegistry } from '../providers';
import type { TriggerProvider } from './types';

/** The registry's providers that have a webhook half: the ones the trigger offers. */
export function triggerProviders(registry: ProviderRegistry): Record<string, TriggerProvider> {
	return Object.fromEntries(
		Object.values(registry).flatMap((provider) =>
			provider.webhook ? [[provider.id, { ...provider, webhook: provider.webhook }]] : [],
		),
	);
}

/** The trigger's provider by the id its `provider` parameter holds. */
export function findTriggerProvider(
	registry: ProviderRegistry,
	id: string,
): TriggerProvider | undefined {
	return findProvider(triggerProviders(registry), id) as TriggerProvider | undefined;
}
