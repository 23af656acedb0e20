import { CALLBELL_WEBHOOK_EVENTS } from '../../../fakes/callbell/webhooks';
import type { SandboxFakes } from '../providers';

/**
 * The signing secrets of the sandbox's "dashboards": bitbybit shows one when a webhook is created in
 * Settings → Developer → Webhooks, Callbell generates one in its webhook settings. The sandbox's
 * credentials carry the same values, so the trigger verifies what the sandbox signs.
 */
export const SANDBOX_SIGNING_SECRETS = {
	bitbybit: 'bbb_whsec_sandbox_signing_secret_0001',
	callbell: 'whsec_sandbox_callbell_signing_secret_0001',
} as const;

/** bitbybit's webhook events (knowledge.bitbybit.studio, Webhook Events) that the sandbox sends. */
export const BITBYBIT_EVENTS = ['message.received', 'message.status.updated'];

/** A webhook set by hand in bitbybit's dashboard. */
export interface BitbybitWebhook {
	url: string;
	secret: string;
	events: string[];
}

/**
 * What bitbybit and Callbell let a user configure by hand in their dashboards, which the real APIs
 * cannot: bitbybit's webhooks (it has no webhook API) and Callbell's signing secret. Callbell's one
 * webhook per account lives in its fake, where the API and this form both write it.
 */
export class DashboardWebhooks {
	readonly bitbybit: BitbybitWebhook[] = [];

	callbellSigningSecret: string | undefined = SANDBOX_SIGNING_SECRETS.callbell;

	constructor(private readonly fakes: SandboxFakes) {}

	/** Adds a bitbybit webhook, replacing one at the same URL; returns a problem or undefined. */
	setBitbybit(url: string, secret?: string, events?: string[]): string | undefined {
		const problem = urlProblem(url);
		if (problem) return problem;
		const chosen = events?.length ? events : BITBYBIT_EVENTS;
		const unknown = chosen.filter((event) => !BITBYBIT_EVENTS.includes(event));
		if (unknown.length) return `unknown bitbybit event(s): ${unknown.join(', ')}`;
		this.removeBitbybit(url);
		this.bitbybit.push({
			url,
			secret: secret?.trim() || SANDBOX_SIGNING_SECRETS.bitbybit,
			events: chosen,
		});
		return undefined;
	}

	removeBitbybit(url: string): boolean {
		const at = this.bitbybit.findIndex((hook) => hook.url === url);
		if (at !== -1) this.bitbybit.splice(at, 1);
		return at !== -1;
	}

	/**
	 * Sets the Callbell account's one webhook as its dashboard does (it replaces whatever the API set),
	 * and the signing secret: an empty one means Callbell signs nothing.
	 */
	setCallbell(url: string, signingSecret?: string, events?: string[]): string | undefined {
		const problem = urlProblem(url);
		if (problem) return problem;
		const chosen = events?.length ? events : ['message_created', 'message_status_updated'];
		const unknown = chosen.filter((event) => !CALLBELL_WEBHOOK_EVENTS.includes(event));
		if (unknown.length) return `unknown Callbell event(s): ${unknown.join(', ')}`;
		this.fakes.callbell.webhooks.current = {
			url,
			subscriptions: chosen,
			createdAt: '2026-01-01 00:00:00 +0000',
			enabled: true,
		};
		this.fakes.callbell.webhooks.history.push(url);
		if (signingSecret !== undefined) this.callbellSigningSecret = signingSecret.trim() || undefined;
		return undefined;
	}

	removeCallbell(): void {
		this.fakes.callbell.webhooks.current = undefined;
	}
}

function urlProblem(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		return /^https?:$/.test(parsed.protocol) ? undefined : 'url must be http:// or https://';
	} catch {
		return 'url must be an absolute http:// or https:// address';
	}
}
