import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	HEADER_NAME_RULE,
	headerNameProblem,
	providerRequest,
	REDIRECT_RULES,
} from './providerRequest';

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
			description:
				'Created in bitbybit under Settings > Developer. It needs the "messages" scope with WRITE access.',
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
			description: `Header that carries the key: ${HEADER_NAME_RULE}. The API reference says x-api-key; if bitbybit tells you to use x-bitbybit-key, enter that here.`,
		},
	];

	// A function rather than a generic block: the header's name is itself a setting.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headerName = String(credentials.headerName || 'x-api-key').trim();
		const problem = headerNameProblem(headerName);
		// Said here, in words, rather than as the HTTP client's ERR_INVALID_HTTP_TOKEN; nothing is sent.
		if (problem)
			throw new Error(
				`API Key Header "${headerName.slice(0, 60)}" ${problem}: use ${HEADER_NAME_RULE}`,
			);
		return providerRequest(requestOptions, {
			[headerName]: String(credentials.apiKey ?? '').trim(),
		});
	};

	// bitbybit has no "who am I" endpoint. A send with an empty body is refused with 400 VALIDATION_ERROR
	// when the key is good and 401 when it is not — and nothing is sent either way. So only that answer
	// passes: n8n 2.x lets no other status through (`except`: every status but 2xx and 400, and the
	// response-code rules name the common ones), and for n8n 1.x, which treats `ignoreHttpStatusErrors` as
	// plain "true", the body rules fail every answer without a bitbybit error code (an HTML page, another
	// API) and every bitbybit error code other than VALIDATION_ERROR.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/messages/send',
			method: 'POST',
			body: {},
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: { ignore: true, except: NOT_THE_EMPTY_SEND_ANSWER },
		},
		rules: [
			...REDIRECT_RULES,
			...STATUS_RULES,
			...BODY_RULES.map(
				([code, message]): IAuthenticateRuleResponseSuccessBody => ({
					type: 'responseSuccessBody',
					properties: { key: 'error.code', value: code, message },
				}),
			),
		] as ICredentialTestRequest['rules'],
	};
}

/** Every HTTP status but 2xx (left to the body rules) and the 400 a good key gets. */
const NOT_THE_EMPTY_SEND_ANSWER = Array.from({ length: 500 }, (_, i) => i + 100).filter(
	(status) => status !== 400 && (status < 200 || status > 299),
);

const STATUS_RULES: IAuthenticateRuleResponseCode[] = [
	[401, 'bitbybit refused the API key: check the key, and the API Key Header setting'],
	[
		403,
		'The API key lacks the "messages" WRITE scope, or does not allow requests from this IP address',
	],
	[404, 'Nothing answers at this Base URL the way bitbybit does: check the Base URL'],
	[429, 'Rate limit reached: wait a minute and test again'],
	[503, 'bitbybit is unavailable: try again later'],
].map(([value, message]) => ({
	type: 'responseCode',
	properties: { value: value as number, message: message as string },
}));

const BODY_RULES: Array<[string | undefined, string]> = [
	[
		undefined,
		'Whatever answers at this Base URL is not bitbybit: bitbybit refuses an empty send with its own error code (400 VALIDATION_ERROR), and this answer had none. Check the Base URL.',
	],
	['MISSING_API_KEY', 'bitbybit did not find the API key: check the API Key Header setting'],
	[
		'INVALID_API_KEY',
		'bitbybit refused the API key: check the key, and the API Key Header setting',
	],
	['INSUFFICIENT_SCOPE', 'The API key lacks the "messages" WRITE scope'],
	['IP_NOT_ALLOWED', 'The API key does not allow requests from this IP address'],
	['MISSING_COMPANY_ID', 'The API key is not linked to a bitbybit company'],
	['NOT_FOUND', 'Nothing answers at this Base URL: check the Base URL'],
	['RATE_LIMIT_EXCEEDED', 'Rate limit reached: wait a minute and test again'],
	['SERVICE_UNAVAILABLE', 'bitbybit is unavailable: try again later'],
];
