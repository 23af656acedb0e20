import { InputError } from '../../../../nodes/WhatsAppSend/output/errors';
import {
	characterCount,
	checkTextLimits,
	WHATSAPP_CLOUD_LIMITS,
	WHATSAPP_DEVICE_LIMITS,
} from '../../../../nodes/WhatsAppSend/providers/shared/limits';
import type { MediaMessage, TextMessage } from '../../../../nodes/WhatsAppSend/input/message';

describe('text and caption limits', () => {
	const recipient = { kind: 'phone', digits: '6281234567890' } as const;
	const base: TextMessage = { itemIndex: 0, type: 'text', recipient, text: '', extras: {} };

	it('counts the stricter way: an emoji outside the basic plane is two characters', () => {
		expect(characterCount('👍'.repeat(10))).toBe(20);
		expect(characterCount('é字')).toBe(2);
		expect(() =>
			checkTextLimits({ ...base, text: '👍'.repeat(2048) }, WHATSAPP_CLOUD_LIMITS, 'Vobiz'),
		).not.toThrow();
		expect(() =>
			checkTextLimits({ ...base, text: `${'👍'.repeat(2048)}a` }, WHATSAPP_CLOUD_LIMITS, 'Vobiz'),
		).toThrow(InputError);
	});

	it('refuses a text over 4096 characters on the Cloud API, naming the field and the limit', () => {
		expect(() =>
			checkTextLimits({ ...base, text: 'a'.repeat(4096) }, WHATSAPP_CLOUD_LIMITS, 'Vobiz'),
		).not.toThrow();
		const error = (() => {
			try {
				checkTextLimits({ ...base, text: 'a'.repeat(4097) }, WHATSAPP_CLOUD_LIMITS, 'Vobiz');
			} catch (e) {
				return e as InputError;
			}
			return undefined;
		})();
		expect(error).toBeInstanceOf(InputError);
		expect(error?.parameter).toBe('Text');
		expect(error?.message).toBe('Text: is 4097 characters long; Vobiz takes at most 4096');
	});

	it('refuses a caption over 1024 characters on the Cloud API', () => {
		const image: MediaMessage = {
			itemIndex: 0,
			type: 'image',
			recipient,
			media: { source: 'url', url: 'https://x.test/a.png' },
			extras: {},
		};
		expect(() =>
			checkTextLimits({ ...image, caption: 'c'.repeat(1024) }, WHATSAPP_CLOUD_LIMITS, 'bitbybit'),
		).not.toThrow();
		expect(() =>
			checkTextLimits({ ...image, caption: 'c'.repeat(1025) }, WHATSAPP_CLOUD_LIMITS, 'bitbybit'),
		).toThrow(/^Caption: is 1025 characters long; bitbybit takes at most 1024$/);
	});

	it('the self-hosted device API follows WhatsApp’s own 65,536', () => {
		expect(() =>
			checkTextLimits({ ...base, text: 'a'.repeat(65_536) }, WHATSAPP_DEVICE_LIMITS, 'WhatsApp'),
		).not.toThrow();
		expect(() =>
			checkTextLimits({ ...base, text: 'a'.repeat(65_537) }, WHATSAPP_DEVICE_LIMITS, 'WhatsApp'),
		).toThrow(InputError);
	});
});
