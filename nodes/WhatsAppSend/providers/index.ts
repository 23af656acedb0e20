import type { ProviderId } from '../input/message';
import { bitbybit } from './bitbybit';
import { callbell } from './callbell';
import { multiSession } from './multiSession';
import type { WhatsAppProvider } from './types';
import { vobiz } from './vobiz';

// A fifth provider is one module, one credential and one line here.
export const PROVIDERS: Record<ProviderId, WhatsAppProvider<unknown>> = {
	bitbybit: bitbybit as WhatsAppProvider<unknown>,
	vobiz: vobiz as WhatsAppProvider<unknown>,
	callbell: callbell as WhatsAppProvider<unknown>,
	multiSession: multiSession as WhatsAppProvider<unknown>,
};

export function getProvider(id: string): WhatsAppProvider<unknown> | undefined {
	return Object.prototype.hasOwnProperty.call(PROVIDERS, id) ? PROVIDERS[id as ProviderId] : undefined;
}
