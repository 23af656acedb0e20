import { bitbybitHint } from '../../../../nodes/WhatsAppSend/providers/bitbybit/hints';
import { callbellHint } from '../../../../nodes/WhatsAppSend/providers/callbell/hints';
import {
	WINDOW_HINT,
	NOT_ON_WHATSAPP_HINT,
} from '../../../../nodes/WhatsAppSend/providers/shared/hints';
import { multiSessionHint } from '../../../../nodes/WhatsAppSend/providers/multiSession/hints';
import { parseErrorBody } from '../../../../nodes/WhatsAppSend/providers/shared/parse';
import { PROVIDERS } from '../../../../nodes/WhatsAppSend/providers';
import { vobizHint } from '../../../../nodes/WhatsAppSend/providers/vobiz/hints';

const NGINX_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

describe('hints for known causes', () => {
	const html = parseErrorBody(
		'<!doctype html><html><head><title>Acme — Home</title></head></html>',
	);

	it('a closed 24-hour window, in Meta’s and the providers’ words', () => {
		const meta = parseErrorBody({
			error: { message: '(#131047) Re-engagement message', code: 131047 },
		});
		expect(vobizHint(400, meta)).toBe(WINDOW_HINT);
		expect(
			bitbybitHint(400, {
				code: 'VALIDATION_ERROR',
				message: 'Cannot send message outside the 24 hour window',
			}),
		).toBe(WINDOW_HINT);
		expect(
			callbellHint(422, {
				message:
					'After 24h without a reply from the customer, it is not possible to send regular messages',
			}),
		).toBe(WINDOW_HINT);
		expect(
			vobizHint(400, {
				message:
					'Message failed to send because more than 24 hours have passed since the customer last replied',
			}),
		).toBe(WINDOW_HINT);
		expect(vobizHint(400, { message: 'to must be E.164 with +' })).toBeUndefined();
	});

	it('a self-hosted device that is not paired with a phone', () => {
		for (const message of [
			'WhatsApp Client is not Logged In',
			'WhatsApp Client is not Connected',
			'Failed to send message: device is not logged in',
			'WhatsApp Client Store ID is Empty, Please Re-Login and Scan QR Code Again',
		]) {
			expect(multiSessionHint(500, { message })).toMatch(/not paired with a phone.*QR code/);
		}
	});

	it('a recipient who is not on WhatsApp', () => {
		expect(multiSessionHint(500, { message: 'WhatsApp Personal ID is Not Registered' })).toBe(
			NOT_ON_WHATSAPP_HINT,
		);
		expect(
			vobizHint(400, { code: 'INVALID_RECIPIENT', message: 'Recipient is not a WhatsApp user' }),
		).toBe(NOT_ON_WHATSAPP_HINT);
		expect(bitbybitHint(400, { message: '(#131026) Message undeliverable' })).toBe(
			NOT_ON_WHATSAPP_HINT,
		);
	});

	it('a wrong base URL: a 404 on the provider’s own route, or HTML where JSON was expected', () => {
		expect(bitbybitHint(404, { code: 'NOT_FOUND', message: 'Route not found' })).toMatch(
			/Base URL.*api\.bitbybit\.studio\/whatsapp\/open\/v1/,
		);
		expect(vobizHint(404, { message: 'Route not found' })).toMatch(
			/Base URL.*https:\/\/api\.vobiz\.ai/,
		);
		expect(callbellHint(404, { message: 'Not found' })).toMatch(
			/Base URL.*https:\/\/api\.callbell\.eu\/v1/,
		);
		expect(
			multiSessionHint(404, { message: 'Cannot POST /api/chats/1@s.whatsapp.net/messages' }),
		).toMatch(/Base URL.*path prefix/);
		for (const hint of [bitbybitHint, vobizHint, callbellHint, multiSessionHint]) {
			expect(hint(200, html)).toMatch(/HTML page answered where the API answers JSON.*Base URL/);
			expect(hint(404, html)).toMatch(/Base URL/);
		}
		// An error page from a gateway is an outage, not a wrong address.
		expect(callbellHint(502, parseErrorBody(NGINX_502))).toMatch(/proxy or gateway/);
		// A 404 about the data is not about the address.
		expect(vobizHint(404, { message: 'Channel not found' })).toMatch(/does not know this channel/);
	});

	it('credentials, balance and rate limits, per provider', () => {
		expect(bitbybitHint(401, { code: 'INVALID_API_KEY' })).toMatch(/x-bitbybit-key/);
		expect(bitbybitHint(403, { code: 'INSUFFICIENT_SCOPE' })).toMatch(/"messages" scope/);
		expect(bitbybitHint(403, { code: 'IP_NOT_ALLOWED' })).toMatch(/IP addresses/);
		expect(bitbybitHint(429, { code: 'RATE_LIMIT_EXCEEDED' })).toMatch(/100 requests a minute/);
		expect(vobizHint(401, {})).toMatch(/Auth ID/);
		expect(vobizHint(402, {})).toMatch(/balance/);
		expect(callbellHint(402, { message: 'Insufficient WhatsApp balance' })).toMatch(
			/balance is empty.*will not help/,
		);
		expect(callbellHint(429, {})).toMatch(/300 requests a second/);
		expect(multiSessionHint(401, { message: 'Invalid or expired JWT token' })).toMatch(
			/device token/,
		);
	});

	it('every provider module uses its hint', () => {
		expect(PROVIDERS.bitbybit.hint).toBe(bitbybitHint);
		expect(PROVIDERS.vobiz.hint).toBe(vobizHint);
		expect(PROVIDERS.callbell.hint).toBe(callbellHint);
		expect(PROVIDERS.multiSession.hint).toBe(multiSessionHint);
	});
});
