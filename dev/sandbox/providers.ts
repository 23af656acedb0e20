import type { IDataObject } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import type { FakeProvider } from '../../fakes/fake';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz } from '../../fakes/vobiz';
import { SANDBOX_SIGNING_SECRETS } from './events/webhooks';

/** The node's provider ids; the sandbox serves each under its own path prefix. */
export type NodeProviderId = 'bitbybit' | 'vobiz' | 'callbell' | 'multiSession';

export interface SandboxProvider {
	id: NodeProviderId;
	/** First path segment the provider is served under: `/bitbybit/messages/send`. */
	prefix: string;
	label: string;
	credentialType: string;
	/** The contract fake the tests use: the sandbox accepts exactly what it accepts. */
	fake: FakeProvider;
	/** Credential data that the fake accepts, pointing at `baseUrl`. */
	credentials(baseUrl: string): IDataObject;
}

export interface SandboxFakes {
	bitbybit: FakeBitbybit;
	vobiz: FakeVobiz;
	callbell: FakeCallbell;
	multiSession: FakeMultiSession;
}

export function createFakes(): SandboxFakes {
	return {
		bitbybit: new FakeBitbybit(),
		vobiz: new FakeVobiz(),
		callbell: new FakeCallbell(),
		multiSession: new FakeMultiSession(),
	};
}

export function sandboxProviders(fakes: SandboxFakes): SandboxProvider[] {
	const { bitbybit, vobiz, callbell, multiSession } = fakes;
	return [
		{
			id: 'bitbybit',
			prefix: 'bitbybit',
			label: 'bitbybit',
			credentialType: 'whatsAppSendBitbybitApi',
			fake: bitbybit,
			credentials: (baseUrl) => ({
				apiKey: bitbybit.apiKey,
				headerName: bitbybit.headerName,
				baseUrl,
				webhookSigningSecret: SANDBOX_SIGNING_SECRETS.bitbybit,
			}),
		},
		{
			id: 'vobiz',
			prefix: 'vobiz',
			label: 'Vobiz',
			credentialType: 'whatsAppSendVobizApi',
			fake: vobiz,
			credentials: (baseUrl) => ({ authId: vobiz.authId, authToken: vobiz.authToken, baseUrl }),
		},
		{
			id: 'callbell',
			prefix: 'callbell',
			label: 'Callbell',
			credentialType: 'whatsAppSendCallbellApi',
			fake: callbell,
			credentials: (baseUrl) => ({
				apiKey: callbell.apiKey,
				baseUrl,
				webhookSigningSecret: SANDBOX_SIGNING_SECRETS.callbell,
			}),
		},
		{
			id: 'multiSession',
			prefix: 'multisession',
			label: 'Multi-Session API',
			credentialType: 'whatsAppSendMultiSessionApi',
			fake: multiSession,
			credentials: (baseUrl) => ({ token: multiSession.token, baseUrl }),
		},
	];
}
