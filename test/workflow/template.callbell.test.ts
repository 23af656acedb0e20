import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { CALLBELL_CHANNELS, FakeCallbell } from '../../fakes/callbell';
import { CALLBELL_TEMPLATES, checkCallbellTemplate } from '../../fakes/callbell/templates';
import type { RecordedRequest } from '../../fakes/server';
import { runNode } from '../harness/engine';
import type { RunNodeResult } from '../harness/engine';

const CHANNEL = CALLBELL_CHANNELS[0].uuid;
const uuidOf = (title: string) => CALLBELL_TEMPLATES.find((t) => t.title === title)!.uuid;
const fromList = (title: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'list',
	value: uuidOf(title),
});
const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });

function parameters(
	template: INodeParameterResourceLocator,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		provider: 'callbell',
		messageType: 'template',
		channel: { __rl: true, mode: 'list', value: CHANNEL },
		to: '+31 6 1234 5678',
		template,
		...extra,
	};
}

const envelope = { to: '+31612345678', from: 'whatsapp', channel_uuid: CHANNEL };

describe('Callbell template messages inside the n8n engine', () => {
	const callbell = new FakeCallbell();

	beforeAll(async () => {
		await callbell.start();
	});
	afterAll(async () => {
		await callbell.stop();
	});

	async function send(
		params: INodeParameters,
		items?: IDataObject[],
	): Promise<{ result: RunNodeResult; requests: RecordedRequest[]; posts: RecordedRequest[] }> {
		const before = callbell.requests.length;
		const result = await runNode({
			parameters: params,
			items: items?.map((json) => ({ json })),
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
		});
		const requests = callbell.requests.slice(before);
		return { result, requests, posts: requests.filter((r) => r.method === 'POST') };
	}

	async function refusal(params: INodeParameters): Promise<string> {
		const { result, posts } = await send(params);
		expect(posts).toHaveLength(0);
		expect(result.main).toHaveLength(0);
		expect(result.error?.description).toContain('Nothing was sent.');
		return result.error!.message;
	}

	it('one variable: content.text fills {{1}}, type is the template’s own; every template page is read first', async () => {
		const { result, requests } = await send(
			parameters(fromList('Order shipped'), { templateParameters: ['John Doe'] }),
		);
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /templates?page=1',
			'GET /templates?page=2',
			'GET /templates?page=3',
			'POST /messages/send',
		]);
		expect(requests[3].headers.authorization).toBe(`Bearer ${callbell.apiKey}`);
		expect(requests[3].json).toEqual({
			...envelope,
			type: 'text',
			content: { text: 'John Doe' },
			template_uuid: uuidOf('Order shipped'),
			optin_contact: true,
		});
		expect(result.main[0].json).toMatchObject({
			provider: 'callbell',
			messageType: 'template',
			status: 'enqueued',
		});
	});

	it('several variables: all of them in template_values, the first also in content.text', async () => {
		const { result, posts } = await send(
			parameters(byId(uuidOf('Appointment reminder')), {
				templateParameters: ['Jack', '12 May', '10:00'],
			}),
		);
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			type: 'text',
			content: { text: 'Jack' },
			template_uuid: uuidOf('Appointment reminder'),
			optin_contact: true,
			template_values: ['Jack', '12 May', '10:00'],
		});
	});

	it('no variables: content.text carries the template’s own text', async () => {
		const { result, posts } = await send(parameters(fromList('Welcome')));
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			type: 'text',
			content: { text: 'Thanks for contacting us! Reply here any time.' },
			template_uuid: uuidOf('Welcome'),
			optin_contact: true,
		});
	});

	it.each([
		['Invoice', 'document', 'https://files.example.com/inv-7.pdf', ['Ann'], 'Ann'],
		['New arrivals', 'image', 'https://cdn.example.com/new.jpg', [], 'See what is new this week.'],
		['Product video', 'video', 'https://cdn.example.com/demo.mp4', ['the blender'], 'the blender'],
	])('%s: the %s template sends content.url', async (title, type, url, values, text) => {
		const { result, posts } = await send(
			parameters(fromList(title), { templateParameters: values, templateMediaUrl: url }),
		);
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			type,
			content: { text, url },
			template_uuid: uuidOf(title),
			optin_contact: true,
		});
	});

	it('routing options travel with a template send', async () => {
		const { result, posts } = await send(
			parameters(fromList('Feedback'), {
				templateParameters: ['our Utrecht store'],
				options: { assignedUser: 'agent@example.com', botStatus: 'bot_end' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toMatchObject({
			assigned_user: 'agent@example.com',
			bot_status: 'bot_end',
			optin_contact: true,
		});
	});

	it('50 items cause one request per template page, not one per item', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({
			to: `+3161234${String(5000 + i)}`,
			name: `Guest ${i}`,
		}));
		const { result, requests, posts } = await send(
			parameters(fromList('Order shipped'), {
				to: '={{ $json.to }}',
				templateParameters: ['={{ $json.name }}'],
				options: { concurrency: 10 },
			}),
			items,
		);
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(50);
		expect(requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
			'/templates?page=1',
			'/templates?page=2',
			'/templates?page=3',
		]);
		expect(posts).toHaveLength(50);
		expect(posts.map((p) => (p.json as IDataObject).content)).toContainEqual({ text: 'Guest 42' });
	});

	describe('refusals, before anything is sent', () => {
		it('too few values names the template, its text and the count', async () => {
			const message = await refusal(
				parameters(fromList('Appointment reminder'), { templateParameters: ['Jack', '12 May'] }),
			);
			expect(message).toBe(
				'Item 0: Template Parameters: template "Appointment reminder" needs 3 values: 3 values for the text "Hi {{1}}, your appointment is on {{2}} at {{3}}.", but 2 were given',
			);
		});

		it('too many values', async () => {
			const message = await refusal(
				parameters(fromList('Order shipped'), { templateParameters: ['a', 'b'] }),
			);
			expect(message).toContain(
				'template "Order shipped" needs 1 value: 1 value for the text "Hello {{1}}, your order has shipped.", but 2 were given',
			);
		});

		it('a media template without Template Media URL', async () => {
			const message = await refusal(
				parameters(fromList('Invoice'), { templateParameters: ['Ann'] }),
			);
			expect(message).toBe(
				'Item 0: Template Media URL: is empty, but template "Invoice" is a document template',
			);
		});

		it('Template Media URL for a text template', async () => {
			const message = await refusal(
				parameters(fromList('Welcome'), { templateMediaUrl: 'https://cdn.example.com/x.jpg' }),
			);
			expect(message).toBe(
				'Item 0: Template Media URL: is set, but template "Welcome" is a text template',
			);
		});

		it.each([
			['Black Friday', 'pending'],
			['Old promo', 'rejected'],
		])('%s: a %s template', async (title, status) => {
			const message = await refusal(parameters(byId(uuidOf(title)), { templateParameters: ['x'] }));
			expect(message).toBe(
				`Item 0: Template: template "${title}" is ${status} in Callbell, and WhatsApp sends only approved templates`,
			);
		});

		it('an unknown uuid lists the approved templates', async () => {
			const { result, posts } = await send(parameters(byId('ffffffffffffffffffffffffffffffff')));
			expect(posts).toHaveLength(0);
			expect(result.error?.message).toBe(
				'Item 0: Template: no Callbell template has the uuid "ffffffffffffffffffffffffffffffff"',
			);
			expect(result.error?.description).toContain(`Order shipped: ${uuidOf('Order shipped')}`);
			expect(result.error?.description).not.toContain('Black Friday');
		});

		it('an empty value, before the template list is read', async () => {
			const { result, requests } = await send(
				parameters(fromList('Order shipped'), { templateParameters: [''] }),
			);
			expect(requests).toHaveLength(0);
			expect(result.error?.message).toBe(
				'Item 0: Template Parameters: the value for {{1}} is empty',
			);
		});

		it('a Template Media URL that is not a link', async () => {
			const { result, requests } = await send(
				parameters(fromList('Invoice'), {
					templateParameters: ['Ann'],
					templateMediaUrl: 'invoice.pdf',
				}),
			);
			expect(requests).toHaveLength(0);
			expect(result.error?.message).toBe('Item 0: Template Media URL: "invoice.pdf" is not a URL');
		});
	});

	it('the fake refuses what Callbell would', () => {
		const base = { to: '+31612345678', from: 'whatsapp', channel_uuid: CHANNEL };
		const ok = {
			...base,
			type: 'text',
			content: { text: 'John' },
			template_uuid: uuidOf('Order shipped'),
			optin_contact: true,
		};
		expect(checkCallbellTemplate(ok, CALLBELL_TEMPLATES)).toBeUndefined();
		expect(
			checkCallbellTemplate({ ...ok, optin_contact: undefined }, CALLBELL_TEMPLATES),
		).toContain('optin_contact');
		expect(checkCallbellTemplate({ ...ok, type: 'template' }, CALLBELL_TEMPLATES)).toBe(
			'type must be "text" for this template',
		);
		expect(checkCallbellTemplate({ ...ok, template_uuid: 'nope' }, CALLBELL_TEMPLATES)).toContain(
			'not found',
		);
		expect(
			checkCallbellTemplate({ ...ok, template_uuid: uuidOf('Black Friday') }, CALLBELL_TEMPLATES),
		).toContain('not approved');
		expect(checkCallbellTemplate({ ...ok, content: {} }, CALLBELL_TEMPLATES)).toContain(
			'content.text is required',
		);
		expect(
			checkCallbellTemplate(
				{ ...ok, template_uuid: uuidOf('Appointment reminder'), template_values: ['a', 'b'] },
				CALLBELL_TEMPLATES,
			),
		).toContain('needs 3');
		expect(
			checkCallbellTemplate(
				{ ...ok, template_uuid: uuidOf('Invoice'), type: 'document', content: { text: 'Ann' } },
				CALLBELL_TEMPLATES,
			),
		).toContain('content.url is required');
		expect(
			checkCallbellTemplate(
				{ ...ok, content: { text: 'John', url: 'https://x.example/a.jpg' } },
				CALLBELL_TEMPLATES,
			),
		).toContain('only for media templates');
	});
});
