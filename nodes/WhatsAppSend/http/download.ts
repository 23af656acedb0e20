import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { formatBytes } from '../media/rules';
import { InputError } from '../output/errors';
import { noAnswerWithin, timeoutHint } from '../output/failure';
import { displayUrl } from '../output/secrets';
import { Halted } from '../run/halt';
import type { StopSwitch } from '../run/halt';
import { headerOf } from './answer';
import type { HttpHeaders } from './answer';
import type { Deadline, DeadlineClock } from './deadline';

// The one request the node makes without a credential: downloading a media link for a provider that
// takes uploads. The provider's key must never travel to a third-party host.

interface BodyStream {
	[Symbol.asyncIterator](): AsyncIterator<unknown>;
	destroy?: () => void;
}

function isStream(body: unknown): body is BodyStream {
	return typeof (body as BodyStream | undefined)?.[Symbol.asyncIterator] === 'function';
}

function discard(body: unknown): void {
	if (isStream(body)) body.destroy?.();
}

function networkProblem(error: unknown): string {
	const code = (error as { code?: unknown })?.code;
	const message = (error as Error)?.message ?? String(error);
	return typeof code === 'string' && code !== '' && !message.includes(code)
		? `${message} (${code})`
		: message;
}

export const REACHABLE_LINK =
	'a public http(s) link that the n8n server can open without logging in';

/** Redirect hops a download follows at most (CDNs use one or two). */
const MAX_HOPS = 5;

export interface DownloadSettings {
	/** Milliseconds for the whole download, every hop and the last byte included. */
	timeout: number;
	/** Ends the download when the run stops or the execution is cancelled. */
	halt?: StopSwitch;
	/** The run's deadline clock. */
	clock: DeadlineClock;
}

/** What the caller allows: which links may be fetched, and how large a file. */
interface DownloadRules {
	/** Refuses a link the node must not fetch, the first one (hop 0) or a redirect's; throws. */
	checkHop(url: URL, hop: number): void;
	maxBytes: number;
	/** The error for a file over `maxBytes`, with its size as words ("12.0 MB", "more than …") and its final link. */
	tooLarge(size: string, url: string): Error;
}

interface Downloaded {
	bytes: Buffer;
	/** The link the file came from, after redirects. */
	url: string;
	headers: HttpHeaders;
}

/** A redirect's Location, resolved against the link that answered it; undefined when it is no URL. */
function resolveLink(location: string, base: string): string | undefined {
	try {
		return new URL(location, base).href;
	} catch {
		return undefined;
	}
}

/** What ended a download that broke off — its deadline, the run's stop, or the network — before or while the body came. */
function downloadFailure(
	error: unknown,
	url: string,
	settings: DownloadSettings,
	deadline: Deadline,
	during: 'request' | 'body',
): Error {
	if (settings.halt?.aborted) return new Halted();
	if (deadline.timedOut) {
		return new InputError(
			'Media URL',
			`the download of ${displayUrl(url)} did not finish: ${noAnswerWithin(settings.timeout)}`,
			REACHABLE_LINK,
			timeoutHint(settings.timeout),
		);
	}
	const what =
		during === 'request'
			? `could not download ${displayUrl(url)}`
			: `the download of ${displayUrl(url)} broke off`;
	return new InputError('Media URL', `${what}: ${networkProblem(error)}`, REACHABLE_LINK);
}

/**
 * Downloads a link through n8n's HTTP helper (its proxy and SSRF settings apply) without credentials.
 * Redirects are followed by the node itself, each hop checked like the first link; the whole download,
 * hops and body included, ends at `timeout`. The size is capped twice — by the announced Content-Length,
 * then by counting bytes — so an oversized file is refused mid-download.
 */
export async function download(
	context: IExecuteFunctions,
	link: URL,
	settings: DownloadSettings,
	rules: DownloadRules,
): Promise<Downloaded> {
	const deadline = settings.clock.start(settings.timeout, settings.halt);
	try {
		return await downloadWithin(context, link, settings, rules, deadline);
	} finally {
		deadline.release();
	}
}

async function downloadWithin(
	context: IExecuteFunctions,
	link: URL,
	settings: DownloadSettings,
	rules: DownloadRules,
	deadline: Deadline,
): Promise<Downloaded> {
	const signal = deadline.signal;
	let url = link.href;
	let response: IDataObject | undefined;
	for (let hop = 0; ; hop++) {
		rules.checkHop(new URL(url), hop);
		try {
			response = (await context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: settings.timeout,
				abortSignal: signal,
			})) as IDataObject;
		} catch (error) {
			throw downloadFailure(error, url, settings, deadline, 'request');
		}
		const status = Number(response.statusCode ?? 0);
		const location = headerOf((response.headers ?? {}) as HttpHeaders, 'location');
		if (status < 300 || status >= 400 || !location) break;
		discard(response.body);
		if (hop + 1 > MAX_HOPS) {
			throw new InputError(
				'Media URL',
				`${displayUrl(link.href)} redirects more than ${MAX_HOPS} times`,
				REACHABLE_LINK,
			);
		}
		const next = resolveLink(location, url);
		if (next === undefined)
			throw new InputError(
				'Media URL',
				`${displayUrl(url)} redirects to something that is not a link`,
				REACHABLE_LINK,
			);
		url = next;
	}

	const body: unknown = response.body;
	const status = Number(response.statusCode ?? 0);
	const headers = (response.headers ?? {}) as HttpHeaders;
	if (status < 200 || status >= 300) {
		discard(body);
		throw new InputError(
			'Media URL',
			`downloading ${displayUrl(url)} failed with HTTP ${status}`,
			REACHABLE_LINK,
		);
	}
	const announced = Number(headerOf(headers, 'content-length'));
	if (Number.isFinite(announced) && announced > rules.maxBytes) {
		discard(body);
		throw rules.tooLarge(`${formatBytes(announced)} (announced by its server)`, url);
	}

	let bytes: Buffer;
	if (isStream(body)) {
		const chunks: Buffer[] = [];
		let total = 0;
		let readFailure: unknown;
		try {
			for await (const chunk of body) {
				const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
				total += buffer.length;
				// Leaving the loop destroys the stream: the rest is never downloaded.
				if (total > rules.maxBytes) break;
				chunks.push(buffer);
			}
		} catch (error) {
			readFailure = error;
		}
		if (total > rules.maxBytes) {
			throw rules.tooLarge(
				`more than ${formatBytes(rules.maxBytes)} (the download was stopped there)`,
				url,
			);
		}
		if (readFailure !== undefined || signal.aborted)
			throw downloadFailure(readFailure, url, settings, deadline, 'body');
		bytes = Buffer.concat(chunks, total);
	} else {
		bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '');
		if (bytes.length > rules.maxBytes) throw rules.tooLarge(formatBytes(bytes.length), url);
	}
	return { bytes, url, headers };
}
