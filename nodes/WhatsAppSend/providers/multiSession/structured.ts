import type { IDataObject } from 'n8n-workflow';

import type { ContactMessage, LocationMessage, PollMessage } from '../../input/message';
import { InputError } from '../../output/errors';
import type { ProviderRequest } from '../types';
import { chatPath } from './chat';

// Location, contact card and poll: JSON sends. The server ignores the typing and presence flags on
// these endpoints (it passes empty send options), so none are sent.

type StructuredMessage = LocationMessage | ContactMessage | PollMessage;

const ENDPOINTS: Record<StructuredMessage['type'], string> = {
	location: 'locations',
	contact: 'contacts',
	poll: 'polls',
};

const POLL_MIN_OPTIONS = 2;
const POLL_MAX_OPTIONS = 12;

/** A coordinate as read is a finite number; the range is checked here. */
function checkCoordinate(value: number, parameter: string, limit: number): void {
	if (value < -limit || value > limit) {
		throw new InputError(
			parameter,
			`${value} is out of range`,
			`a number between -${limit} and ${limit}`,
		);
	}
}

function validateLocation({ location }: LocationMessage): void {
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

/** The card's number was read as digits with country code, so only its name is left to check. */
function validateContact({ contact }: ContactMessage): void {
	if (!contact.name)
		throw new InputError('Contact Name', 'is empty', 'the name shown on the contact card');
}

function validatePoll({ poll }: PollMessage): void {
	if (!poll.question) throw new InputError('Poll Question', 'is empty', 'the question to ask');
	const options = poll.options.map((option) => option.trim());
	const empty = options.findIndex((option) => option === '');
	if (empty !== -1)
		throw new InputError(
			'Poll Answers',
			`answer ${empty + 1} is empty`,
			'a text for every answer, or remove the empty one',
		);
	if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) {
		throw new InputError(
			'Poll Answers',
			`has ${options.length} answer${options.length === 1 ? '' : 's'}`,
			`between ${POLL_MIN_OPTIONS} and ${POLL_MAX_OPTIONS} answers (WhatsApp's limits)`,
		);
	}
	// Votes are matched to options by their text, so two equal options could not be told apart.
	const duplicate = options.find((option, index) => options.indexOf(option) !== index);
	if (duplicate !== undefined)
		throw new InputError(
			'Poll Answers',
			`"${duplicate}" appears twice`,
			'answers that differ from each other',
		);
}

export function validateStructured(message: StructuredMessage): void {
	if (message.type === 'location') validateLocation(message);
	else if (message.type === 'contact') validateContact(message);
	else validatePoll(message);
}

function body(message: StructuredMessage): IDataObject {
	if (message.type === 'location') {
		const { latitude, longitude, name, address } = message.location;
		const json: IDataObject = { latitude, longitude };
		if (name) json.name = name;
		if (address) json.address = address;
		return json;
	}
	if (message.type === 'contact')
		return { name: message.contact.name, phone: message.contact.phone };
	return {
		question: message.poll.question,
		options: message.poll.options.map((option) => option.trim()),
	};
}

/** `POST /chats/{jid}/locations|contacts|polls` with a JSON body; the JID unencoded, as for every send. */
export function buildStructured(message: StructuredMessage): ProviderRequest {
	return {
		method: 'POST',
		path: chatPath(message.recipient, ENDPOINTS[message.type]),
		json: body(message),
	};
}
