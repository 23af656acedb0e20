import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from './errors';
import { checkMediaUrl } from './mediaChecks';
import { checkBinaryInput } from './media';
import type { Read } from './parameters';
import type { WhatsAppProvider } from './providers/types';
import { parsePhoneNumber, parseRecipient } from './recipient';
import { isMediaType, TEMPLATE_HEADER_MEDIA_TYPES } from './types';
import type { MediaInput, MessageType, OutgoingMessage, SendOptions, TemplateHeaderMediaType, TemplateInput } from './types';

function readString(read: Read, name: string): string {
	const value = read(name, '');
	return value === undefined || value === null ? '' : String(value);
}

function optionalString(read: Read, name: string): string | undefined {
	const value = readString(read, name).trim();
	return value === '' ? undefined : value;
}

function readList(read: Read, name: string, label: string): string[] {
	const value = read(name, []);
	if (value === undefined || value === null || value === '') return [];
	// An expression may hand over an array, or one comma-free value; a JSON array string is also common.
	if (Array.isArray(value)) return value.map((v) => (v === null || v === undefined ? '' : String(v)));
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		const parsed = safeJson(value);
		if (!Array.isArray(parsed)) {
			throw new InputError(label, `"${value}" is not a valid JSON array`, 'a list of values, or a JSON array such as ["Ann", "42"]');
		}
		return parsed.map((v) => String(v));
	}
	return [String(value)];
}

function readResourceLocator(read: Read, name: string): string {
	const value = read(name, '');
	if (value && typeof value === 'object') return String((value as IDataObject).value ?? '').trim();
	return String(value ?? '').trim();
}

function readOptions(read: Read): { options: SendOptions; defaultCountryCode?: string } {
	const raw = (read('options', {}) ?? {}) as IDataObject;
	let metadata: IDataObject | undefined;
	if (raw.metadata !== undefined && raw.metadata !== '') {
		const value = typeof raw.metadata === 'string' ? safeJson(raw.metadata) : raw.metadata;
		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			throw new InputError('Metadata', 'is not a JSON object', 'an object such as {"orderId": "123"}');
		}
		metadata = value as IDataObject;
	}
	const options: SendOptions = {
		ignoreActiveTicket: raw.ignoreActiveTicket as boolean | undefined,
		countryCode: (raw.countryCode as string | undefined) || undefined,
		assignedUser: (raw.assignedUser as string | undefined) || undefined,
		teamUuid: (raw.teamUuid as string | undefined) || undefined,
		botStatus: (raw.botStatus as string | undefined) || undefined,
		metadata,
		typingSimulation: raw.typingSimulation as boolean | undefined,
		presenceSimulation: raw.presenceSimulation as boolean | undefined,
		viewOnce: raw.viewOnce as boolean | undefined,
		voiceNote: raw.voiceNote as boolean | undefined,
		mediaId: raw.mediaId as boolean | undefined,
		maxUploadSizeMb: readPositiveNumber(raw.maxUploadSizeMb, 'Max Upload Size (MB)'),
		templateHeaderType: readTemplateHeaderType(raw.templateHeaderType),
	};
	return { options, defaultCountryCode: (raw.defaultCountryCode as string | undefined) || undefined };
}

function readTemplateHeaderType(value: unknown): TemplateHeaderMediaType | undefined {
	if (value === undefined || value === '' || value === 'auto') return undefined;
	const type = String(value).trim().toLowerCase();
	if ((TEMPLATE_HEADER_MEDIA_TYPES as readonly string[]).includes(type)) return type as TemplateHeaderMediaType;
	throw new InputError('Template Header Media Type', `"${String(value)}" is not a header media type`, '"image", "video" or "document"');
}

function readPositiveNumber(value: unknown, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0) throw new InputError(label, `"${String(value)}" is not a positive number`, 'a number such as 8');
	return number;
}

/**
 * The contact card's number as digits with country code: the server builds the vCard's `waid=` from
 * it, and WhatsApp links the card to an account only when that is the full international number.
 */
function readContactPhone(raw: string, defaultCountryCode: string | undefined): string {
	if (raw.trim() === '') throw new InputError('Contact Phone', 'is empty', 'the number on the card, with country code, such as +62 812-3456-7890');
	let digits: string | undefined;
	let problem: InputError | undefined;
	try {
		digits = parsePhoneNumber(raw, defaultCountryCode);
	} catch (error) {
		problem = error as InputError;
	}
	if (digits === undefined) {
		throw new InputError('Contact Phone', problem?.problem ?? `"${raw}" is not a phone number`, problem?.valid);
	}
	return digits;
}

/** A coordinate from a number field or an expression; text such as "north" is named in the error. */
function readCoordinate(read: Read, name: string, label: string, limit: number): number {
	const raw = read(name, 0);
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		throw new InputError(label, 'is empty', `a number between -${limit} and ${limit}`);
	}
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new InputError(label, `"${String(raw)}" is not a number`, `a number between -${limit} and ${limit}`);
	}
	return value;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function readMedia(read: Read): MediaInput {
	const source = readString(read, 'mediaSource') || 'url';
	if (source === 'binary') {
		const binaryPropertyName = readString(read, 'binaryPropertyName').trim() || 'data';
		return { source: 'binary', binaryPropertyName };
	}
	return { source: 'url', url: readString(read, 'mediaUrl').trim() };
}

/** Checked and normalised here: a link sent as typed (spaces, an upper-case scheme) is refused by the providers. */
function templateMediaUrl(raw: string | undefined): string | undefined {
	return raw === undefined ? undefined : checkMediaUrl(raw, 'Template Media URL').href;
}

function readTemplate(read: Read, provider: WhatsAppProvider<unknown>): TemplateInput {
	const id =
		provider.id === 'bitbybit'
			? readString(read, 'templateName').trim()
			: readResourceLocator(read, 'template');
	return {
		id,
		source: provider.id === 'bitbybit' ? readString(read, 'templateSource') : undefined,
		language: provider.id === 'vobiz' ? optionalString(read, 'templateLanguage') : undefined,
		parameters: readList(read, 'templateParameters', 'Template Parameters'),
		mediaUrl: templateMediaUrl(optionalString(read, 'templateMediaUrl')),
		buttonParameter: provider.id === 'vobiz' ? optionalString(read, 'templateButtonParameter') : undefined,
	};
}

/**
 * Reads one item's parameters into a provider-neutral message and checks what the node can check
 * without the provider. Throws InputError; nothing has been sent when it does.
 */
export function readMessageFrom(
	read: Read,
	itemIndex: number,
	provider: WhatsAppProvider<unknown>,
): OutgoingMessage {
	const type = readString(read, 'messageType') as MessageType;
	if (!provider.messageTypes.includes(type)) {
		throw new InputError(
			'Message Type',
			`${provider.label} cannot send "${type}" messages`,
			provider.messageTypes.join(', '),
		);
	}
	const { options, defaultCountryCode } = readOptions(read);

	const recipient = parseRecipient(readString(read, 'to'), {
		acceptJid: provider.acceptsJid,
		defaultCountryCode,
	});

	const message: OutgoingMessage = { itemIndex, type, recipient, options };
	if (provider.id === 'bitbybit') message.source = readString(read, 'source');
	if (provider.id === 'vobiz' || provider.id === 'callbell') message.channel = readResourceLocator(read, 'channel');

	if (type === 'text') {
		message.text = readString(read, 'text');
		if (message.text.trim() === '') throw new InputError('Text', 'is empty', 'the message to send');
	} else if (isMediaType(type)) {
		message.media = readMedia(read);
		if (type === 'image' || type === 'video' || type === 'document') message.caption = optionalString(read, 'caption');
		if (type === 'document') message.fileName = optionalString(read, 'fileName');
	} else if (type === 'template') {
		message.template = readTemplate(read, provider);
	} else if (type === 'location') {
		message.location = {
			latitude: readCoordinate(read, 'latitude', 'Latitude', 90),
			longitude: readCoordinate(read, 'longitude', 'Longitude', 180),
			name: optionalString(read, 'locationName'),
			address: optionalString(read, 'address'),
		};
	} else if (type === 'contact') {
		message.contact = {
			name: readString(read, 'contactName').trim(),
			phone: readContactPhone(readString(read, 'contactPhone'), defaultCountryCode),
		};
	} else if (type === 'poll') {
		message.poll = {
			question: readString(read, 'pollQuestion').trim(),
			options: readList(read, 'pollOptions', 'Poll Options'),
		};
	}

	provider.validate?.(message);
	return message;
}

export function readMessage(
	context: IExecuteFunctions,
	itemIndex: number,
	provider: WhatsAppProvider<unknown>,
	read: Read = (name, fallback) => context.getNodeParameter(name, itemIndex, fallback),
): OutgoingMessage {
	const message = readMessageFrom(read, itemIndex, provider);
	// After the provider's own checks, so a link-only provider says "binary is not possible" first.
	checkBinaryInput(context, message);
	return message;
}
