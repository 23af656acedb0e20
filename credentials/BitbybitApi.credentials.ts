import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class BitbybitApi implements ICredentialType {
	name = 'bitbybitApi';

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
	// when the key is good and 401 when it is not — and nothing is sent either way.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/messages/send',
			method: 'POST',
			body: {},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 401, message: 'bitbybit refused the API key (401): check the key, and the API Key Header setting' } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 403, message: 'The API key lacks the "messages" WRITE scope, or the request comes from an IP address the key does not allow (403)' } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 404, message: 'Nothing answers at this Base URL (404): check the Base URL' } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 429, message: 'Rate limit reached (429): wait a minute and test again' } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 500, message: 'bitbybit answered with a server error (500): try again later' } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 502, message: 'bitbybit is unreachable (502): try again later' } },
			{ type: 'responseSuccessBody', properties: { key: 'statusCode', value: 503, message: 'bitbybit is unavailable (503): try again later' } },
		],
	};
}
