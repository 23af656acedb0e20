import type {
	IAdditionalCredentialOptions,
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IDataObject,
} from 'n8n-workflow';

import type { ProviderRequest } from '../providers/types';
import type { StopSwitch } from '../run/halt';
import { parseMaybeJson } from './answer';
import type { HttpAnswer } from './answer';
import { DeadlineClock } from './deadline';
import { explainNoAnswer } from './noAnswer';
import { toHttpOptions } from './request';

/** The part of n8n's execution contexts the deadline needs; every context that runs a node has it. */
interface Cancellable {
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

/**
 * `context`, but with `signal` as its execution cancel signal. n8n's `httpRequestWithAuthentication`
 * replaces any `abortSignal` a node passes with the context's cancel signal (n8n-core 1.122 and 2.41
 * alike), so the deadline has to travel that way; n8n itself derives contexts like this in RoutingNode.
 */
function withSignal<T extends object>(context: T, signal: AbortSignal): T {
	return Object.create(context, { getExecutionCancelSignal: { value: () => signal } }) as T;
}

/** The execution's cancel signal, where the engine offers one (list searches run without). */
export function cancelSignalOf(context: object): AbortSignal | undefined {
	try {
		return (context as Cancellable).getExecutionCancelSignal?.();
	} catch {
		return undefined;
	}
}

/**
 * Every call the nodes make to a provider — a run's sends and lookups, the editor's lists, the trigger's
 * webhook registrations — goes through here: n8n's authenticated HTTP helper with the provider's
 * credential, a wall-clock deadline (connecting to the last byte), no redirects followed, and the answer
 * returned whatever its status. A request that gets no answer raises a NoAnswerError saying why.
 */
export class ProviderClient {
	constructor(
		private readonly context: IAllExecuteFunctions,
		private readonly credentialType: string,
		readonly baseUrl: string,
		/** Milliseconds per request, connecting to the last byte; a run's media downloads get the same. */
		readonly timeout: number,
		/** Flipped when the execution is cancelled: a cancelled run ends its requests at once. */
		readonly cancel?: StopSwitch,
		/** The credential the caller already loaded, handed to every request (see `credentialOptions`). */
		credentials?: ICredentialDataDecryptedObject,
	) {
		if (credentials) {
			const details = context.getNode().credentials?.[credentialType];
			// A copy: for a credential type with preAuthentication, n8n merges a fresh token into what it is given.
			this.credentialOptions = {
				credentialsDecrypted: {
					id: details?.id ?? '',
					name: details?.name ?? '',
					type: credentialType,
					data: { ...credentials },
				},
			};
		}
	}

	/**
	 * The run's credential for n8n's helper (`credentialsDecrypted`, its third argument in n8n-core 1.122
	 * and 2.41 alike, which both use as the credential instead of loading it). Without it the helper loads
	 * the credential again for every request: in real n8n a database query, decryption and the credential's
	 * expressions resolved — about 1 ms of the one JavaScript thread per message (`npm run bench -- n8n
	 * --profile`). The helper would load it for item 0, as the run's own load does, so every request is
	 * authenticated exactly as before; n8n's declarative nodes (RoutingNode) pass theirs the same way.
	 */
	private readonly credentialOptions?: IAdditionalCredentialOptions;

	/** Ends this run's requests at their deadlines. */
	readonly clock = new DeadlineClock();

	async send(request: ProviderRequest): Promise<HttpAnswer> {
		const options = toHttpOptions(request, this.baseUrl, this.timeout);
		const deadline = this.clock.start(this.timeout, this.cancel);
		let response: unknown;
		try {
			response = await this.context.helpers.httpRequestWithAuthentication.call(
				withSignal(this.context, deadline.signal),
				this.credentialType,
				{ ...options, abortSignal: deadline.signal },
				this.credentialOptions,
			);
		} catch (error) {
			throw explainNoAnswer(error, deadline);
		} finally {
			deadline.release();
		}
		const full = (response ?? {}) as IDataObject;
		return {
			statusCode: Number(full.statusCode ?? 0),
			body: parseMaybeJson(full.body),
			headers: (full.headers ?? {}) as HttpAnswer['headers'],
		};
	}
}
