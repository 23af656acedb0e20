import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { encodeMultipart } from './multipart';
import type { ProviderRequest } from './types';

/** A provider's answer, whatever its status: the node classifies it, n8n does not throw for it. */
export interface HttpAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/** A request that got no HTTP answer. `connectFailed` means it certainly never reached the provider. */
export class NoAnswerError extends Error {
	constructor(
		message: string,
		readonly code: string | undefined,
		readonly connectFailed: boolean,
		readonly timedOut: boolean,
	) {
		super(message);
	}
}

// Codes raised before a single byte of the request could have been read by the provider.
const CONNECT_FAILURES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];
const TIMEOUTS = ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'];

function errorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export function toNoAnswer(error: unknown): NoAnswerError {
	const code = errorCode(error);
	const message = (error as Error)?.message ?? String(error);
	const timedOut = (code !== undefined && TIMEOUTS.includes(code)) || /timeout/i.test(message);
	return new NoAnswerError(
		timedOut ? 'the provider did not answer in time' : `no answer from the provider (${code ?? message})`,
		code,
		code !== undefined && CONNECT_FAILURES.includes(code),
		timedOut,
	);
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** Turns a provider request into n8n's HTTP options. Pure, so dry runs show exactly what is sent. */
export function toHttpOptions(request: ProviderRequest, baseUrl: string, timeout: number): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: joinUrl(baseUrl, request.path),
		timeout,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (request.json) {
		options.body = request.json;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	} else if (request.multipart) {
		const encoded = encodeMultipart(request.multipart);
		options.body = encoded.body;
		options.json = false;
		options.headers = { ...options.headers, 'Content-Type': encoded.contentType };
	}
	if (request.qs) options.qs = request.qs;
	return options;
}

export class Transport {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly credentialType: string,
		readonly baseUrl: string,
		private readonly timeout: number,
	) {}

	async send(request: ProviderRequest): Promise<HttpAnswer> {
		return this.sendRaw(toHttpOptions(request, this.baseUrl, this.timeout));
	}

	private async sendRaw(options: IHttpRequestOptions): Promise<HttpAnswer> {
		let response: unknown;
		try {
			response = await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.credentialType,
				options,
			);
		} catch (error) {
			throw toNoAnswer(error);
		}
		const full = (response ?? {}) as IDataObject;
		return {
			statusCode: Number(full.statusCode ?? 0),
			body: parseMaybeJson(full.body),
			headers: (full.headers ?? {}) as HttpAnswer['headers'],
		};
	}
}

/** Multipart answers come back as text (`json: false`); a JSON body is still JSON. */
function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}
