export type MessageType =
	| 'text'
	| 'image'
	| 'video'
	| 'audio'
	| 'document'
	| 'sticker'
	| 'template'
	| 'location'
	| 'contact'
	| 'poll';

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(type: MessageType): type is MediaType {
	return (MEDIA_TYPES as readonly string[]).includes(type);
}

/** A recipient after normalisation: an international number (digits only) or a WhatsApp JID. */
export type Recipient =
	| { kind: 'phone'; digits: string }
	| { kind: 'jid'; jid: string; server: 's.whatsapp.net' | 'g.us' };

/** Media as the user described it; bytes are fetched later, only for providers that upload. */
export type MediaInput =
	| { source: 'url'; url: string }
	| { source: 'binary'; binaryPropertyName: string };

/** What every provider's templates take; a provider's own template fields are among its extras. */
export interface TemplateInput {
	/** Which template, as the provider names it: bitbybit's name, Vobiz's name[:language], Callbell's uuid. */
	id: string;
	/** Values for `{{1}}`…`{{n}}`, in order. */
	parameters: string[];
	/** The header's media link, checked and normalised. */
	mediaUrl?: string;
}

/** What every message has, whatever its kind. */
interface Envelope<Extras> {
	itemIndex: number;
	recipient: Recipient;
	/** What only the chosen provider reads (its channel, its options), as its plugin read it. */
	extras: Extras;
}

export interface TextMessage<Extras = unknown> extends Envelope<Extras> {
	type: 'text';
	text: string;
}

export interface MediaMessage<Extras = unknown> extends Envelope<Extras> {
	type: MediaType;
	media: MediaInput;
	/** Read for image, video and document. */
	caption?: string;
	/** Read for document. */
	fileName?: string;
}

export interface TemplateMessage<Extras = unknown> extends Envelope<Extras> {
	type: 'template';
	template: TemplateInput;
}

export interface LocationMessage<Extras = unknown> extends Envelope<Extras> {
	type: 'location';
	location: { latitude: number; longitude: number; name?: string; address?: string };
}

export interface ContactMessage<Extras = unknown> extends Envelope<Extras> {
	type: 'contact';
	contact: { name: string; phone: string };
}

export interface PollMessage<Extras = unknown> extends Envelope<Extras> {
	type: 'poll';
	poll: { question: string; options: string[] };
}

/** The provider-neutral message read from the node's parameters for one item: one type per kind. */
export type OutgoingMessage<Extras = unknown> =
	| TextMessage<Extras>
	| MediaMessage<Extras>
	| TemplateMessage<Extras>
	| LocationMessage<Extras>
	| ContactMessage<Extras>
	| PollMessage<Extras>;

/** What a message says, without who it goes to: one shape per kind, as the node reads it. */
export type MessageContent = OutgoingMessage extends infer M
	? M extends unknown
		? Omit<M, keyof Envelope<unknown>>
		: never
	: never;

/** The messages of the given types: what a provider that sends only those types is handed. */
export type MessageOf<Type extends MessageType, Extras = unknown> = Type extends MediaType
	? MediaMessage<Extras>
	: Extract<OutgoingMessage<Extras>, { type: Type }>;

export function isMediaMessage<M extends { type: MessageType }>(
	message: M,
): message is Extract<M, { media: MediaInput }> {
	return isMediaType(message.type);
}
