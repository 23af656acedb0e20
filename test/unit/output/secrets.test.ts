import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	MASK,
	maskDeep,
	maskText,
	scrubError,
	secretsOf,
} from '../../../nodes/WhatsAppSend/output/secrets';
import { serializeAll } from '../../harness/serialize';

const NODE: INode = {
	id: 'n',
	name: 'n',
	type: 't',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const KEY = 'sk/SECRET+key=42';

describe('secretsOf', () => {
	it('takes the secret fields, as typed and without a pasted "Bearer ", longest first', () => {
		const secrets = secretsOf({ token: `Bearer ${KEY}`, baseUrl: 'http://localhost:7001' }, [
			'token',
		]);
		expect(secrets).toEqual([`Bearer ${KEY}`, KEY]);
		// Masked whole rather than leaving "Bearer ***".
		expect(maskText(`Authorization: Bearer ${KEY}`, secrets)).toBe(`Authorization: ${MASK}`);
	});

	it('ignores values too short to be keys (they would mask ordinary words)', () => {
		expect(secretsOf({ apiKey: 'abc' }, ['apiKey'])).toEqual([]);
		expect(secretsOf({}, ['apiKey'])).toEqual([]);
	});

	it('masks the JSON-escaped form', () => {
		const secrets = secretsOf({ apiKey: 'a"b\\c-def' }, ['apiKey']);
		expect(maskText(JSON.stringify({ echo: 'a"b\\c-def' }), secrets)).toBe(`{"echo":"${MASK}"}`);
	});
});

describe('maskDeep and maskText', () => {
	const secrets = secretsOf({ apiKey: KEY }, ['apiKey']);

	it('masks strings, keys and nested values, and leaves the input untouched', () => {
		const input = {
			[KEY]: [`x ${KEY} y`, { deep: encodeURIComponent(KEY) }],
			n: 1,
			ok: true,
			none: null,
		};
		const masked = maskDeep(input, secrets);
		expect(masked).toEqual({ [MASK]: [`x ${MASK} y`, { deep: MASK }], n: 1, ok: true, none: null });
		expect(input[KEY]).toEqual([`x ${KEY} y`, { deep: encodeURIComponent(KEY) }]);
	});

	it('survives cycles', () => {
		const cyclic: Record<string, unknown> = { a: KEY };
		cyclic.self = cyclic;
		expect((maskDeep(cyclic, secrets) as Record<string, unknown>).a).toBe(MASK);
	});

	it('masks every occurrence', () => {
		expect(maskText(`${KEY}${KEY} and ${KEY}`, secrets)).toBe(`${MASK}${MASK} and ${MASK}`);
	});
});

describe('scrubError: n8n error internals', () => {
	const secrets = secretsOf({ apiKey: KEY }, ['apiKey']);

	it('a NodeApiError around an HTTP client error: message, description, cause, context, errorResponse, stack', () => {
		const client = Object.assign(new Error(`Request failed for key ${KEY}`), {
			name: 'AxiosError',
			config: { headers: { 'x-api-key': KEY } },
			response: { status: 401, data: { message: `bad key ${KEY}` } },
		});
		const error = new NodeApiError(NODE, client as never, { itemIndex: 2 });
		error.description = `description ${KEY}`;
		error.context.data = { echo: KEY };
		expect(serializeAll(error)).toContain('SECRET');
		scrubError(error, secrets);
		expect(serializeAll(error)).not.toContain('SECRET');
		expect(JSON.stringify(error)).not.toContain('SECRET');
		expect(error.context.itemIndex).toBe(2);
	});

	it('a NodeApiError built from a JSON error response', () => {
		const error = new NodeApiError(NODE, { error: { message: `echo ${KEY}` }, [KEY]: 1 } as never, {
			message: `msg ${KEY}`,
		});
		scrubError(error, secrets);
		expect(error.message).toBe(`msg ${MASK}`);
		expect(serializeAll(error)).not.toContain('SECRET');
	});

	it('a NodeOperationError from a string keeps its wording, masked', () => {
		const error = new NodeOperationError(NODE, `Item 0: key ${KEY} refused`, { description: KEY });
		scrubError(error, secrets);
		expect(error.message).toBe(`Item 0: key ${MASK} refused`);
		expect(error.description).toBe(MASK);
		expect(serializeAll(error)).not.toContain('SECRET');
		expect(JSON.stringify(error.toJSON?.())).not.toContain('SECRET');
	});

	it('does nothing without secrets', () => {
		const error = new NodeOperationError(NODE, 'plain');
		expect(scrubError(error, [])).toBe(error);
		expect(error.message).toBe('plain');
	});
});
