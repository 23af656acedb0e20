import type { INodeParameters } from 'n8n-workflow';

import { FakeMultiSession } from '../../fakes/multiSession';
import { runNode } from '../harness/engine';

// Location, contact card and poll through the self-hosted API: JSON sends to their own endpoints.

const server = new FakeMultiSession();
const JID = '6281234567890@s.whatsapp.net';

beforeAll(async () => {
	await server.start();
});
afterAll(async () => {
	await server.stop();
});

async function send(parameters: INodeParameters) {
	return await runNode({
		parameters: { provider: 'multiSession', to: '6281234567890', ...parameters },
		credentials: { whatsAppSendMultiSessionApi: { token: server.token, baseUrl: server.url } },
	});
}

async function sendOne(parameters: INodeParameters) {
	const before = server.requests.length;
	const result = await send(parameters);
	return { result, sent: server.requests.slice(before) };
}

describe('location', () => {
	it('sends the coordinates as numbers with name and address', async () => {
		const { result, sent } = await sendOne({
			messageType: 'location',
			latitude: -6.2088,
			longitude: 106.8456,
			locationName: 'Monas',
			address: 'Gambir, Central Jakarta',
			// The server ignores simulation flags on this endpoint, so they are not sent.
			options: { typingSimulation: false },
		});
		expect(result.error).toBeUndefined();
		expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /chats/${JID}/locations`]);
		expect(sent[0].headers['content-type']).toMatch(/^application\/json/);
		expect(sent[0].json).toEqual({
			latitude: -6.2088,
			longitude: 106.8456,
			name: 'Monas',
			address: 'Gambir, Central Jakarta',
		});
		expect(result.main[0].json).toMatchObject({
			provider: 'multiSession',
			messageType: 'location',
			to: JID,
			messageId: expect.stringMatching(/^3EB0FAKE/),
		});
	});

	it('leaves out an empty name and address; a coordinate of 0 alone is valid', async () => {
		const { result, sent } = await sendOne({
			messageType: 'location',
			latitude: 51.4779,
			longitude: 0,
		});
		expect(result.error).toBeUndefined();
		expect(sent[0].json).toEqual({ latitude: 51.4779, longitude: 0 });
	});

	it.each([
		[
			{ latitude: 0, longitude: 0 },
			'Item 0: Latitude: and Longitude are both 0 — the Multi-Session API treats that as missing coordinates',
		],
		[{ latitude: 91, longitude: 10 }, 'Item 0: Latitude: 91 is out of range'],
		[{ latitude: 10, longitude: -180.5 }, 'Item 0: Longitude: -180.5 is out of range'],
		[{ latitude: '={{ "north" }}', longitude: 10 }, 'Item 0: Latitude: "north" is not a number'],
		[{ latitude: 10, longitude: '={{ $json.missing }}' }, 'Item 0: Longitude: is empty'],
	])('refuses %j before sending', async (coordinates, message) => {
		const { result, sent } = await sendOne({ messageType: 'location', ...coordinates });
		expect(result.error?.message).toBe(message);
		expect(sent).toEqual([]);
	});
});

describe('contact', () => {
	it('sends the phone as digits with country code, as the server builds waid= from it', async () => {
		const { result, sent } = await sendOne({
			messageType: 'contact',
			contactName: 'Ann Lee',
			contactPhone: '+62 (812) 3456-7890',
		});
		expect(result.error).toBeUndefined();
		expect(sent.map((r) => r.url)).toEqual([`/chats/${JID}/contacts`]);
		expect(sent[0].json).toEqual({ name: 'Ann Lee', phone: '6281234567890' });
		expect(result.main[0].json).toMatchObject({ messageType: 'contact' });
	});

	it('writes a local number internationally with the Default Country Code', async () => {
		const { result, sent } = await sendOne({
			messageType: 'contact',
			contactName: 'Budi',
			contactPhone: '0812-9999-0000',
			options: { defaultCountryCode: '+62' },
		});
		expect(result.error).toBeUndefined();
		expect(sent[0].json).toEqual({ name: 'Budi', phone: '6281299990000' });
	});

	it('refuses a local number without Default Country Code, naming the parameter', async () => {
		const { result, sent } = await sendOne({
			messageType: 'contact',
			contactName: 'Budi',
			contactPhone: '0812-9999-0000',
		});
		expect(result.error?.message).toBe(
			'Item 0: Contact Phone: "0812-9999-0000" looks like a local number (it starts with 0) and no Default Country Code is set',
		);
		expect(sent).toEqual([]);
	});

	it('refuses text that is not a phone number', async () => {
		const { result } = await sendOne({
			messageType: 'contact',
			contactName: 'Budi',
			contactPhone: 'call me',
		});
		expect(result.error?.message).toBe('Item 0: Contact Phone: "call me" is not a phone number');
	});

	it('refuses a name that comes out empty', async () => {
		const { result, sent } = await sendOne({
			messageType: 'contact',
			contactName: '={{ "  " }}',
			contactPhone: '6281234567890',
		});
		expect(result.error?.message).toBe('Item 0: Contact Name: is empty');
		expect(sent).toEqual([]);
	});
});

describe('poll', () => {
	it('sends the question and the trimmed options to a group', async () => {
		const { result, sent } = await sendOne({
			messageType: 'poll',
			to: '120363025246125486@g.us',
			pollQuestion: 'Lunch on Friday?',
			pollOptions: ['Pizza ', ' Sushi', 'Salad'],
		});
		expect(result.error).toBeUndefined();
		expect(sent.map((r) => r.url)).toEqual(['/chats/120363025246125486@g.us/polls']);
		expect(sent[0].json).toEqual({
			question: 'Lunch on Friday?',
			options: ['Pizza', 'Sushi', 'Salad'],
		});
		expect(result.main[0].json).toMatchObject({
			messageType: 'poll',
			to: '120363025246125486@g.us',
		});
	});

	it('takes 12 options, the most WhatsApp allows', async () => {
		const options = Array.from({ length: 12 }, (_, i) => `Option ${i + 1}`);
		const { result, sent } = await sendOne({
			messageType: 'poll',
			pollQuestion: 'Pick one',
			pollOptions: options,
		});
		expect(result.error).toBeUndefined();
		expect(sent[0].json).toEqual({ question: 'Pick one', options });
	});

	it.each([
		[['Only one'], 'Item 0: Poll Answers: has 1 answer'],
		[Array.from({ length: 13 }, (_, i) => `O${i}`), 'Item 0: Poll Answers: has 13 answers'],
		[['Yes', '  ', 'No'], 'Item 0: Poll Answers: answer 2 is empty'],
		[['Yes', 'No', 'Yes'], 'Item 0: Poll Answers: "Yes" appears twice'],
	])('refuses options %j before sending', async (options, message) => {
		const { result, sent } = await sendOne({
			messageType: 'poll',
			pollQuestion: 'Well?',
			pollOptions: options,
		});
		expect(result.error?.message).toBe(message);
		expect(sent).toEqual([]);
	});

	it('names the valid range when the count is wrong', async () => {
		const { result } = await sendOne({
			messageType: 'poll',
			pollQuestion: 'Well?',
			pollOptions: ['Only one'],
		});
		expect(result.error?.description).toBe(
			"Valid: between 2 and 12 answers (WhatsApp's limits). Nothing was sent.",
		);
	});

	it('refuses an empty question', async () => {
		const { result } = await sendOne({
			messageType: 'poll',
			pollQuestion: '={{ "" }}',
			pollOptions: ['A', 'B'],
		});
		expect(result.error?.message).toBe('Item 0: Poll Question: is empty');
	});
});

describe('hosted providers', () => {
	it('offer no location, contact or poll', async () => {
		const result = await runNode({
			parameters: {
				provider: 'vobiz',
				messageType: 'poll',
				channel: { __rl: true, mode: 'id', value: '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1' },
				to: '+919876543210',
				pollQuestion: 'Q',
				pollOptions: ['A', 'B'],
			},
			credentials: { whatsAppSendVobizApi: { authId: 'MA_X', authToken: 'token-123456' } },
		});
		expect(result.error?.message).toMatch(
			/^Item 0: Message Type: Vobiz cannot send "poll" messages/,
		);
	});
});
