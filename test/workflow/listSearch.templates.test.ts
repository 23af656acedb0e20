import type {
	IDataObject,
	INodeListSearchResult,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import { FakeCallbell } from '../../fakes/callbell';
import { CALLBELL_TEMPLATES } from '../../fakes/callbell/templates';
import { FakeVobiz, VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { runListSearch } from '../harness/listSearch';

async function listSearch(
	method: 'searchVobizTemplates' | 'searchCallbellTemplates',
	parameters: INodeParameters,
	credentials: Record<string, IDataObject>,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await runListSearch(method, { parameters, credentials, filter });
}

describe('template pickers', () => {
	// Pages of four, so the picker has to follow has_more across three pages.
	const vobiz = new FakeVobiz({ templatePageCap: 4 });
	const callbell = new FakeCallbell();
	const vobizCredentials = () => ({
		whatsAppSendVobizApi: { authId: vobiz.authId, authToken: vobiz.authToken, baseUrl: vobiz.url },
	});
	const callbellCredentials = () => ({
		whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url },
	});
	const vobizForm = (channel: INodeParameterResourceLocator): INodeParameters => ({
		provider: 'vobiz',
		messageType: 'template',
		channel,
		template: { __rl: true, mode: 'list', value: '' },
	});

	beforeAll(async () => {
		await Promise.all([vobiz.start(), callbell.start()]);
	});
	afterAll(async () => {
		await Promise.all([vobiz.stop(), callbell.stop()]);
	});

	describe('Vobiz', () => {
		const channel = VOBIZ_CHANNELS[0];

		it('lists the chosen channel’s approved templates from every page, one entry per language', async () => {
			const before = vobiz.requests.length;
			const { results } = await listSearch(
				'searchVobizTemplates',
				vobizForm({ __rl: true, mode: 'list', value: channel.id }),
				vobizCredentials(),
			);
			expect(vobiz.requests.slice(before).map((r) => r.url)).toEqual([
				`/api/v1/messaging/channels/${channel.id}/templates?status=APPROVED&page=1&limit=100`,
				`/api/v1/messaging/channels/${channel.id}/templates?status=APPROVED&page=2&limit=100`,
				`/api/v1/messaging/channels/${channel.id}/templates?status=APPROVED&page=3&limit=100`,
			]);
			// Each name says what the template takes: n8n shows entries' names, in the list and once picked.
			expect(results.map((r) => [r.name, r.value])).toEqual([
				['order_confirmation (en_US) · takes 2 values', 'order_confirmation:en_US'],
				['order_confirmation (id) · takes 2 values', 'order_confirmation:id'],
				['store_location (en_US) · takes no values', 'store_location:en_US'],
				['welcome_message (en_US) · takes no values', 'welcome_message:en_US'],
				['invoice_ready (en_US) · takes 1 value and a document link', 'invoice_ready:en_US'],
				['new_collection (en_US) · takes an image link', 'new_collection:en_US'],
				['product_demo (en_US) · takes 1 value and a video link', 'product_demo:en_US'],
				// A text header's {{1}} and the body's two, and the {{1}} in its URL button's link.
				['shipping_update (en_US) · takes 3 values and a button value', 'shipping_update:en_US'],
				['appointment_reminder (en_US) · takes 2 values', 'appointment_reminder:en_US'],
			]);
			expect(results[0].description).toBe('Hi {{1}}, your order {{2}} is confirmed.');
		});

		it('filters by the search text (name, language or category)', async () => {
			const form = vobizForm({ __rl: true, mode: 'id', value: channel.id });
			const byName = await listSearch('searchVobizTemplates', form, vobizCredentials(), 'ORDER');
			expect(byName.results.map((r) => r.value)).toEqual([
				'order_confirmation:en_US',
				'order_confirmation:id',
			]);
			const byLanguage = await listSearch('searchVobizTemplates', form, vobizCredentials(), 'id');
			expect(byLanguage.results.map((r) => r.value)).toEqual(['order_confirmation:id']);
			const byCategory = await listSearch(
				'searchVobizTemplates',
				form,
				vobizCredentials(),
				'marketing',
			);
			expect(byCategory.results.map((r) => r.value)).toEqual([
				'welcome_message:en_US',
				'new_collection:en_US',
				'product_demo:en_US',
			]);
		});

		it('reads the channel given By ID', async () => {
			const { results } = await listSearch(
				'searchVobizTemplates',
				vobizForm({ __rl: true, mode: 'id', value: VOBIZ_CHANNELS[1].id }),
				vobizCredentials(),
			);
			expect(results).toEqual([
				{
					name: 'promo_id (id) · takes 1 value',
					value: 'promo_id:id',
					description: 'Diskon {{1}} untuk Anda!',
				},
			]);
		});

		it('explains that a channel must be chosen first, without asking Vobiz', async () => {
			const before = vobiz.requests.length;
			await expect(
				listSearch(
					'searchVobizTemplates',
					vobizForm({ __rl: true, mode: 'list', value: '' }),
					vobizCredentials(),
				),
			).rejects.toMatchObject({
				message: 'Choose a Channel first',
				description: expect.stringContaining('pick the Channel above'),
			});
			expect(vobiz.requests.length).toBe(before);
		});

		it('shows Vobiz’s own refusal', async () => {
			await expect(
				listSearch(
					'searchVobizTemplates',
					vobizForm({ __rl: true, mode: 'id', value: 'not-a-channel' }),
					vobizCredentials(),
				),
			).rejects.toMatchObject({
				message: 'Could not load the list (HTTP 404): Channel not found [NOT_FOUND]',
			});
		});
	});

	describe('Callbell', () => {
		const form: INodeParameters = {
			provider: 'callbell',
			messageType: 'template',
			channel: { __rl: true, mode: 'list', value: 'c1a2b3c4d5e6f70811223344556677aa' },
			template: { __rl: true, mode: 'list', value: '' },
		};

		it('lists approved templates from every page, labelled with their type', async () => {
			const before = callbell.requests.length;
			const { results } = await listSearch('searchCallbellTemplates', form, callbellCredentials());
			expect(callbell.requests.slice(before).map((r) => r.url)).toEqual([
				'/templates?page=1',
				'/templates?page=2',
				'/templates?page=3',
			]);
			const approved = CALLBELL_TEMPLATES.filter((t) => t.status === 'approved');
			expect(results.map(({ value, description }) => ({ value, description }))).toEqual(
				approved.map((t) => ({ value: t.uuid, description: t.text })),
			);
			// Each name: the title and type, then what it takes ({{n}} count, a link for a media template).
			expect(results.map((r) => r.name)).toEqual([
				'Order shipped (text) · takes 1 value',
				'Appointment reminder (text) · takes 3 values',
				'Welcome (text) · takes no values',
				'Invoice (document) · takes 1 value and a document link',
				'New arrivals (image) · takes an image link',
				'Product video (video) · takes 1 value and a video link',
				'Feedback (text) · takes 1 value',
			]);
			expect(results.map((r) => r.name)).not.toContain(expect.stringMatching(/^Black Friday/));
		});

		it('filters by the search text', async () => {
			const { results } = await listSearch(
				'searchCallbellTemplates',
				form,
				callbellCredentials(),
				'invoice',
			);
			expect(results.map((r) => r.value)).toEqual([
				CALLBELL_TEMPLATES.find((t) => t.title === 'Invoice')!.uuid,
			]);
			const byText = await listSearch(
				'searchCallbellTemplates',
				form,
				callbellCredentials(),
				'appointment is on',
			);
			expect(byText.results.map((r) => r.name)).toEqual([
				'Appointment reminder (text) · takes 3 values',
			]);
		});
	});
});
