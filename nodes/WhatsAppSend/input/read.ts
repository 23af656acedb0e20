import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError, quoteValue } from '../output/errors';
import { checkMediaUrl } from '../media/rules';
import { checkBinaryInput } from '../media/load';
import type { Read } from './parameters';
import { checkTemplateInput } from '../providers/shared/templateChecks';
import type { ProviderPlugin } from '../providers/types';
import { parsePhoneNumber, parseRecipient } from './recipient';
import { isMediaType, TEMPLATE_HEADER_MEDIA_TYPES } from './message';
import type { MediaInput, MessageType, OutgoingMessage, SendOptions, TemplateHeaderMediaType, TemplateInput } from './message';

const TEXT_VALUES =
	'text, a number or true/false — to send one field of an object, name it in the expression (e.g. {{ $json.customer.name }}); ' +
	'to send a list as text, join it (e.g. {{ $json.items.join(", ") }})';

function preview(value: object): string {
	try {
		return quoteValue(JSON.stringify(value) ?? String(value));
	} catch {
		return 'that cannot be shown';
	}
}

interface DateLike {
	toISO(): string;
}

/**
 * A parameter's value as text. An expression can hand over anything: numbers and booleans are written as
 * text on purpose, dates as ISO text, `null` and `undefined` count as empty; an object or a list is refused
 * — it would reach the customer as "[object Object]" or "a,b".
 */
export function asText(value: unknown, label: string, which = ''): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (typeof (value as DateLike)?.toISO === 'function') return String((value as DateLike).toISO());
	const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
	const shown = typeof value === 'object' && value !== null ? ` ${preview(value)}` : '';
	throw new InputError(label, `${which}is ${kind}${shown}, not text`, TEXT_VALUES);
}

function readString(read: Read, name: string, label: string): string {
	return asText(read(name, ''), label);
}

function optionalString(read: Read, name: string, label: string): string | undefined {
	const value = readString(read, name, label).trim();
	return value === '' ? undefined : value;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * A list parameter (Template Parameters, Poll Options): the field's values, an expression that gives an
 * array, or one JSON array as text (`["Ann", "42"]`, as an AI agent writes it). Every value must be text
 * as `asText` takes it; `null` counts as empty however the list came. A single value that starts with
 * `[` but is no JSON array is just text ("[URGENT] your order").
 */
function readList(read: Read, name: string, label: string): string[] {
	let value = read(name, []);
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		const parsed = safeJson(value.trim());
		if (Array.isArray(parsed)) value = parsed;
	}
	let values = Array.isArray(value) ? value : [value];
	// A list field holding one JSON array string is the same as the array itself.
	if (values.length === 1 && typeof values[0] === 'string' && values[0].trim().startsWith('[')) {
		const parsed = safeJson(values[0].trim());
		if (Array.isArray(parsed)) values = parsed;
	}
	return values.map((entry, index) => asText(entry, label, `value ${index + 1} `));
}

function readResourceLocator(read: Read, name: string, label: string): string {
	const value = read(name, '');
	// A resource locator is `{ __rl, mode, value }`; an expression may also give the value itself.
	if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
		return asText((value as IDataObject).value, label).trim();
	}
	return asText(value, label).trim();
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
	const text = (value: unknown, label: string) => asText(value, label).trim() || undefined;
	const options: SendOptions = {
		ignoreActiveTicket: raw.ignoreActiveTicket as boolean | undefined,
		countryCode: text(raw.countryCode, 'Country Code'),
		assignedUser: text(raw.assignedUser, 'Assigned User'),
		teamUuid: text(raw.teamUuid, 'Team UUID'),
		botStatus: text(raw.botStatus, 'Bot Status'),
		metadata,
		typingSimulation: raw.typingSimulation as boolean | undefined,
		presenceSimulation: raw.presenceSimulation as boolean | undefined,
		viewOnce: raw.viewOnce as boolean | undefined,
		voiceNote: raw.voiceNote as boolean | undefined,
		mediaId: raw.mediaId as boolean | undefined,
		maxUploadSizeMb: readPositiveNumber(raw.maxUploadSizeMb, 'Max Upload Size (MB)'),
		allowPrivateMediaHosts: raw.allowPrivateMediaHosts === true,
		templateHeaderType: readTemplateHeaderType(raw.templateHeaderType),
	};
	return { options, defaultCountryCode: text(raw.defaultCountryCode, 'Default Country Code') };
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
	if (!Number.isFinite(number) || number <= 0) throw new InputError(label, `${quoteValue(String(value))} is not a positive number`, 'a number such as 8');
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
		throw new InputError('Contact Phone', problem?.problem ?? `${quoteValue(raw)} is not a phone number`, problem?.valid);
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
		const shown = typeof raw === 'object' ? (Array.isArray(raw) ? 'a list' : 'an object') : quoteValue(String(raw));
		throw new InputError(label, `${shown} is not a number`, `a number between -${limit} and ${limit}`);
	}
	return value;
}

function readMedia(read: Read): MediaInput {
	const source = readString(read, 'mediaSource', 'Media Source') || 'url';
	if (source === 'binary') {
		const binaryPropertyName = readString(read, 'binaryPropertyName', 'Input Binary Field').trim() || 'data';
		return { source: 'binary', binaryPropertyName };
	}
	return { source: 'url', url: readString(read, 'mediaUrl', 'Media URL').trim() };
}

/** Checked and normalised here: a link sent as typed (spaces, an upper-case scheme) is refused by the providers. */
function templateMediaUrl(raw: string | undefined): string | undefined {
	return raw === undefined ? undefined : checkMediaUrl(raw, 'Template Media URL').href;
}

/** The template part of a message; `readMessageFrom` runs the checks every provider's templates share. */
function readTemplate(read: Read, provider: ProviderPlugin): TemplateInput {
	const id =
		provider.id === 'bitbybit'
			? readString(read, 'templateName', 'Template Name').trim()
			: readResourceLocator(read, 'template', 'Template');
	const template: TemplateInput = {
		id,
		source: provider.id === 'bitbybit' ? readString(read, 'templateSource', 'Template Source') : undefined,
		language: provider.id === 'vobiz' ? optionalString(read, 'templateLanguage', 'Template Language') : undefined,
		parameters: readList(read, 'templateParameters', 'Template Parameters'),
		mediaUrl: templateMediaUrl(optionalString(read, 'templateMediaUrl', 'Template Media URL')),
		buttonParameter: provider.id === 'vobiz' ? optionalString(read, 'templateButtonParameter', 'Template Button Parameter') : undefined,
	};
	return template;
}

/**
 * Reads one item's parameters into a provider-neutral message and checks what the node can check
 * without the provider. Throws InputError; nothing has been sent when it does.
 */
export function readMessageFrom(
	read: Read,
	itemIndex: number,
	provider: ProviderPlugin,
): OutgoingMessage {
	const type = readString(read, 'messageType', 'Message Type') as MessageType;
	if (!provider.messageTypes.includes(type)) {
		throw new InputError(
			'Message Type',
			`${provider.labels.name} cannot send ${quoteValue(type)} messages`,
			provider.messageTypes.join(', '),
		);
	}
	const { options, defaultCountryCode } = readOptions(read);

	const recipient = parseRecipient(readString(read, 'to', 'To'), {
		acceptJid: provider.acceptsJid,
		defaultCountryCode,
	});

	const message: OutgoingMessage = { itemIndex, type, recipient, options };
	if (provider.id === 'bitbybit') message.source = readString(read, 'source', 'Source');
	if (provider.id === 'vobiz' || provider.id === 'callbell') message.channel = readResourceLocator(read, 'channel', 'Channel');

	if (type === 'text') {
		message.text = readString(read, 'text', 'Text');
		if (message.text.trim() === '') throw new InputError('Text', 'is empty', 'the message to send');
	} else if (isMediaType(type)) {
		message.media = readMedia(read);
		if (type === 'image' || type === 'video' || type === 'document') message.caption = optionalString(read, 'caption', 'Caption');
		if (type === 'document') message.fileName = optionalString(read, 'fileName', 'File Name');
	} else if (type === 'template') {
		message.template = readTemplate(read, provider);
	} else if (type === 'location') {
		message.location = {
			latitude: readCoordinate(read, 'latitude', 'Latitude', 90),
			longitude: readCoordinate(read, 'longitude', 'Longitude', 180),
			name: optionalString(read, 'locationName', 'Location Name'),
			address: optionalString(read, 'address', 'Address'),
		};
	} else if (type === 'contact') {
		message.contact = {
			name: readString(read, 'contactName', 'Contact Name').trim(),
			phone: readContactPhone(readString(read, 'contactPhone', 'Contact Phone'), defaultCountryCode),
		};
	} else if (type === 'poll') {
		message.poll = {
			question: readString(read, 'pollQuestion', 'Poll Question').trim(),
			options: readList(read, 'pollOptions', 'Poll Options'),
		};
	}

	provider.validate?.(message);
	// After the provider's own checks (a missing template first), for every provider alike.
	if (message.template) checkTemplateInput(message.template);
	return message;
}

export function readMessage(
	context: IExecuteFunctions,
	itemIndex: number,
	provider: ProviderPlugin,
	read: Read = (name, fallback) => context.getNodeParameter(name, itemIndex, fallback),
): OutgoingMessage {
	const message = readMessageFrom(read, itemIndex, provider);
	// After the provider's own checks, so a link-only provider says "binary is not possible" first.
	checkBinaryInput(context, message);
	return message;
}
