import { parseTimestampedSignature } from '../../../nodes/WhatsAppSend/trigger/hmac';

describe('small readers: signature headers', () => {
	it('t=…,v1=… headers', () => {
		expect(parseTimestampedSignature('t=1700000000,v1=abc')).toEqual({
			timestamp: '1700000000',
			signatures: ['abc'],
		});
		expect(parseTimestampedSignature(' t=1700000000 , v1=abc , v1=def , v0=x')).toEqual({
			timestamp: '1700000000',
			signatures: ['abc', 'def'],
		});
		expect(parseTimestampedSignature('v1=abc')).toBeUndefined();
		expect(parseTimestampedSignature('t=soon,v1=abc')).toBeUndefined();
		expect(parseTimestampedSignature('t=1700000000')).toBeUndefined();
	});
});
