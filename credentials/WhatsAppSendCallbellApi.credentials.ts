import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { providerRequest, REDIRECT_RULES } from './providerRequest';

export class WhatsAppSendCallbellApi implements ICredentialType {
	name = 'whatsAppSendCallbellApi';

	displayName = 'Callbell API';

	icon: Icon = 'file:callbell.svg';

	documentationUrl = 'https://docs.callbell.eu/api/reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in Callbell under Settings > Integrations > API',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_…',
			description:
				'Only for the WhatsApp Send Trigger: generated in Callbell under Settings > API Settings > Webhooks (Generate secret) and shown once. Without it the trigger refuses events unless told to accept unsigned ones.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.callbell.eu/v1',
			description: 'Change only for a proxy',
		},
	];

	// A function rather than a generic block, so that every request with this key also never follows a
	// redirect and a Test has a deadline (see providerRequest).
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		providerRequest(requestOptions, {
			Authorization: `Bearer ${String(credentials.apiKey ?? '').trim()}`,
		});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/auth/me',
			method: 'GET',
			disableFollowRedirect: true,
		},
		rules: REDIRECT_RULES,
	};
}
