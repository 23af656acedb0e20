import { InputError } from '../../../nodes/WhatsAppSend/output/errors';
import {
	formatDigits,
	formatE164,
	formatJid,
	parsePhoneNumber,
	parseRecipient,
} from '../../../nodes/WhatsAppSend/input/recipient';

describe('phone numbers as people paste them', () => {
	it.each([
		['+62 812-3456-7890', undefined, '6281234567890'],
		['+62 (812) 3456.7890', undefined, '6281234567890'],
		['0062 812 3456 7890', undefined, '6281234567890'],
		['6281234567890', undefined, '6281234567890'],
		['  +1 (415) 555-0132 ', undefined, '14155550132'],
		['+44 (0)20 7946 0958', undefined, '442079460958'],
		['0812-3456-7890', '62', '6281234567890'],
		['0812 3456 7890', '+62', '6281234567890'],
		['0812 3456 7890', '0062', '6281234567890'],
		['+49\u00a0151\u00a012345678', undefined, '4915112345678'],
		['+91 98765/43210', undefined, '919876543210'],
	])('%j (default country %j) → %s', (raw, country, digits) => {
		expect(parsePhoneNumber(raw, country)).toBe(digits);
	});

	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['hello', 'not a phone number'],
		['+62 812 ABC', 'not a phone number'],
		['0812 3456 7890', 'no Default Country Code'],
		['+12345', 'has 5 digits'],
		['+1234567890123456', 'has 16 digits'],
		['+0812345678', 'has'],
		['6281234567890; DROP', 'not a phone number'],
	])('refuses %j (%s) and says what would be valid', (raw, problem) => {
		let error: unknown;
		try {
			parsePhoneNumber(raw);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).parameter).toBe('To');
		expect((error as InputError).message).toContain(problem);
		expect((error as InputError).valid).toMatch(/international number/);
	});

	it('refuses a default country code that is not a calling code', () => {
		expect(() => parsePhoneNumber('0812 3456 7890', 'ID')).toThrow(/not a calling code/);
		expect(() => parsePhoneNumber('0812 3456 7890', '1234')).toThrow(/not a calling code/);
	});
});

describe('JIDs for the self-hosted API', () => {
	it.each([
		['6281234567890@s.whatsapp.net', '6281234567890@s.whatsapp.net'],
		['120363025246125486@g.us', '120363025246125486@g.us'],
		['6281234567890-1612345678@g.us', '6281234567890-1612345678@g.us'],
		[' 6281234567890@s.whatsapp.net ', '6281234567890@s.whatsapp.net'],
	])('accepts %j', (raw, jid) => {
		expect(formatJid(parseRecipient(raw, { acceptJid: true }))).toBe(jid);
	});

	it('renders a number as a user JID', () => {
		expect(formatJid(parseRecipient('+62 812-3456-7890', { acceptJid: true }))).toBe(
			'6281234567890@s.whatsapp.net',
		);
	});

	it.each([
		'6281234567890@s.whatsapp.net/../devices',
		'../6281234567890@s.whatsapp.net',
		'6281234567890@s.whatsapp.net?x=1',
		'6281234567890@s.whatsapp.net#frag',
		'6281234567890%40s.whatsapp.net',
		'62812%2F34567890@s.whatsapp.net',
		'abc@s.whatsapp.net',
		'6281234567890@example.com',
		'6281234567890@g.us/../x',
		'..@g.us',
		'6281234567890@lid',
	])('refuses %j, so nothing can be injected into the URL path', (raw) => {
		expect(() => parseRecipient(raw, { acceptJid: true })).toThrow(InputError);
	});

	it('refuses a JID for providers that take numbers', () => {
		expect(() => parseRecipient('6281234567890@s.whatsapp.net', { acceptJid: false })).toThrow(
			/takes phone numbers/,
		);
	});
});

describe('rendering per provider', () => {
	const recipient = parseRecipient('+62 812-3456-7890', { acceptJid: false });
	it('gives digits for bitbybit and E.164 for Vobiz and Callbell', () => {
		expect(formatDigits(recipient)).toBe('6281234567890');
		expect(formatE164(recipient)).toBe('+6281234567890');
	});
});
