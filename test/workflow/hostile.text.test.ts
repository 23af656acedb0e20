import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/engine';
import type { ProviderCase } from '../harness/providerCases';
import { providerCases } from '../harness/providerCases';
import { serveDuringSuite } from '../harness/fakes';

// Point 4 of issue 11: nothing but text reaches a customer as text. An expression can evaluate to anything;
// an object or a list in a text field would be sent as "[object Object]" or "a,b". Numbers and booleans may
// be written as text on purpose. null and undefined count as empty everywhere, whether a list came as a
// JSON string, an expression array or separate values.

const [bitbybit, vobiz, callbell, multiSession] = providerCases();
const ROW = { obj: { name: 'Ann', id: 7 }, list: ['a', 'b'], nothing: null };

async function attempt(c: ProviderCase, parameters: INodeParameters) {
	const before = c.fake.requests.filter((r) => r.method === 'POST').length;
	const result = await runNode({
		parameters: { ...c.text(), ...parameters },
		items: [{ json: ROW }],
		credentials: c.credentials(),
		onError: 'continueErrorOutput',
	});
	const posts = c.fake.requests.filter((r) => r.method === 'POST').slice(before);
	return { result, posts, error: result.errorOutput[0]?.json.error as IDataObject | undefined };
}

const template = (c: ProviderCase, values: unknown): INodeParameters =>
	c.id === 'bitbybit'
		? {
				messageType: 'template',
				templateName: 'order_update',
				templateSource: 'CRM',
				templateParameters: values as never,
			}
		: {
				messageType: 'template',
				template: { __rl: true, mode: 'id', value: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
				templateParameters: values as never,
			};

describe('text fields refuse objects and lists before anything is sent', () => {
	serveDuringSuite(bitbybit.fake, vobiz.fake, callbell.fake, multiSession.fake);

	it.each<[string, ProviderCase, INodeParameters, RegExp]>([
		[
			'Text, an object',
			callbell,
			{ text: '={{ $json.obj }}' },
			/^Item 0: Text: is an object "\{"name":"Ann","id":7\}", not text$/,
		],
		[
			'Text, a list',
			multiSession,
			{ text: '={{ $json.list }}' },
			/^Item 0: Text: is a list "\["a","b"\]", not text$/,
		],
		['To', vobiz, { to: '={{ $json.obj }}' }, /^Item 0: To: is an object/],
		[
			'Caption',
			bitbybit,
			{
				messageType: 'image',
				mediaSource: 'url',
				mediaUrl: 'https://cdn.example.com/a.jpg',
				caption: '={{ $json.obj }}',
			},
			/^Item 0: Caption: is an object/,
		],
		[
			'Media URL',
			callbell,
			{ messageType: 'image', mediaSource: 'url', mediaUrl: '={{ $json.list }}' },
			/^Item 0: Media URL: is a list/,
		],
		[
			'File Name',
			multiSession,
			{
				messageType: 'document',
				mediaSource: 'url',
				mediaUrl: 'https://cdn.example.com/a.pdf',
				fileName: '={{ $json.obj }}',
			},
			/^Item 0: File Name: is an object/,
		],
		[
			'Template Name',
			bitbybit,
			{ messageType: 'template', templateName: '={{ $json.obj }}', templateSource: 'CRM' },
			/^Item 0: Template Name: is an object/,
		],
		[
			'a template value, in an expression array',
			bitbybit,
			template(bitbybit, '={{ [$json.obj, "x"] }}'),
			/^Item 0: Template Parameters: value 1 is an object/,
		],
		[
			'a template value, one of the list’s values',
			callbell,
			template(callbell, ['Ann', '={{ $json.list }}', 'x']),
			/^Item 0: Template Parameters: value 2 is a list/,
		],
		[
			'a poll option',
			multiSession,
			{ messageType: 'poll', pollQuestion: 'Lunch?', pollOptions: '={{ ["Pizza", $json.obj] }}' },
			/^Item 0: Poll Answers: value 2 is an object/,
		],
		[
			'the poll question',
			multiSession,
			{ messageType: 'poll', pollQuestion: '={{ $json.list }}', pollOptions: ['a', 'b'] },
			/^Item 0: Poll Question: is a list/,
		],
		[
			'the contact name',
			multiSession,
			{
				messageType: 'contact',
				contactName: '={{ $json.obj }}',
				contactPhone: '+62 812 3456 7890',
			},
			/^Item 0: Contact Name: is an object/,
		],
		[
			'the location name',
			multiSession,
			{
				messageType: 'location',
				latitude: -6.2,
				longitude: 106.8,
				locationName: '={{ $json.obj }}',
			},
			/^Item 0: Location Name: is an object/,
		],
		[
			'the channel',
			vobiz,
			{ channel: { __rl: true, mode: 'id', value: '={{ $json.obj }}' } },
			/^Item 0: Channel: is an object/,
		],
	])('%s', async (_label, c, parameters, message) => {
		const { posts, error } = await attempt(c, parameters);
		expect(posts).toHaveLength(0);
		expect(error?.message).toMatch(message);
		expect(error).toMatchObject({ errorType: 'validation', mayHaveBeenSent: false, itemIndex: 0 });
		expect(error?.description).toMatch(/Valid: text, a number or true\/false/);
	});

	it('numbers and booleans are sent as the text they read as', async () => {
		const forty = await attempt(callbell, { text: '={{ 42 }}' });
		const yes = await attempt(multiSession, { text: '={{ true }}' });
		expect((forty.posts[0].json as IDataObject).content).toEqual({ text: '42' });
		expect((yes.posts[0].json as IDataObject).text).toBe('true');
	});
});

describe('null and undefined are empty, however they arrive', () => {
	serveDuringSuite(bitbybit.fake, multiSession.fake);

	it('a Text expression that gives null is an empty text, not "null"', async () => {
		const { posts, error } = await attempt(multiSession, { text: '={{ $json.nothing }}' });
		expect(posts).toHaveLength(0);
		expect(error?.message).toBe('Item 0: Text: is empty');
	});

	it.each([
		['an expression array', '={{ ["Ann", null] }}'],
		['a JSON array as text', '["Ann", null]'],
		['separate values, one of them null', ['Ann', '={{ $json.nothing }}']],
		['separate values, one of them undefined', ['Ann', '={{ $json.missing }}']],
	])('a template value that is null in %s is empty, not "null"', async (_label, values) => {
		const { posts, error } = await attempt(bitbybit, template(bitbybit, values));
		expect(posts).toHaveLength(0);
		expect(error?.message).toBe('Item 0: Template Parameters: the value for {{2}} is empty');
	});

	it.each([
		['an expression array', '={{ ["Pizza", null, "Salad"] }}'],
		['a JSON array as text', '["Pizza", null, "Salad"]'],
	])('a poll option that is null in %s is empty', async (_label, options) => {
		const { posts, error } = await attempt(multiSession, {
			messageType: 'poll',
			pollQuestion: 'Lunch?',
			pollOptions: options,
		});
		expect(posts).toHaveLength(0);
		expect(error?.message).toBe('Item 0: Poll Answers: answer 2 is empty');
	});
});
