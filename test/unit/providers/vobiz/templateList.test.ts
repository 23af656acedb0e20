import {
	parseVobizTemplateRef,
	parseVobizTemplatesPage,
	readVobizTemplateShape,
	sameLanguage,
} from '../../../../nodes/WhatsAppSend/providers/vobiz/templateList';

describe('reading templates', () => {
	it('reads Vobiz components nested, bare or as a JSON string', () => {
		const components = [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
			{ type: 'BODY', text: 'Hi {{1}} {{2}}' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'PHONE_NUMBER', text: 'Call' },
					{ type: 'URL', url: 'https://x.example/{{1}}' },
				],
			},
		];
		const expected = {
			bodyText: 'Hi {{1}} {{2}}',
			shape: {
				headerFormat: 'TEXT',
				headerText: 'Order {{1}}',
				headerVariables: 1,
				bodyText: 'Hi {{1}} {{2}}',
				bodyVariables: 2,
				dynamicUrlButtons: [{ index: 1, url: 'https://x.example/{{1}}' }],
			},
		};
		expect(readVobizTemplateShape({ components })).toEqual(expected);
		expect(readVobizTemplateShape(components)).toEqual(expected);
		expect(readVobizTemplateShape(JSON.stringify({ components }))).toEqual(expected);
	});

	it('calls a Vobiz shape unknown when the list gives no components, or components it does not recognise', () => {
		const missing = { unknown: 'without its components', bodyText: '' };
		expect(readVobizTemplateShape(undefined)).toEqual(missing);
		expect(readVobizTemplateShape(null)).toEqual(missing);
		expect(readVobizTemplateShape({ components: [] })).toEqual(missing);
		const odd = (raw: unknown, bodyText = '') =>
			expect(readVobizTemplateShape(raw)).toEqual({
				unknown: 'with components the node does not recognise',
				bodyText,
			});
		odd('not json');
		odd({ layout: 'v2', blocks: [] });
		odd([{ kind: 'BODY', text: 'Hi {{1}}' }]);
		odd([{ type: 'BODY', text: 'Hi {{1}}' }, 'HEADER']);
		odd([{ type: 'HEADER', format: 'TEXT', text: 'x' }]);
		odd(
			[
				{ type: 'BODY', text: 'Hi' },
				{ type: 'BODY', text: 'again' },
			],
			'Hi',
		);
		odd(
			[
				{ type: 'HEADER', format: 'GIF' },
				{ type: 'BODY', text: 'Hi {{1}}' },
			],
			'Hi {{1}}',
		);
		odd([{ type: 'HEADER' }, { type: 'BODY', text: 'Hi' }], 'Hi');
		odd(
			[
				{ type: 'BODY', text: 'Hi' },
				{ type: 'BUTTONS', buttons: 'URL' },
			],
			'Hi',
		);
		odd(
			[
				{ type: 'BODY', text: 'Hi' },
				{ type: 'CAROUSEL', cards: [] },
			],
			'Hi',
		);
		expect(
			readVobizTemplateShape([
				{ type: 'body', text: 'Hi {{1}}' },
				{ type: 'footer', text: 'Shop' },
			]),
		).toMatchObject({
			shape: { bodyVariables: 1, headerFormat: undefined },
		});
	});

	it('reads a Vobiz page, under items (documented) or data (older docs), with its status upper-cased', () => {
		const entry = {
			id: 't1',
			name: 'welcome',
			language: 'en_US',
			status: 'approved',
			components: { components: [] },
		};
		expect(parseVobizTemplatesPage({ items: [entry], has_more: true })).toMatchObject({
			items: [{ id: 't1', name: 'welcome', language: 'en_US', status: 'APPROVED' }],
			hasMore: true,
		});
		expect(parseVobizTemplatesPage({ data: [entry, { language: 'en' }] }).items).toHaveLength(1);
		expect(parseVobizTemplatesPage({ items: [entry] }).hasMore).toBe(false);
	});

	it('reads a template reference as name, or name:language', () => {
		expect(parseVobizTemplateRef('order_update')).toEqual({ name: 'order_update' });
		expect(parseVobizTemplateRef('order_update:pt_BR')).toEqual({
			name: 'order_update',
			language: 'pt_BR',
		});
		expect(parseVobizTemplateRef(' order_update : ')).toEqual({ name: 'order_update' });
		expect(sameLanguage('pt-br', 'pt_BR')).toBe(true);
		expect(sameLanguage('pt', 'pt_BR')).toBe(false);
	});
});
