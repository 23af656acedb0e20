import type { IDataObject } from 'n8n-workflow';

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

/** Bytes of a media file, ready to upload. */
export interface MediaFile {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
	/** A dry run's stand-in for a link it did not download: the link, as errors may show it. */
	notDownloaded?: string;
}

export interface TemplateInput {
	/** bitbybit template name, Vobiz template name, or Callbell template uuid. */
	id: string;
	/** bitbybit only: CRM or AUTH. */
	source?: string;
	language?: string;
	parameters: string[];
	mediaUrl?: string;
	buttonParameter?: string;
}

/** The provider-neutral message read from the node's parameters for one item. */
export interface OutgoingMessage {
	itemIndex: number;
	type: MessageType;
	recipient: Recipient;
	text?: string;
	media?: MediaInput;
	caption?: string;
	fileName?: string;
	/** Vobiz channel id / Callbell channel uuid. */
	channel?: string;
	/** bitbybit sending channel type. */
	source?: string;
	template?: TemplateInput;
	location?: { latitude: number; longitude: number; name?: string; address?: string };
	contact?: { name: string; phone: string };
	poll?: { question: string; options: string[] };
	options: SendOptions;
}

export interface SendOptions {
	ignoreActiveTicket?: boolean;
	countryCode?: string;
	assignedUser?: string;
	teamUuid?: string;
	botStatus?: string;
	metadata?: IDataObject;
	typingSimulation?: boolean;
	presenceSimulation?: boolean;
	viewOnce?: boolean;
	voiceNote?: boolean;
	mediaId?: boolean;
	/** multiSession: the server's HTTP_BODY_LIMIT_SIZE in MB (8 unless raised). */
	maxUploadSizeMb?: number;
	/** multiSession: download media links from localhost and private, link-local or loopback addresses. */
	allowPrivateMediaHosts?: boolean;
	/** Vobiz: the media type of a template's header, for templates whose list entry does not say. */
	templateHeaderType?: TemplateHeaderMediaType;
}

export const TEMPLATE_HEADER_MEDIA_TYPES = ['image', 'video', 'document'] as const;
export type TemplateHeaderMediaType = (typeof TEMPLATE_HEADER_MEDIA_TYPES)[number];
