import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class WhatsAppSendVobizApi implements ICredentialType {
	name = 'whatsAppSendVobizApi';

	displayName = 'Vobiz API';

	icon: Icon = 'file:vobiz.svg';

	documentationUrl = 'https://docs.vobiz.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth ID',
			name: 'authId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'MA_XXXXXXXX',
			description: 'Your account id, shown in the Vobiz console next to the Auth Token',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown in the Vobiz console (API credentials)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.vobiz.ai',
			description: 'Change only for a Vobiz test environment or a proxy',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Auth-ID': '={{$credentials.authId}}',
				'X-Auth-Token': '={{$credentials.authToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/auth/me',
			method: 'GET',
		},
	};
}
