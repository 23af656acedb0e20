import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../output/errors';
import { formatJid } from '../../input/recipient';
import type { OutgoingMessage } from '../../input/message';
import type { ProviderRequest } from '../types';

// Location, contact card and poll: JSON sends. The server ignores the typing and presence flags on
// these endpoints (it passes empty send options), so none are sent.

const ENDPOINTS: Record<string, string> = { location: 'locations', contact: 'contacts', poll: 'polls' };

export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 12;

function checkCoordinate(value: number, parameter: string, limit: number): void {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new InputError(parameter, `"${String(value)}" is not a number`, `a number between -${limit} and ${limit}`);
	}
	if (value < -limit || value > limit) {
		throw new InputError(parameter, `${value} is out of range`, `a number between -${limit} and ${limit}`);
	}
}

function validateLocation(message: OutgoingMessage): void {
	const location = message.location;
	if (!location) throw new InputError('Latitude', 'is missing', 'a number between -90 and 90');
	checkCoordinate(location.latitude, 'Latitude', 90);
	checkCoordinate(location.longitude, 'Longitude', 180);
	// The server reads 0/0 as "no coordinates given" and refuses it.
	if (location.latitude === 0 && location.longitude === 0) {
		throw new InputError(
			'Latitude',
			'and Longitude are both 0 — the Multi-Session API treats that as missing coordinates',
			'the coordinates of the place, e.g. latitude -6.2088 and longitude 106.8456',
		);
	}
}

function validateContact(message: OutgoingMessage): void {
	const contact = message.contact;
	if (!contact?.name) throw new InputError('Contact Name', 'is empty', 'the name shown on the contact card');
	// message.ts has already written the number as digits with country code.
	if (!contact.phone || !/^[1-9]\d{6,14}$/.test(contact.phone)) {
		throw new InputError('Contact Phone', `"${contact.phone ?? ''}" is not a phone number`, 'a number with country code, such as +62 812-3456-7890');
	}
}

function validatePoll(message: OutgoingMessage): void {
	const poll = message.poll;
	if (!poll?.question) throw new InputError('Poll Question', 'is empty', 'the question to ask');
	const options = poll.options.map((option) => option.trim());
	const empty = options.findIndex((option) => option === '');
	if (empty !== -1) throw new InputError('Poll Options', `option ${empty + 1} is empty`, 'a text for every option, or remove the empty one');
	if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) {
		throw new InputError(
			'Poll Options',
			`has ${options.length} option${options.length === 1 ? '' : 's'}`,
			`between ${POLL_MIN_OPTIONS} and ${POLL_MAX_OPTIONS} options (WhatsApp's limits)`,
		);
	}
	// Votes are matched to options by their text, so two equal options could not be told apart.
	const duplicate = options.find((option, index) => options.indexOf(option) !== index);
	if (duplicate !== undefined) throw new InputError('Poll Options', `"${duplicate}" appears twice`, 'options that differ from each other');
}

export function validateStructured(message: OutgoingMessage): void {
	if (message.type === 'location') validateLocation(message);
	else if (message.type === 'contact') validateContact(message);
	else if (message.type === 'poll') validatePoll(message);
	else throw new InputError('Message Type', `"${message.type}" is not a location, contact or poll`);
}

function body(message: OutgoingMessage): IDataObject {
	if (message.type === 'location') {
		const { latitude, longitude, name, address } = message.location!;
		const json: IDataObject = { latitude, longitude };
		if (name) json.name = name;
		if (address) json.address = address;
		return json;
	}
	if (message.type === 'contact') return { name: message.contact!.name, phone: message.contact!.phone };
	return { question: message.poll!.question, options: message.poll!.options.map((option) => option.trim()) };
}

/** `POST /chats/{jid}/locations|contacts|polls` with a JSON body; the JID unencoded, as for every send. */
export function buildStructured(message: OutgoingMessage): ProviderRequest {
	return {
		method: 'POST',
		path: `/chats/${formatJid(message.recipient)}/${ENDPOINTS[message.type]}`,
		json: body(message),
	};
}
