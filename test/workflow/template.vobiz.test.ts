import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { checkVobizTemplate, template } from '../../fakes/vobiz/templates';
import type { VobizFakeTemplate } from '../../fakes/vobiz/templates';
import type { RecordedRequest } from '../../fakes/server';
import { runNode } from '../harness/engine';
import { runListSearch } from '../harness/listSearch';
import { serveDuringSuite } from '../harness/fakes';
import type { RunNodeResult } from '../harness/engine';

const CHANNEL = VOBIZ_CHANNELS[0];
const TEMPLATES_PATH = `/api/v1/messaging/channels/${CHANNEL.id}/templates`;
const MESSAGES_PATH = '/api/v1/messaging/messages';

const byName = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'name',
	value,
});
const fromList = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'list',
	value,
});

function parameters(
	template: INodeParameterResourceLocator,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		provider: 'vobiz',
		messageType: 'template',
		channel: { __rl: true, mode: 'list', value: CHANNEL.id },
		to: '+91 98765 00123',
		template,
		...extra,
	};
}

const envelope = {
	channel_id: CHANNEL.id,
	waba_id: CHANNEL.waba_id,
	to: '+919876500123',
	type: 'template',
};

describe('Vobiz template messages inside the n8n engine', () => {
	// Pages of four templates, so the channel's nine approved templates span three pages.
	const vobiz = new FakeVobiz({ templatePageCap: 4 });

	beforeAll(async () => {
		await vobiz.start();
	});
	afterAll(async () => {
		await vobiz.stop();
	});

	async function send(
		params: INodeParameters,
		options: { items?: IDataObject[]; onError?: 'continueErrorOutput' } = {},
	): Promise<{ result: RunNodeResult; requests: RecordedRequest[]; posts: RecordedRequest[] }> {
		const before = vobiz.requests.length;
		const result = await runNode({
			parameters: params,
			items: options.items?.map((json) => ({ json })),
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
			onError: options.onError,
		});
		const requests = vobiz.requests.slice(before);
		return { result, requests, posts: requests.filter((r) => r.method === 'POST') };
	}

	async function refusal(params: INodeParameters): Promise<string> {
		const { result, posts } = await send(params);
		expect(posts).toHaveLength(0);
		expect(result.main).toHaveLength(0);
		expect(result.error).toBeDefined();
		expect(result.error?.description).toContain('Nothing was sent.');
		return result.error!.message;
	}

	it('body values in order; reads every approved page, then sends', async () => {
		const { result, requests } = await send(
			parameters(byName('order_confirmation'), {
				templateLanguage: 'en_US',
				templateParameters: ['Ann', 'ORD-12345'],
			}),
		);
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /api/v1/messaging/channels/whatsapp',
			`GET ${TEMPLATES_PATH}?status=APPROVED&page=1&limit=100`,
			`GET ${TEMPLATES_PATH}?status=APPROVED&page=2&limit=100`,
			`GET ${TEMPLATES_PATH}?status=APPROVED&page=3&limit=100`,
			`POST ${MESSAGES_PATH}`,
		]);
		expect(requests[4].headers['x-auth-id']).toBe(vobiz.authId);
		expect(requests[4].json).toEqual({
			...envelope,
			template: {
				name: 'order_confirmation',
				language: { code: 'en_US' },
				components: [
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Ann' },
							{ type: 'text', text: 'ORD-12345' },
						],
					},
				],
			},
		});
		expect(result.main[0].json).toMatchObject({
			provider: 'vobiz',
			messageType: 'template',
			to: '+919876500123',
			status: 'pending',
		});
	});

	it('a list pick carries the language, so a name in two languages needs no Template Language', async () => {
		const { result, posts } = await send(
			parameters(fromList('order_confirmation:id'), { templateParameters: ['Budi', 'ORD-9'] }),
		);
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			template: {
				name: 'order_confirmation',
				language: { code: 'id' },
				components: [
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Budi' },
							{ type: 'text', text: 'ORD-9' },
						],
					},
				],
			},
		});
	});

	it('Template Language overrides the language of a list pick, matched loosely (en-us = en_US)', async () => {
		const { result, posts } = await send(
			parameters(fromList('order_confirmation:id'), {
				templateLanguage: 'en-us',
				templateParameters: ['Ann', 'ORD-1'],
			}),
		);
		expect(result.error).toBeUndefined();
		expect((posts[0].json as IDataObject).template).toMatchObject({
			name: 'order_confirmation',
			language: { code: 'en_US' },
		});
	});

	it('a template without variables is sent without components', async () => {
		const { result, posts } = await send(parameters(byName('welcome_message')));
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			template: { name: 'welcome_message', language: { code: 'en_US' } },
		});
	});

	it.each([
		['invoice_ready', 'document', 'https://files.example.com/inv-7.pdf', ['Ann']],
		['new_collection', 'image', 'https://cdn.example.com/summer.jpg', []],
		['product_demo', 'video', 'https://cdn.example.com/demo.mp4', ['the blender']],
	])('%s: the %s header from Template Media URL', async (name, key, link, values) => {
		const { result, posts } = await send(
			parameters(byName(name), { templateMediaUrl: link, templateParameters: values }),
		);
		expect(result.error).toBeUndefined();
		const components: IDataObject[] = [
			{ type: 'header', parameters: [{ type: key, [key]: { link } }] },
		];
		if (values.length)
			components.push({ type: 'body', parameters: values.map((text) => ({ type: 'text', text })) });
		expect(posts[0].json).toEqual({
			...envelope,
			template: { name, language: { code: 'en_US' }, components },
		});
	});

	it('text header variable first, then the body, then the dynamic URL button at its own index', async () => {
		const { result, posts } = await send(
			parameters(byName('shipping_update'), {
				templateParameters: ['ORD-77', 'Ann', 'Friday'],
				templateButtonParameter: 'ORD-77?ref=wa',
			}),
		);
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			template: {
				name: 'shipping_update',
				language: { code: 'en_US' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'ORD-77' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Ann' },
							{ type: 'text', text: 'Friday' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '1',
						parameters: [{ type: 'text', text: 'ORD-77?ref=wa' }],
					},
				],
			},
		});
	});

	it('a static header and a static URL button take nothing: only the body is sent', async () => {
		const { result, posts } = await send(
			parameters(byName('appointment_reminder'), { templateParameters: ['12 May', '10:00'] }),
		);
		expect(result.error).toBeUndefined();
		expect((posts[0].json as IDataObject).template).toEqual({
			name: 'appointment_reminder',
			language: { code: 'en_US' },
			components: [
				{
					type: 'body',
					parameters: [
						{ type: 'text', text: '12 May' },
						{ type: 'text', text: '10:00' },
					],
				},
			],
		});
	});

	it('50 items cause one request per template page, not one per item', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({
			to: `+91987650${String(1000 + i)}`,
			day: `Day ${i + 1}`,
		}));
		const { result, requests, posts } = await send(
			parameters(byName('appointment_reminder'), {
				to: '={{ $json.to }}',
				templateParameters: ['={{ $json.day }}', '10:00'],
				options: { concurrency: 10 },
			}),
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(50);
		const gets = requests.filter((r) => r.method === 'GET').map((r) => r.url);
		expect(gets).toEqual([
			'/api/v1/messaging/channels/whatsapp',
			`${TEMPLATES_PATH}?status=APPROVED&page=1&limit=100`,
			`${TEMPLATES_PATH}?status=APPROVED&page=2&limit=100`,
			`${TEMPLATES_PATH}?status=APPROVED&page=3&limit=100`,
		]);
		expect(posts).toHaveLength(50);
		expect(
			posts.map((p) => ((p.json as IDataObject).template as IDataObject).components),
		).toContainEqual([
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Day 17' },
					{ type: 'text', text: '10:00' },
				],
			},
		]);
		expect(result.main.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});

	describe('refusals, before anything is sent', () => {
		it('too few values names the template, its text and the count', async () => {
			const message = await refusal(
				parameters(byName('order_confirmation'), {
					templateLanguage: 'en_US',
					templateParameters: ['Ann'],
				}),
			);
			expect(message).toBe(
				'Item 0: Template Parameters: template "order_confirmation" (en_US) needs 2 values: 2 values for the body "Hi {{1}}, your order {{2}} is confirmed.", but 1 was given',
			);
		});

		it('too many values counts the header and the body', async () => {
			const message = await refusal(
				parameters(byName('shipping_update'), {
					templateParameters: ['a', 'b', 'c', 'd'],
					templateButtonParameter: 'x',
				}),
			);
			expect(message).toBe(
				'Item 0: Template Parameters: template "shipping_update" (en_US) needs 3 values: 1 value for the header "Order {{1}} shipped", then 2 values for the body "Hi {{1}}, it arrives on {{2}}.", but 4 were given',
			);
		});

		it('values for a template without variables', async () => {
			const message = await refusal(
				parameters(byName('welcome_message'), { templateParameters: ['Ann'] }),
			);
			expect(message).toContain(
				'template "welcome_message" (en_US) takes no values (text "Welcome to our store! Reply STOP to opt out."), but 1 was given',
			);
		});

		it('a media header without Template Media URL', async () => {
			const message = await refusal(
				parameters(byName('invoice_ready'), { templateParameters: ['Ann'] }),
			);
			expect(message).toBe(
				'Item 0: Template Media URL: is empty, but template "invoice_ready" (en_US) has a document header',
			);
		});

		it('Template Media URL for a template without a media header', async () => {
			const message = await refusal(
				parameters(byName('welcome_message'), {
					templateMediaUrl: 'https://cdn.example.com/x.jpg',
				}),
			);
			expect(message).toContain(
				'Template Media URL: is set, but template "welcome_message" (en_US) has no image, video or document header',
			);
		});

		it('a dynamic URL button without its value', async () => {
			const message = await refusal(
				parameters(byName('shipping_update'), { templateParameters: ['a', 'b', 'c'] }),
			);
			expect(message).toContain(
				'Template Button Parameter: is empty, but template "shipping_update" (en_US) has a URL button with a variable link "https://shop.example.com/track/{{1}}"',
			);
		});

		it('a button value for a template without a dynamic button', async () => {
			const message = await refusal(
				parameters(byName('appointment_reminder'), {
					templateParameters: ['a', 'b'],
					templateButtonParameter: 'x',
				}),
			);
			expect(message).toContain(
				'Template Button Parameter: is set, but template "appointment_reminder" (en_US) has no URL button',
			);
		});

		it('a name approved in two languages, without a language', async () => {
			const message = await refusal(
				parameters(byName('order_confirmation'), { templateParameters: ['Ann', 'X'] }),
			);
			expect(message).toContain(
				'Template Language: template "order_confirmation" is approved in 2 languages (en_US, id), so the node cannot tell which to send',
			);
		});

		it('a template that is not approved, found in the unfiltered list', async () => {
			const { result, requests, posts } = await send(
				parameters(byName('summer_sale'), { templateParameters: ['20%'] }),
			);
			expect(posts).toHaveLength(0);
			expect(result.error?.message).toBe(
				'Item 0: Template: template "summer_sale" (en_US) is PENDING in Vobiz, and WhatsApp sends only approved templates',
			);
			// Twelve templates in all, four a page.
			expect(requests.map((r) => r.url).slice(-4)).toEqual([
				`${TEMPLATES_PATH}?status=APPROVED&page=3&limit=100`,
				`${TEMPLATES_PATH}?page=1&limit=100`,
				`${TEMPLATES_PATH}?page=2&limit=100`,
				`${TEMPLATES_PATH}?page=3&limit=100`,
			]);
		});

		it('a translation that is not approved while others are', async () => {
			const message = await refusal(
				parameters(byName('order_confirmation'), {
					templateLanguage: 'es',
					templateParameters: ['a', 'b'],
				}),
			);
			expect(message).toContain('template "order_confirmation" (es) is PENDING in Vobiz');
		});

		it('a language the template does not exist in', async () => {
			const message = await refusal(
				parameters(byName('order_confirmation'), {
					templateLanguage: 'fr',
					templateParameters: ['a', 'b'],
				}),
			);
			expect(message).toBe(
				'Item 0: Template Language: template "order_confirmation" has no approved "fr" translation',
			);
		});

		it('an unknown template lists the approved ones', async () => {
			const { result } = await send(parameters(byName('no_such_template')));
			expect(result.error?.message).toBe(
				`Item 0: Template: channel ${CHANNEL.id} has no template named "no_such_template"`,
			);
			expect(result.error?.description).toContain(
				'order_confirmation, store_location, welcome_message',
			);
		});

		it('a header the node cannot fill', async () => {
			const message = await refusal(parameters(byName('store_location')));
			expect(message).toContain(
				'template "store_location" (en_US) has a LOCATION header, which this node cannot fill',
			);
		});

		it('an empty value, even before the template list is read', async () => {
			const { result, requests } = await send(
				parameters(byName('order_confirmation'), {
					templateLanguage: 'en_US',
					templateParameters: ['Ann', ' '],
				}),
			);
			expect(requests).toHaveLength(0);
			expect(result.error?.message).toBe(
				'Item 0: Template Parameters: the value for {{2}} is empty',
			);
		});

		it('an empty template (from an expression, which n8n’s own required check lets through)', async () => {
			const { result, requests } = await send(parameters(byName('={{ $json.template }}')), {
				items: [{ template: '' }],
			});
			expect(requests).toHaveLength(0);
			expect(result.error?.message).toBe('Item 0: Template: is empty');
		});

		it('with the error output, the refused item carries the reason and the others are sent', async () => {
			const { result, posts } = await send(
				parameters(byName('order_confirmation'), {
					templateLanguage: 'en_US',
					to: '={{ $json.to }}',
					templateParameters: '={{ $json.values }}',
				}),
				{
					items: [
						{ to: '+919876500001', values: ['Ann', 'ORD-1'] },
						{ to: '+919876500002', values: ['Bob'] },
					],
					onError: 'continueErrorOutput',
				},
			);
			expect(posts).toHaveLength(1);
			expect(result.main).toHaveLength(1);
			expect(result.errorOutput).toHaveLength(1);
			expect(Object.keys(result.errorOutput[0].json)).toEqual(['error']);
			expect(result.errorOutput[0].json).toMatchObject({
				error: {
					message: expect.stringContaining(
						'Item 1: Template Parameters: template "order_confirmation" (en_US) needs 2 values',
					),
					provider: 'vobiz',
					messageType: 'template',
					to: '+919876500002',
					errorType: 'validation',
					retryable: false,
					mayHaveBeenSent: false,
					itemIndex: 1,
				},
			});
			expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		});
	});

	it('the fake refuses what Vobiz would: a wrong parameter count reaches the provider’s own check', async () => {
		// Guard for the contract server itself: a request the node would never build.
		const { checkVobizTemplate, SUPPORT_TEMPLATES } = await import('../../fakes/vobiz/templates');
		expect(
			checkVobizTemplate(
				{
					name: 'order_confirmation',
					language: { code: 'en_US' },
					components: [{ type: 'body', parameters: [{ type: 'text', text: 'a' }] }],
				},
				SUPPORT_TEMPLATES,
			),
		).toContain('#132000');
		expect(
			checkVobizTemplate({ name: 'summer_sale', language: { code: 'en_US' } }, SUPPORT_TEMPLATES),
		).toContain('not approved');
		expect(
			checkVobizTemplate({ name: 'welcome_message', language: { code: 'fr' } }, SUPPORT_TEMPLATES),
		).toContain('#132001');
		expect(
			checkVobizTemplate(
				{
					name: 'new_collection',
					language: { code: 'en_US' },
					components: [
						{
							type: 'header',
							parameters: [{ type: 'video', video: { link: 'https://x.example/v.mp4' } }],
						},
					],
				},
				SUPPORT_TEMPLATES,
			),
		).toContain('header parameter type must be "image"');
		expect(
			checkVobizTemplate(
				{
					name: 'shipping_update',
					language: { code: 'en_US' },
					components: [
						{ type: 'header', parameters: [{ type: 'text', text: 'a' }] },
						{
							type: 'body',
							parameters: [
								{ type: 'text', text: 'b' },
								{ type: 'text', text: 'c' },
							],
						},
						{
							type: 'button',
							sub_type: 'url',
							index: '0',
							parameters: [{ type: 'text', text: 'd' }],
						},
					],
				},
				SUPPORT_TEMPLATES,
			),
		).toContain('button index "0" is not a URL button');
		expect(
			checkVobizTemplate(
				{ name: 'welcome_message', language: { code: 'en_US' } },
				SUPPORT_TEMPLATES,
			),
		).toBeUndefined();
	});
});

describe('Vobiz templates whose list entry does not say what they take', () => {
	// Vobiz's own mock lists templates without components, and its own node never reads them
	// (contracts §2): the node must then send what it is given and say that it could not check.
	const body = (text: string) => ({ type: 'BODY', text });
	const definitions: VobizFakeTemplate[] = [
		template(
			'order_update',
			'en_US',
			'APPROVED',
			[body('Hi {{1}}, order {{2}} is on its way.')],
			'UTILITY',
			'absent',
		),
		template(
			'order_update_array',
			'en_US',
			'APPROVED',
			[body('Hi {{1}}, order {{2}} is on its way.')],
			'UTILITY',
			'array',
		),
		template(
			'order_update_odd',
			'en_US',
			'APPROVED',
			[body('Hi {{1}}, order {{2}} is on its way.')],
			'UTILITY',
			'unrecognised',
		),
		template(
			'invoice_doc',
			'en_US',
			'APPROVED',
			[{ type: 'HEADER', format: 'DOCUMENT' }, body('Invoice {{1}} attached.')],
			'UTILITY',
			'absent',
		),
		template(
			'promo_image',
			'en_US',
			'APPROVED',
			[{ type: 'HEADER', format: 'IMAGE' }, body('New arrivals!')],
			'MARKETING',
			'absent',
		),
		template(
			'promo_video',
			'en_US',
			'APPROVED',
			[{ type: 'HEADER', format: 'VIDEO' }, body('Watch {{1}}.')],
			'MARKETING',
			'absent',
		),
		template(
			'track_parcel',
			'en_US',
			'APPROVED',
			[
				body('Parcel {{1}} shipped.'),
				{
					type: 'BUTTONS',
					buttons: [{ type: 'URL', text: 'Track', url: 'https://t.example.com/{{1}}' }],
				},
			],
			'UTILITY',
			'absent',
		),
		template('invoice_known', 'en_US', 'APPROVED', [
			{ type: 'HEADER', format: 'DOCUMENT' },
			body('Invoice {{1}} attached.'),
		]),
	];
	const vobiz = new FakeVobiz({ templates: { [CHANNEL.id]: definitions } });
	serveDuringSuite(vobiz);

	async function send(params: INodeParameters, onError?: 'continueErrorOutput') {
		const before = vobiz.requests.length;
		const result = await runNode({
			parameters: params,
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
			onError,
		});
		return { result, posts: vobiz.requests.slice(before).filter((r) => r.method === 'POST') };
	}

	const bodyOf = (...values: string[]) => ({
		type: 'body',
		parameters: values.map((text) => ({ type: 'text', text })),
	});

	it('the template picker names what each template takes, and says so when Vobiz lists a template without its components', async () => {
		const { results } = await runListSearch('searchVobizTemplates', {
			parameters: {
				provider: 'vobiz',
				messageType: 'template',
				channel: { __rl: true, mode: 'id', value: CHANNEL.id },
				template: { __rl: true, mode: 'list', value: '' },
			},
			credentials: {
				whatsAppSendVobizApi: {
					authId: vobiz.authId,
					authToken: vobiz.authToken,
					baseUrl: vobiz.url,
				},
			},
		});
		expect(results.map((r) => r.name)).toEqual(
			expect.arrayContaining([
				'order_update (en_US) · what it takes is not listed',
				'track_parcel (en_US) · what it takes is not listed',
				'invoice_known (en_US) · takes 1 value and a document link',
			]),
		);
	});

	it('no components in the list: the values go out as the body’s, in order, and the output says nothing was checked', async () => {
		const { result, posts } = await send(
			parameters(byName('order_update'), { templateParameters: ['Ann', 'ORD-7'] }),
		);
		expect(result.error).toBeUndefined();
		expect(posts[0].json).toEqual({
			...envelope,
			template: {
				name: 'order_update',
				language: { code: 'en_US' },
				components: [bodyOf('Ann', 'ORD-7')],
			},
		});
		expect(result.main[0].json.notices).toEqual([
			'Vobiz lists template "order_update" (en_US) without its components, so the node could not check the values against it and sent them as given: 2 body values.',
		]);
	});

	it('a dry run shows the same notice with the request it would send', async () => {
		const { result, posts } = await send(
			parameters(byName('order_update'), {
				templateParameters: ['Ann', 'ORD-7'],
				options: { dryRun: true },
			}),
		);
		expect(posts).toHaveLength(0);
		expect(result.main[0].json).toMatchObject({
			status: 'dryRun',
			notices: [expect.stringContaining('could not check the values')],
		});
	});

	it('components as a bare array are read like the documented {components:[…]}: checks apply', async () => {
		const sent = await send(
			parameters(byName('order_update_array'), { templateParameters: ['Ann', 'ORD-7'] }),
		);
		expect(sent.result.error).toBeUndefined();
		expect(sent.result.main[0].json.notices).toBeUndefined();
		const refused = await send(
			parameters(byName('order_update_array'), { templateParameters: ['Ann'] }),
		);
		expect(refused.posts).toHaveLength(0);
		expect(refused.result.error?.message).toContain(
			'template "order_update_array" (en_US) needs 2 values',
		);
	});

	it('components in a shape the node does not know: sent as given, with the notice', async () => {
		const { result, posts } = await send(
			parameters(byName('order_update_odd'), { templateParameters: ['Ann', 'ORD-7'] }),
		);
		expect(result.error).toBeUndefined();
		expect((posts[0].json as IDataObject).template).toMatchObject({
			components: [bodyOf('Ann', 'ORD-7')],
		});
		expect(result.main[0].json.notices).toEqual([
			'Vobiz lists template "order_update_odd" (en_US) with components the node does not recognise, so the node could not check the values against it and sent them as given: 2 body values.',
		]);
	});

	it.each([
		['invoice_doc', 'https://files.example.com/inv-7.pdf', 'document', ['INV-7']],
		['promo_image', 'https://cdn.example.com/new.JPG', 'image', []],
		['promo_video', 'https://cdn.example.com/demo.mp4?sig=abc', 'video', ['the demo']],
	])(
		'%s: the header media type comes from the link’s file extension',
		async (name, link, key, values) => {
			const { result, posts } = await send(
				parameters(byName(name), { templateMediaUrl: link, templateParameters: values }),
			);
			expect(result.error).toBeUndefined();
			const components: IDataObject[] = [
				{ type: 'header', parameters: [{ type: key, [key]: { link } }] },
			];
			if (values.length) components.push(bodyOf(...values));
			expect((posts[0].json as IDataObject).template).toEqual({
				name,
				language: { code: 'en_US' },
				components,
			});
			expect(result.main[0].json.notices).toEqual([
				expect.stringContaining(`a ${key} header (from the link's file extension)`),
			]);
		},
	);

	it('a link without a telling extension needs Template Header Media Type, before anything is sent', async () => {
		const link = 'https://cdn.example.com/media/8f2c1e';
		const refused = await send(
			parameters(byName('promo_video'), { templateMediaUrl: link, templateParameters: ['x'] }),
		);
		expect(refused.posts).toHaveLength(0);
		expect(refused.result.error?.message).toBe(
			`Item 0: Template Media URL: Vobiz lists template "promo_video" (en_US) without its components, so the node cannot tell whether its header takes an image, a video or a document, and the link "${link}" has no file extension that says so`,
		);
		expect(refused.result.error?.description).toContain('the option "Template Header Media Type"');

		const { result, posts } = await send(
			parameters(byName('promo_video'), {
				templateMediaUrl: link,
				templateParameters: ['x'],
				options: { templateHeaderType: 'video' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect((posts[0].json as IDataObject).template).toMatchObject({
			components: [
				{ type: 'header', parameters: [{ type: 'video', video: { link } }] },
				bodyOf('x'),
			],
		});
	});

	it('the button value goes to the first button (index "0"), which the fake, like Vobiz, takes', async () => {
		const { result, posts } = await send(
			parameters(byName('track_parcel'), {
				templateParameters: ['P-1'],
				templateButtonParameter: 'P-1',
			}),
		);
		expect(result.error).toBeUndefined();
		expect((posts[0].json as IDataObject).template).toMatchObject({
			components: [
				bodyOf('P-1'),
				{
					type: 'button',
					sub_type: 'url',
					index: '0',
					parameters: [{ type: 'text', text: 'P-1' }],
				},
			],
		});
		expect(result.main[0].json.notices).toEqual([
			'Vobiz lists template "track_parcel" (en_US) without its components, so the node could not check the values against it and sent them as given: 1 body value, the button value for its first button.',
		]);
	});

	it('values that do not fit reach Vobiz, whose refusal carries the notice as its hint', async () => {
		const { result, posts } = await send(
			parameters(byName('order_update'), { templateParameters: ['Ann'] }),
			'continueErrorOutput',
		);
		expect(posts).toHaveLength(1);
		const error = result.errorOutput[0].json.error as IDataObject;
		expect(error).toMatchObject({ httpCode: 400, mayHaveBeenSent: false });
		expect(error.providerMessage).toContain('#132000');
		expect(error.hint).toContain('could not check the values against it');
	});

	it('a known media header keeps its own type; a Template Header Media Type that contradicts it is refused', async () => {
		const link = 'https://files.example.com/inv-7.pdf';
		const refused = await send(
			parameters(byName('invoice_known'), {
				templateMediaUrl: link,
				templateParameters: ['INV-7'],
				options: { templateHeaderType: 'image' },
			}),
		);
		expect(refused.posts).toHaveLength(0);
		expect(refused.result.error?.message).toBe(
			'Item 0: Template Header Media Type: is image, but template "invoice_known" (en_US) has a document header',
		);
		const { result } = await send(
			parameters(byName('invoice_known'), {
				templateMediaUrl: link,
				templateParameters: ['INV-7'],
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.notices).toBeUndefined();
	});

	it('the fake takes a URL button index as a string or a number, as Vobiz’s own node sends it', () => {
		const send = (index: unknown) =>
			checkVobizTemplate(
				{
					name: 'track_parcel',
					language: { code: 'en_US' },
					components: [
						bodyOf('P-1'),
						{ type: 'button', sub_type: 'url', index, parameters: [{ type: 'text', text: 'x' }] },
					],
				},
				definitions,
			);
		expect(send('0')).toBeUndefined();
		expect(send(0)).toBeUndefined();
		expect(send(true)).toContain('is not a URL button');
		expect(send(1)).toContain('is not a URL button');
	});
});
