import type { IExecuteFunctions } from 'n8n-workflow';

import { checkBinaryInput } from '../media/binary';
import { checkMediaUrl } from '../media/rules';
import { InputError, quoteValue } from '../output/errors';
import { checkTemplateInput } from '../providers/shared/templateChecks';
import type { ProviderPlugin } from '../providers/types';
import { isMediaType } from './message';
import type {
	MediaInput,
	MediaMessage,
	MessageContent,
	MessageType,
	OutgoingMessage,
	TemplateInput,
} from './message';
import type { Read } from './parameters';
import { parsePhoneNumber, parseRecipient } from './recipient';
import { optionalString, optionText, readList, readOptions, readString } from './values';

/**
 * The contact card's number as digits with country code: the server builds the vCard's `waid=` from
 * it, and WhatsApp links the card to an account only when that is the full international number.
 */
function readContactPhone(raw: string, defaultCountryCode: string | undefined): string {
	if (raw.trim() === '')
		throw new InputError(
			'Contact Phone',
			'is empty',
			'the number on the card, with country code, such as +62 812-3456-7890',
		);
	let digits: string | undefined;
	let problem: InputError | undefined;
	try {
		digits = parsePhoneNumber(raw, defaultCountryCode);
	} catch (error) {
		problem = error as InputError;
	}
	if (digits === undefined) {
		throw new InputError(
			'Contact Phone',
			problem?.problem ?? `${quoteValue(raw)} is not a phone number`,
			problem?.valid,
		);
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
		const shown =
			typeof raw === 'object'
				? Array.isArray(raw)
					? 'a list'
					: 'an object'
				: quoteValue(String(raw));
		throw new InputError(
			label,
			`${shown} is not a number`,
			`a number between -${limit} and ${limit}`,
		);
	}
	return value;
}

function readMedia(read: Read): MediaInput {
	const source = readString(read, 'mediaSource', 'Media Source') || 'url';
	if (source === 'binary') {
		const binaryPropertyName =
			readString(read, 'binaryPropertyName', 'Input Binary Field').trim() || 'data';
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
	return {
		id: provider.readTemplateId?.(read) ?? '',
		parameters: readList(read, 'templateParameters', 'Template Parameters'),
		mediaUrl: templateMediaUrl(optionalString(read, 'templateMediaUrl', 'Template Media URL')),
	};
}

/** What the message says, by its type: the text, the media, the template, the place, the card or the poll. */
function readContent(
	read: Read,
	type: MessageType,
	provider: ProviderPlugin,
	defaultCountryCode: string | undefined,
): MessageContent {
	if (type === 'text') {
		const text = readString(read, 'text', 'Text');
		if (text.trim() === '') throw new InputError('Text', 'is empty', 'the message to send');
		return { type, text };
	}
	if (isMediaType(type)) {
		const content: Omit<MediaMessage, 'itemIndex' | 'recipient' | 'extras'> = {
			type,
			media: readMedia(read),
		};
		if (type === 'image' || type === 'video' || type === 'document')
			content.caption = optionalString(read, 'caption', 'Caption');
		if (type === 'document') content.fileName = optionalString(read, 'fileName', 'File Name');
		return content;
	}
	if (type === 'template') return { type, template: readTemplate(read, provider) };
	if (type === 'location') {
		return {
			type,
			location: {
				latitude: readCoordinate(read, 'latitude', 'Latitude', 90),
				longitude: readCoordinate(read, 'longitude', 'Longitude', 180),
				name: optionalString(read, 'locationName', 'Location Name'),
				address: optionalString(read, 'address', 'Address'),
			},
		};
	}
	if (type === 'contact') {
		return {
			type,
			contact: {
				name: readString(read, 'contactName', 'Contact Name').trim(),
				phone: readContactPhone(
					readString(read, 'contactPhone', 'Contact Phone'),
					defaultCountryCode,
				),
			},
		};
	}
	return {
		type,
		poll: {
			question: readString(read, 'pollQuestion', 'Poll Question').trim(),
			options: readList(read, 'pollOptions', 'Poll Answers'),
		},
	};
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
	// The provider's own fields and options first, then the options every provider shares.
	const extras = provider.readExtras(read, type);
	const defaultCountryCode = optionText(
		readOptions(read).defaultCountryCode,
		'Default Country Code',
	);
	const recipient = parseRecipient(readString(read, 'to', 'To'), {
		acceptJid: provider.acceptsJid,
		defaultCountryCode,
	});
	const message: OutgoingMessage = {
		itemIndex,
		recipient,
		extras,
		...readContent(read, type, provider, defaultCountryCode),
	};

	provider.validate?.(message);
	// After the provider's own checks (a missing template first), for every provider alike.
	if (message.type === 'template') checkTemplateInput(message.template);
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
