import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { FakeCallbell } from '../../fakes/callbell';
import type { FakeProvider } from '../../fakes/fake';
import { FakeMultiSession } from '../../fakes/multiSession';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';

export const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';

/** One provider as the tests that run "the same thing for every provider" need it. */
export interface ProviderCase {
	id: 'bitbybit' | 'vobiz' | 'callbell' | 'multiSession';
	credentialType: string;
	/** A fake of the provider, not started. */
	fake: FakeProvider;
	/** The credential's secret value, as the fake expects it. */
	secret: string;
	/** Credentials for runNode, pointing at `baseUrl` (the fake's by default). */
	credentials(baseUrl?: string, overrides?: IDataObject): Record<string, IDataObject>;
	/** Parameters of one text message the fake accepts; options may be added. */
	text(options?: IDataObject): INodeParameters;
}

function providerCase(
	id: ProviderCase['id'],
	credentialType: string,
	fake: FakeProvider,
	secret: string,
	data: (baseUrl: string) => IDataObject,
	parameters: INodeParameters,
): ProviderCase {
	return {
		id,
		credentialType,
		fake,
		secret,
		credentials: (baseUrl = fake.url, overrides = {}) => ({
			[credentialType]: { ...data(baseUrl), ...overrides },
		}),
		text: (options = {}) => ({
			...parameters,
			options: { ...(parameters.options as IDataObject), ...options } as INodeParameters,
		}),
	};
}

/** A fresh case per provider; the secrets hold characters that every encoding changes (`/`, `+`, `=`). */
export function providerCases(): ProviderCase[] {
	const bitbybit = new FakeBitbybit({
		apiKey: 'bbb_live_k9/SECRET+bbb=Q7x2',
		headerName: 'x-api-key',
	});
	const vobiz = new FakeVobiz({ authId: 'MA_TESTACCT', authToken: 'vz-tok/SECRET+vobiz=R4n8' });
	const callbell = new FakeCallbell({ apiKey: 'cb/SECRET+callbell=0003~!' });
	const multiSession = new FakeMultiSession({
		token: 'eyJhbGciOiJIUzI1NiJ9.eyJkIjoiMSJ9.SECRET-multi_session',
	});
	return [
		providerCase(
			'bitbybit',
			'whatsAppSendBitbybitApi',
			bitbybit,
			bitbybit.apiKey,
			(baseUrl) => ({ apiKey: bitbybit.apiKey, baseUrl }),
			{
				provider: 'bitbybit',
				messageType: 'text',
				to: '6281234567890',
				text: 'Hi',
				source: 'whatsapp cloud api',
				// bitbybit's default pace is 1.6 a second; the tests here are about other things.
				options: { messagesPerSecond: 1000 },
			},
		),
		providerCase(
			'vobiz',
			'whatsAppSendVobizApi',
			vobiz,
			vobiz.authToken,
			(baseUrl) => ({ authId: vobiz.authId, authToken: vobiz.authToken, baseUrl }),
			{
				provider: 'vobiz',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNELS[0].id },
				to: '+919876543210',
				text: 'Hi',
			},
		),
		providerCase(
			'callbell',
			'whatsAppSendCallbellApi',
			callbell,
			callbell.apiKey,
			(baseUrl) => ({ apiKey: callbell.apiKey, baseUrl }),
			{
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNEL },
				to: '+6281234567890',
				text: 'Hi',
			},
		),
		providerCase(
			'multiSession',
			'whatsAppSendMultiSessionApi',
			multiSession,
			multiSession.token,
			(baseUrl) => ({ token: multiSession.token, baseUrl }),
			{ provider: 'multiSession', messageType: 'text', to: '6281234567890', text: 'Hi' },
		),
	];
}
