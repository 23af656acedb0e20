import fc from 'fast-check';
import type {
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';

import { FakeBitbybit } from '../../../fakes/bitbybit';
import { FakeCallbell, CALLBELL_CHANNELS } from '../../../fakes/callbell';
import { CALLBELL_TEMPLATES } from '../../../fakes/callbell/templates';
import type { FakeProvider } from '../../../fakes/fake';
import { FakeMultiSession } from '../../../fakes/multiSession';
import type { FakeResponse, RecordedRequest } from '../../../fakes/server';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../../fakes/vobiz';
import { VOBIZ_TEMPLATES } from '../../../fakes/vobiz/templates';
import { InputError } from '../../../nodes/WhatsAppSend/output/errors';
import { readMessageFrom } from '../../../nodes/WhatsAppSend/input/read';
import { PROVIDERS } from '../../../nodes/WhatsAppSend/providers';
import type { ProviderId } from '../../../nodes/WhatsAppSend/providers';
import type { ProviderPlugin, Sources } from '../../../nodes/WhatsAppSend/providers/types';
import { toHttpOptions } from '../../../nodes/WhatsAppSend/http/request';
import { WhatsAppSend } from '../../../nodes/WhatsAppSend/WhatsAppSend.node';
import type { MediaMessage } from '../../../nodes/WhatsAppSend/input/message';
import type { MediaFile } from '../../../nodes/WhatsAppSend/media/file';

// Feeds random parameter sets through every provider's request builder, the way the node does it
// (read → validate → prepare → build → HTTP options), and hands the request straight to the contract
// fake's handler. Each set must either be refused with the node's own InputError, or produce a
// request the fake accepts. Anything else — a TypeError, a request the provider would reject — fails.

const BASE_URL = 'http://provider.test/base';
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

const bitbybit = new FakeBitbybit();
const vobiz = new FakeVobiz();
const callbell = new FakeCallbell();
const multiSession = new FakeMultiSession();

const FAKES: Record<ProviderId, { fake: FakeProvider; auth: Record<string, string> }> = {
	bitbybit: { fake: bitbybit, auth: { 'x-api-key': bitbybit.apiKey } },
	vobiz: { fake: vobiz, auth: { 'x-auth-id': vobiz.authId, 'x-auth-token': vobiz.authToken } },
	callbell: { fake: callbell, auth: { authorization: `Bearer ${callbell.apiKey}` } },
	multiSession: { fake: multiSession, auth: { authorization: `Bearer ${multiSession.token}` } },
};

/** What the fake's server would record for these HTTP options, built without a socket. */
function recorded(options: IHttpRequestOptions, auth: Record<string, string>): RecordedRequest {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
		if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
	}
	const headers: Record<string, string> = { ...auth };
	for (const [key, value] of Object.entries((options.headers ?? {}) as IDataObject))
		headers[key.toLowerCase()] = String(value);
	const body = options.body;
	const rawBody =
		body === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(body)
				? body
				: Buffer.from(JSON.stringify(body));
	const prefix = new URL(BASE_URL).pathname;
	const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
	const request: RecordedRequest = {
		method: options.method ?? 'GET',
		url: `${path}${url.search}`,
		path,
		query: url.searchParams,
		headers,
		rawBody,
	};
	if (/json/i.test(headers['content-type'] ?? '') && rawBody.length > 0)
		request.json = JSON.parse(rawBody.toString('utf8'));
	return request;
}

/** A fake provider's answer to a lookup that the node's own checks should have made unnecessary. */
class RejectedLookup extends Error {}

const MAGIC: Record<string, [string, Buffer]> = {
	image: ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])],
	video: ['video/mp4', Buffer.from('\0\0\0\x18ftypmp42\0\0\0\0', 'binary')],
	audio: ['audio/ogg', Buffer.from('OggS\0\x02\0\0\0\0', 'binary')],
	document: ['application/pdf', Buffer.from('%PDF-1.4\n%fuzz\n')],
	sticker: ['image/webp', Buffer.from('RIFF\x1a\0\0\0WEBPVP8 ', 'binary')],
};

function sourcesFor(id: ProviderId): Sources {
	const { fake, auth } = FAKES[id];
	return {
		lists: {
			async getJson(path: string, qs?: IDataObject) {
				const options = toHttpOptions({ method: 'GET', path, qs }, BASE_URL, 1000);
				const answer = (await fake.handle(recorded(options, auth))) as FakeResponse;
				if (answer.status < 200 || answer.status >= 300) {
					throw new RejectedLookup(
						`lookup ${path} ${JSON.stringify(qs)} → ${answer.status} ${JSON.stringify(answer.body)}`,
					);
				}
				return answer.body;
			},
		},
		media: {
			async load(message: MediaMessage): Promise<MediaFile> {
				const [mimeType, bytes] = MAGIC[message.type] ?? [
					'application/octet-stream',
					Buffer.from('x'),
				];
				const extension = mimeType.split('/')[1];
				return { bytes, mimeType, fileName: message.fileName ?? `file.${extension}` };
			},
			async checkRecordedSize() {},
			async readHead() {
				return undefined;
			},
		},
	};
}

// ---------- random parameters ----------

const digits = (min: number, max: number) =>
	fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const noise = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
);
const separator = fc.constantFrom('', ' ', '-', '.', '(', ')', '/', '\u00a0', '\t');
const phone = fc.oneof(
	fc
		.tuple(
			fc.constantFrom('+', '00', '', '0', '+0', '++'),
			fc.array(fc.tuple(digits(1, 4), separator), { maxLength: 6 }),
		)
		.map(([prefix, groups]) => prefix + groups.map(([d, s]) => d + s).join('')),
	digits(0, 20),
	fc.constantFrom('+44 (0)20 7946 0958', '0812-3456-7890', '+62 812-3456-7890', '6281234567890'),
);
const jid = fc.oneof(
	digits(1, 22).map((d) => `${d}@s.whatsapp.net`),
	fc.tuple(digits(1, 22), fc.option(digits(1, 22))).map(([a, b]) => `${a}${b ? `-${b}` : ''}@g.us`),
	fc
		.tuple(
			digits(5, 15),
			fc.constantFrom('/', '?', '#', '%2F', '..', '/../', '%40', ' ', '\n', '@', '\\'),
			fc.constantFrom('@s.whatsapp.net', '@g.us', '@lid', ''),
		)
		.map(([d, bad, server]) => `${d}${bad}${server}`),
	noise.map((n) => `${n}@s.whatsapp.net`),
);
/** Mostly plausible values, sometimes hostile ones: each run then has a fair chance to reach the fake. */
function mostly<T, U>(plausible: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
	return fc.oneof({ weight: 9, arbitrary: plausible }, { weight: 1, arbitrary: hostile });
}

const plausiblePhone = fc
	.tuple(
		fc.constantFrom('+62', '0062', '+1', '+44', '+91', '62', '0'),
		digits(3, 3),
		separator,
		digits(4, 4),
		separator,
		digits(2, 4),
	)
	.map(([country, a, s1, b, s2, c]) => `${country} ${a}${s1}${b}${s2}${c}`);
const plausibleJid = fc.oneof(
	fc
		.tuple(fc.integer({ min: 1, max: 9 }), digits(9, 13))
		.map(([first, rest]) => `${first}${rest}@s.whatsapp.net`),
	digits(18, 18).map((d) => `1${d}@g.us`),
);
const recipient = (id: ProviderId) =>
	mostly(
		id === 'multiSession' ? fc.oneof(plausiblePhone, plausibleJid) : plausiblePhone,
		fc.oneof(phone, jid, noise),
	);

const longText = (around: number) =>
	fc
		.tuple(
			fc.constantFrom('a', 'é', '👍', ' ', '\n', '字'),
			fc.integer({ min: around - 3, max: around + 3 }),
		)
		.map(([c, n]) => c.repeat(n));
const text = fc.oneof(
	{ weight: 12, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }) },
	{ weight: 2, arbitrary: noise },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'',
			' ',
			'\n\t',
			'Hello *bold* _it_ ~s~ `c`',
			'{{1}}',
			'<b>x</b>',
			'"quoted" \\ back',
		),
	},
	{ weight: 1, arbitrary: longText(1024) },
	{ weight: 1, arbitrary: longText(4096) },
	{ weight: 1, arbitrary: fc.constant('x'.repeat(65_537)) },
);
/** Links a user may type that are valid, but not in the form a provider's strict parser expects. */
const ODD_VALID_URLS = [
	'https://example.com/a b.png',
	'HTTPS://EXAMPLE.COM/X.PNG',
	'https://例え.jp/画像.png',
	' https://example.com/doc.pdf ',
	'https://example.com/photo.jpg#preview',
];
const HOSTILE_URLS = [
	'',
	'ftp://example.com/a.png',
	'javascript:alert(1)',
	'file:///etc/passwd',
	'http://',
	'//example.com/a.png',
	'data:image/png;base64,AAAA',
];
const url = mostly(
	fc.oneof(
		fc.webUrl({ withQueryParameters: true }),
		fc.constantFrom('https://example.com/photo.jpg', 'http://cdn.example.org/v/clip.mp4?sig=1'),
	),
	fc.oneof(fc.constantFrom(...HOSTILE_URLS), noise),
);

// An id of the right shape that the account does not have can only be refused by the provider (the
// node takes Callbell ids without a list call), so typed ids here are the account's own, or malformed.
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;
const resourceLocator = (values: string[]) =>
	mostly(
		fc.oneof(
			fc.constantFrom(...values).map((value) => ({ __rl: true, mode: 'list', value })),
			fc.constantFrom(...values).map((value) => ({ __rl: true, mode: 'id', value })),
			fc.constantFrom(...values),
		),
		fc
			.oneof(noise, fc.constantFrom('../x', '%2F..', 'a/b', 'a?b', '', 'c1a2 b3'))
			.filter((value) => !ID_SHAPE.test(value.trim()))
			.map((value) => ({ __rl: true, mode: 'id', value })),
	);
const number = mostly(
	fc.double({ min: -90, max: 90, noNaN: true }),
	fc.oneof(
		fc.double(),
		fc.integer({ min: -200, max: 200 }),
		fc.constantFrom(0, NaN, Infinity, '12.5', '', 'north'),
	),
);
const stringList = mostly(
	// Templates take 0 to 3 values; poll options 2 to 12.
	fc.oneof(
		fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('Ann', '42')), {
			maxLength: 3,
		}),
		fc.array(fc.constantFrom('Yes', 'No', 'Maybe', 'Later'), { minLength: 2, maxLength: 12 }),
	),
	fc.oneof(
		fc.array(fc.oneof(noise, fc.constantFrom('', ' ')), { maxLength: 14 }),
		fc.constantFrom('["Ann","42"]', '[1, 2, null]', '[not json', 'single'),
	),
);

const VOBIZ_TEMPLATE_NAMES = [
	...new Set(
		Object.values(VOBIZ_TEMPLATES)
			.flat()
			.map((t) => t.name),
	),
];
const CALLBELL_TEMPLATE_IDS = CALLBELL_TEMPLATES.map((t) => t.uuid);

function parametersFor(id: ProviderId) {
	const provider = PROVIDERS[id];
	const channels =
		id === 'vobiz' ? VOBIZ_CHANNELS.map((c) => c.id) : CALLBELL_CHANNELS.map((c) => c.uuid);
	const templates =
		id === 'vobiz'
			? VOBIZ_TEMPLATE_NAMES
			: id === 'callbell'
				? CALLBELL_TEMPLATE_IDS
				: ['order_update', 'otp_code'];
	return fc.record(
		{
			messageType: mostly(
				fc.constantFrom(...provider.messageTypes),
				fc.constantFrom('location', 'poll', 'sticker', 'reaction', ''),
			),
			to: recipient(id),
			text,
			mediaSource: mostly(
				fc.constant(id === 'multiSession' ? 'binary' : 'url'),
				fc.constantFrom('url', 'binary', 'other'),
			),
			mediaUrl: url,
			binaryPropertyName: fc.constantFrom('data', 'file', ''),
			caption: text,
			fileName: fc.oneof(
				noise,
				fc.constantFrom('invoice.pdf', '../../etc/passwd', 'a"b\r\nc.pdf', ''),
			),
			source: mostly(
				fc.constantFrom('whatsapp cloud api', 'whatsapp coex'),
				fc.constantFrom('sms', ''),
			),
			channel: resourceLocator(channels),
			templateName: mostly(fc.constantFrom(...templates), noise),
			templateSource: mostly(fc.constantFrom('CRM', 'AUTH'), fc.constantFrom('crm', '')),
			template: resourceLocator(templates),
			templateLanguage: mostly(fc.constantFrom('', 'en_US'), fc.constantFrom('id', 'pt_BR', 'xx')),
			templateParameters: stringList,
			templateMediaUrl: fc.option(url, { nil: undefined }),
			templateButtonParameter: fc.option(mostly(fc.constantFrom('ORD-1', 'abc'), noise), {
				nil: undefined,
			}),
			latitude: number,
			longitude: number,
			locationName: fc.option(noise, { nil: undefined }),
			address: fc.option(noise, { nil: undefined }),
			contactName: mostly(fc.string({ minLength: 1, maxLength: 30 }), noise),
			contactPhone: mostly(plausiblePhone, fc.oneof(phone, noise)),
			pollQuestion: mostly(fc.string({ minLength: 1, maxLength: 60 }), noise),
			pollOptions: stringList,
			options: fc.record(
				{
					defaultCountryCode: mostly(
						fc.constantFrom('62', '+62', '0062', '1'),
						fc.constantFrom('9999', 'x', ''),
					),
					ignoreActiveTicket: fc.boolean(),
					countryCode: fc.constantFrom('ID', 'IN', ''),
					assignedUser: fc.option(noise, { nil: undefined }),
					teamUuid: fc.option(noise, { nil: undefined }),
					botStatus: mostly(fc.constantFrom('bot_start', 'bot_end'), fc.constantFrom('sleep', '')),
					metadata: mostly(
						fc.oneof(
							fc.constant(undefined),
							fc.constant('{"orderId":"123"}'),
							fc.dictionary(
								fc.string({ minLength: 1, maxLength: 10 }),
								fc.string({ maxLength: 20 }),
								{ maxKeys: 5 },
							),
						),
						fc.oneof(
							fc.dictionary(noise, fc.oneof(noise, fc.integer()), { maxKeys: 12 }),
							fc.constantFrom('[1]', 'not json', ''),
						),
					),
					typingSimulation: fc.boolean(),
					presenceSimulation: fc.boolean(),
					viewOnce: fc.boolean(),
					voiceNote: fc.boolean(),
					mediaId: fc.boolean(),
				},
				{ requiredKeys: [] },
			),
		},
		{ requiredKeys: ['messageType', 'to'] },
	);
}

type Outcome = { refused: string; error: InputError } | { accepted: string };

/** Runs one parameter set the way the node does; throws when the property does not hold. */
async function attempt(id: ProviderId, parameters: IDataObject): Promise<Outcome> {
	const provider: ProviderPlugin = PROVIDERS[id];
	const read = (name: string, fallback?: unknown) =>
		name in parameters && parameters[name] !== undefined ? parameters[name] : fallback;
	let options: IHttpRequestOptions;
	try {
		const message = readMessageFrom(read, 0, provider);
		const prepared = provider.prepare ? await provider.prepare(message, sourcesFor(id)) : message;
		const request = provider.buildRequest(prepared);
		options = toHttpOptions(request, BASE_URL, 1000);
		provider.formatRecipient(message);
	} catch (error) {
		if (error instanceof InputError) return { refused: error.message, error };
		throw error;
	}
	const request = recorded(options, FAKES[id].auth);
	const answer = (await FAKES[id].fake.handle(request)) as FakeResponse;
	if (answer.status < 200 || answer.status >= 300) {
		throw new Error(
			`the node built a request ${id} refuses: ${request.method} ${request.url} → ${answer.status} ${JSON.stringify(answer.body)}\n` +
				`body: ${request.rawBody.toString('utf8').slice(0, 400)}`,
		);
	}
	return { accepted: String(parameters.messageType) };
}

describe('fuzz: every request builder either refuses clearly or builds a request the provider accepts', () => {
	for (const id of Object.keys(PROVIDERS) as ProviderId[]) {
		it(`${id}: ${RUNS} random parameter sets`, async () => {
			// Accepted sends by message type: every type the provider supports must get through sometimes.
			const outcomes = { refused: 0, accepted: new Map<string, number>() };
			await fc.assert(
				fc.asyncProperty(parametersFor(id), async (parameters) => {
					const outcome = await attempt(id, parameters as IDataObject);
					if ('refused' in outcome) outcomes.refused++;
					else
						outcomes.accepted.set(
							outcome.accepted,
							(outcomes.accepted.get(outcome.accepted) ?? 0) + 1,
						);
				}),
				{ numRuns: RUNS },
			);
			// The generators are worth something only if both sides of the property were reached.
			expect(outcomes.refused).toBeGreaterThan(RUNS / 20);
			// A listed template needs exactly its number of values and its header: random sets seldom match,
			// so only bitbybit's unlisted templates are required to get through here.
			const expected = PROVIDERS[id].messageTypes.filter(
				(type) => type !== 'template' || id === 'bitbybit',
			);
			expect(
				[...outcomes.accepted.keys()].filter((type) => expected.includes(type as never)).sort(),
			).toEqual([...expected].sort());
		});
	}

	it('odd but valid media links are sent in a form the provider accepts, or refused', async () => {
		const ids = ['bitbybit', 'vobiz', 'callbell'] as const;
		const failures: string[] = [];
		for (const id of ids) {
			for (const mediaUrl of [...ODD_VALID_URLS, ...HOSTILE_URLS]) {
				const parameters = {
					messageType: 'image',
					to: '+6281234567890',
					mediaSource: 'url',
					mediaUrl,
					caption: 'Look',
					source: 'whatsapp cloud api',
					channel: id === 'vobiz' ? VOBIZ_CHANNELS[0].id : CALLBELL_CHANNELS[0].uuid,
				};
				await attempt(id, parameters).catch((error: Error) =>
					failures.push(`${id} ${JSON.stringify(mediaUrl)}: ${error.message.split('\n')[0]}`),
				);
			}
		}
		expect(failures).toEqual([]);
	});

	it('a refusal always names a parameter of the node', async () => {
		const labels = new Set<string>();
		const collect = (properties: INodeProperties[]) => {
			for (const property of properties) {
				labels.add(property.displayName);
				const nested = (property.options ?? []) as Array<INodeProperties | INodePropertyCollection>;
				for (const option of nested)
					if ('displayName' in option && 'name' in option) collect([option as INodeProperties]);
			}
		};
		collect(new WhatsAppSend().description.properties);
		const ids = Object.keys(PROVIDERS) as ProviderId[];
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(...ids.map((id) => fc.tuple(fc.constant(id), parametersFor(id)))),
				async ([id, parameters]) => {
					const outcome = await attempt(id, parameters as IDataObject);
					if ('error' in outcome) expect(labels).toContain(outcome.error.parameter);
				},
			),
			{ numRuns: 500 },
		);
	});

	it('valid texts to valid recipients are always accepted', async () => {
		const validText = fc.string({ minLength: 1, maxLength: 200 }).filter((t) => t.trim() !== '');
		const validPhone = fc
			.tuple(fc.integer({ min: 1, max: 9 }), digits(9, 12))
			.map(([first, rest]) => `+${first}${rest}`);
		await fc.assert(
			fc.asyncProperty(validText, validPhone, async (body, to) => {
				const common = { messageType: 'text', to, text: body };
				const results = await Promise.all([
					attempt('bitbybit', { ...common, source: 'whatsapp cloud api' }),
					attempt('vobiz', {
						...common,
						channel: { __rl: true, mode: 'id', value: VOBIZ_CHANNELS[0].id },
					}),
					attempt('callbell', {
						...common,
						channel: { __rl: true, mode: 'id', value: CALLBELL_CHANNELS[0].uuid },
					}),
					attempt('multiSession', common),
				]);
				for (const result of results) expect(result).toHaveProperty('accepted');
			}),
			{ numRuns: 300 },
		);
	});
});
