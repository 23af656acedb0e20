import type { INodeParameters } from 'n8n-workflow';

import { FakeBitbybit } from '../../fakes/bitbybit';
import { runNode } from '../harness/engine';

describe('bitbybit template messages inside the n8n engine', () => {
	const bitbybit = new FakeBitbybit();

	beforeAll(async () => {
		await bitbybit.start();
	});
	afterAll(async () => {
		await bitbybit.stop();
	});

	async function send(parameters: INodeParameters) {
		const before = bitbybit.requests.length;
		const result = await runNode({
			parameters: {
				provider: 'bitbybit',
				messageType: 'template',
				to: '+62 812-3456-7890',
				...parameters,
			},
			credentials: { whatsAppSendBitbybitApi: { apiKey: bitbybit.apiKey, baseUrl: bitbybit.url } },
		});
		return { result, requests: bitbybit.requests.slice(before) };
	}

	it('POST /messages/send-template with snake_case names, params in order, camelCase mediaUrl and options', async () => {
		const { result, requests } = await send({
			templateName: 'order_update',
			templateSource: 'CRM',
			source: 'whatsapp coex',
			templateParameters: ['Ann', 'ORD-12345'],
			templateMediaUrl: 'https://cdn.example.com/header.jpg',
			options: { ignoreActiveTicket: true, countryCode: 'ID' },
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].path).toBe('/messages/send-template');
		expect(requests[0].headers['x-api-key']).toBe(bitbybit.apiKey);
		expect(requests[0].json).toEqual({
			to: '6281234567890',
			template_name: 'order_update',
			template_source: 'CRM',
			sources: 'whatsapp coex',
			params: ['Ann', 'ORD-12345'],
			mediaUrl: 'https://cdn.example.com/header.jpg',
			ignoreActiveTicket: true,
			countryCode: 'ID',
		});
		expect(result.main[0].json).toMatchObject({
			provider: 'bitbybit',
			messageType: 'template',
			to: '6281234567890',
			messageId: expect.stringMatching(/^wamid\.BBB/),
			status: 'accepted',
		});
	});

	it('an AUTH template without values sends no params and no mediaUrl', async () => {
		const { result, requests } = await send({ templateName: 'otp_login', templateSource: 'AUTH' });
		expect(result.error).toBeUndefined();
		expect(requests[0].json).toEqual({
			to: '6281234567890',
			template_name: 'otp_login',
			template_source: 'AUTH',
			sources: 'whatsapp cloud api',
		});
	});

	it.each([
		[{ templateName: '={{ "" }}', templateSource: 'CRM' }, 'Item 0: Template Name: is empty'],
		[
			{ templateName: 'order_update', templateSource: '={{ "MARKETING" }}' },
			'Item 0: Template Source: "MARKETING" is not a bitbybit template source',
		],
		[
			{ templateName: 'order_update', templateSource: 'CRM', templateMediaUrl: 'header.jpg' },
			'Item 0: Template Media URL: "header.jpg" is not a URL',
		],
	])('refuses %j before sending', async (parameters, message) => {
		const { result, requests } = await send(parameters as INodeParameters);
		expect(requests).toHaveLength(0);
		expect(result.error?.message).toBe(message);
	});
});
