import type { FakeResponse, Handler, RecordedRequest, RunningServer } from './server';
import { startServer } from './server';

/**
 * What every fake provider shares: a record of accepted messages, answers a test can queue for the
 * next send requests (a 429, an outage, a dropped connection), and a loopback server.
 */
export abstract class FakeProvider {
	/** Requests the fake accepted as a message send. */
	readonly accepted: RecordedRequest[] = [];

	private scripted: FakeResponse[] = [];

	private server?: RunningServer;

	/** The next send requests get these answers, in order, before normal handling resumes. */
	script(...responses: FakeResponse[]): this {
		this.scripted.push(...responses);
		return this;
	}

	protected takeScripted(): FakeResponse | undefined {
		return this.scripted.shift();
	}

	abstract handle(request: RecordedRequest): FakeResponse | Promise<FakeResponse>;

	get handler(): Handler {
		return async (request) => await this.handle(request);
	}

	async start(): Promise<string> {
		this.server = await startServer(this.handler);
		return this.server.url;
	}

	get url(): string {
		if (!this.server) throw new Error('fake provider not started');
		return this.server.url;
	}

	/** Every request the server received, in order. */
	get requests(): RecordedRequest[] {
		return this.server?.requests ?? [];
	}

	async stop(): Promise<void> {
		await this.server?.close();
	}
}

/** Checks a JSON body against the fields a provider knows; returns the first problem. */
export function unknownFields(
	body: Record<string, unknown>,
	allowed: readonly string[],
): string | undefined {
	const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
	return unknown.length ? `unknown field(s): ${unknown.join(', ')}` : undefined;
}

/** Meta's limits on the WhatsApp Business Platform, which the hosted providers send through. */
export const CLOUD_TEXT_LIMIT = 4096;
export const CLOUD_CAPTION_LIMIT = 1024;

/** A string field over `max` characters (UTF-16 code units, the stricter count), as the provider would refuse it. */
export function tooLong(value: unknown, max: number, field: string): string | undefined {
	return typeof value === 'string' && value.length > max
		? `${field} must be at most ${max} characters`
		: undefined;
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}
