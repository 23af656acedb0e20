import type { IDataObject } from 'n8n-workflow';

import type { ChannelFilter } from './filter';

/**
 * What the trigger keeps in the node's static data (n8n stores it with the workflow, in the database,
 * so every n8n process — main, webhook or worker — sees the same).
 */
export interface RegistrationState {
	provider: string;
	/** The webhook URL this registration is for: production and test URLs differ. */
	url: string;
	/** `manual`: the user pasted the URL; `subscription`: one of several, by id; `account`: Callbell's one webhook. */
	mode: 'manual' | 'subscription' | 'account';
	subscriptionId?: string;
	/** The secret that signs deliveries, where the subscription has one of its own. */
	secret?: string;
	/** The provider's event names subscribed to. */
	events?: string[];
	/** The channel the events are narrowed to, and its business number. */
	channel?: ChannelFilter & { id: string };
}

export function readRegistration(staticData: IDataObject): RegistrationState | undefined {
	const value = staticData.registration as RegistrationState | undefined;
	return value && typeof value === 'object' && typeof value.url === 'string' ? value : undefined;
}

export function writeRegistration(staticData: IDataObject, registration: RegistrationState): void {
	staticData.registration = registration as unknown as IDataObject;
}

export function clearRegistration(staticData: IDataObject): void {
	delete staticData.registration;
}

export function sameList(
	a: readonly string[] | undefined,
	b: readonly string[] | undefined,
): boolean {
	const left = [...(a ?? [])].sort();
	const right = [...(b ?? [])].sort();
	return left.length === right.length && left.every((value, index) => value === right[index]);
}
