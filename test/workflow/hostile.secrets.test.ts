import type { IDataObject } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import type { OnError } from '../harness/engine';
import { runNode } from '../harness/engine';
import type { HostileServer } from '../harness/hostile';
import { hostileFront, sendJson, startHostile } from '../harness/hostile';
import { runListSearch } from '../harness/listSearch';
import { providerCases } from '../harness/providerCases';
import { serializeAll } from '../harness/serialize';

// Point 6 of issue 11: secrets, without exception. A key pasted into the Base URL is not repeated by the
// error about it; a key echoed by a provider is masked however deep it sits and however it was encoded
// (lower-case percent-encoding, form encoding, HTML entities); a media link's password is never echoed.

const logs: unknown[] = [];
function captureLogs(): void {
	const capture = (level: string) => (message: string, meta?: unknown) =>
		logs.push({ level, message, meta });
	LoggerProxy.init({
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
	} as never);
}

/** Everything a run leaves behind: items of both outputs, the error, the run data, the logs. */
function everything(result: Awaited<ReturnType<typeof runNode>>): string {
	return serializeAll({
		main: result.main,
		errorOutput: result.errorOutput,
		error: result.error,
		run: result.run,
		logs,
	});
}

describe('a key pasted into the Base URL is not repeated, and the error says what is wrong', () => {
	const c = providerCases()[2];
	// Not the credential's own key: masking cannot hide it, only not repeating it can.
	const PASTED = 'pasted-PASTEDSECRET-9f2k';

	it.each([
		[
			'in the user info',
			`https://user:${PASTED}@api.callbell.eu/v1`,
			/^The credential's Base URL https:\/\/…@api\.callbell\.eu\/v1 has a user name or password before the host \(…@\)/,
		],
		[
			'as the user name',
			`https://${PASTED}@api.callbell.eu/v1`,
			/has a user name or password before the host/,
		],
		[
			'in the query',
			`https://api.callbell.eu/v1?api_key=${PASTED}`,
			/^The credential's Base URL https:\/\/api\.callbell\.eu\/v1 has a query string \(\?…\)/,
		],
		[
			'in the fragment',
			`https://api.callbell.eu/v1#${PASTED}`,
			/^The credential's Base URL https:\/\/api\.callbell\.eu\/v1 has a fragment \(#…\)/,
		],
		[
			'as the whole Base URL',
			PASTED,
			/^The credential's Base URL is not a URL \(it must start with https:\/\/ or http:\/\/\)$/,
		],
		[
			'with a scheme-like prefix',
			`${PASTED}:x`,
			/^The credential's Base URL does not start with https:\/\/ or http:\/\//,
		],
	])('a key %s', async (_where, baseUrl, message) => {
		for (const onError of ['stopWorkflow', 'continueErrorOutput'] as OnError[]) {
			logs.length = 0;
			captureLogs();
			const result = await runNode({
				parameters: c.text(),
				credentials: c.credentials(baseUrl),
				onError,
			});
			const description = /^Use a URL such as https:\/\/api\.example\.com\/v1.*Nothing was sent\.$/;
			if (onError === 'stopWorkflow') {
				expect(result.error?.message).toMatch(message);
				expect(result.error?.description).toMatch(description);
				expect(result.error?.context?.failure).toMatchObject({
					kind: 'configuration',
					mayHaveBeenSent: false,
				});
			} else {
				// Under Continue the run cannot start either, so every item fails on its own (see workflow/setupFailure.test.ts).
				expect(result.main).toEqual([]);
				expect(result.errorOutput[0].json.error).toMatchObject({
					message: expect.stringMatching(message),
					description: expect.stringMatching(description),
					errorType: 'configuration',
					mayHaveBeenSent: false,
				});
			}
			expect(everything(result)).not.toContain('PASTEDSECRET');
		}
		await expect(
			runListSearch('searchCallbellChannels', {
				parameters: { provider: 'callbell' },
				credentials: c.credentials(baseUrl),
			}),
		).rejects.toThrow(message);
	});
});

describe('a key the provider echoes is masked, however deep and however encoded', () => {
	const c = providerCases()[2];
	const KEY = c.secret; // cb/SECRET+callbell=0003~! — form encoding writes ~ and ! differently from encodeURIComponent
	let answer: { status: number; body: unknown } = { status: 200, body: {} };
	let server: HostileServer;
	beforeAll(async () => {
		server = await hostileFront(c.fake, (request, res) => {
			if (request.method !== 'POST') return false;
			if (typeof answer.body !== 'string') sendJson(res, answer.status, answer.body);
			else {
				// Already JSON text: too deep for JSON.stringify to have written it.
				res.writeHead(answer.status, { 'content-type': 'application/json' });
				res.end(answer.body);
			}
			return true;
		});
	});
	afterAll(async () => await server.close());

	async function send(onError: OnError = 'continueErrorOutput') {
		logs.length = 0;
		captureLogs();
		return await runNode({ parameters: c.text(), credentials: c.credentials(server.url), onError });
	}

	const nested = (depth: number, leaf: unknown) => {
		let value: unknown = leaf;
		for (let i = 0; i < depth; i++) value = { next: value };
		return value;
	};

	it('200 levels deep in a success answer: masked in raw', async () => {
		answer = {
			status: 200,
			body: { message: { uuid: 'deep-1', status: 'enqueued' }, echo: nested(200, { key: KEY }) },
		};
		const result = await send();
		expect(result.main[0].json.messageId).toBe('deep-1');
		expect(JSON.stringify(result.main[0].json.raw)).toContain('***');
		expect(everything(result)).not.toContain('SECRET');
	});

	it('100,000 levels deep: no stack overflow, no key, and raw says it could not be kept', async () => {
		const depth = 100_000;
		answer = {
			status: 200,
			body: `{"message":{"uuid":"deep-2","status":"enqueued"},"echo":${'{"next":'.repeat(depth)}${JSON.stringify(KEY)}${'}'.repeat(depth)}}`,
		};
		const result = await send();
		expect(result.main[0].json.messageId).toBe('deep-2');
		expect(result.main[0].json.raw).toEqual({
			truncated: true,
			reason: 'the answer is nested too deeply to keep',
		});
		expect(everything(result)).not.toContain('SECRET');
	});

	const lowerPercent = encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
	const form = new URLSearchParams({ k: `Bearer ${KEY}` }).toString().slice(2);
	const entities = [...KEY]
		.map((ch) => (/[A-Za-z0-9]/.test(ch) ? ch : `&#x${ch.charCodeAt(0).toString(16)};`))
		.join('');
	const named = KEY.replace('/', '&#47;').replace('+', '&#43;').replace('=', '&#x3D;');
	const unicode = KEY.replace('/', '\\u002f').replace('+', '\\u002B');

	it.each([
		['lower-case percent-encoding', lowerPercent],
		['form encoding ("+" for a space)', form],
		['HTML hex entities', entities],
		['HTML decimal and mixed entities', named],
		['JavaScript \\u escapes', unicode],
	])('%s, in an error and in a success answer', async (_label, echo) => {
		expect(echo).toContain('SECRET');
		answer = { status: 403, body: { error: `key ${echo} may not send` } };
		for (const onError of ['continueErrorOutput', 'stopWorkflow'] as OnError[]) {
			const refused = await send(onError);
			expect(refused.errorOutput.length + (refused.error ? 1 : 0)).toBe(1);
			expect(everything(refused)).not.toContain('SECRET');
		}
		answer = {
			status: 200,
			body: { message: { uuid: 'e-1', status: 'enqueued' }, note: `<p>${echo}</p>` },
		};
		const accepted = await send();
		expect(accepted.main[0].json.messageId).toBe('e-1');
		expect(everything(accepted)).not.toContain('SECRET');
	});
});

describe('a media link’s password and signature are never echoed', () => {
	const c = providerCases()[3];
	let files: HostileServer;
	beforeAll(async () => {
		await c.fake.start();
		files = await startHostile((_request, res) => sendJson(res, 404, { error: 'no such file' }));
	});
	afterAll(async () => await Promise.all([c.fake.stop(), files.close()]));

	it('a download that fails names the link without its password or signature', async () => {
		const link = `http://reader:MEDIAPASS-7@127.0.0.1:${files.port}/photo.jpg?X-Amz-Signature=SIGNATURESECRET&v=2`;
		logs.length = 0;
		captureLogs();
		const result = await runNode({
			parameters: {
				...c.text({ allowPrivateMediaHosts: true }),
				messageType: 'image',
				mediaSource: 'url',
				mediaUrl: link,
			},
			credentials: c.credentials(),
			onError: 'continueErrorOutput',
		});
		const error = result.errorOutput[0].json.error as IDataObject;
		expect(error.message).toBe(
			`Item 0: Media URL: downloading http://***:***@127.0.0.1:${files.port}/photo.jpg?X-Amz-Signature=***&v=2 failed with HTTP 404`,
		);
		expect(files.requests).toHaveLength(1);
		const sent = everything(result);
		expect(sent).not.toContain('MEDIAPASS');
		expect(sent).not.toContain('SIGNATURESECRET');
	});
});
