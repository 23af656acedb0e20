import { parseCallbellTemplatesPage } from '../../../../nodes/WhatsAppSend/providers/callbell/templateList';

describe('reading Callbell templates', () => {
	it('reads a Callbell page; a template without a type is a text template', () => {
		const page = parseCallbellTemplatesPage({
			templates: [
				{ uuid: 'u1', title: 'Hi', text: 'Hi {{1}}', status: 'APPROVED' },
				{ title: 'no uuid' },
			],
			meta: { page: 2, pages: 5 },
		});
		expect(page).toEqual({
			items: [
				{
					uuid: 'u1',
					title: 'Hi',
					templateType: 'text',
					category: undefined,
					status: 'approved',
					text: 'Hi {{1}}',
					variables: 1,
				},
			],
			page: 2,
			pages: 5,
		});
	});
});
