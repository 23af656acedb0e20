import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import type { MultipartBody } from '../http/multipart';
import type { MediaMessage, MessageOf, MessageType } from '../input/message';
import type { Read } from '../input/parameters';
import type { MediaFile, MediaLimits } from '../media/file';
import type { Failure } from '../output/failure';
import type { WebhookHalf } from '../trigger/types';

/** What a provider's request builder returns: relative to the credential's base URL. */
export interface ProviderRequest {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	qs?: IDataObject;
	json?: IDataObject;
	multipart?: MultipartBody;
	/** What the user should know about how this request was built, shown with the result. */
	notices?: string[];
}

/** A provider's answer to one send, normalised. */
export interface SendResult {
	messageId?: string;
	/** WhatsApp's own id for the message (`wamid…`), where the answer has it: it joins the trigger's events. */
	whatsappMessageId?: string;
	status: string;
}

/** What a provider said when it refused a request. */
export interface ProviderErrorDetail {
	code?: string;
	message?: string;
	/** Structured details the provider attached to its error (Vobiz: an object `error.details`). */
	details?: IDataObject;
}

/**
 * Authenticated GET requests to the provider for what a message needs from elsewhere (a channel's
 * WABA id, a template's definition). The run caches answers for one execution, so fifty items asking
 * for the same list cause one request.
 */
export interface ProviderLists {
	getJson(path: string, qs?: IDataObject): Promise<unknown>;
}

/** The bytes of a message's media: from the item's binary data, or downloaded from its link. */
export interface MediaLoader {
	/** The file, refused when it is over the limits or not what the message type needs. */
	load(
		message: MediaMessage,
		limits: MediaLimits,
		options: { allowPrivateHosts: boolean },
	): Promise<MediaFile>;
	/** Refuses binary media over the limits by its recorded size, without reading it (links are checked when loaded). */
	checkRecordedSize(message: MediaMessage, limits: MediaLimits): Promise<void>;
	/** The first bytes of binary media, without reading the whole file; undefined for links. */
	readHead(message: MediaMessage, length: number): Promise<Buffer | undefined>;
}

/** Where a provider gets what a request needs besides the message: its lists, and the message's media. */
export interface Sources {
	lists: ProviderLists;
	media: MediaLoader;
}

/** How a provider is named: in the editor's Provider list, and in the node's sentences. */
export interface ProviderLabels {
	/** Its entry in the editor's Provider list. */
	option: { name: string; description: string };
	/** Its name on its own, e.g. "WhatsApp Multi-Session API (self-hosted) cannot send …". */
	name: string;
	/** Its name inside a sentence: "Vobiz refused …", "Could not connect to the WhatsApp Multi-Session API". */
	inSentence: string;
}

/** The provider's credential type, as far as the node needs to know it. */
export interface ProviderCredential {
	/** The credential type's `name` (credentials/WhatsAppSend…Api.credentials.ts). */
	type: string;
	/** Fields that hold secrets; their values are masked in every output, error and log. */
	secretFields: readonly string[];
	/**
	 * The headers the credential's `authenticate` adds. The node never sees them (n8n applies the
	 * credential after the node hands the request over), so a dry run names them, always masked.
	 */
	authHeaders(credentials: ICredentialDataDecryptedObject): string[];
}

/** How fast the node sends when Messages Per Second is 0 (README, Throughput). */
export interface ProviderPace {
	/** Below the provider's documented limit; 0 sends unpaced. */
	messagesPerSecond: number;
	/** The default as the option's description names it, e.g. "Callbell 50 (limit 300)". */
	summary: string;
}

/**
 * Where a provider's own fields go in the node's one field order (description/index.ts), between
 * the fields every provider shares. The node shows them only for their provider.
 */
export type FieldSlot =
	/** After Message Type: what the user should know about sending through it (the 24-hour window). */
	| 'notices'
	/** Before To: what the message is sent from (a channel, a source). */
	| 'sender'
	/** In place of the shared To, for a provider that takes more than phone numbers. */
	| 'recipient'
	/** After the media source fields: what to know about its media. */
	| 'media'
	| 'caption'
	| 'fileName'
	/** Before the shared template values: which template, and how it is named. */
	| 'template'
	/** After the shared template values. */
	| 'templateExtras';

/** What a list search may use: the provider's API and the parameters the editor holds now. */
export interface ListSearchContext {
	/** An authenticated GET to the provider, with the node's Timeout, no redirects, errors masked. */
	getJson(path: string, qs?: IDataObject): Promise<unknown>;
	/** A parameter's current value: a resource locator's value, whichever mode it is in. */
	currentValue(name: string): unknown;
}

/** A list search of the editor (a channel or template picker), by the method name its field names. */
export type ListSearch = (
	context: ListSearchContext,
	filter?: string,
) => Promise<INodeListSearchResult>;

/** The provider's part of the node's editor. */
export interface ProviderEditor {
	/** Its fields, by slot. Fields several providers define alike are shown as one. */
	fields: Partial<Record<FieldSlot, INodeProperties[]>>;
	/** Its entries of the Options collection. */
	options: INodeProperties[];
	/** The list searches its fields name (`typeOptions.searchListMethod`). */
	listSearch?: Record<string, ListSearch>;
	/**
	 * Whether it takes media from the item's binary data, so the editor offers Media Source → Binary Data;
	 * without it, media come from a link only (and the run refuses binary data).
	 */
	takesBinaryMedia?: boolean;
	/** What a message type means with this provider, where it differs from the shared description. */
	messageTypeDescriptions?: Partial<Record<MessageType, string>>;
}

/**
 * One provider, complete: who it is, its credential, pace, editor and webhook half, what it supports,
 * and pure translations between the node's message and its API. The registry (providers/index.ts)
 * lists them.
 *
 * `Extras` is what it reads of its own parameters; `Prepared` what `prepare` makes of a message for
 * `buildRequest` (the message itself when it prepares nothing); `Type` the message types it sends.
 */
export interface ProviderPlugin<
	Extras = unknown,
	Prepared = unknown,
	Type extends MessageType = MessageType,
> {
	id: string;
	labels: ProviderLabels;
	credential: ProviderCredential;
	pace: ProviderPace;
	editor: ProviderEditor;
	/** Its half of the WhatsApp Send Trigger: webhook registration, signature checks, event parsing. */
	webhook?: WebhookHalf;
	messageTypes: readonly Type[];
	/** Whether `to` may be a JID (`…@s.whatsapp.net`, `…@g.us`) rather than a phone number. */
	acceptsJid: boolean;
	/**
	 * Reads its own parameters of one item (its fields and its options) into the message's extras; the
	 * message type is already one it sends. Throws an InputError for a value it cannot take.
	 */
	readExtras(read: Read, type: Type): Extras;
	/** Reads which template a template message names (its own field). */
	readTemplateId?(read: Read): string;
	/**
	 * Checks the credential's own settings that no request could be sent with; throws a ConfigurationError.
	 * Runs when the credential is read, before anything is sent.
	 */
	checkCredentials?(credentials: ICredentialDataDecryptedObject): void;
	/** Checks this provider's own limits; throws an InputError. Runs before anything is sent. */
	validate?(message: MessageOf<Type, Extras>): void;
	/**
	 * Checks that need the provider's lists or the media, run for every item before the first message is
	 * sent. Lists are cached, so `prepare` later reuses what this fetched.
	 */
	preflight?(message: MessageOf<Type, Extras>, sources: Sources): Promise<void>;
	/** Fetches what the request needs besides the message; the only impure step, done through `sources`. */
	prepare?(message: MessageOf<Type, Extras>, sources: Sources): Promise<Prepared>;
	/** The request for a message (as `prepare` made it, or as it was read when there is no `prepare`). */
	buildRequest(prepared: Prepared): ProviderRequest;
	/** The recipient exactly as the request sends it. */
	formatRecipient(message: MessageOf<Type, Extras>): string;
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
