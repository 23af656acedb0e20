import { isLocalHost, undeliverableReason } from '../../../nodes/WhatsAppSend/trigger/url';

describe('webhook addresses a provider can deliver to', () => {
	const strict = { httpsOnly: true, label: 'P', source: 's' };
	const lenient = { httpsOnly: false, label: 'P', source: 's' };

	it.each([
		['localhost', true],
		['app.localhost', true],
		['127.0.0.1', true],
		['10.1.2.3', true],
		['172.16.0.1', true],
		['172.31.255.255', true],
		['172.32.0.1', false],
		['192.168.0.10', true],
		['169.254.1.1', true],
		['0.0.0.0', true],
		['[::1]', true],
		['[fd12:3456::1]', true],
		['[fe80::1]', true],
		['[::ffff:192.168.1.1]', true],
		['n8n.example.com', false],
		['8.8.8.8', false],
	])('%s is local: %s', (host, local) => {
		expect(isLocalHost(host)).toBe(local);
	});

	it('refuses http where the provider wants https, and local addresses everywhere, unless the credential is local', () => {
		expect(
			undeliverableReason('https://n8n.example.com/webhook/x', strict, 'https://api.example.com'),
		).toBeUndefined();
		expect(
			undeliverableReason('http://n8n.example.com/webhook/x', strict, 'https://api.example.com'),
		).toMatch(/only to https/);
		expect(
			undeliverableReason('http://n8n.example.com/webhook/x', lenient, 'https://api.example.com'),
		).toBeUndefined();
		expect(
			undeliverableReason('https://localhost:5678/webhook/x', lenient, 'https://api.example.com'),
		).toMatch(/on this machine or its private network/);
		expect(
			undeliverableReason('http://localhost:5678/webhook/x', strict, 'http://127.0.0.1:5680/vobiz'),
		).toBeUndefined();
		expect(
			undeliverableReason('http://localhost:5678/webhook/x', strict, 'http://192.168.1.5:7001'),
		).toMatch(/on this machine/);
		expect(undeliverableReason(undefined, strict, '')).toMatch(/no usable webhook address/);
	});
});
