import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { binaryItem, FIXTURES } from '../fixtures/media';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';
import type { ProviderCase } from '../harness/providerCases';
import { CALLBELL_CHANNEL, providerCases } from '../harness/providerCases';

// Point 5 of issue 11: every check README promises ("Checked before anything is sent", "Media checks and
// limits", "How the node checks a template") runs for every provider, for every item, before the first
// message goes out. Each case below sends two items with On Error → Stop: item 0 is valid, item 1 breaks
// one documented rule. The run must stop on item 1 with nothing sent — not even item 0.

const [bitbybit, vobiz, callbell, multiSession] = providerCases();

// Parameters that stay fixed; everything in `valid` / `bad` is read per item through an expression.
const RESOURCE_LOCATORS = ['channel', 'template'];
const OPTIONS = ['botStatus', 'metadata', 'mediaId', 'maxUploadSizeMb'];

function perItem(keys: string[]): INodeParameters {
	const parameters: INodeParameters = {};
	const options: INodeParameters = {};
	for (const key of keys) {
		const expression = `={{ $json.p[${JSON.stringify(key)}] }}`;
		if (RESOURCE_LOCATORS.includes(key))
			parameters[key] = { __rl: true, mode: 'id', value: expression };
		else if (OPTIONS.includes(key)) options[key] = expression;
		else parameters[key] = expression;
	}
	return { ...parameters, options: { ...options, messagesPerSecond: 1000 } };
}

interface Check {
	rule: string;
	messageType: string;
	valid: IDataObject;
	bad: IDataObject;
	/** The start of the error's message after "Item 1: ". */
	error: string | RegExp;
	/** Binary data of the bad item, when the rule is about a file. */
	badBinary?: INodeExecutionData['binary'];
	validBinary?: INodeExecutionData['binary'];
	/** Parameters both items share (the editor's checks need Media Source as a plain value). */
	fixed?: INodeParameters;
	/** The valid item cannot be sent alone here (its link leads nowhere on this machine). */
	notAlone?: true;
}

async function stopsBeforeSending(c: ProviderCase, check: Check) {
	const keys = [...new Set([...Object.keys(check.valid), ...Object.keys(check.bad)])];
	const base = c.text();
	const fixed = Object.fromEntries(
		Object.entries(base).filter(([key]) => !keys.includes(key) && key !== 'options'),
	);
	const before = c.fake.requests.filter((r) => r.method === 'POST').length;
	const result = await runNode({
		parameters: { ...fixed, ...check.fixed, messageType: check.messageType, ...perItem(keys) },
		items: [
			{ json: { p: check.valid }, ...(check.validBinary ? { binary: check.validBinary } : {}) },
			{
				json: { p: { ...check.valid, ...check.bad } },
				...(check.badBinary ? { binary: check.badBinary } : {}),
			},
		],
		credentials: c.credentials(),
		onError: 'stopWorkflow',
	});
	const posts = c.fake.requests.filter((r) => r.method === 'POST').length - before;
	return { result, posts };
}

const text = (value: string) => ({ text: value });
const image = (url: string, caption?: string) => ({
	mediaSource: 'url',
	mediaUrl: url,
	...(caption !== undefined ? { caption } : {}),
});
const LINK = 'https://cdn.example.com/photo.jpg';

const CHECKS: Record<ProviderCase['id'], Check[]> = {
	bitbybit: [
		{
			rule: 'an empty text',
			messageType: 'text',
			valid: text('Hi'),
			bad: text('  '),
			error: 'Text: is empty',
		},
		{
			rule: 'a text over 4096 characters',
			messageType: 'text',
			valid: text('Hi'),
			bad: text('x'.repeat(4097)),
			error: 'Text: is 4097 characters long',
		},
		{
			rule: 'a recipient that is no number',
			messageType: 'text',
			valid: { to: '6281234567890' },
			bad: { to: 'call me' },
			error: 'To: "call me" is not a phone number',
		},
		{
			rule: 'a JID',
			messageType: 'text',
			valid: { to: '6281234567890' },
			bad: { to: '6281234567890@s.whatsapp.net' },
			error: /^To: .* is a WhatsApp JID/,
		},
		{
			rule: 'an unknown Source',
			messageType: 'text',
			valid: { source: 'whatsapp coex' },
			bad: { source: 'sms' },
			error: 'Source: "sms" is not a bitbybit source',
		},
		{
			rule: 'an image without caption',
			messageType: 'image',
			valid: image(LINK, 'Menu'),
			bad: { caption: '' },
			error: 'Caption: is empty',
		},
		{
			rule: 'a caption over 1024 characters',
			messageType: 'image',
			valid: image(LINK, 'Menu'),
			bad: { caption: 'c'.repeat(1025) },
			error: 'Caption: is 1025 characters long',
		},
		{
			rule: 'a media link that is not http(s)',
			messageType: 'image',
			valid: image(LINK, 'Menu'),
			bad: { mediaUrl: 'ftp://cdn.example.com/a.jpg' },
			error: /^Media URL: .* uses ftp/,
		},
		{
			rule: 'an empty template name',
			messageType: 'template',
			valid: { templateName: 'order_update', templateSource: 'CRM' },
			bad: { templateName: ' ' },
			error: 'Template Name: is empty',
		},
		{
			rule: 'an unknown template source',
			messageType: 'template',
			valid: { templateName: 'order_update', templateSource: 'CRM' },
			bad: { templateSource: 'ADS' },
			error: /^Template Source: "ADS"/,
		},
		{
			rule: 'an empty template value',
			messageType: 'template',
			valid: {
				templateName: 'order_update',
				templateSource: 'CRM',
				templateParameters: ['Ann', 'ORD-1'],
			},
			bad: { templateParameters: ['Ann', ''] },
			error: 'Template Parameters: the value for {{2}} is empty',
		},
		{
			rule: 'a blank template value',
			messageType: 'template',
			valid: {
				templateName: 'order_update',
				templateSource: 'CRM',
				templateParameters: ['Ann', 'ORD-1'],
			},
			bad: { templateParameters: ['  ', 'ORD-1'] },
			error: 'Template Parameters: the value for {{1}} is empty',
		},
		{
			rule: 'a template media link that is not http(s)',
			messageType: 'template',
			valid: { templateName: 'promo_image', templateSource: 'CRM', templateMediaUrl: LINK },
			bad: { templateMediaUrl: 'javascript:alert(1)' },
			error: /^Template Media URL: .* not http or https/,
		},
	],
	vobiz: [
		{
			rule: 'an empty text',
			messageType: 'text',
			valid: text('Hi'),
			bad: text(''),
			error: 'Text: is empty',
		},
		{
			rule: 'a text over 4096 characters',
			messageType: 'text',
			valid: text('Hi'),
			bad: text('x'.repeat(4097)),
			error: 'Text: is 4097 characters long',
		},
		{
			rule: 'an empty channel',
			messageType: 'text',
			valid: { channel: VOBIZ_CHANNELS[0].id },
			bad: { channel: '' },
			error: 'Channel: is empty',
		},
		{
			rule: 'a channel id that is not one',
			messageType: 'text',
			valid: { channel: VOBIZ_CHANNELS[0].id },
			bad: { channel: '../admin' },
			error: 'Channel: "../admin" is not a valid id',
		},
		{
			rule: 'a channel the account does not have (list)',
			messageType: 'text',
			valid: { channel: VOBIZ_CHANNELS[0].id },
			bad: { channel: '00000000-0000-0000-0000-000000000000' },
			error: /^Channel: no WhatsApp channel with id/,
		},
		{
			rule: 'a caption over 1024 characters',
			messageType: 'image',
			valid: image(LINK, 'x'),
			bad: { caption: 'c'.repeat(1025) },
			error: 'Caption: is 1025 characters long',
		},
		{
			rule: 'a media link that is not http(s)',
			messageType: 'image',
			valid: image(LINK),
			bad: { mediaUrl: 'file:///etc/passwd' },
			error: /^Media URL: .* uses file/,
		},
		{
			rule: 'a sticker link that is not .webp',
			messageType: 'sticker',
			valid: image('https://cdn.example.com/s.webp'),
			bad: { mediaUrl: 'https://cdn.example.com/s.png' },
			error: /^Media URL: a sticker must be a WebP image/,
		},
		{
			rule: 'Use Media ID with a link',
			messageType: 'image',
			valid: { ...image('1037543291543636'), mediaId: true },
			bad: { mediaUrl: 'https://cdn.example.com/a.jpg' },
			error: /^Media URL: .* is not a media id/,
		},
		{
			rule: 'an empty template value',
			messageType: 'template',
			valid: { template: 'order_confirmation:en_US', templateParameters: ['Ann', 'ORD-1'] },
			bad: { templateParameters: ['Ann', ' '] },
			error: 'Template Parameters: the value for {{2}} is empty',
		},
		{
			rule: 'too few template values (list)',
			messageType: 'template',
			valid: { template: 'order_confirmation:en_US', templateParameters: ['Ann', 'ORD-1'] },
			bad: { templateParameters: ['Ann'] },
			error: /^Template Parameters: template "order_confirmation" \(en_US\) needs 2 values/,
		},
		{
			rule: 'a template that is not approved (list)',
			messageType: 'template',
			valid: { template: 'order_confirmation:en_US', templateParameters: ['Ann', 'ORD-1'] },
			bad: { template: 'summer_sale:en_US', templateParameters: ['20%'] },
			error: /^Template: template "summer_sale" \(en_US\) is PENDING/,
		},
		{
			rule: 'a media header without Template Media URL (list)',
			messageType: 'template',
			valid: { template: 'order_confirmation:en_US', templateParameters: ['Ann', 'ORD-1'] },
			bad: { template: 'new_collection:en_US', templateParameters: [] },
			error:
				/^Template Media URL: is empty, but template "new_collection" \(en_US\) has a image header/,
		},
		{
			rule: 'a dynamic URL button without its value (list)',
			messageType: 'template',
			valid: { template: 'order_confirmation:en_US', templateParameters: ['Ann', 'ORD-1'] },
			bad: { template: 'shipping_update:en_US', templateParameters: ['ORD-7', 'Ann', 'Friday'] },
			error: /^Template Button Parameter: is empty/,
		},
	],
	callbell: [
		{
			rule: 'an empty text',
			messageType: 'text',
			valid: text('Hi'),
			bad: text('\n'),
			error: 'Text: is empty',
		},
		{
			rule: 'a text over 4096 characters',
			messageType: 'text',
			valid: text('Hi'),
			bad: text('x'.repeat(4097)),
			error: 'Text: is 4097 characters long',
		},
		{
			rule: 'a channel uuid that is not one',
			messageType: 'text',
			valid: { channel: CALLBELL_CHANNEL },
			bad: { channel: 'a b' },
			error: 'Channel: "a b" is not a valid id',
		},
		{
			rule: 'an unknown bot status',
			messageType: 'text',
			valid: { botStatus: 'bot_end' },
			bad: { botStatus: 'bot_maybe' },
			error: 'Bot Status: "bot_maybe" is not a Callbell bot status',
		},
		{
			rule: 'metadata over 10 keys',
			messageType: 'text',
			valid: { metadata: '{"a":"1"}' },
			bad: {
				metadata: JSON.stringify(
					Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
				),
			},
			error: 'Metadata: has 11 keys',
		},
		{
			rule: 'a metadata value that is not a string',
			messageType: 'text',
			valid: { metadata: '{"a":"1"}' },
			bad: { metadata: '{"a":1}' },
			error: 'Metadata: value of "a" is not a string',
		},
		{
			rule: 'a caption over 1024 characters',
			messageType: 'image',
			valid: image(LINK, 'x'),
			bad: { caption: 'c'.repeat(1025) },
			error: 'Caption: is 1025 characters long',
		},
		{
			rule: 'a media link that is not http(s)',
			messageType: 'video',
			valid: image('https://cdn.example.com/a.mp4'),
			bad: { mediaUrl: 'cdn.example.com/a.mp4' },
			error: /^Media URL: .* is not a URL/,
		},
		{
			rule: 'an empty template value',
			messageType: 'template',
			valid: {
				template: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				templateParameters: ['Jack', '12 May', '10:00'],
			},
			bad: { templateParameters: ['Jack', '', '10:00'] },
			error: 'Template Parameters: the value for {{2}} is empty',
		},
		{
			rule: 'too many template values (list)',
			messageType: 'template',
			valid: {
				template: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				templateParameters: ['Jack', '12 May', '10:00'],
			},
			bad: { templateParameters: ['Jack', '12 May', '10:00', 'extra'] },
			error: /^Template Parameters: template "Appointment reminder" needs 3 values/,
		},
		{
			rule: 'a template that is not approved (list)',
			messageType: 'template',
			valid: {
				template: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				templateParameters: ['Jack', '12 May', '10:00'],
			},
			bad: { template: 'f60718293a4b5c6d7e8f900112233445', templateParameters: ['20%'] },
			error: /^Template: template "Black Friday" is pending/,
		},
		{
			rule: 'an unknown template (list)',
			messageType: 'template',
			valid: {
				template: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				templateParameters: ['Jack', '12 May', '10:00'],
			},
			bad: { template: 'ffffffffffffffffffffffffffffffff' },
			error: /^Template: no Callbell template has the uuid/,
		},
	],
	multiSession: [
		{
			rule: 'a text over 65,536 characters',
			messageType: 'text',
			valid: text('Hi'),
			bad: text('x'.repeat(65_537)),
			error: 'Text: is 65537 characters long',
		},
		{
			rule: 'a JID with a path in it',
			messageType: 'text',
			valid: { to: '6281234567890' },
			bad: { to: '62812/../x@s.whatsapp.net' },
			error: /^To: .* is not a valid WhatsApp JID/,
		},
		{
			rule: 'a local number without Default Country Code',
			messageType: 'text',
			valid: { to: '6281234567890' },
			bad: { to: '0812 3456 7890' },
			error: /looks like a local number/,
		},
		{
			rule: 'a location at 0, 0',
			messageType: 'location',
			valid: { latitude: -6.2, longitude: 106.8 },
			bad: { latitude: 0, longitude: 0 },
			error: /^Latitude: and Longitude are both 0/,
		},
		{
			rule: 'a latitude out of range',
			messageType: 'location',
			valid: { latitude: -6.2, longitude: 106.8 },
			bad: { latitude: 91 },
			error: 'Latitude: 91 is out of range',
		},
		{
			rule: 'a contact without name',
			messageType: 'contact',
			valid: { contactName: 'Ann', contactPhone: '+62 812 3456 7890' },
			bad: { contactName: '' },
			error: 'Contact Name: is empty',
		},
		{
			rule: 'a contact number that is none',
			messageType: 'contact',
			valid: { contactName: 'Ann', contactPhone: '+62 812 3456 7890' },
			bad: { contactPhone: 'n/a' },
			error: /^Contact Phone: /,
		},
		{
			rule: 'a poll with one option',
			messageType: 'poll',
			valid: { pollQuestion: 'Lunch?', pollOptions: ['a', 'b'] },
			bad: { pollOptions: ['a'] },
			error: 'Poll Answers: has 1 answer',
		},
		{
			rule: 'a poll with 13 options',
			messageType: 'poll',
			valid: { pollQuestion: 'Lunch?', pollOptions: ['a', 'b'] },
			bad: { pollOptions: Array.from({ length: 13 }, (_, i) => `o${i}`) },
			error: 'Poll Answers: has 13 answers',
		},
		{
			rule: 'a poll option twice',
			messageType: 'poll',
			valid: { pollQuestion: 'Lunch?', pollOptions: ['a', 'b'] },
			bad: { pollOptions: ['a', 'a'] },
			error: 'Poll Answers: "a" appears twice',
		},
		{
			rule: 'an empty poll option',
			messageType: 'poll',
			valid: { pollQuestion: 'Lunch?', pollOptions: ['a', 'b'] },
			bad: { pollOptions: ['a', ' ', 'b'] },
			error: 'Poll Answers: answer 2 is empty',
		},
		{
			rule: 'a media link that is not http(s)',
			messageType: 'audio',
			fixed: { mediaSource: 'url' },
			valid: { mediaUrl: 'https://cdn.example.com/a.ogg' },
			bad: { mediaUrl: 'gopher://x/a.ogg' },
			error: /^Media URL: .* uses gopher/,
			notAlone: true,
		},
		{
			rule: 'a binary field the item does not have',
			messageType: 'image',
			fixed: { mediaSource: 'binary' },
			valid: { binaryPropertyName: 'data' },
			bad: { binaryPropertyName: 'photo' },
			error: /^Input Binary Field: the item has no binary field "photo"/,
			validBinary: binaryItem(FIXTURES.jpeg).binary,
			badBinary: binaryItem(FIXTURES.jpeg).binary,
		},
		{
			rule: 'a sticker whose binary is not WebP',
			messageType: 'sticker',
			fixed: { mediaSource: 'binary' },
			valid: {},
			bad: {},
			error:
				/^Input Binary Field: a sticker must be a WebP image, but binary field "data" is image\/png/,
			validBinary: binaryItem(FIXTURES.webp).binary,
			badBinary: binaryItem(FIXTURES.png).binary,
		},
		{
			rule: 'a binary file over the upload limit, by its recorded size',
			messageType: 'document',
			fixed: { mediaSource: 'binary' },
			valid: { maxUploadSizeMb: 1 },
			bad: {},
			error: /^Input Binary Field: binary field "data" is 1\.5 MB, over the limit of 1\.0 MB/,
			validBinary: binaryItem(FIXTURES.pdf).binary,
			badBinary: {
				data: {
					...binaryItem(FIXTURES.pdf).binary!.data,
					data: Buffer.alloc(1.5 * 1024 * 1024, 1).toString('base64'),
				},
			},
		},
	],
};

describe.each([bitbybit, vobiz, callbell, multiSession].map((c) => [c.id, c] as const))(
	'%s: every documented check runs before the first send',
	(_id, c) => {
		serveDuringSuite(c.fake);

		it('the valid item alone is sent (the cases below differ from it in one rule only)', async () => {
			const sendable = CHECKS[c.id].filter((check) => !check.notAlone);
			for (const check of sendable.filter(
				(k, i, all) => all.findIndex((o) => o.messageType === k.messageType) === i,
			)) {
				const keys = Object.keys(check.valid);
				const base = c.text();
				const fixed = Object.fromEntries(
					Object.entries(base).filter(([key]) => !keys.includes(key) && key !== 'options'),
				);
				const template =
					check.messageType === 'template' && c.id === 'vobiz' ? { templateMediaUrl: '' } : {};
				const result = await runNode({
					parameters: {
						...fixed,
						...template,
						...check.fixed,
						messageType: check.messageType,
						...perItem(keys),
					},
					items: [
						{
							json: { p: check.valid },
							...(check.validBinary ? { binary: check.validBinary } : {}),
						},
					],
					credentials: c.credentials(),
					onError: 'stopWorkflow',
				});
				expect({ rule: check.messageType, error: result.error?.message }).toEqual({
					rule: check.messageType,
					error: undefined,
				});
			}
		});

		it.each(CHECKS[c.id].map((check) => [check.rule, check] as const))(
			'%s',
			async (_rule, check) => {
				const { result, posts } = await stopsBeforeSending(c, check);
				expect(posts).toBe(0);
				const message = result.error?.message ?? '';
				expect(message.startsWith('Item 1: ')).toBe(true);
				if (typeof check.error === 'string')
					expect(message.slice('Item 1: '.length)).toMatch(
						new RegExp(`^${check.error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
					);
				else expect(message.slice('Item 1: '.length)).toMatch(check.error);
				expect(result.error?.description).toMatch(/Nothing was sent\.$/);
			},
		);
	},
);
