import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { secretsOf } from '../output/secrets';
import type { ProviderPlugin } from '../providers/types';
import { readBaseUrl } from './urls';

/** The credential's values the node needs, checked before anything is sent. */
export interface ProviderAccess {
	credentials: ICredentialDataDecryptedObject;
	secrets: string[];
	baseUrl: string;
}

/**
 * Reads and checks the credential: a Base URL that is not one, or a setting no HTTP client can send
 * (bitbybit's API Key Header), is a ConfigurationError raised before the first request, saying what is
 * wrong without repeating what may be a pasted key.
 */
export function checkAccess(
	provider: ProviderPlugin,
	credentials: ICredentialDataDecryptedObject,
): ProviderAccess {
	const secrets = secretsOf(credentials, provider.credential.secretFields);
	const baseUrl = readBaseUrl(credentials.baseUrl);
	provider.checkCredentials?.(credentials);
	return { credentials, secrets, baseUrl };
}
