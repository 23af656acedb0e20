import { countPlaceholders } from '../../../../nodes/WhatsAppSend/providers/shared/placeholders';

describe('reading templates: placeholders', () => {
	it.each([
		['', 0],
		['Hello there', 0],
		['Hi {{1}}', 1],
		['Hi {{1}}, order {{2}} for {{1}}', 2],
		['{{ 1 }} and {{3}}', 3],
		['Named {{first_name}} is not positional', 0],
	])('%j needs %i values', (text, count) => {
		expect(countPlaceholders(text)).toBe(count);
	});
});
