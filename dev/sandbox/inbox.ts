import type { IncomingHttpHeaders } from 'node:http';

import type { EventDelivery, EventSink, ReportedStatus } from './events/loop';
import type { NodeProviderId } from './providers';
import type { MessageView } from './views';

export interface InboxRequest {
	method: string;
	/** The path as the sandbox received it, provider prefix included. */
	path: string;
	headers: Record<string, string>;
	/** The JSON body, or for multipart the fields and a description of each file. */
	body: unknown;
}

export interface InboxEntry extends MessageView {
	id: number;
	at: string;
	provider: NodeProviderId;
	providerLabel: string;
	request: InboxRequest;
	response: { status: number; body: unknown };
	/** `inbound`: a customer's reply typed in the inbox. */
	direction: 'outbound' | 'inbound';
	/** What the provider reported about the message, in order: the ticks. */
	statuses: ReportedStatus[];
	/** The webhook deliveries about it: where each went and what the receiver answered. */
	events: Array<Pick<EventDelivery, 'event' | 'url' | 'answer' | 'at'>>;
}

/** Every request a provider received, accepted or not: shows retries, rate limits and refusals. */
export interface ActivityEntry {
	id: number;
	at: string;
	provider: NodeProviderId;
	method: string;
	path: string;
	status: number | 'dropped';
	accepted: boolean;
	error?: string;
}

export interface StoredMedia {
	bytes: Buffer;
	mimeType: string;
	fileName: string;
}

// The sandbox runs for hours during workflow building; old messages give way to new ones.
const MAX_ENTRIES = 500;
const MAX_ACTIVITY = 500;
const HIDDEN_HEADERS = ['host', 'connection', 'content-length', 'accept-encoding'];

export function visibleHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const visible: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || HIDDEN_HEADERS.includes(name)) continue;
		visible[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return visible;
}

/** The provider's own words for a refusal, from any of the four error shapes. */
export function errorText(body: unknown): string | undefined {
	if (typeof body === 'string')
		return (
			body
				.replace(/<[^>]*>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
				.slice(0, 200) || undefined
		);
	if (!body || typeof body !== 'object') return undefined;
	const json = body as Record<string, unknown>;
	const error = json.error;
	if (error && typeof error === 'object') {
		const { code, message } = error as Record<string, unknown>;
		return [message, code ? `[${String(code)}]` : ''].filter(Boolean).join(' ');
	}
	if (typeof error === 'string')
		return typeof json.message === 'string' && json.message !== error
			? `${json.message}: ${error}`
			: error;
	return typeof json.message === 'string' ? json.message : undefined;
}

export class Inbox implements EventSink {
	private entries: InboxEntry[] = [];

	private activity: ActivityEntry[] = [];

	private readonly media = new Map<number, StoredMedia>();

	private nextId = 1;

	/** Changes whenever anything is recorded, so the page re-renders only then. */
	version = 0;

	newId(): number {
		return this.nextId++;
	}

	add(entry: InboxEntry, media?: StoredMedia): void {
		this.entries.push(entry);
		if (media) this.media.set(entry.id, media);
		while (this.entries.length > MAX_ENTRIES) {
			const dropped = this.entries.shift();
			if (dropped) this.media.delete(dropped.id);
		}
		this.version++;
	}

	log(entry: ActivityEntry): void {
		this.activity.push(entry);
		if (this.activity.length > MAX_ACTIVITY) this.activity.shift();
		this.version++;
	}

	statusReported(inboxId: number, status: ReportedStatus): void {
		const entry = this.entries.find((candidate) => candidate.id === inboxId);
		if (!entry) return;
		entry.statuses.push(status);
		this.version++;
	}

	delivered(delivery: EventDelivery): void {
		const entry = this.entries.find((candidate) => candidate.id === delivery.inboxId);
		if (entry) {
			const { event, url, answer, at } = delivery;
			entry.events.push({ event, url, answer, at });
		}
		this.log({
			id: this.newId(),
			at: delivery.at,
			provider: delivery.provider,
			method: 'EVENT',
			path: `${delivery.event} → ${delivery.url}`,
			status: typeof delivery.answer === 'number' ? delivery.answer : 'dropped',
			accepted: typeof delivery.answer === 'number' && delivery.answer < 300,
			error: typeof delivery.answer === 'string' ? delivery.answer : undefined,
		});
	}

	mediaOf(id: number): StoredMedia | undefined {
		return this.media.get(id);
	}

	/** Newest first. */
	get messages(): InboxEntry[] {
		return [...this.entries].reverse();
	}

	get recentActivity(): ActivityEntry[] {
		return [...this.activity].reverse();
	}

	clear(): void {
		this.entries = [];
		this.activity = [];
		this.media.clear();
		this.version++;
	}
}
