import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { WhatsAppProvider } from './providers/types';
import { MASK, maskDeep, secretsOf } from './secrets';
import type { OutgoingMessage } from './types';

/** What a dry run returns instead of sending: the exact request, with every secret masked. */
export function dryRunJson(
	provider: WhatsAppProvider<unknown>,
	message: OutgoingMessage,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): IDataObject {
	const secrets = secretsOf(credentials, provider.secretFields);
	const body = Buffer.isBuffer(options.body) ? `<${options.body.length} bytes>` : (options.body as IDataObject);
	return maskDeep(
		{
			provider: provider.id,
			messageType: message.type,
			to: provider.formatRecipient(message),
			dryRun: true,
			request: {
				method: options.method ?? 'GET',
				url: options.url,
				headers: { ...(options.headers as IDataObject), authentication: MASK },
				body: body ?? null,
			},
		},
		secrets,
	);
}
