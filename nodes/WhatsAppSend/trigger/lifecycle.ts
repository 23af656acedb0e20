import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getWebhookHalf } from '../providers/webhooks';
import { callProvider, credentialSecrets, isSuccess, refusal } from './api';
import type { ChannelFilter } from './filter';
import { clearRegistration, readRegistration, sameList, writeRegistration } from './state';
import type { RegistrationState } from './state';
import type { AccountWebhookApi, SubscriptionApi, Subscription, WebhookHalf } from './types';
import { PUBLIC_URL_REMEDY, undeliverableReason } from './url';

/*
 * n8n calls these when a workflow is activated (checkExists, then create when it answers false),
 * deactivated (delete), and around "Listen for test event" with the test URL. n8n 2.x also calls
 * checkExists every few seconds for active workflows, so when nothing needs repair it makes at most
 * one request.
 */

interface Setup {
	half: WebhookHalf;
	url: string;
	staticData: IDataObject;
	selected: string[];
	options: IDataObject;
}

function setup(context: IHookFunctions): Setup {
	const providerId = String(context.getNodeParameter('provider', ''));
	const half = getWebhookHalf(providerId);
	if (!half) {
		throw new NodeOperationError(context.getNode(), `Unknown provider "${providerId}"`, {
			description: 'Valid: bitbybit, vobiz, callbell, multiSession',
		});
	}
	return {
		half,
		url: context.getNodeWebhookUrl('default') ?? '',
		staticData: context.getWorkflowStaticData('node'),
		selected: (context.getNodeParameter('events', []) as string[]) ?? [],
		options: (context.getNodeParameter('options', {}) as IDataObject) ?? {},
	};
}

function channelOption(context: IHookFunctions): string {
	return String(context.getNodeParameter('options.channel', '', { extractValue: true }) ?? '').trim();
}

/** Callbell only: the user let the node write the account's one webhook. */
function writesAccountWebhook(options: IDataObject): boolean {
	return options.overwriteWebhook === true;
}

const LOG_PREFIX = 'WhatsApp Send Trigger';

function log(context: IHookFunctions, message: string): void {
	context.logger.warn(`${LOG_PREFIX} "${context.getNode().name}": ${message}`);
}

// ── checkExists ─────────────────────────────────────────────────────────────────────────────────

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const { half, url, staticData, selected, options } = setup(this);
	const registration = readRegistration(staticData);
	const current = registration?.provider === half.id && registration.url === url ? registration : undefined;
	const api = half.registration;

	if (api.kind === 'manual') return current?.mode === 'manual';
	if (api.kind === 'accountWebhook') {
		// Callbell offers no way to read its webhook: the node's own record is all there is.
		if (!writesAccountWebhook(options)) return current?.mode === 'manual';
		return current?.mode === 'account' && sameList(current.events, api.providerEvents(selected));
	}
	// An address the provider would never deliver to is not worth a request: create() says why.
	const credentials = await this.getCredentials(half.credentialType);
	if (undeliverableReason(url, half.delivery, credentials.baseUrl)) return false;
	return await checkSubscription(this, half, api, url, registration, selected);
}

async function checkSubscription(
	context: IHookFunctions,
	half: WebhookHalf,
	api: SubscriptionApi,
	url: string,
	registration: RegistrationState | undefined,
	selected: string[],
): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const answer = await callProvider(context, half, api.list());
	if (!isSuccess(answer)) throw refusal(context, `${half.delivery.label} did not list its webhooks`, answer, await credentialSecrets(context, half));
	const subscriptions = api.parseList(answer.body);
	const wantedEvents = api.providerEvents(selected);
	const wantedChannel = half.channels ? channelOption(context) : '';
	const channelOk = (registration?.channel?.id ?? '') === wantedChannel;

	const ours =
		registration?.provider === half.id && registration.mode === 'subscription'
			? subscriptions.find((subscription) => subscription.id === registration.subscriptionId)
			: undefined;
	if (ours && registration && ours.url === url && registration.secret && sameList(registration.events, wantedEvents) && channelOk) {
		return true;
	}

	// Repair without a new subscription where the provider still shows the secret (Multi-Session):
	// a subscription at this trigger's own URL is this trigger's.
	if (api.secretMadeBy === 'provider' && !wantedChannel) {
		const adoptable = subscriptions.find(
			(subscription) => subscription.url === url && subscription.secret && sameList(subscription.events, wantedEvents),
		);
		if (adoptable) {
			writeRegistration(staticData, { provider: half.id, url, mode: 'subscription', subscriptionId: adoptable.id, secret: adoptable.secret, events: wantedEvents });
			return true;
		}
	}

	// What this trigger can no longer use goes: its own subscription left at an old URL (a new tunnel),
	// with other events, and any subscription at this URL whose secret it does not hold.
	const stale = subscriptions.filter((subscription) => subscription === ours || subscription.url === url);
	await removeSubscriptions(context, half, api, stale);
	clearRegistration(staticData);
	return false;
}

async function removeSubscriptions(context: IHookFunctions, half: WebhookHalf, api: SubscriptionApi, subscriptions: Subscription[]): Promise<void> {
	for (const subscription of subscriptions) {
		const answer = await callProvider(context, half, api.remove(subscription.id));
		if (!isSuccess(answer) && answer.statusCode !== 404) {
			log(context, `could not remove webhook ${subscription.id} at ${subscription.url} (HTTP ${answer.statusCode}); remove it in ${half.delivery.label}`);
		}
	}
}

// ── create ──────────────────────────────────────────────────────────────────────────────────────

export async function create(this: IHookFunctions): Promise<boolean> {
	const { half, url, staticData, selected, options } = setup(this);
	const credentials = await this.getCredentials(half.credentialType);
	const unreachable = undeliverableReason(url, half.delivery, credentials.baseUrl);
	if (unreachable) {
		throw new NodeOperationError(this.getNode(), `This trigger's webhook URL cannot be registered with ${half.delivery.label}`, {
			description: `${unreachable}. ${PUBLIC_URL_REMEDY}`,
		});
	}
	const localOnly = undeliverableReason(url, half.delivery, undefined);
	if (localOnly) {
		// Allowed only because the credential points at this machine: say what a real provider would do.
		log(this, `registering ${url} because the credential's Base URL is on this machine (a local stand-in such as the sandbox); ${localOnly}`);
	}
	checkSigningSecret(this, half, credentials, options);

	const api = half.registration;
	if (api.kind === 'manual' || (api.kind === 'accountWebhook' && !writesAccountWebhook(options))) {
		// Nothing to call: the URL is pasted in the provider's dashboard (the editor's notice says where).
		writeRegistration(staticData, { provider: half.id, url, mode: 'manual' });
		return true;
	}
	if (api.kind === 'accountWebhook') return await subscribeAccount(this, half, api, url, selected);
	return await createSubscription(this, half, api, url, selected);
}

/** Refuses to activate a trigger that would have to refuse every event. */
function checkSigningSecret(context: IHookFunctions, half: WebhookHalf, credentials: IDataObject, options: IDataObject): void {
	if (half.secret.from !== 'credential') return;
	if (String(credentials[half.secret.field] ?? '').trim() !== '') return;
	if (half.secret.optional && options.acceptUnsignedEvents === true) return;
	throw new NodeOperationError(context.getNode(), `The ${half.delivery.label} credential has no Webhook Signing Secret`, {
		description: half.secret.optional
			? "Generate a signing secret in Callbell (Settings → API Settings → Webhooks → Generate secret) and paste it into the credential. Only if you cannot, turn on the trigger's Accept Unsigned Events option: then anyone who learns the URL can start this workflow."
			: "Paste the signing secret bitbybit showed when the webhook was created (Settings → Developer → Webhooks) into the credential's Webhook Signing Secret. Lost it? Create the webhook again in bitbybit.",
	});
}

async function subscribeAccount(context: IHookFunctions, half: WebhookHalf, api: AccountWebhookApi, url: string, selected: string[]): Promise<boolean> {
	if (context.getActivationMode() === 'manual') {
		// The test URL would replace the account's one webhook — most likely this workflow's production one.
		throw new NodeOperationError(context.getNode(), 'Listening for a test event would replace the Callbell account\'s webhook', {
			description:
				'Callbell keeps one webhook per account, so registering the test URL would take events away from the active workflow (or another system) without a trace. To test, activate the workflow and watch its executions, or turn off Overwrite Existing Webhook and paste the test URL in Callbell (Settings → API Settings → Webhooks) yourself.',
		});
	}
	const events = api.providerEvents(selected);
	if (events.length === 0) throw noEvents(context, half);
	const answer = await callProvider(context, half, api.subscribe(url, events));
	const secrets = await credentialSecrets(context, half);
	if (!isSuccess(answer)) throw refusal(context, `${half.delivery.label} refused to register the webhook`, answer, secrets);
	const registered = api.parseSubscribed(answer.body);
	if (registered !== undefined && registered !== url) {
		throw new NodeOperationError(context.getNode(), `${half.delivery.label} registered ${registered} instead of ${url}`);
	}
	writeRegistration(context.getWorkflowStaticData('node'), { provider: half.id, url, mode: 'account', events });
	return true;
}

function noEvents(context: IHookFunctions, half: WebhookHalf): NodeOperationError {
	return new NodeOperationError(context.getNode(), `None of the chosen events is one ${half.delivery.label} sends`, {
		description: `Choose at least one of: ${half.eventOptions.map((option) => option.name).join(', ')}.`,
	});
}

async function resolveChannel(context: IHookFunctions, half: WebhookHalf): Promise<(ChannelFilter & { id: string }) | undefined> {
	const id = half.channels ? channelOption(context) : '';
	if (!half.channels || !id) return undefined;
	const answer = await callProvider(context, half, half.channels.list());
	if (!isSuccess(answer)) throw refusal(context, `${half.delivery.label} did not list its channels`, answer, await credentialSecrets(context, half));
	const found = half.channels.find(answer.body, id);
	if (!found) {
		throw new NodeOperationError(context.getNode(), `Channel: no WhatsApp channel with id "${id}" in this ${half.delivery.label} account`, {
			description: 'Pick a channel from the list, or clear the Channel option to receive events from every number.',
		});
	}
	return { id, ...found };
}

async function createSubscription(context: IHookFunctions, half: WebhookHalf, api: SubscriptionApi, url: string, selected: string[]): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const events = api.providerEvents(selected);
	if (api.secretMadeBy === 'provider' && events.length === 0) throw noEvents(context, half);
	const channel = await resolveChannel(context, half);

	// A subscription already at this URL is this trigger's (the URL carries the node's webhook id),
	// left by a crash or a lost static data: it goes, so events are not delivered twice.
	const listed = await callProvider(context, half, api.list());
	if (isSuccess(listed)) await removeSubscriptions(context, half, api, api.parseList(listed.body).filter((subscription) => subscription.url === url));

	const ownSecret = api.secretMadeBy === 'node' ? randomBytes(32).toString('hex') : undefined;
	const answer = await callProvider(context, half, api.create({ url, secret: ownSecret, events }));
	const created = isSuccess(answer) ? api.parseCreated(answer.body) : undefined;
	const secrets = await credentialSecrets(context, half, [ownSecret, created?.secret]);
	if (!isSuccess(answer)) throw refusal(context, `${half.delivery.label} refused to create the webhook`, answer, secrets, baseUrlHint(half));
	if (!created) throw new NodeOperationError(context.getNode(), `${half.delivery.label} created a webhook but its answer has no id`);
	const secret = ownSecret ?? created.secret;
	if (!secret) {
		// Events from it could not be verified, so it would only ever be refused: better not to keep it.
		await removeSubscriptions(context, half, api, [{ id: created.id, url }]);
		throw new NodeOperationError(context.getNode(), `${half.delivery.label} created a webhook but did not return its signing secret`);
	}
	writeRegistration(staticData, {
		provider: half.id,
		url,
		mode: 'subscription',
		subscriptionId: created.id,
		secret,
		events,
		...(channel ? { channel } : {}),
	});
	return true;
}

function baseUrlHint(half: WebhookHalf): string | undefined {
	return half.id === 'multiSession' ? 'The server allows a few webhooks per device (5 unless WEBHOOK_MAX_PER_DEVICE says otherwise); remove unused ones with DELETE /webhooks/{id}.' : undefined;
}

// ── delete ──────────────────────────────────────────────────────────────────────────────────────

// `delete` is a reserved word, so the method is exported under another name.
export async function remove(this: IHookFunctions): Promise<boolean> {
	const { half, url, staticData } = setup(this);
	const registration = readRegistration(staticData);
	const ours = registration?.provider === half.id ? registration : undefined;
	const api = half.registration;

	if (api.kind === 'subscriptions') {
		let targets: Subscription[] = ours?.subscriptionId ? [{ id: ours.subscriptionId, url: ours.url }] : [];
		if (targets.length === 0) {
			// Nothing recorded (a test listening whose state was lost): what sits at this URL is this trigger's.
			const listed = await callProvider(this, half, api.list());
			if (isSuccess(listed)) targets = api.parseList(listed.body).filter((subscription) => subscription.url === url);
		}
		await removeSubscriptions(this, half, api, targets);
	} else if (api.kind === 'accountWebhook' && ours?.mode === 'account' && ours.url === url) {
		// Callbell cannot say whose webhook it holds now; this trigger registered this URL, so it removes it.
		const answer = await callProvider(this, half, api.unsubscribe());
		if (!isSuccess(answer) && answer.statusCode !== 404) {
			log(this, `could not remove the Callbell webhook (HTTP ${answer.statusCode}); remove it in Callbell (Settings → API Settings → Webhooks)`);
		}
	}
	clearRegistration(staticData);
	return true;
}
