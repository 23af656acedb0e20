import type { INodeProperties } from 'n8n-workflow';

import type { ProviderRegistry } from '../providers';
import type { FieldSlot, ProviderPlugin } from '../providers/types';

/**
 * Properties shown only for the providers that define them: each gets the condition on the provider
 * parameter (`provider` for a field, `/provider` inside the Options collection), and a property several
 * providers define alike is shown once, for all of them, where the first of them put it.
 */
function scoped(
	registry: ProviderRegistry,
	contributions: (provider: ProviderPlugin) => readonly INodeProperties[] | undefined,
	key: 'provider' | '/provider',
): INodeProperties[] {
	const merged: Array<{ property: INodeProperties; ids: string[]; signature: string }> = [];
	for (const provider of Object.values(registry)) {
		for (const property of contributions(provider) ?? []) {
			const signature = JSON.stringify(property);
			const same = merged.find((entry) => entry.signature === signature);
			if (same) same.ids.push(provider.id);
			else merged.push({ property, ids: [provider.id], signature });
		}
	}
	return merged.map(({ property, ids }) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { [key]: ids, ...property.displayOptions?.show },
		},
	}));
}

/** The providers' fields for one slot of the node's field order, in registry order. */
export function slotFields(registry: ProviderRegistry, slot: FieldSlot): INodeProperties[] {
	return scoped(registry, (provider) => provider.editor.fields[slot], 'provider');
}

/** The providers' entries of the send node's Options collection. */
export function providerOptions(registry: ProviderRegistry): INodeProperties[] {
	return scopedOptions(registry, (provider) => provider.editor.options);
}

/** Entries of an Options collection that providers contribute, each shown only for its provider. */
export function scopedOptions(
	registry: ProviderRegistry,
	contributions: (provider: ProviderPlugin) => readonly INodeProperties[] | undefined,
): INodeProperties[] {
	return scoped(registry, contributions, '/provider');
}

/** Ids of the providers that fill a slot, e.g. to hide a shared field they replace. */
export function providersFilling(registry: ProviderRegistry, slot: FieldSlot): string[] {
	return Object.values(registry)
		.filter((provider) => (provider.editor.fields[slot] ?? []).length > 0)
		.map((provider) => provider.id);
}
