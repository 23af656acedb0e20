import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';
import type { HostileServer } from '../harness/hostile';
import { hostileFront, silence } from '../harness/hostile';
import { providerCases } from '../harness/providerCases';
import { MAX_RAW_CHARS } from '../../nodes/WhatsAppSend/output/rawAnswer';

// Point 10 of issue 11: errors a person can read — numbers copied with invisible characters are the number
// they show, echoed values are cut to a readable length, a timeout says "no answer within N ms", and one
// template value that merely starts with "[" is text. Point 11: a provider's answer kept as `raw` is capped.

const [bitbybit, , callbell, multiSession] = providerCases();
const errorOf = (result: Awaited<ReturnType<typeof runNode>>) =>
	result.errorOutput[0]?.json.error as IDataObject & { message: string };

describe('errors a person can read', () => {
	serveDuringSuite(bitbybit.fake, multiSession.fake);

	it.each([
		[
			'left-to-right marks and a zero-width space (chat apps)',
			'\u200e+62 812\u200b-3456-7890\u200f',
		],
		['directional isolates and a word joiner', '\u2066+62\u2060 812 3456 7890\u2069'],
		['a byte order mark and a soft hyphen (spreadsheets)', '\ufeff+62 812\u00ad3456\u00ad7890'],
		[
			'right-to-left embedding (a number pasted from an Arabic chat)',
			'\u202b+62 812 3456 7890\u202c',
		],
	])('a number wrapped in %s is the number it shows', async (_label, to) => {
		const before = multiSession.fake.accepted.length;
		const result = await runNode({
			parameters: { ...multiSession.text(), to },
			credentials: multiSession.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(result.errorOutput).toHaveLength(0);
		expect(multiSession.fake.accepted.length - before).toBe(1);
		expect(multiSession.fake.accepted.at(-1)?.path).toBe(
			'/chats/6281234567890@s.whatsapp.net/messages',
		);
		expect(result.main[0].json.to).toBe('6281234567890@s.whatsapp.net');
	});

	it('a 100 KB recipient makes an error of a readable length', async () => {
		const to = `+${'1'.repeat(100_000)}x`;
		const result = await runNode({
			parameters: { ...bitbybit.text(), to },
			credentials: bitbybit.credentials(),
			onError: 'continueErrorOutput',
		});
		const error = errorOf(result);
		expect(error.message).toMatch(
			/^Item 0: To: "\+1{79}…" \(100002 characters\) is not a phone number$/,
		);
		expect(JSON.stringify(result.errorOutput[0].json).length).toBeLessThan(1500);
	});

	it('a 100 KB digit string says how many digits it has without repeating them', async () => {
		const to = `+${'1'.repeat(100_000)}`;
		const result = await runNode({
			parameters: { ...bitbybit.text(), to },
			credentials: bitbybit.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result).message.length).toBeLessThan(400);
		expect(errorOf(result).message).toMatch(/has 100000 digits once written internationally/);
	});

	it('any error stays readable, whatever went into it (a 50 KB poll option given twice)', async () => {
		const option = 'o'.repeat(50_000);
		const result = await runNode({
			parameters: {
				...multiSession.text(),
				messageType: 'poll',
				pollQuestion: 'Which?',
				pollOptions: [option, option],
			},
			credentials: multiSession.credentials(),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result).message.length).toBeLessThanOrEqual(1100);
		expect(errorOf(result).message).toMatch(/… \(cut, \d+ characters\)$/);
	});

	it.each([
		['a single value typed into the list', ['[URGENT] your order 42']],
		['an expression that gives one text', '={{ "[URGENT] your order 42" }}'],
		['an expression that gives a broken array', '[Ann, 42'],
	])(
		'one template value that starts with "[" but is no JSON array is text: %s',
		async (_label, values) => {
			const before = bitbybit.fake.accepted.length;
			const result = await runNode({
				parameters: {
					...bitbybit.text(),
					messageType: 'template',
					templateName: 'order_update',
					templateSource: 'CRM',
					templateParameters: values as never,
				},
				credentials: bitbybit.credentials(),
				onError: 'continueErrorOutput',
			});
			expect(result.errorOutput).toHaveLength(0);
			expect(bitbybit.fake.accepted.length - before).toBe(1);
			expect((bitbybit.fake.accepted.at(-1)?.json as IDataObject).params).toEqual([
				typeof values === 'string' && !values.startsWith('=') ? values : '[URGENT] your order 42',
			]);
		},
	);
});

describe('a timeout says how long it waited, with the Timeout hint', () => {
	const c = callbell;
	let server: HostileServer;
	beforeAll(async () => {
		server = await hostileFront(c.fake, (request) => {
			if (request.method !== 'POST') return false;
			silence();
			return true;
		});
	});
	afterAll(async () => await server.close());

	it('a provider that never answers: "no answer within 300 ms"', async () => {
		const result = await runNode({
			parameters: c.text({ timeout: 300 }),
			credentials: c.credentials(server.url),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(result)).toMatchObject({
			message:
				'Callbell did not answer the message in time: no answer within 300 ms — it may or may not have been sent',
			providerMessage: 'no answer within 300 ms',
			errorType: 'provider_unavailable',
			mayHaveBeenSent: true,
		});
		expect(errorOf(result).hint).toMatch(/^No answer came within the Timeout option \(300 ms\)/);
	});
});

describe('raw is capped at 64 KB', () => {
	const c = callbell;
	let body: string;
	let server: HostileServer;
	beforeAll(async () => {
		server = await hostileFront(c.fake, (request, res) => {
			if (request.method !== 'POST') return false;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(body);
			return true;
		});
	});
	afterAll(async () => await server.close());

	it('a 1 MB answer keeps its first 64 KB, marked as cut; the message id is still read', async () => {
		const answer = {
			message: { uuid: 'big-1', status: 'enqueued' },
			padding: 'p'.repeat(1024 * 1024),
		};
		body = JSON.stringify(answer);
		const result = await runNode({ parameters: c.text(), credentials: c.credentials(server.url) });
		const json = result.main[0].json;
		expect(json).toMatchObject({ messageId: 'big-1', status: 'enqueued' });
		expect(json.raw).toEqual({
			truncated: true,
			length: body.length,
			start: body.slice(0, MAX_RAW_CHARS),
		});
		expect(JSON.stringify(json).length).toBeLessThan(MAX_RAW_CHARS + 1024);
	});

	it('an answer under 64 KB is kept whole', async () => {
		const answer = { message: { uuid: 'small-1', status: 'enqueued' }, note: 'n'.repeat(1000) };
		body = JSON.stringify(answer);
		const result = await runNode({ parameters: c.text(), credentials: c.credentials(server.url) });
		expect(result.main[0].json.raw).toEqual(answer);
	});

	it('30 answers of 1 MB make 30 small items', async () => {
		body = JSON.stringify({
			message: { uuid: 'many', status: 'enqueued' },
			padding: 'p'.repeat(1024 * 1024),
		});
		const result = await runNode({
			parameters: { ...c.text({ concurrency: 5 }), to: '={{ $json.to }}' },
			items: Array.from({ length: 30 }, () => ({ json: { to: '+6281234567890' } })),
			credentials: c.credentials(server.url),
		});
		expect(result.main).toHaveLength(30);
		expect(JSON.stringify(result.main).length).toBeLessThan(30 * (MAX_RAW_CHARS + 1024));
	});
});
