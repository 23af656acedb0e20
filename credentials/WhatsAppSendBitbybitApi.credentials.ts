import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class WhatsAppSendBitbybitApi implements ICredentialType {
	name = 'whatsAppSendBitbybitApi';

	displayName = 'Bitbybit API';

	icon: Icon = 'file:bitbybit.svg';

	documentationUrl = 'https://knowledge.bitbybit.studio';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'bbb_live_…',
			description: 'Created in bitbybit under Settings > Developer. It needs the "messages" scope with WRITE access.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.bitbybit.studio/whatsapp/open/v1',
			description: 'Change only for a bitbybit test environment or a proxy',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the WhatsApp Send Trigger: the signing secret bitbybit shows once when you create a webhook (Settings > Developer > Webhooks). The trigger refuses every event it cannot verify with it.',
		},
		{
			displayName: 'API Key Header',
			name: 'headerName',
			type: 'string',
			default: 'x-api-key',
			description:
				'Header that carries the key. The API reference says x-api-key; if bitbybit tells you to use x-bitbybit-key, enter that here.',
		},
	];

	// A function rather than a generic block: the header's name is itself a setting.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headerName = String(credentials.headerName || 'x-api-key').trim();
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, [headerName]: String(credentials.apiKey ?? '') },
		};
	};

	// bitbybit has no "who am I" endpoint. A send with an empty body is refused with 400 VALIDATION_ERROR
	// when the key is good and 401 when it is not — and nothing is sent either way. So a 400 is the
	// success here: every other status fails with its reason. n8n 1.x treats `ignoreHttpStatusErrors`
	// as plain "true"; the body rules below then still catch bitbybit's own error codes.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/messages/send',
			method: 'POST',
			body: {},
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403, 404, 405, 429, 500, 502, 503, 504] },
		},
		rules: [
			...BODY_RULES.map(([code, message]) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'error.code', value: code, message },
			})),
		],
	};
}

const BODY_RULES: Array<[string, string]> = [
	['MISSING_API_KEY', 'bitbybit did not find the API key: check the API Key Header setting'],
	['INVALID_API_KEY', 'bitbybit refused the API key: check the key, and the API Key Header setting'],
	['INSUFFICIENT_SCOPE', 'The API key lacks the "messages" WRITE scope'],
	['IP_NOT_ALLOWED', 'The API key does not allow requests from this IP address'],
	['MISSING_COMPANY_ID', 'The API key is not linked to a bitbybit company'],
	['NOT_FOUND', 'Nothing answers at this Base URL: check the Base URL'],
	['RATE_LIMIT_EXCEEDED', 'Rate limit reached: wait a minute and test again'],
	['SERVICE_UNAVAILABLE', 'bitbybit is unavailable: try again later'],
];
