import {
	multiSessionSubscriptions,
	parseMultiSessionWebhooks,
} from '../../../../../nodes/WhatsAppSend/providers/multiSession/webhook/subscriptions';
import msCreated from '../../../../fixtures/webhooks/multiSession/webhook-created.code.json';
import msList from '../../../../fixtures/webhooks/multiSession/webhooks-list.code.json';

describe('registration answers as the Multi-Session server gives them', () => {
	it('Multi-Session: Go field names in the list (secret included), webhook_id and secret on create', () => {
		expect(parseMultiSessionWebhooks(msList)).toEqual([
			{
				id: '7',
				url: 'https://your-server.com/webhook',
				secret: '3c1b7f0e8a9d4c2b6e5f1a0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
				events: ['message.received', 'connection.connected'],
			},
		]);
		expect(
			parseMultiSessionWebhooks({
				status: true,
				code: 200,
				message: 'success',
				data: { webhooks: null },
			}),
		).toEqual([]);
		expect(multiSessionSubscriptions.parseCreated(msCreated)).toEqual({
			id: '7',
			secret: msCreated.data.secret,
		});
		expect(multiSessionSubscriptions.providerEvents(['sent', 'failed'])).toEqual([]);
	});
});
