import { FakeCallbell } from '../../fakes/callbell';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

/**
 * n8n-core without n8n's deduplication service set up (n8n sets it up with its database when a command
 * starts; this engine alone does not): the option is refused, never pretended.
 */
describe('Skip Messages Already Sent where n8n has no record set up', () => {
	const callbell = new FakeCallbell();
	serveDuringSuite(callbell);

	const run = async (onError: 'stopWorkflow' | 'continueErrorOutput') =>
		await runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: 'c1a2b3c4d5e6f70811223344556677aa' },
				to: '={{ $json.to }}',
				text: 'Hi',
				options: { skipAlreadySent: true },
			},
			items: [{ json: { to: '+31611110001' } }, { json: { to: '+31611110002' } }],
			credentials: { whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: callbell.url } },
			onError,
		});

	it('Stop: the run fails before anything is sent, saying why and what to do', async () => {
		const result = await run('stopWorkflow');
		expect(callbell.requests.filter((r) => r.method === 'POST')).toEqual([]);
		expect(result.error?.message).toMatch(
			/^Skip Messages Already Sent could not use n8n’s record of sent messages: Instance needs to initialized/,
		);
		expect(result.error?.description).toMatch(
			/Turn Skip Messages Already Sent off here\. Nothing was sent\.$/,
		);
	});

	it('Continue (using error output): every item fails as not sent, none passes as sent', async () => {
		const result = await run('continueErrorOutput');
		expect(callbell.requests.filter((r) => r.method === 'POST')).toEqual([]);
		expect(result.main).toEqual([]);
		expect(result.errorOutput.map((i) => i.json.error)).toEqual([
			expect.objectContaining({ errorType: 'configuration', mayHaveBeenSent: false, itemIndex: 0 }),
			expect.objectContaining({ errorType: 'configuration', mayHaveBeenSent: false, itemIndex: 1 }),
		]);
	});
});
