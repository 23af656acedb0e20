import { checkValueCount } from '../../../../nodes/WhatsAppSend/providers/shared/templateChecks';

describe('value checks', () => {
	it('refuses named placeholders, which take values by name', () => {
		expect(() =>
			checkValueCount(
				'"promo" (en_US)',
				[{ part: 'body', text: 'Hi {{first_name}}, {{ code }}', count: 0 }],
				0,
			),
		).toThrow(
			'Template: template "promo" (en_US) uses named placeholders ({{first_name}}, {{code}}), which this node cannot fill',
		);
	});

	it('accepts the exact count', () => {
		expect(() =>
			checkValueCount('"a"', [{ part: 'body', text: 'Hi {{1}}', count: 1 }], 1),
		).not.toThrow();
	});
});
