import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { WhatsAppSendBitbybitApi } from '../../credentials/WhatsAppSendBitbybitApi.credentials';
import { WhatsAppSendCallbellApi } from '../../credentials/WhatsAppSendCallbellApi.credentials';
import { WhatsAppSendVobizApi } from '../../credentials/WhatsAppSendVobizApi.credentials';
import { WhatsAppSendMultiSessionApi } from '../../credentials/WhatsAppSendMultiSessionApi.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[
		new WhatsAppSendBitbybitApi(),
		new WhatsAppSendVobizApi(),
		new WhatsAppSendCallbellApi(),
		new WhatsAppSendMultiSessionApi(),
	].map((type) => [type.name, type]),
);

/** Applies defaults the way n8n does when a credential is saved with only some fields filled. */
export function withDefaults(
	typeName: string,
	data: IDataObject,
	types: Record<string, ICredentialType> = CREDENTIAL_TYPES,
): ICredentialDataDecryptedObject {
	const type = types[typeName];
	const defaults = Object.fromEntries(type.properties.map((p) => [p.name, p.default]));
	return { ...defaults, ...data } as ICredentialDataDecryptedObject;
}

/**
 * The credentials side of n8n for tests: hands out the given credential data and applies each
 * credential type's real `authenticate` — a function is called; a generic block has its headers,
 * query and body values resolved as n8n expressions with `$credentials`, as n8n's CredentialsHelper does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types: Record<string, ICredentialType>;

	/** `more`: credential types beyond the package's own (a provider a test defines). */
	constructor(
		private readonly data: Record<string, IDataObject>,
		more: ICredentialType[] = [],
	) {
		super();
		this.types = {
			...CREDENTIAL_TYPES,
			...Object.fromEntries(more.map((type) => [type.name, type])),
		};
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		const options = requestOptions as IHttpRequestOptions;
		if (!type?.authenticate) return options;
		if (typeof type.authenticate === 'function')
			return await type.authenticate(credentials, options);
		const resolve = (value: unknown) => {
			if (typeof value !== 'string' || !value.startsWith('=')) return value;
			if (!workflow || !node)
				throw new Error('A generic authenticate needs the workflow to resolve expressions');
			return workflow.expression.getSimpleParameterValue(node, value, 'internal', {
				$credentials: credentials,
			});
		};
		const { properties } = type.authenticate;
		const result: IHttpRequestOptions = { ...options };
		for (const key of ['headers', 'qs', 'body'] as const) {
			const values = properties[key] as IDataObject | undefined;
			if (!values) continue;
			const resolved = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, resolve(v)]));
			result[key] = { ...((options[key] as IDataObject) ?? {}), ...resolved } as never;
		}
		return result;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return { id: details.id, name: details.name, type, data: '' } as unknown as ICredentials;
	}

	/** How many times a credential was loaded and decrypted (`getDecrypted`): in real n8n, a database read each. */
	loads = 0;

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode?: unknown,
		_executeData?: unknown,
		_raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.loads += 1;
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return withDefaults(type, data, this.types);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
