import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkAccess } from '../http/access';
import type { ProviderAccess } from '../http/access';
import { ConfigurationError } from '../output/errors';
import { configurationToNodeError } from '../output/nodeErrors';
import { scrubError, secretsOf } from '../output/secrets';
import { findProvider, providerIds } from '../providers';
import type { ProviderRegistry } from '../providers';
import type { ProviderPlugin } from '../providers/types';

/** What the whole run needs before any item: the provider and its checked credential. */
export interface RunSetup {
	provider: ProviderPlugin;
	access: ProviderAccess;
}

/** The provider and its credential, read and checked: any failure here happens before anything is sent. */
export async function readSetup(
	context: IExecuteFunctions,
	node: INode,
	registry: ProviderRegistry,
): Promise<RunSetup> {
	const providerId = context.getNodeParameter('provider', 0) as string;
	const provider = findProvider(registry, providerId);
	if (!provider) {
		throw new NodeOperationError(node, `Unknown provider "${providerId}"`, {
			description: `Valid: ${providerIds(registry)}`,
		});
	}
	const credentials = await context.getCredentials(provider.credential.type);
	try {
		// A Base URL or header the node cannot use fails the run as a whole, before any item.
		return { provider, access: checkAccess(provider, credentials) };
	} catch (error) {
		const secrets = secretsOf(credentials, provider.credential.secretFields);
		if (error instanceof ConfigurationError)
			throw scrubError(configurationToNodeError(node, provider.id, error), secrets);
		throw scrubError(new NodeOperationError(node, error as Error), secrets);
	}
}
