import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/auth/me',
			method: 'GET',
		},
	};
}
