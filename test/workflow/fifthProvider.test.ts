import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { startServer } from '../../fakes/server';
import type { RecordedRequest, RunningServer } from '../../fakes/server';
import type { TextMessage } from '../../nodes/WhatsAppSend/input/message';
import { formatDigits } from '../../nodes/WhatsAppSend/input/recipient';
import { PROVIDERS, registered } from '../../nodes/WhatsAppSend/providers';
import type { ProviderRegistry } from '../../nodes/WhatsAppSend/providers';
import { parseErrorBody, stringAt } from '../../nodes/WhatsAppSend/providers/shared/parse';
import type { ProviderPlugin } from '../../nodes/WhatsAppSend/providers/types';
import { sendItems } from '../../nodes/WhatsAppSend/run/send';
import { WhatsAppSend } from '../../nodes/WhatsAppSend/WhatsAppSend.node';
import { runNode } from '../harness/engine';

// A fifth provider, defined in this file alone — its plugin, its credential and a server that stands in
// for it — added to the registry with one line. Nothing else in the package knows it, yet the node
// offers it, asks for its credential, paces it, shows it in a dry run and sends text through it.

const TOKEN = 'fifth-token-SECRET-0042';

/** The fifth provider's credential type: a token, sent in its own header. */
class FifthGatewayApi implements ICredentialType {
	name = 'fifthGatewayApi';

	displayName = 'Fifth Gateway API';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...options,
		headers: { ...options.headers, 'X-Fifth-Token': String(credentials.token) },
	});
}

/** The whole provider: text only, digits as recipient, one JSON endpoint. */
const fifth: ProviderPlugin<Record<string, never>, TextMessage<Record<string, never>>, 'text'> = {
	id: 'fifthGateway',
	labels: {
		option: { name: 'Fifth Gateway', description: 'A provider that exists only in this test' },
		name: 'Fifth Gateway',
		inSentence: 'the Fifth Gateway',
	},
	credential: {
		type: 'fifthGatewayApi',
		secretFields: ['token'],
		authHeaders: () => ['X-Fifth-Token'],
	},
	pace: { messagesPerSecond: 4, summary: 'Fifth Gateway 4' },
	editor: { fields: {}, options: [] },
	messageTypes: ['text'],
	acceptsJid: false,
	readExtras: () => ({}),
	buildRequest: (message) => ({
		method: 'POST',
		path: '/v1/send',
		json: { to: formatDigits(message.recipient), body: message.text },
	}),
	formatRecipient: (message) => formatDigits(message.recipient),
	parseSuccess: (body) => ({ messageId: stringAt(body, 'id'), status: 'queued' }),
	parseError: parseErrorBody,
};

const REGISTRY: ProviderRegistry = { ...PROVIDERS, fifthGateway: registered(fifth) };

/** The node built from the registry with the fifth provider; n8n runs `execute` with the execution as `this`. */
class WhatsAppSendWithFifth extends WhatsAppSend {
	constructor() {
		super(REGISTRY);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendItems(this, REGISTRY);
	}
}

describe('a fifth provider is one plugin and one registry line', () => {
	const node = new WhatsAppSendWithFifth();
	const { description } = node;
	let server: RunningServer;
	const arrivals: number[] = [];

	beforeAll(async () => {
		server = await startServer((request: RecordedRequest) => {
			if (request.headers['x-fifth-token'] !== TOKEN)
				return { status: 401, body: { error: { code: 'AUTH', message: 'bad token' } } };
			if (request.method !== 'POST' || request.path !== '/v1/send')
				return { status: 404, body: { error: 'no such route' } };
			arrivals.push(Date.now());
			return { status: 200, body: { id: `f-${arrivals.length}` } };
		});
	});
	afterAll(async () => await server.close());

	const run = async (options: INodeParameters, count = 1) =>
		await runNode({
			nodeType: node,
			parameters: {
				provider: 'fifthGateway',
				messageType: 'text',
				to: '={{ $json.to }}',
				text: 'Hello from the fifth',
				options,
			},
			items: Array.from({ length: count }, (_, i) => ({
				json: { to: `+62 812 0000 ${String(1000 + i)}` },
			})),
			credentials: { fifthGatewayApi: { token: TOKEN, baseUrl: server.url } },
			credentialTypes: [new FifthGatewayApi()],
		});

	it('is selectable: a Provider option, its message types and its credential', () => {
		const provider = description.properties.find((p) => p.name === 'provider');
		expect(provider?.options).toContainEqual({
			name: 'Fifth Gateway',
			value: 'fifthGateway',
			description: 'A provider that exists only in this test',
		});
		const values = { provider: 'fifthGateway', messageType: 'text' };
		const shown = description.properties.filter((p) =>
			NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, description, values),
		);
		const messageType = shown.find((p) => p.name === 'messageType');
		expect(messageType?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'text',
		]);
		expect(shown.map((p) => p.name)).toEqual([
			'provider',
			'providerNotice',
			'messageType',
			'to',
			'text',
			'options',
		]);
		expect(description.credentials).toContainEqual({
			name: 'fifthGatewayApi',
			required: true,
			displayOptions: { show: { provider: ['fifthGateway'] } },
		});
		// The four providers are still offered as before.
		expect(description.credentials).toHaveLength(5);
	});

	it('sends text through its server, and the output has the usual shape', async () => {
		const before = server.requests.length;
		const result = await run({});
		expect(result.error).toBeUndefined();
		const [request] = server.requests.slice(before);
		expect(request.path).toBe('/v1/send');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.json).toEqual({ to: '6281200001000', body: 'Hello from the fifth' });
		expect(result.main.map((item) => item.json)).toEqual([
			{
				provider: 'fifthGateway',
				messageType: 'text',
				to: '6281200001000',
				messageId: `f-${arrivals.length}`,
				whatsappMessageId: null,
				status: 'queued',
				raw: { id: `f-${arrivals.length}` },
			},
		]);
	});

	it('is paced at its own default when Messages Per Second is 0', async () => {
		arrivals.length = 0;
		const result = await run({ messagesPerSecond: 0, concurrency: 5 }, 3);
		expect(result.error).toBeUndefined();
		expect(arrivals).toHaveLength(3);
		// 4 a second (97% of it) starts one send about every 258 ms: three take at least 500 ms from the
		// first to the last, where five lanes without a pace would have them all out at once.
		expect(arrivals[2] - arrivals[0]).toBeGreaterThanOrEqual(450);
	});

	it('is dry-runnable: the request, with its auth header named and masked; nothing is sent', async () => {
		const before = server.requests.length;
		const result = await run({ dryRun: true });
		expect(server.requests.length).toBe(before);
		expect(result.main[0].json).toEqual({
			provider: 'fifthGateway',
			messageType: 'text',
			to: '6281200001000',
			messageId: null,
			status: 'dryRun',
			dryRun: true,
			request: {
				method: 'POST',
				url: `${server.url}/v1/send`,
				headers: {
					Accept: 'application/json',
					'Content-Type': 'application/json',
					'X-Fifth-Token': '***',
				},
				body: { to: '6281200001000', body: 'Hello from the fifth' },
			},
		});
	});

	it('names itself in errors, in its own words', async () => {
		const result = await runNode({
			nodeType: node,
			parameters: {
				provider: 'fifthGateway',
				messageType: 'text',
				to: '+6281200001000',
				text: 'Hi',
			},
			credentials: { fifthGatewayApi: { token: 'wrong-token-value', baseUrl: server.url } },
			credentialTypes: [new FifthGatewayApi()],
		});
		expect(result.error?.message).toBe(
			'The Fifth Gateway refused the message (HTTP 401): bad token [AUTH]',
		);
	});
});
