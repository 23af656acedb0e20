import { FakeCallbell } from '../../fakes/callbell';
import { runNode } from '../harness/engine';
import type { OnError } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';

/**
 * A run that cannot start (the credential's Base URL is not http(s)): n8n would hand the input on
 * unchanged on the main output if the node threw under Continue, so each item fails on its own.
 */
describe('a run that cannot start', () => {
	const callbell = new FakeCallbell();
	serveDuringSuite(callbell);

	const run = (onError: OnError) =>
		runNode({
			parameters: {
				provider: 'callbell',
				messageType: 'text',
				channel: { __rl: true, mode: 'id', value: callbell.channels[0].uuid },
				to: '={{ $json.to }}',
				text: 'Hi',
			},
			items: [{ json: { to: '+31611110001' } }, { json: { to: '+31611110002' } }],
			credentials: {
				whatsAppSendCallbellApi: { apiKey: callbell.apiKey, baseUrl: 'ftp://files.example.com/v1' },
			},
			onError,
		});

	const failed = (itemIndex: number) => ({
		error: {
			message:
				"The credential's Base URL does not start with https:// or http:// followed by a host name",
			description: expect.stringMatching(/Nothing was sent\.$/),
			provider: 'callbell',
			messageType: 'text',
			to: null,
			errorType: 'configuration',
			retryable: false,
			mayHaveBeenSent: false,
			hint: expect.stringMatching(/^Use a URL such as/),
			itemIndex,
		},
	});

	it('Stop: the run fails with the reason; nothing is sent', async () => {
		const result = await run('stopWorkflow');
		expect(result.error?.message).toBe(
			"The credential's Base URL does not start with https:// or http:// followed by a host name",
		);
		expect(callbell.requests).toEqual([]);
	});

	it('Continue (using error output): every item on the error output, paired; nothing on the main output', async () => {
		const result = await run('continueErrorOutput');
		expect(result.error).toBeUndefined();
		expect(result.main).toEqual([]);
		expect(result.errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// The node is the harness's first node, so there is no input row for n8n to merge in (the real-n8n tests cover that).
		expect(result.errorOutput.map((item) => item.json)).toEqual([failed(0), failed(1)]);
		expect(callbell.requests).toEqual([]);
	});

	it('Continue (regular output): every item exactly {error}, paired', async () => {
		const result = await run('continueRegularOutput');
		expect(result.main.map((item) => item.json)).toEqual([failed(0), failed(1)]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(callbell.requests).toEqual([]);
	});
});
