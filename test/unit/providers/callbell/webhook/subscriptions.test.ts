import { callbellAccountWebhook } from '../../../../../nodes/WhatsAppSend/providers/callbell/webhook/subscriptions';
import callbellSubscribed from '../../../../fixtures/webhooks/callbell/subscribe-response.json';

describe('registration answers as Callbell documents them', () => {
	it("Callbell: the subscribed webhook's URL", () => {
		expect(callbellAccountWebhook.parseSubscribed(callbellSubscribed)).toBe(
			'https://my-app.com/my-webhook-endpoint',
		);
		expect(callbellAccountWebhook.providerEvents(['read', 'received', 'mismatch'])).toEqual([
			'message_created',
			'message_status_updated',
		]);
	});
});
