import { isoFromDate, isoFromUnix } from '../../../nodes/WhatsAppSend/trigger/event';

describe('small readers: provider times', () => {
	it('provider times as ISO 8601', () => {
		expect(isoFromUnix('1711360805')).toBe('2024-03-25T10:00:05.000Z');
		expect(isoFromUnix(1711360805123)).toBe('2024-03-25T10:00:05.123Z');
		expect(isoFromUnix('')).toBeNull();
		expect(isoFromUnix('yesterday')).toBeNull();
		expect(isoFromDate('2022-10-18T12:06:29.000+02:00')).toBe('2022-10-18T10:06:29.000Z');
		expect(isoFromDate('2022-10-18 17:01:20 +0200')).toBe('2022-10-18T15:01:20.000Z');
		expect(isoFromDate('2024-12-09T13:37:04.123456Z')).toBe('2024-12-09T13:37:04.123Z');
		expect(isoFromDate('not a date')).toBeNull();
	});
});
