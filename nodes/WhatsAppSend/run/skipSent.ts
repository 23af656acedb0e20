import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeError } from 'n8n-workflow';

import type { OutgoingMessage } from '../input/message';
import type { ProviderPlugin } from '../providers/types';
import type { ToNodeError } from './itemErrors';
import type { Outcome } from './outcomes';
import { sentKeyOf } from './sentKeys';
import { SentRecord } from './sentRecord';
import type { SentRecordSettings } from './sentRecord';

/** Which items of a run are skipped as already sent, and each message's key. */
export interface SkipPlan {
	record: SentRecord;
	/** The key of every readable message, by item. */
	keys: Map<number, string>;
	/** The item that sends each key this run; the run's other items with that key are skipped. */
	owners: Map<string, number>;
	/** Items not sent because their key was recorded before this run, or by an earlier item of it. */
	skipped: Set<number>;
	/** Whether this run recorded its keys (not in a dry run). */
	recorded: boolean;
}

/**
 * Reads every message's key and — unless this is a dry run — records all keys at once in n8n's record
 * before the first message goes out, so a crash halfway cannot lead to a message being sent twice.
 * Messages whose key was recorded already, and a second message of this run with the key of an
 * earlier one, are skipped. A key that cannot be read fails its item (and, under Stop, the run) before
 * anything is sent.
 */
export async function planSkips(
	context: IExecuteFunctions,
	provider: ProviderPlugin,
	settings: SentRecordSettings,
	dryRun: boolean,
	messages: Array<OutgoingMessage | NodeError | undefined>,
	refused: ReadonlyMap<number, NodeError>,
	toNodeError: ToNodeError,
	continueOnFail: boolean,
): Promise<SkipPlan> {
	const record = SentRecord.open(context, settings);
	const keys = new Map<number, string>();
	const owners = new Map<string, number>();
	const skipped = new Set<number>();
	for (let itemIndex = 0; itemIndex < messages.length; itemIndex++) {
		const message = messages[itemIndex];
		if (!message || message instanceof NodeError || refused.has(itemIndex)) continue;
		let key: string;
		try {
			key = await sentKeyOf(context, provider, message);
		} catch (error) {
			const nodeError = toNodeError(error, itemIndex, 'reading');
			if (!continueOnFail) throw nodeError;
			messages[itemIndex] = nodeError;
			continue;
		}
		keys.set(itemIndex, key);
		if (owners.has(key)) skipped.add(itemIndex);
		else owners.set(key, itemIndex);
	}
	if (dryRun) return { record, keys, owners, skipped: new Set(), recorded: false };
	const before = await record.claim([...owners.keys()]);
	for (const [key, itemIndex] of owners) {
		if (before.has(key)) {
			skipped.add(itemIndex);
			owners.delete(key);
		}
	}
	return { record, keys, owners, skipped, recorded: true };
}

/**
 * After the sends: the keys of this run's messages that were certainly not sent (failed before the
 * provider could take them, or never reached) are forgotten, so a re-run sends them; the keys of
 * messages accepted or maybe accepted stay. Returns the items whose key stays recorded although their
 * message was not sent, when n8n's record could not be updated (empty when it could).
 */
export async function settleSkips(plan: SkipPlan, outcomes: readonly Outcome[]): Promise<number[]> {
	if (!plan.recorded) return [];
	const notSent: string[] = [];
	const sent: string[] = [];
	const notSentItems: number[] = [];
	for (const [key, itemIndex] of plan.owners) {
		if (outcomes[itemIndex] === 'accepted' || outcomes[itemIndex] === 'uncertain') sent.push(key);
		else {
			notSent.push(key);
			notSentItems.push(itemIndex);
		}
	}
	try {
		await plan.record.settle(notSent, sent);
		return [];
	} catch {
		return notSentItems;
	}
}
