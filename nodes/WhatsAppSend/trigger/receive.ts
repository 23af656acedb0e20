import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { ProviderRegistry } from '../providers';
import { checkAndRemember } from './dedupe';
import type { RecentEvents } from './dedupe';
import type { ParsedEvent } from './event';
import { inChannel, isWanted } from './filter';
import { findTriggerProvider } from './providers';
import { readRegistration } from './state';
import type { TriggerProvider, WebhookRequest } from './types';

type Headers = Record<string, string | string[] | undefined>;

/** The delivery as the pure provider functions see it: lower-case headers, first values, the raw bytes. */
function toWebhookRequest(
	headers: Headers,
	rawBody: unknown,
	body: unknown,
): WebhookRequest | undefined {
	const bytes = Buffer.isBuffer(rawBody)
		? rawBody
		: typeof rawBody === 'string'
			? Buffer.from(rawBody, 'utf8')
			: undefined;
	if (!bytes) return undefined;
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string') flat[name.toLowerCase()] = first;
	}
	return { headers: flat, rawBody: bytes, body };
}

type Decision = { accept: true } | { accept: false; reason: string };

/** Whether a delivery is genuine. Everything that is not provably so is refused (fail closed). */
async function authenticate(
	context: IWebhookFunctions,
	provider: TriggerProvider,
	request: WebhookRequest,
): Promise<Decision> {
	let secret = '';
	if (provider.webhook.secret.from === 'subscription') {
		const registration = readRegistration(context.getWorkflowStaticData('node'));
		if (registration?.provider !== provider.id || !registration.secret) {
			return {
				accept: false,
				reason:
					'no signing secret is stored for this trigger; deactivate and activate the workflow again to register it anew',
			};
		}
		secret = registration.secret;
	} else {
		const credentials = await context.getCredentials(provider.credential.type);
		secret = String(credentials[provider.webhook.secret.field] ?? '').trim();
		if (!secret) {
			const options = context.getNodeParameter('options', {}) as IDataObject;
			if (provider.webhook.secret.optional && options.acceptUnsignedEvents === true)
				return { accept: true };
			return {
				accept: false,
				reason: 'the credential has no Webhook Signing Secret, so no delivery can be verified',
			};
		}
	}
	const verdict = provider.webhook.verify(request, secret, Date.now());
	return verdict.ok ? { accept: true } : { accept: false, reason: verdict.reason };
}

function respond(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	// Callbell's connection checks expect `{"status": "ok"}` with a 200 (webhooks/introduction.md).
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Handles one delivery: verify, parse, keep the chosen events, drop what was already delivered, and
 * start one execution with one item per remaining event — or answer without starting anything.
 * `recent` is the memory of the process serving the request (one per loaded node type, as n8n keeps it).
 */
export async function receiveDelivery(
	context: IWebhookFunctions,
	registry: ProviderRegistry,
	recent: RecentEvents,
): Promise<IWebhookResponseData> {
	const node = context.getNode();
	const note = (message: string) =>
		context.logger.info(`WhatsApp Send Trigger "${node.name}": ${message}`);
	const refuse = (reason: string) => {
		context.logger.warn(`WhatsApp Send Trigger "${node.name}" refused a delivery (401): ${reason}`);
		return respond(context, 401, { status: 'error', message: 'Unauthorized' });
	};

	// The GET webhook exists for connection checks; it never starts anything.
	if (context.getWebhookName() !== 'default') return respond(context, 200, { status: 'ok' });

	const provider = findTriggerProvider(registry, String(context.getNodeParameter('provider', '')));
	if (!provider) return refuse('the node has no known provider');
	const http = context.getRequestObject();
	const request = toWebhookRequest(
		http.headers,
		(http as unknown as { rawBody?: unknown }).rawBody,
		http.body,
	);
	if (!request)
		return refuse("n8n did not keep the request's raw body, so its signature cannot be checked");

	const decision = await authenticate(context, provider, request);
	if (!decision.accept) return refuse(decision.reason);

	const parsed = provider.webhook.parse(request);
	if (parsed.length === 0) {
		note(
			'acknowledged a delivery that holds no message event (a ping or an event this trigger does not handle)',
		);
		return respond(context, 200, { status: 'ok' });
	}
	const staticData = context.getWorkflowStaticData('node');
	const selected = (context.getNodeParameter('events', []) as string[]) ?? [];
	const channel = readRegistration(staticData)?.channel;
	const wanted = parsed.filter((event) => isWanted(event, selected) && inChannel(event, channel));
	if (wanted.length === 0) {
		note(
			`ignored ${parsed.map((event) => `"${event.filterValue}"`).join(', ')}: not among the chosen events or channel`,
		);
		return respond(context, 200, { status: 'ok' });
	}

	// Providers retry deliveries: an event already delivered is acknowledged and starts nothing. A test
	// listen (mode `manual`) has static data of its own that n8n never saves: it shares no memory.
	const production = context.getMode() !== 'manual';
	const trigger = `${context.getWorkflow().id ?? ''}\u0000${node.name}`;
	const { isNew, memory } = checkAndRemember(
		staticData.dedupe,
		wanted.map((event) => event.dedupeKey),
		Date.now(),
		production ? recent.recall(trigger) : [],
	);
	if (production) recent.keep(trigger, memory.seen);
	staticData.dedupe = memory as unknown as IDataObject;
	const fresh: ParsedEvent[] = wanted.filter((_, index) => isNew[index]);
	if (fresh.length === 0) {
		note('acknowledged a repeated delivery of events it had already passed on');
		return respond(context, 200, { status: 'ok' });
	}
	// The trigger answers before n8n starts the execution, and says so with `noWebhookResponse`: n8n
	// saves the static data it changed when it is told the answer is out (LiveWebhooks' response
	// callback). Left to answer itself, n8n 2.x does so only after WorkflowRunner.run(), which first
	// builds another Workflow on the same static data object and so clears its "changed" mark: the
	// memory written above would never be saved (ENGINES.md, static data).
	const items: INodeExecutionData[] = fresh.map((event) => ({ json: event.event }));
	respond(context, 200, { status: 'ok' });
	return { noWebhookResponse: true, workflowData: [items] };
}
