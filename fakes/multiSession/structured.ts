import { isNonEmptyString, unknownFields } from '../fake';
import type { RecordedRequest } from '../server';
import { jsonBody } from '../server';

// JSON sends as the handlers read them (internal/messaging SendLocation/SendContact, internal/poll):
// the server ignores typing/presence flags here, so like the text endpoint's fake this one refuses
// fields the server would not read.
export const MULTI_SESSION_STRUCTURED = ['locations', 'contacts', 'polls'];

function checkLocation(body: Record<string, unknown>): string | undefined {
	const { latitude, longitude } = body;
	return (
		unknownFields(body, ['latitude', 'longitude', 'name', 'address']) ??
		// A string would fail Go's decoding into float64.
		(typeof latitude !== 'number' || typeof longitude !== 'number'
			? 'Failed parse body request'
			: undefined) ??
		((latitude as number) === 0 && (longitude as number) === 0
			? 'latitude and longitude are required'
			: undefined) ??
		(Math.abs(latitude as number) > 90 || Math.abs(longitude as number) > 180
			? 'coordinates out of range'
			: undefined) ??
		(['name', 'address'].some((k) => body[k] !== undefined && typeof body[k] !== 'string')
			? 'Failed parse body request'
			: undefined)
	);
}

function checkContact(body: Record<string, unknown>): string | undefined {
	return (
		unknownFields(body, ['name', 'phone']) ??
		(!isNonEmptyString(body.name) ? 'name is required' : undefined) ??
		(!isNonEmptyString(body.phone) ? 'phone is required' : undefined) ??
		// The vCard's waid= is the phone as given: only full international digits link it to an account.
		(!/^[1-9]\d{6,14}$/.test(body.phone as string)
			? 'phone must be digits with country code (it becomes the vCard waid)'
			: undefined)
	);
}

function checkPoll(body: Record<string, unknown>): string | undefined {
	const options = body.options;
	return (
		unknownFields(body, ['question', 'options', 'multi_answer']) ??
		(!isNonEmptyString(body.question) ? 'question is required' : undefined) ??
		(!Array.isArray(options) || options.some((o) => typeof o !== 'string')
			? 'Failed parse body request'
			: undefined) ??
		((options as string[]).length < 2 ? 'at least 2 options are required' : undefined) ??
		((options as string[]).length > 12 ? 'maximum 12 options allowed' : undefined) ??
		((options as string[]).some((o) => o.trim() === '')
			? 'poll options must not be empty'
			: undefined)
	);
}

export function checkMultiSessionStructured(
	endpoint: string,
	request: RecordedRequest,
): string | undefined {
	const body = jsonBody(request);
	if (!body || !/application\/json/.test(request.headers['content-type'] ?? ''))
		return 'Failed parse body request';
	if (endpoint === 'locations') return checkLocation(body);
	if (endpoint === 'contacts') return checkContact(body);
	return checkPoll(body);
}
