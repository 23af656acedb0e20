import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { providerRequest, REDIRECT_RULES } from './providerRequest';

export class WhatsAppSendMultiSessionApi implements ICredentialType {
	name = 'whatsAppSendMultiSessionApi';

	displayName = 'WhatsApp Multi-Session API';

	icon: Icon = 'file:whatsAppMultiSession.svg';

	documentationUrl = 'https://github.com/gdbrns/go-whatsapp-multi-session-rest-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:7001',
			required: true,
			description: 'Where your WhatsApp Multi-Session REST API runs, including any path prefix',
		},
		{
			displayName: 'Device Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The device JWT returned when the device was created (POST /devices or /devices/token). With or without a leading "Bearer ".',
		},
	];

	// The server rejects a header without the Bearer scheme; people paste the token both ways.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const token = String(credentials.token ?? '')
			.trim()
			.replace(/^bearer\s+/i, '');
		return providerRequest(requestOptions, { Authorization: `Bearer ${token}` });
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/devices/me/status',
			method: 'GET',
			disableFollowRedirect: true,
		},
		rules: [
			...REDIRECT_RULES,
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.is_logged_in',
					value: false,
					message:
						'The token works, but this device is not paired with a phone: pair it first (scan the QR code from POST /devices/me/login), then test again',
				},
			},
		] as ICredentialTestRequest['rules'],
	};
}
