import { multiSessionDelivery } from '../../fakes/multiSession/deliveries';
import { vobizDelivery } from '../../fakes/vobiz/deliveries';
import { VOBIZ_CHANNELS } from '../../fakes/vobiz';
import { capturedLog, TriggerHarness } from '../harness/trigger';
import msDelivered from '../fixtures/webhooks/multiSession/message-delivered.json';
import msRead from '../fixtures/webhooks/multiSession/message-read.json';
import vobizDelivered from '../fixtures/webhooks/vobiz/message-status-delivered.json';

const SECRET = 'provider-signing-secret-0123456789abcdef';

describe('only the chosen events start the workflow', () => {
	beforeEach(() => capturedLog.clear());

	it('an event that was not chosen is acknowledged, logged and starts nothing', async () => {
		const harness = new TriggerHarness({
			parameters: { provider: 'multiSession', events: ['read'] },
			credentials: { whatsAppSendMultiSessionApi: {} },
		});
		harness.staticData = {
			registration: {
				provider: 'multiSession',
				url: harness.url(),
				mode: 'subscription',
				subscriptionId: '1',
				secret: SECRET,
				events: [],
			},
		};
		expect(await harness.deliver(multiSessionDelivery(msDelivered, SECRET))).toEqual({
			status: 200,
			body: { status: 'ok' },
		});
		expect(capturedLog.messages('info')).toEqual([
			expect.stringContaining('ignored "delivered": not among the chosen events'),
		]);
		expect((await harness.deliver(multiSessionDelivery(msRead, SECRET))).execution).toHaveLength(1);
		expect(harness.executions).toHaveLength(1);
	});

	it("Vobiz: with a channel chosen, only that business number's events pass", async () => {
		const [india, indonesia] = VOBIZ_CHANNELS;
		const harness = new TriggerHarness({
			parameters: {
				provider: 'vobiz',
				events: ['delivered'],
				options: { channel: { __rl: true, mode: 'id', value: india.id } },
			},
			credentials: { whatsAppSendVobizApi: {} },
		});
		harness.staticData = {
			registration: {
				provider: 'vobiz',
				url: harness.url(),
				mode: 'subscription',
				subscriptionId: '1',
				secret: SECRET,
				events: [],
				channel: {
					id: india.id,
					phoneNumberId: india.phone_number_id,
					phoneNumber: india.phone_number,
				},
			},
		};
		const forNumber = (channel: (typeof VOBIZ_CHANNELS)[number], wamid: string) => {
			const value = vobizDelivered.payload.entry[0].changes[0].value;
			return {
				...vobizDelivered,
				payload: {
					...value,
					metadata: {
						display_phone_number: channel.phone_number.slice(1),
						phone_number_id: channel.phone_number_id,
					},
					statuses: [{ ...value.statuses[0], id: wamid }],
				},
			};
		};
		await harness.deliver(vobizDelivery(forNumber(indonesia, 'wamid.OTHER'), SECRET));
		expect(harness.executions).toHaveLength(0);
		const mine = await harness.deliver(vobizDelivery(forNumber(india, 'wamid.MINE'), SECRET));
		expect(mine.execution?.map((item) => item.json.whatsappMessageId)).toEqual(['wamid.MINE']);
	});
});
