import { findProvider, PROVIDERS, providerIds } from '../../../nodes/WhatsAppSend/providers';

describe('the registry', () => {
	it('holds each provider under its own id, in the order the editor shows their fields', () => {
		expect(Object.entries(PROVIDERS).map(([key, provider]) => [key, provider.id])).toEqual([
			['bitbybit', 'bitbybit'],
			['vobiz', 'vobiz'],
			['callbell', 'callbell'],
			['multiSession', 'multiSession'],
		]);
		expect(providerIds(PROVIDERS)).toBe('bitbybit, vobiz, callbell, multiSession');
	});

	it('finds a provider by id, and nothing for what is no provider', () => {
		expect(findProvider(PROVIDERS, 'callbell')).toBe(PROVIDERS.callbell);
		expect(findProvider(PROVIDERS, 'toString')).toBeUndefined();
		expect(findProvider(PROVIDERS, '')).toBeUndefined();
	});
});
