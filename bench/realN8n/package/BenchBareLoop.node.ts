/**
 * The fair bare loop for the real-n8n benchmark: the least a node can do to send the same messages
 * through the same credential in the same n8n. It is packed into its own bench-only package (see
 * ../benchPackage.ts) and installed the way n8n installs a community package, next to WhatsApp Send;
 * it is never shipped (the package's `files` and `n8n.nodes` do not name it).
 *
 * What it does, per item: reads `to` and `text` with `getNodeParameter` (so n8n evaluates the same
 * two expressions the WhatsApp Send node's parameters hold), builds the Multi-Session text request
 * and calls `httpRequestWithAuthentication`, `concurrency` at a time (read once from the same
 * `options.concurrency` parameter). No checks, pacing, retries, masking or output shaping: the
 * answer's body is the output item.
 *
 * Imports only n8n-workflow types, so the compiled file runs on its own inside n8n's module path.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

const CREDENTIAL_TYPE = 'whatsAppSendMultiSessionApi';

export class BenchBareLoop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Bare Loop',
		name: 'benchBareLoop',
		group: ['output'],
		version: 1,
		description: 'Benchmark only: the bare send loop WhatsApp Send is measured against',
		defaults: { name: 'Bench Bare Loop' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'To', name: 'to', type: 'string', default: '' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 }],
			},
			{
				displayName: 'Pass the Credential Once',
				name: 'passCredential',
				type: 'boolean',
				default: false,
				description:
					'Whether to load the credential once and hand it to every request (credentialsDecrypted) instead of letting n8n load it per request',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const concurrency = Number(options.concurrency ?? 5);
		const passCredential = this.getNodeParameter('passCredential', 0, false) as boolean;
		// The Base URL is the credential's, as for the node; read once, as the node does.
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const baseUrl = String(credentials.baseUrl).replace(/\/+$/, '');
		const decrypted = passCredential
			? { credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_TYPE, data: credentials } }
			: undefined;
		const out: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const lane = async () => {
			while (next < items.length) {
				const i = next++;
				const to = this.getNodeParameter('to', i) as string;
				const text = this.getNodeParameter('text', i) as string;
				const request: IHttpRequestOptions = {
					method: 'POST',
					url: `${baseUrl}/chats/${to}@s.whatsapp.net/messages`,
					body: { text },
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: 30_000,
				};
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_TYPE,
					request,
					decrypted,
				)) as IDataObject;
				out[i] = { json: response.body as IDataObject, pairedItem: { item: i } };
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
		return [out];
	}
}
