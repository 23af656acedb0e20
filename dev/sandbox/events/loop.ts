import { bitbybitDelivery } from '../../../fakes/bitbybit/deliveries';
import { callbellDelivery } from '../../../fakes/callbell/deliveries';
import type { Delivery } from '../../../fakes/deliveries';
import { nowSeconds } from '../../../fakes/deliveries';
import type { RecordedRequest } from '../../../fakes/server';
import { vobizDelivery } from '../../../fakes/vobiz/deliveries';
import type { NodeProviderId, SandboxFakes } from '../providers';
import type { MessageKind } from '../views';
import {
	bitbybitReceived,
	bitbybitStatus,
	callbellReceived,
	callbellStatus,
	multiSessionReceipt,
	multiSessionReceived,
	newWamid,
	vobizInbound,
	vobizStatus,
} from './formats';
import type { ProviderEvent, Reply, SentMessage, StatusWord } from './formats';
import { outcomeFor } from './recipients';
import type { Outcome } from './recipients';
import { DashboardWebhooks } from './webhooks';

/** How long after the send each status is reported: small, so that the loop is visible, but not instant. */
export interface EventDelays {
	sent: number;
	delivered: number;
	read: number;
}

export const DEFAULT_DELAYS: EventDelays = { sent: 500, delivered: 1500, read: 3500 };

/** A status the provider reported for a message, shown as the inbox's ticks. */
export interface ReportedStatus {
	status: StatusWord;
	at: string;
	error?: string;
}

/** One event posted to one webhook URL, and how the receiver answered. */
export interface EventDelivery {
	id: number;
	at: string;
	provider: NodeProviderId;
	event: string;
	url: string;
	headers: Record<string, string>;
	body: string;
	/** The receiver's HTTP status, or the network error. */
	answer: number | string;
	/** The inbox entry (sent message or reply) it is about. */
	inboxId?: number;
}

/** What the loop needs from the inbox: where to put ticks and replies. */
export interface EventSink {
	statusReported(inboxId: number, status: ReportedStatus): void;
	delivered(delivery: EventDelivery): void;
}

// The sandbox runs for hours; old deliveries give way to new ones.
const MAX_DELIVERIES = 500;

/**
 * The providers' side of the trigger: after each message a provider accepted, its status events
 * (sent → delivered → read, or `failed` for the designated recipients) go to every webhook
 * registered with that provider — through its API (Vobiz, Callbell, Multi-Session) or set by hand
 * (bitbybit, Callbell's dashboard) — signed as that provider signs; a customer's reply typed in the
 * inbox goes out as the provider's inbound-message event. What a provider cannot report (the
 * Multi-Session server: no `sent`, no `failed`, no text of a customer's message) is not sent.
 */
export class EventLoop {
	readonly dashboards: DashboardWebhooks;

	readonly deliveries: EventDelivery[] = [];

	/** Messages by provider and recipient digits, newest last: a reply goes to the number last used. */
	private readonly sent: Array<SentMessage & { provider: NodeProviderId }> = [];

	private readonly timers = new Set<NodeJS.Timeout>();

	private readonly inFlight = new Set<Promise<void>>();

	private nextId = 1;

	private stopped = false;

	constructor(
		private readonly fakes: SandboxFakes,
		private readonly sink: EventSink,
		private readonly delays: EventDelays = DEFAULT_DELAYS,
	) {
		this.dashboards = new DashboardWebhooks(fakes);
		// The sandbox stands in on this machine: it takes and delivers to local http addresses.
		fakes.vobiz.webhooks.acceptsLocalUrls = true;
		fakes.callbell.webhooks.acceptsLocalUrls = true;
		fakes.multiSession.webhooks.deliversToLocalUrls = true;
	}

	/** Schedules the status events of a message the provider accepted. */
	afterSend(
		provider: NodeProviderId,
		inboxId: number,
		request: RecordedRequest,
		answer: unknown,
		kind: MessageKind,
		recipient: string,
	): void {
		const message = this.sentMessage(provider, inboxId, request, answer, recipient);
		if (!message) return;
		this.sent.push({ ...message, provider });
		if (this.sent.length > MAX_DELIVERIES) this.sent.shift();
		const outcome = outcomeFor(recipient, kind);
		for (const [status, delay] of this.sequence(provider, outcome))
			this.later(delay, () => this.report(provider, message, status, outcome));
	}

	/** A customer's message to the business, sent as the provider's inbound event. */
	async reply(
		provider: NodeProviderId,
		customerAddress: string,
		text: string,
	): Promise<{ event: ProviderEvent; deliveries: EventDelivery[] }> {
		const customer = customerAddress.split('@')[0].replace(/\D/g, '');
		const last = [...this.sent]
			.reverse()
			.find((m) => m.provider === provider && m.recipient === customer);
		const reply: Reply = {
			customer,
			text,
			business: last?.business ?? this.defaultBusiness(provider),
			wamid: newWamid(),
		};
		const at = new Date();
		const event =
			provider === 'bitbybit'
				? bitbybitReceived(reply, at)
				: provider === 'vobiz'
					? vobizInbound(reply, at, this.fakes.vobiz.authId)
					: provider === 'callbell'
						? callbellReceived(reply, at)
						: multiSessionReceived(reply, at, this.fakes.multiSession.webhooks.deviceId);
		return { event, deliveries: await this.post(provider, event) };
	}

	/** Waits for every event already due or on its way (tests). */
	async settle(): Promise<void> {
		while (this.timers.size || this.inFlight.size)
			await new Promise((resolve) => setTimeout(resolve, 20));
	}

	async stop(): Promise<void> {
		this.stopped = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await Promise.allSettled([...this.inFlight]);
	}

	/** Which statuses the provider reports for this outcome, and when. */
	private sequence(provider: NodeProviderId, outcome: Outcome): Array<[StatusWord, number]> {
		const { sent, delivered, read } = this.delays;
		if (provider === 'multiSession') {
			// whatsmeow reports receipts only: no `sent`, and a send WhatsApp refuses fails the API call itself.
			return [
				['delivered', delivered],
				['read', read],
			];
		}
		if (outcome !== 'delivered') return [['failed', delivered]];
		return [
			['sent', sent],
			['delivered', delivered],
			['read', read],
		];
	}

	private report(
		provider: NodeProviderId,
		message: SentMessage,
		status: StatusWord,
		outcome: Outcome,
	): Promise<unknown> {
		const at = new Date();
		const event =
			provider === 'bitbybit'
				? bitbybitStatus(message, status, outcome, at)
				: provider === 'vobiz'
					? vobizStatus(message, status, outcome, at, this.fakes.vobiz.authId)
					: provider === 'callbell'
						? callbellStatus(message, status, outcome, at)
						: multiSessionReceipt(
								message,
								status as 'delivered' | 'read',
								at,
								this.fakes.multiSession.webhooks.deviceId,
							);
		this.sink.statusReported(message.inboxId, {
			status,
			at: at.toISOString(),
			...(status === 'failed' ? { error: failureText(outcome) } : {}),
		});
		return this.post(provider, event, message.inboxId);
	}

	/** Signs `event` for every webhook the provider would deliver it to, and posts it. */
	private async post(
		provider: NodeProviderId,
		event: ProviderEvent,
		inboxId?: number,
	): Promise<EventDelivery[]> {
		const targets = this.targets(provider, event);
		const posted = Promise.all(
			targets.map(async ({ url, delivery }) => {
				const answer = await postDelivery(url, delivery);
				const record: EventDelivery = {
					id: this.nextId++,
					at: new Date().toISOString(),
					provider,
					event: event.name,
					url,
					headers: delivery.headers,
					body: delivery.body.toString('utf8'),
					answer,
					inboxId,
				};
				this.deliveries.push(record);
				if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.shift();
				this.sink.delivered(record);
				return record;
			}),
		);
		const done = posted.then(() => undefined);
		this.inFlight.add(done);
		try {
			return await posted;
		} finally {
			this.inFlight.delete(done);
		}
	}

	private targets(
		provider: NodeProviderId,
		event: ProviderEvent,
	): Array<{ url: string; delivery: Delivery }> {
		switch (provider) {
			case 'bitbybit':
				return this.dashboards.bitbybit
					.filter((hook) => hook.events.includes(event.name))
					.map((hook) => ({
						url: hook.url,
						delivery: bitbybitDelivery(
							{
								// Knowledge base, Webhooks Overview: the headers of every delivery.
								headers: {
									'Content-Type': 'application/json',
									'User-Agent': 'BitByBit-Webhooks/1.0',
									'X-BitByBit-Webhook-Id': event.eventId ?? '',
									'X-BitByBit-Webhook-Event': event.name,
								},
								body: event.body,
							},
							hook.secret,
							nowSeconds(),
						),
					}));
			case 'vobiz':
				// Vobiz subscriptions have no event filter: every subscription gets every event.
				return this.fakes.vobiz.webhooks.subscriptions
					.filter((subscription) => subscription.status === 'active')
					.map((subscription) => ({
						url: subscription.url,
						delivery: vobizDelivery(event.body, subscription.secret),
					}));
			case 'callbell': {
				const webhook = this.fakes.callbell.webhooks.current;
				if (!webhook?.enabled || !webhook.subscriptions.includes(event.name)) return [];
				return [
					{
						url: webhook.url,
						delivery: callbellDelivery(
							event.body,
							this.dashboards.callbellSigningSecret,
							nowSeconds(),
						),
					},
				];
			}
			case 'multiSession':
				return this.fakes.multiSession.webhooks.dispatch(event.body);
		}
	}

	private sentMessage(
		provider: NodeProviderId,
		inboxId: number,
		request: RecordedRequest,
		answer: unknown,
		recipient: string,
	): SentMessage | undefined {
		const body = (request.json ?? {}) as Record<string, unknown>;
		const recipientDigits = recipient.split('@')[0].replace(/\D/g, '');
		const business = this.defaultBusiness(provider);
		const json = (answer ?? {}) as Record<string, Record<string, unknown> | undefined>;
		switch (provider) {
			case 'bitbybit': {
				const wamid = String(json.data?.messageId2 ?? '');
				return wamid
					? { inboxId, messageId: wamid, wamid, recipient: recipientDigits, business }
					: undefined;
			}
			case 'vobiz': {
				const channel = this.fakes.vobiz.channels.find((c) => c.id === body.channel_id);
				const answered = answer as Record<string, unknown>;
				return {
					inboxId,
					messageId: String(answered.id ?? ''),
					// The answer's meta_message_id is null: WhatsApp assigns the wamid after Vobiz answered.
					wamid:
						typeof answered.meta_message_id === 'string' ? answered.meta_message_id : newWamid(),
					recipient: recipientDigits,
					business: channel
						? { phoneNumber: channel.phone_number, phoneNumberId: channel.phone_number_id }
						: business,
				};
			}
			case 'callbell': {
				const uuid = String(json.message?.uuid ?? '');
				const metadata = body.metadata as Record<string, unknown> | undefined;
				return uuid
					? {
							inboxId,
							messageId: uuid,
							wamid: `gBGGM${newWamid().slice(10, 34)}`,
							recipient: recipientDigits,
							business,
							...(metadata ? { metadata } : {}),
						}
					: undefined;
			}
			case 'multiSession': {
				const id = String(json.data?.message_id ?? '');
				// A message to a group gets receipts from each member; the sandbox keeps to people.
				if (!id || !recipient.endsWith('@s.whatsapp.net')) return undefined;
				return { inboxId, messageId: id, wamid: id, recipient: recipientDigits, business };
			}
		}
	}

	private defaultBusiness(provider: NodeProviderId): SentMessage['business'] {
		const channel = this.fakes.vobiz.channels[0];
		return provider === 'vobiz' && channel
			? { phoneNumber: channel.phone_number, phoneNumberId: channel.phone_number_id }
			: { phoneNumber: SANDBOX_BUSINESS_NUMBER, phoneNumberId: 'sandbox' };
	}

	private later(delayMs: number, run: () => Promise<unknown>): void {
		if (this.stopped) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.stopped) void run();
		}, delayMs);
		this.timers.add(timer);
	}
}

/** The business's own number where a provider's event names one and the sandbox has no channel for it. */
export const SANDBOX_BUSINESS_NUMBER = '+6281100000001';

function failureText(outcome: Outcome): string {
	return outcome === 'notOnWhatsApp'
		? 'the recipient is not on WhatsApp'
		: 'the 24-hour window is closed (only templates go through)';
}

async function postDelivery(url: string, delivery: Delivery): Promise<number | string> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: delivery.headers,
			body: new Uint8Array(delivery.body),
			redirect: 'manual',
			signal: AbortSignal.timeout(10_000),
		});
		await response.arrayBuffer().catch(() => undefined);
		return response.status;
	} catch (error) {
		return (error as Error).message;
	}
}
