import type { IExecuteFunctions } from 'n8n-workflow';

import { ParameterReader } from '../../../nodes/WhatsAppSend/input/parameters';

describe('ParameterReader', () => {
	const parameters = {
		to: '={{ $json.to }}',
		text: 'Hello',
		options: { timeout: 1000, metadata: '={{ { id: $json.id } }}' },
		channel: { __rl: true, mode: 'id', value: 'abc' },
	};
	function contextCounting() {
		const calls: Array<[string, number]> = [];
		const context = {
			getNode: () => ({ parameters }),
			getNodeParameter: (name: string, itemIndex: number) => {
				calls.push([name, itemIndex]);
				return `${name}#${itemIndex}`;
			},
		} as unknown as IExecuteFunctions;
		return { context, calls };
	}

	it('resolves a parameter without expressions once for all items', () => {
		const { context, calls } = contextCounting();
		const reader = new ParameterReader(context);
		expect([0, 1, 2].map((i) => reader.forItem(i)('text'))).toEqual(['text#0', 'text#0', 'text#0']);
		expect([0, 1].map((i) => reader.forItem(i)('channel'))).toEqual(['channel#0', 'channel#0']);
		expect(calls).toEqual([
			['text', 0],
			['channel', 0],
		]);
	});

	it('resolves expressions, also nested ones, for every item', () => {
		const { context, calls } = contextCounting();
		const reader = new ParameterReader(context);
		expect([0, 1, 2].map((i) => reader.forItem(i)('to'))).toEqual(['to#0', 'to#1', 'to#2']);
		expect([0, 1].map((i) => reader.forItem(i)('options'))).toEqual(['options#0', 'options#1']);
		expect(calls).toHaveLength(5);
	});
});
