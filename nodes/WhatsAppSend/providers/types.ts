import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Failure } from '../output/errors';

import type {
	MediaFile,
	MessageType,
	OutgoingMessage,
	ProviderErrorDetail,
	ProviderId,
	ProviderRequest,
	SendResult,
} from '../input/message';

/**
 * Authenticated GET requests to the provider for what a message needs from elsewhere (a channel's
 * WABA id, a template's definition). The node caches answers for one execution, so fifty items
 * asking for the same list cause one request.
 */
export interface Lookup {
	getJson(path: string, qs?: IDataObject): Promise<unknown>;
	/** The bytes of the message's media, from the item's binary data or downloaded from its URL. */
	loadMedia(message: OutgoingMessage, limits: MediaLimits): Promise<MediaFile>;
	/** Refuses binary media over the limits by its recorded size, without reading it (links are checked when loaded). */
	checkMediaSize?(message: OutgoingMessage, limits: MediaLimits): Promise<void>;
	/** The first bytes of binary media, without reading the whole file; undefined for links. */
	readMediaHead?(message: OutgoingMessage, length: number): Promise<Buffer | undefined>;
}

export interface MediaLimits {
	/** Largest file the provider takes, in bytes. */
	maxBytes: number;
	/** Why that is the limit, e.g. "the Multi-Session API takes requests of at most 8 MB". */
	reason?: string;
	/** What the user can do about a file over the limit. */
	remedy?: string;
}

/** One provider: what it supports, and pure translations between the node's message and its API. */
export interface WhatsAppProvider<Context = undefined> {
	id: ProviderId;
	label: string;
	credentialType: string;
	/** Credential fields that hold secrets; their values are masked in every output and error. */
	secretFields: readonly string[];
	messageTypes: readonly MessageType[];
	/** Whether `to` may be a JID (`…@s.whatsapp.net`, `…@g.us`) rather than a phone number. */
	acceptsJid: boolean;
	/**
	 * Checks the credential's own settings that no request could be sent with; throws a ConfigurationError.
	 * Runs when the credential is read, before anything is sent.
	 */
	checkCredentials?(credentials: ICredentialDataDecryptedObject): void;
	/** Checks this provider's own limits; throws an InputError. Runs before anything is sent. */
	validate?(message: OutgoingMessage): void;
	/** Fetches what the request needs from the provider; the only impure step, done through `lookup`. */
	prepare?(message: OutgoingMessage, lookup: Lookup): Promise<Context>;
	/**
	 * Checks that need the provider's lists, run for every item before the first message is sent.
	 * Lookups are cached, so `prepare` later reuses what this fetched.
	 */
	preflight?(message: OutgoingMessage, lookup: Lookup): Promise<void>;
	buildRequest(message: OutgoingMessage, context: Context): ProviderRequest;
	/** The recipient exactly as the request sends it. */
	formatRecipient(message: OutgoingMessage): string;
	parseSuccess(body: unknown): SendResult;
	parseError(body: unknown): ProviderErrorDetail;
	/** A known cause for a refusal, in words a user can act on. */
	hint?(status: number, detail: ProviderErrorDetail): string | undefined;
	/**
	 * Refusals the provider is known to make before anything is sent, although their status alone
	 * (a 500) would leave that open: their class replaces the one the status gives.
	 */
	knownRefusal?(status: number, detail: ProviderErrorDetail): KnownRefusal | undefined;
}

/** A refusal that certainly sent nothing, and whether sending the same message later could work. */
export type KnownRefusal = Pick<Failure, 'kind' | 'retryable'> & { mayHaveBeenSent: false };
