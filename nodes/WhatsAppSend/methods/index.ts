import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { loadJson } from '../http/editorLists';
import { ListSearchRefusal } from '../output/errors';
import type { ProviderRegistry } from '../providers';
import type { ListSearch, ListSearchContext, ProviderPlugin } from '../providers/types';

type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
) => Promise<INodeListSearchResult>;

/** A parameter as the editor holds it now: a resource locator's value, whichever mode it is in. */
function currentValue(context: ILoadOptionsFunctions, name: string): unknown {
	let value: unknown;
	try {
		value = context.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		value = context.getCurrentNodeParameter(name);
	}
	return value && typeof value === 'object' ? (value as { value?: unknown }).value : value;
}

/** One provider's list search as n8n calls it, with the provider's API in reach. */
function method(provider: ProviderPlugin, search: ListSearch): ListSearchMethod {
	return async function (this: ILoadOptionsFunctions, filter?: string) {
		const context: ListSearchContext = {
			getJson: async (path, qs) => await loadJson(this, provider, path, qs),
			currentValue: (name) => currentValue(this, name),
		};
		try {
			return await search(context, filter);
		} catch (error) {
			throw shownInEditor(this, error);
		}
	};
}

/** A list search's refusal as the editor shows it: the message, and what to do. Other errors pass as they are. */
function shownInEditor(context: ILoadOptionsFunctions, error: unknown): unknown {
	return error instanceof ListSearchRefusal
		? new NodeOperationError(context.getNode(), error.message, { description: error.description })
		: error;
}

/** The list-search method names the properties name (`typeOptions.searchListMethod`), however deep. */
function namedSearches(properties: readonly unknown[]): Set<string> {
	const names = new Set<string>();
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object') {
			const method = (value as { searchListMethod?: unknown }).searchListMethod;
			if (typeof method === 'string') names.add(method);
			Object.values(value).forEach(visit);
		}
	};
	visit(properties);
	return names;
}

/** The list searches a node's properties use, each from the provider that defines it. */
export function listSearchFor(
	registry: ProviderRegistry,
	properties: INodeProperties[],
): Record<string, ListSearchMethod> {
	const used = namedSearches(properties);
	const methods: Record<string, ListSearchMethod> = {};
	for (const provider of Object.values(registry)) {
		for (const [name, search] of Object.entries(provider.editor.listSearch ?? {})) {
			if (used.has(name)) methods[name] = method(provider, search);
		}
	}
	return methods;
}
