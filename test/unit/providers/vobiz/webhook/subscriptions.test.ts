import {
	parseVobizSubscriptions,
	vobizSubscriptions,
} from '../../../../../nodes/WhatsAppSend/providers/vobiz/webhook/subscriptions';
import vobizCreated from '../../../../fixtures/webhooks/vobiz/subscription-created.json';
import vobizList from '../../../../fixtures/webhooks/vobiz/subscriptions-list.json';

describe('registration answers as Vobiz documents them', () => {
	it('Vobiz: the list and the created subscription', () => {
		expect(parseVobizSubscriptions(vobizList)).toEqual([
			{
				id: 'f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f',
				url: 'https://your-server.com/webhooks/whatsapp',
			},
		]);
		expect(vobizSubscriptions.parseCreated(vobizCreated)).toEqual({
			id: 'f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f',
		});
		expect(vobizSubscriptions.remove('f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f')).toEqual({
			method: 'DELETE',
			path: '/api/v1/messaging/webhooks/f4c1a0d2-3b6e-4a9c-8e2f-0a1b2c3d4e5f',
		});
	});
});
