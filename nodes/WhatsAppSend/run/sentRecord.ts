import type { DeduplicationScope, ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ConfigurationError } from '../output/errors';

/** How many keys n8n keeps unless Sent Messages Kept says otherwise, and the most it may say. */
export const DEFAULT_KEYS_KEPT = 10_000;
export const MAX_KEYS_KEPT = 1_000_000;
/** How long after the sends the run checks that its keys are still recorded, and how often at most. */
const VERIFY_DELAY_MS = 1000;
const VERIFY_ROUNDS = 3;

/** What the Skip Messages Already Sent option asks for: whose record, and how many keys it keeps. */
export interface SentRecordSettings {
	scope: DeduplicationScope;
	kept: number;
}

/** The deduplication helpers of n8n's execute context (the ones behind Remove Duplicates), as the node calls them. */
type DeduplicationHelpers = Pick<
	IExecuteFunctions['helpers'],
	'checkProcessedAndRecord' | 'removeProcessed'
>;

/**
 * n8n's helper reads the scope's one record, changes it and writes it back, with no lock (n8n's
 * `DeduplicationHelper.handleHashedItems`, `removeProcessed`): two calls at once in one process would
 * each write back what they read and lose the other's keys. The node's calls for one record therefore
 * take turns within the process — all executions of a main process, or of one worker, share this.
 */
const turns = new Map<string, Promise<unknown>>();

async function inTurn<T>(record: string, job: () => Promise<T>): Promise<T> {
	const before = turns.get(record) ?? Promise.resolve();
	const mine = before.then(job, job);
	const settled = mine.then(
		() => undefined,
		() => undefined,
	);
	turns.set(record, settled);
	try {
		return await mine;
	} finally {
		if (turns.get(record) === settled) turns.delete(record);
	}
}

/** Why the record cannot be used, as the run's configuration failure: nothing is sent. */
function refusal(problem: string, hint: string): ConfigurationError {
	return new ConfigurationError('Skip Messages Already Sent', problem, hint, false);
}

/**
 * The record of sent messages in n8n's database, through n8n's own deduplication helper (mode
 * `entries`: one list of key hashes per workflow, or per node, capped at the newest `kept`). Shared by
 * every execution, every restart and every worker that uses the same database.
 */
export class SentRecord {
	private readonly options: ICheckProcessedOptions;
	private readonly turn: string;

	private constructor(
		private readonly helpers: DeduplicationHelpers,
		private readonly settings: SentRecordSettings,
		workflowId: string,
		nodeId: string,
	) {
		this.options = { mode: 'entries', maxEntries: settings.kept };
		this.turn = `${workflowId}\n${settings.scope === 'node' ? nodeId : ''}`;
	}

	/** The record for this run, or a refusal when the running n8n has no deduplication helper. */
	static open(context: IExecuteFunctions, settings: SentRecordSettings): SentRecord {
		const helpers = context.helpers as Partial<DeduplicationHelpers>;
		if (
			typeof helpers.checkProcessedAndRecord !== 'function' ||
			typeof helpers.removeProcessed !== 'function'
		) {
			throw refusal(
				'needs n8n’s record of processed items, which this n8n does not offer',
				'Update n8n to a version whose Remove Duplicates node can remove items processed in previous executions, or turn Skip Messages Already Sent off.',
			);
		}
		const workflowId = context.getWorkflow().id;
		if (!workflowId) {
			throw refusal(
				'needs a saved workflow: n8n keeps the record per workflow',
				'Save the workflow, then run it again.',
			);
		}
		return new SentRecord(
			helpers as DeduplicationHelpers,
			settings,
			workflowId,
			context.getNode().id,
		);
	}

	/**
	 * Records every key and returns those that were already recorded. One call for the whole run, so
	 * n8n reads and writes its record once, however many messages the run has.
	 */
	async claim(keys: string[]): Promise<Set<string>> {
		if (keys.length > this.settings.kept) {
			throw refusal(
				`keeps ${this.settings.kept} keys, fewer than the ${keys.length} different messages of this run`,
				`Raise Sent Messages Kept above the largest run (e.g. ${keys.length * 2}), or send fewer items per run.`,
			);
		}
		if (keys.length === 0) return new Set();
		const record = async () =>
			await this.helpers.checkProcessedAndRecord(keys, this.settings.scope, this.options);
		// The first record of a scope is an insert: another worker inserting it at the same moment makes
		// this one fail on the table's key, having written nothing. Once more, it finds the row and updates it.
		const result = await this.call(record).catch(async () => await this.call(record));
		return new Set(result.processed.map(String));
	}

	/**
	 * After the sends: forgets the keys of messages certainly not sent (so a re-run sends them), and
	 * checks that the keys of messages sent or maybe sent are still recorded, recording them again when
	 * another process wrote its own copy of the record over them (see `inTurn`: nothing stops that
	 * across processes).
	 */
	async settle(notSent: string[], sent: string[]): Promise<void> {
		if (notSent.length > 0) {
			await this.call(
				async () => await this.helpers.removeProcessed(notSent, this.settings.scope, this.options),
			);
		}
		if (sent.length === 0) return;
		// A worker that read the record before this run wrote its keys, and writes after, takes them out
		// again. Once such writes have landed (a read and a write take milliseconds), recording the keys
		// again puts back what was lost; until a round finds every key still there.
		for (let round = 0; round < VERIFY_ROUNDS; round++) {
			await sleep(VERIFY_DELAY_MS);
			const found = await this.call(
				async () =>
					await this.helpers.checkProcessedAndRecord(sent, this.settings.scope, this.options),
			);
			if (found.new.length === 0) return;
		}
	}

	private async call<T>(job: () => Promise<T>): Promise<T> {
		try {
			return await inTurn(this.turn, job);
		} catch (error) {
			// Read by shape: an error of another realm (n8n's modules, a sandbox) is no instance of this Error.
			const message = (error as { message?: unknown } | undefined)?.message;
			const why = typeof message === 'string' ? message : String(error);
			throw refusal(
				`could not use n8n’s record of sent messages: ${why}`,
				/initiali[sz]ed/i.test(why)
					? 'This n8n process has no record of processed items set up (n8n sets it up when it starts with its database). Turn Skip Messages Already Sent off here.'
					: 'The record may have been written by a Remove Duplicates node with another Keep Items Where setting under the same scope: choose the other Sent Message Scope, or clear that record.',
			);
		}
	}
}
