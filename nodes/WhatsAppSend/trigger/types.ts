import type { INodeProperties } from 'n8n-workflow';

import type { ProviderPlugin, ProviderRequest } from '../providers/types';
import type { ParsedEvent } from './event';
import type { ChannelFilter } from './filter';

/** A delivery as the trigger received it. Header names are lower case; a repeated header keeps its first value. */
export interface WebhookRequest {
	headers: Record<string, string>;
	/** The exact bytes received: signatures are computed over these, never over re-serialised JSON. */
	rawBody: Buffer;
	/** The body as n8n parsed it. */
	body: unknown;
}

export type Verification = { ok: true } | { ok: false; reason: string };

/** A call to a provider's subscription API, relative to the credential's Base URL. */
export type ApiRequest = Pick<ProviderRequest, 'method' | 'path' | 'json'>;

/** A webhook subscription as the provider lists it. */
export interface Subscription {
	id: string;
	url: string;
	/** Only where the provider shows it again (the Multi-Session server does, in its list). */
	secret?: string;
	/** The provider's event names; empty means all. */
	events?: string[];
}

/** Vobiz and the Multi-Session server: subscriptions the node creates, lists and deletes by id. */
export interface SubscriptionApi {
	kind: 'subscriptions';
	/** Vobiz takes the secret the node makes; the Multi-Session server makes its own and returns it. */
	secretMadeBy: 'node' | 'provider';
	list(): ApiRequest;
	parseList(body: unknown): Subscription[];
	create(input: { url: string; secret?: string; events: string[] }): ApiRequest;
	parseCreated(body: unknown): { id: string; secret?: string } | undefined;
	remove(id: string): ApiRequest;
	/** The provider's event names for the chosen `events`; an empty list subscribes to everything. */
	providerEvents(selected: string[]): string[];
	/** What to do when the provider refuses to create one (e.g. a limit of webhooks per device). */
	createRefusedHint?: string;
}

/** Callbell: one webhook per account, which subscribing creates or silently overwrites, and no way to read it. */
export interface AccountWebhookApi {
	kind: 'accountWebhook';
	subscribe(url: string, events: string[]): ApiRequest;
	/** The URL the provider says it now delivers to. */
	parseSubscribed(body: unknown): string | undefined;
	unsubscribe(): ApiRequest;
	providerEvents(selected: string[]): string[];
	/** Where in the provider's dashboard the webhook is set by hand, e.g. "Callbell (Settings → …)". */
	dashboard: string;
	/** Why listening for a test event is refused: the test URL would take the account's one webhook. */
	testListeningRefusal: string;
}

/** bitbybit: the user pastes the URL in the provider's dashboard. */
interface ManualRegistration {
	kind: 'manual';
}

type Registration = SubscriptionApi | AccountWebhookApi | ManualRegistration;

/** Where the secret that signs deliveries comes from. */
type SecretSource =
	| { from: 'subscription' }
	/**
	 * A credential field; `optional` where the provider may send unsigned events (Callbell). `missing`
	 * says where the secret comes from, for a credential without one.
	 */
	| { from: 'credential'; field: string; optional?: boolean; missing: string };

/** Finds the business number behind a channel id, which is what events carry. */
interface ChannelLookup {
	list(): ApiRequest;
	find(body: unknown, channelId: string): ChannelFilter | undefined;
}

/** A choice of the `events` parameter. */
export interface EventOption {
	name: string;
	value: string;
	description: string;
}

/** Which webhook URLs a provider delivers to. Every provider here needs one reachable from the internet. */
export interface DeliveryRules {
	/** Refuses plain http. */
	httpsOnly: boolean;
	/** The provider's name in error messages. */
	label: string;
	/** What the provider's documentation or code says, quoted in the error. */
	source: string;
}

/** The provider's part of the trigger's editor. */
interface WebhookEditor {
	/** What the user should know about registering its webhooks, shown below the Provider. */
	notice: string;
	/** The `events` chosen when the trigger is added. */
	defaultEvents: string[];
	/** Its entries of the trigger's Options collection. */
	options?: INodeProperties[];
}

/**
 * A provider's webhook half: pure functions from a delivery to events, and descriptions of its
 * registration API. The trigger node does the I/O; see DESIGN.md, "The trigger's public interface".
 */
export interface WebhookHalf {
	editor: WebhookEditor;
	eventOptions: EventOption[];
	secret: SecretSource;
	registration: Registration;
	/** Channels, where events can be narrowed to one business number (Vobiz). */
	channels?: ChannelLookup;
	delivery: DeliveryRules;
	verify(request: WebhookRequest, secret: string, nowMs: number): Verification;
	/** The events in a delivery; an empty list for a delivery that is not one (a ping, an unknown event). */
	parse(request: WebhookRequest): ParsedEvent[];
}

/** A provider with a webhook half: what the trigger works with. */
export type TriggerProvider = ProviderPlugin & { webhook: WebhookHalf };
