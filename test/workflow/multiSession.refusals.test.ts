import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { FakeMultiSession } from '../../fakes/multiSession';
import { binaryItem, FIXTURES } from '../fixtures/media';
import { runNode } from '../harness/engine';
import { serveDuringSuite } from '../harness/fakes';
import { MAY_HAVE_BEEN_SENT } from '../../nodes/WhatsAppSend/output/failure';
import { NOT_ON_WHATSAPP_HINT } from '../../nodes/WhatsAppSend/providers/shared/hints';

// The self-hosted server answers 500 for every WhatsApp-side failure, but several of its 500s come
// from checks that run before anything reaches WhatsApp (pkg/whatsapp/whatsapp.go: ensureClientOK,
// WhatsAppCheckJID, enforceSizeLimit, the empty-payload and MIME checks all return before
// client.Upload / client.SendMessage). Those are certain not-sent; any other 500 may have been sent.

describe('Multi-Session refusals: which 500s certainly sent nothing', () => {
	const server = new FakeMultiSession();
	serveDuringSuite(server);

	async function send(parameters: INodeParameters, items: INodeExecutionData[] = [{ json: {} }]) {
		const before = server.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'multiSession',
				messageType: 'text',
				to: '6281234567890',
				text: 'Hi',
				...parameters,
			},
			items,
			credentials: { whatsAppSendMultiSessionApi: { token: server.token, baseUrl: server.url } },
			onError: 'continueErrorOutput',
		});
		const error = result.errorOutput[0]?.json.error as IDataObject | undefined;
		return { result, error, requests: server.requests.length - before };
	}

	const serverAnswer = (status: number, message: string) => ({
		status,
		// pkg/router/response.go ResponseInternalError: the error's text is both `message` and `error`.
		body: { status: false, code: status, message, error: message },
	});

	it('a device that is not logged in: not sent, with the pairing hint', async () => {
		server.paired = false;
		try {
			const { error, requests } = await send({});
			expect(requests).toBe(1);
			expect(error).toMatchObject({
				httpCode: 500,
				providerMessage: 'WhatsApp Client is not Logged In',
				errorType: 'provider_unavailable',
				retryable: true,
				mayHaveBeenSent: false,
				attempts: 1,
			});
			expect(error!.message).toBe(
				'The WhatsApp Multi-Session API refused the message (HTTP 500): WhatsApp Client is not Logged In',
			);
			expect(error!.hint).toMatch(/not paired with a phone/);
			expect(error!.description).not.toContain(MAY_HAVE_BEEN_SENT);
		} finally {
			server.paired = true;
		}
	});

	it.each(['WhatsApp Client is not Valid', 'WhatsApp Client is not Connected'])(
		'%s: not sent',
		async (message) => {
			server.script(serverAnswer(500, message));
			const { error } = await send({});
			expect(error).toMatchObject({
				providerMessage: message,
				mayHaveBeenSent: false,
				retryable: true,
			});
			expect(error!.hint).toMatch(/not paired with a phone/);
		},
	);

	it('a recipient not on WhatsApp: not sent, not retryable, with its hint', async () => {
		server.notOnWhatsApp.add('6289999999999');
		const { error, requests } = await send({ to: '6289999999999' });
		expect(requests).toBe(1);
		expect(error).toMatchObject({
			providerMessage: 'WhatsApp Personal ID is Not Registered',
			errorType: 'validation',
			retryable: false,
			mayHaveBeenSent: false,
			hint: NOT_ON_WHATSAPP_HINT,
		});
	});

	it.each([
		['Document MIME type text/plain; charset=utf-8 is not allowed', /documents only of the types/],
		['document exceeds maximum allowed size (60.0MB > 50.0MB)', /own cap/],
		['Document payload cannot be empty', /empty/],
	])('the server’s own check “%s”: not sent, not retryable, with a hint', async (message, hint) => {
		server.script(serverAnswer(500, message));
		const { error } = await send({ messageType: 'document', mediaSource: 'binary' }, [
			binaryItem(FIXTURES.pdf),
		]);
		expect(error).toMatchObject({
			providerMessage: message,
			errorType: 'validation',
			retryable: false,
			mayHaveBeenSent: false,
		});
		expect(error!.hint).toMatch(hint);
		expect(error!.message).not.toMatch(/may or may not/);
	});

	it('any other 500 may or may not have been sent, and is not retried', async () => {
		server.script(serverAnswer(500, 'context deadline exceeded'));
		const { error, requests } = await send({});
		expect(requests).toBe(1);
		expect(error).toMatchObject({
			providerMessage: 'context deadline exceeded',
			errorType: 'provider_unavailable',
			mayHaveBeenSent: true,
		});
		expect(error!.message).toMatch(/— it may or may not have been sent$/);
		expect(error!.description).toContain(MAY_HAVE_BEEN_SENT);
	});

	it('a 413 from the server’s body limit names HTTP_BODY_LIMIT_SIZE and the Max Upload Size option', async () => {
		server.bodyLimit = 64 * 1024;
		try {
			const big = {
				fileName: 'big.pdf',
				mimeType: 'application/pdf',
				bytes: Buffer.concat([FIXTURES.pdf.bytes, Buffer.alloc(200 * 1024, 1)]),
			};
			const { error, requests } = await send(
				{ messageType: 'document', mediaSource: 'binary', options: { maxRetries: 0 } },
				[binaryItem(big)],
			);
			expect(requests).toBe(1);
			// Fiber's ErrRequestEntityTooLarge through the server's HttpErrorHandler: the JSON envelope.
			expect(error).toMatchObject({
				httpCode: 413,
				providerMessage: 'Request Entity Too Large',
				errorType: 'validation',
				mayHaveBeenSent: false,
			});
			expect(error!.hint).toMatch(/HTTP_BODY_LIMIT_SIZE/);
			expect(error!.hint).toMatch(/Max Upload Size \(MB\)/);
		} finally {
			server.bodyLimit = 8 * 1024 * 1024;
		}
	});
});
