import { templateEntryName } from '../../../../nodes/WhatsAppSend/providers/shared/search';

describe('a template picker entry names what the template takes', () => {
	it.each([
		[{ values: 0 }, 'welcome · takes no values'],
		[{ values: 1 }, 'welcome · takes 1 value'],
		[{ values: 2 }, 'welcome · takes 2 values'],
		[{ values: 0, media: 'IMAGE' }, 'welcome · takes an image link'],
		[{ values: 1, media: 'document' }, 'welcome · takes 1 value and a document link'],
		[{ values: 3, button: true }, 'welcome · takes 3 values and a button value'],
		[
			{ values: 2, media: 'VIDEO', button: true },
			'welcome · takes 2 values, a video link and a button value',
		],
		[{ values: 0, button: true }, 'welcome · takes a button value'],
	])('%j', (needs, name) => {
		expect(templateEntryName('welcome', needs)).toBe(name);
	});

	it('says so when the provider lists a template without what it takes', () => {
		expect(templateEntryName('promo (en_US)', undefined)).toBe(
			'promo (en_US) · what it takes is not listed',
		);
	});
});
