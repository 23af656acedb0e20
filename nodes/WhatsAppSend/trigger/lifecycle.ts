import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { providerIds } from '../providers';
import type { ProviderRegistry } from '../providers';
import { callProvider, credentialSecrets, isSuccess, refusal } from './api';
import type { ChannelFilter } from './filter';
import { findTriggerProvider, triggerProviders } from './providers';
import { clearRegistration, readRegistration, sameList, writeRegistration } from './state';
import type { RegistrationState } from './state';
import type { AccountWebhookApi, Subscription, SubscriptionApi, TriggerProvider } from './types';
import { PUBLIC_URL_REMEDY, undeliverableReason } from './url';

/*
 * n8n calls these when a workflow is activated (checkExists, then create when it answers false),
 * deactivated (delete), and around "Listen for test event" with the test URL. n8n 2.x also calls
 * checkExists every few seconds for active workflows, so when nothing needs repair it makes at most
 * one request.
 */

interface Setup {
	provider: TriggerProvider;
	url: string;
	staticData: IDataObject;
	selected: string[];
	options: IDataObject;
}

function setup(context: IHookFunctions, registry: ProviderRegistry): Setup {
	const providerId = String(context.getNodeParameter('provider', ''));
	const provider = findTriggerProvider(registry, providerId);
	if (!provider) {
		throw new NodeOperationError(context.getNode(), `Unknown provider "${providerId}"`, {
			description: `Valid: ${providerIds(triggerProviders(registry))}`,
		});
	}
	return {
		provider,
		url: context.getNodeWebhookUrl('default') ?? '',
		staticData: context.getWorkflowStaticData('node'),
		selected: (context.getNodeParameter('events', []) as string[]) ?? [],
		options: (context.getNodeParameter('options', {}) as IDataObject) ?? {},
	};
}

function channelOption(context: IHookFunctions): string {
	return String(
		context.getNodeParameter('options.channel', '', { extractValue: true }) ?? '',
	).trim();
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

export async function checkExists(
	this: IHookFunctions,
	registry: ProviderRegistry,
): Promise<boolean> {
	const { provider, url, staticData, selected, options } = setup(this, registry);
	const registration = readRegistration(staticData);
	const current =
		registration?.provider === provider.id && registration.url === url ? registration : undefined;
	const api = provider.webhook.registration;

	if (api.kind === 'manual') return current?.mode === 'manual';
	if (api.kind === 'accountWebhook') {
		// Callbell offers no way to read its webhook: the node's own record is all there is.
		if (!writesAccountWebhook(options)) return current?.mode === 'manual';
		return current?.mode === 'account' && sameList(current.events, api.providerEvents(selected));
	}
	// An address the provider would never deliver to is not worth a request: create() says why.
	const credentials = await this.getCredentials(provider.credential.type);
	if (undeliverableReason(url, provider.webhook.delivery, credentials.baseUrl)) return false;
	return await checkSubscription(this, provider, api, url, registration, selected);
}

async function checkSubscription(
	context: IHookFunctions,
	provider: TriggerProvider,
	api: SubscriptionApi,
	url: string,
	registration: RegistrationState | undefined,
	selected: string[],
): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const answer = await callProvider(context, provider, api.list());
	if (!isSuccess(answer))
		throw refusal(
			context,
			`${provider.webhook.delivery.label} did not list its webhooks`,
			answer,
			await credentialSecrets(context, provider),
		);
	const subscriptions = api.parseList(answer.body);
	const wantedEvents = api.providerEvents(selected);
	const wantedChannel = provider.webhook.channels ? channelOption(context) : '';
	const channelOk = (registration?.channel?.id ?? '') === wantedChannel;

	const ours =
		registration?.provider === provider.id && registration.mode === 'subscription'
			? subscriptions.find((subscription) => subscription.id === registration.subscriptionId)
			: undefined;
	if (
		ours &&
		registration &&
		ours.url === url &&
		registration.secret &&
		sameList(registration.events, wantedEvents) &&
		channelOk
	) {
		return true;
	}

	// Repair without a new subscription where the provider still shows the secret (Multi-Session):
	// a subscription at this trigger's own URL is this trigger's.
	if (api.secretMadeBy === 'provider' && !wantedChannel) {
		const adoptable = subscriptions.find(
			(subscription) =>
				subscription.url === url &&
				subscription.secret &&
				sameList(subscription.events, wantedEvents),
		);
		if (adoptable) {
			writeRegistration(staticData, {
				provider: provider.id,
				url,
				mode: 'subscription',
				subscriptionId: adoptable.id,
				secret: adoptable.secret,
				events: wantedEvents,
			});
			return true;
		}
	}

	// What this trigger can no longer use goes: its own subscription left at an old URL (a new tunnel),
	// with other events, and any subscription at this URL whose secret it does not hold.
	const stale = subscriptions.filter(
		(subscription) => subscription === ours || subscription.url === url,
	);
	await removeSubscriptions(context, provider, api, stale);
	clearRegistration(staticData);
	return false;
}

async function removeSubscriptions(
	context: IHookFunctions,
	provider: TriggerProvider,
	api: SubscriptionApi,
	subscriptions: Subscription[],
): Promise<void> {
	for (const subscription of subscriptions) {
		const answer = await callProvider(context, provider, api.remove(subscription.id));
		if (!isSuccess(answer) && answer.statusCode !== 404) {
			log(
				context,
				`could not remove webhook ${subscription.id} at ${subscription.url} (HTTP ${answer.statusCode}); remove it in ${provider.webhook.delivery.label}`,
			);
		}
	}
}

// ── create ──────────────────────────────────────────────────────────────────────────────────────

export async function create(this: IHookFunctions, registry: ProviderRegistry): Promise<boolean> {
	const { provider, url, staticData, selected, options } = setup(this, registry);
	const credentials = await this.getCredentials(provider.credential.type);
	const unreachable = undeliverableReason(url, provider.webhook.delivery, credentials.baseUrl);
	if (unreachable) {
		throw new NodeOperationError(
			this.getNode(),
			`This trigger's webhook URL cannot be registered with ${provider.webhook.delivery.label}`,
			{
				description: `${unreachable}. ${PUBLIC_URL_REMEDY}`,
			},
		);
	}
	const localOnly = undeliverableReason(url, provider.webhook.delivery, undefined);
	if (localOnly) {
		// Allowed only because the credential points at this machine: say what a real provider would do.
		log(
			this,
			`registering ${url} because the credential's Base URL is on this machine (a local stand-in such as the sandbox); ${localOnly}`,
		);
	}
	checkSigningSecret(this, provider, credentials, options);

	const api = provider.webhook.registration;
	if (api.kind === 'manual' || (api.kind === 'accountWebhook' && !writesAccountWebhook(options))) {
		// Nothing to call: the URL is pasted in the provider's dashboard (the editor's notice says where).
		writeRegistration(staticData, { provider: provider.id, url, mode: 'manual' });
		return true;
	}
	if (api.kind === 'accountWebhook')
		return await subscribeAccount(this, provider, api, url, selected);
	return await createSubscription(this, provider, api, url, selected);
}

/** Refuses to activate a trigger that would have to refuse every event. */
function checkSigningSecret(
	context: IHookFunctions,
	provider: TriggerProvider,
	credentials: IDataObject,
	options: IDataObject,
): void {
	const { secret, delivery } = provider.webhook;
	if (secret.from !== 'credential') return;
	if (String(credentials[secret.field] ?? '').trim() !== '') return;
	if (secret.optional && options.acceptUnsignedEvents === true) return;
	throw new NodeOperationError(
		context.getNode(),
		`The ${delivery.label} credential has no Webhook Signing Secret`,
		{
			description: secret.missing,
		},
	);
}

async function subscribeAccount(
	context: IHookFunctions,
	provider: TriggerProvider,
	api: AccountWebhookApi,
	url: string,
	selected: string[],
): Promise<boolean> {
	if (context.getActivationMode() === 'manual') {
		// The test URL would replace the account's one webhook — most likely this workflow's production one.
		throw new NodeOperationError(
			context.getNode(),
			`Listening for a test event would replace the ${provider.webhook.delivery.label} account's webhook`,
			{
				description: api.testListeningRefusal,
			},
		);
	}
	const events = api.providerEvents(selected);
	if (events.length === 0) throw noEvents(context, provider);
	const answer = await callProvider(context, provider, api.subscribe(url, events));
	const secrets = await credentialSecrets(context, provider);
	if (!isSuccess(answer))
		throw refusal(
			context,
			`${provider.webhook.delivery.label} refused to register the webhook`,
			answer,
			secrets,
		);
	const registered = api.parseSubscribed(answer.body);
	if (registered !== undefined && registered !== url) {
		throw new NodeOperationError(
			context.getNode(),
			`${provider.webhook.delivery.label} registered ${registered} instead of ${url}`,
		);
	}
	writeRegistration(context.getWorkflowStaticData('node'), {
		provider: provider.id,
		url,
		mode: 'account',
		events,
	});
	return true;
}

function noEvents(context: IHookFunctions, provider: TriggerProvider): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`None of the chosen events is one ${provider.webhook.delivery.label} sends`,
		{
			description: `Choose at least one of: ${provider.webhook.eventOptions.map((option) => option.name).join(', ')}.`,
		},
	);
}

async function resolveChannel(
	context: IHookFunctions,
	provider: TriggerProvider,
): Promise<(ChannelFilter & { id: string }) | undefined> {
	const id = provider.webhook.channels ? channelOption(context) : '';
	if (!provider.webhook.channels || !id) return undefined;
	const answer = await callProvider(context, provider, provider.webhook.channels.list());
	if (!isSuccess(answer))
		throw refusal(
			context,
			`${provider.webhook.delivery.label} did not list its channels`,
			answer,
			await credentialSecrets(context, provider),
		);
	const found = provider.webhook.channels.find(answer.body, id);
	if (!found) {
		throw new NodeOperationError(
			context.getNode(),
			`Channel: no WhatsApp channel with id "${id}" in this ${provider.webhook.delivery.label} account`,
			{
				description:
					'Pick a channel from the list, or clear the Channel option to receive events from every number.',
			},
		);
	}
	return { id, ...found };
}

async function createSubscription(
	context: IHookFunctions,
	provider: TriggerProvider,
	api: SubscriptionApi,
	url: string,
	selected: string[],
): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const events = api.providerEvents(selected);
	if (api.secretMadeBy === 'provider' && events.length === 0) throw noEvents(context, provider);
	const channel = await resolveChannel(context, provider);

	// A subscription already at this URL is this trigger's (the URL carries the node's webhook id),
	// left by a crash or a lost static data: it goes, so events are not delivered twice.
	const listed = await callProvider(context, provider, api.list());
	if (isSuccess(listed))
		await removeSubscriptions(
			context,
			provider,
			api,
			api.parseList(listed.body).filter((subscription) => subscription.url === url),
		);

	const ownSecret = api.secretMadeBy === 'node' ? randomBytes(32).toString('hex') : undefined;
	const answer = await callProvider(
		context,
		provider,
		api.create({ url, secret: ownSecret, events }),
	);
	const created = isSuccess(answer) ? api.parseCreated(answer.body) : undefined;
	const secrets = await credentialSecrets(context, provider, [ownSecret, created?.secret]);
	if (!isSuccess(answer))
		throw refusal(
			context,
			`${provider.webhook.delivery.label} refused to create the webhook`,
			answer,
			secrets,
			api.createRefusedHint,
		);
	if (!created)
		throw new NodeOperationError(
			context.getNode(),
			`${provider.webhook.delivery.label} created a webhook but its answer has no id`,
		);
	const secret = ownSecret ?? created.secret;
	if (!secret) {
		// Events from it could not be verified, so it would only ever be refused: better not to keep it.
		await removeSubscriptions(context, provider, api, [{ id: created.id, url }]);
		throw new NodeOperationError(
			context.getNode(),
			`${provider.webhook.delivery.label} created a webhook but did not return its signing secret`,
		);
	}
	writeRegistration(staticData, {
		provider: provider.id,
		url,
		mode: 'subscription',
		subscriptionId: created.id,
		secret,
		events,
		...(channel ? { channel } : {}),
	});
	return true;
}

// ── delete ──────────────────────────────────────────────────────────────────────────────────────

// `delete` is a reserved word, so the method is exported under another name.
export async function remove(this: IHookFunctions, registry: ProviderRegistry): Promise<boolean> {
	const { provider, url, staticData } = setup(this, registry);
	const registration = readRegistration(staticData);
	const ours = registration?.provider === provider.id ? registration : undefined;
	const api = provider.webhook.registration;

	if (api.kind === 'subscriptions') {
		let targets: Subscription[] = ours?.subscriptionId
			? [{ id: ours.subscriptionId, url: ours.url }]
			: [];
		if (targets.length === 0) {
			// Nothing recorded (a test listening whose state was lost): what sits at this URL is this trigger's.
			const listed = await callProvider(this, provider, api.list());
			if (isSuccess(listed))
				targets = api.parseList(listed.body).filter((subscription) => subscription.url === url);
		}
		await removeSubscriptions(this, provider, api, targets);
	} else if (api.kind === 'accountWebhook' && ours?.mode === 'account' && ours.url === url) {
		// The provider cannot say whose webhook it holds now; this trigger registered this URL, so it removes it.
		const answer = await callProvider(this, provider, api.unsubscribe());
		if (!isSuccess(answer) && answer.statusCode !== 404) {
			log(
				this,
				`could not remove the ${provider.webhook.delivery.label} webhook (HTTP ${answer.statusCode}); remove it in ${api.dashboard}`,
			);
		}
	}
	clearRegistration(staticData);
	return true;
}
