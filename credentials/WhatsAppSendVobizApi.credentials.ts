import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { providerRequest, REDIRECT_RULES } from './providerRequest';

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

	// A function rather than a generic block, so that every request with these credentials also never
	// follows a redirect and a Test has a deadline (see providerRequest).
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		providerRequest(requestOptions, {
			'X-Auth-ID': String(credentials.authId ?? '').trim(),
			'X-Auth-Token': String(credentials.authToken ?? '').trim(),
		});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/auth/me',
			method: 'GET',
			disableFollowRedirect: true,
		},
		rules: REDIRECT_RULES,
	};
}
