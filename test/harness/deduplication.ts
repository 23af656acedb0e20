import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

/** One row of n8n's `processed_data` table: primary key (workflowId, context), a JSON value. */
interface Row {
	workflowId: string;
	context: string;
	/** The JSON column as stored: the value is parsed on every read and written whole, as by TypeORM. */
	value: string;
}

/**
 * A stand-in for n8n's database-backed deduplicator (`DeduplicationHelper` in the n8n package,
 * `dist/deduplication/deduplication-helper.js`, identical in n8n 1.123 and 2.41), for the jest engine,
 * which has n8n-core but not n8n's database. Mode `entries` only, which is all the node uses, with the
 * same observable rules, each taken from that code:
 * - one row per workflow and context: `n:<node id>` for scope `node`, `''` for `workflow`;
 * - values are stored as the MD5 (base64) of their text, in a list, oldest first;
 * - a call reads the row, decides and writes the row back whole, with an await between the read and
 *   the write and no lock — two calls at once can overwrite each other, as in n8n;
 * - a value is new when its hash is not in the list as read; values within one call are not checked
 *   against each other (two equal values in one call are both new);
 * - `maxEntries` cuts the oldest hashes off the list after the new ones are appended, also on the first
 *   write;
 * - a row written in another mode refuses the call; `removeProcessed` takes out one hash per value.
 * The real one runs in the real-n8n tests (test/real-n8n/skipSent.test.ts).
 */
export class DeduplicationStandIn implements IDataDeduplicator {
	private readonly table = new Map<string, Row>();
	/** Every call made, in order, for tests that count the node's calls. */
	readonly calls: Array<{ method: string; scope: DeduplicationScope; count: number }> = [];

	private static contextOf(scope: DeduplicationScope, data: ICheckProcessedContextData): string {
		if (scope === 'node') {
			if (!data.node)
				throw new Error("No node information has been provided and so cannot use scope 'node'");
			return `n:${data.node.id}`;
		}
		return '';
	}

	private static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	private async read(
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
	): Promise<{ mode: string; data: string[] } | undefined> {
		await Promise.resolve();
		const row = this.table.get(
			`${data.workflow.id}\n${DeduplicationStandIn.contextOf(scope, data)}`,
		);
		return row ? (JSON.parse(row.value) as { mode: string; data: string[] }) : undefined;
	}

	private async write(
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
		value: { mode: string; data: string[] },
	): Promise<void> {
		// The database round trip: other calls run in between.
		await new Promise((resolve) => setImmediate(resolve));
		const context = DeduplicationStandIn.contextOf(scope, data);
		this.table.set(`${data.workflow.id}\n${context}`, {
			workflowId: String(data.workflow.id),
			context,
			value: JSON.stringify(value),
		});
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		this.calls.push({ method: 'checkProcessedAndRecord', scope, count: items.length });
		if (options.mode !== 'entries') throw new Error('the stand-in keeps mode "entries" only');
		if (!contextData.workflow.id)
			throw new Error('The expression "contextData.workflow.id" is falsy');
		const stored = await this.read(scope, contextData);
		if (stored && stored.mode !== options.mode) {
			throw new Error(
				// DeduplicationError prefixes its message (n8n's errors/deduplication.error.js).
				'Deduplication Failed: Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter. Try ’Clean Database’ operation to reset.',
			);
		}
		const hashes = items.map((item) => DeduplicationStandIn.hash(item));
		const cut = (list: string[]) =>
			options.maxEntries ? list.slice(Math.max(0, list.length - options.maxEntries)) : list;
		if (!stored) {
			await this.write(scope, contextData, { mode: options.mode, data: cut(hashes) });
			return { new: items, processed: [] };
		}
		const known = new Set(stored.data);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (known.has(hash)) result.processed.push(items[index]);
			else {
				result.new.push(items[index]);
				stored.data.push(hash);
			}
		});
		await this.write(scope, contextData, { mode: stored.mode, data: cut(stored.data) });
		return result;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		this.calls.push({ method: 'removeProcessed', scope, count: items.length });
		const stored = await this.read(scope, contextData);
		if (!stored || !Array.isArray(stored.data)) return;
		for (const hash of items.map((item) => DeduplicationStandIn.hash(item))) {
			const index = stored.data.indexOf(hash);
			if (index !== -1) stored.data.splice(index, 1);
		}
		await this.write(scope, contextData, stored);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		this.calls.push({ method: 'clearAllProcessedItems', scope, count: 0 });
		this.table.delete(
			`${contextData.workflow.id}\n${DeduplicationStandIn.contextOf(scope, contextData)}`,
		);
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<number> {
		const stored = await this.read(scope, contextData);
		return options.mode === 'entries' && stored && Array.isArray(stored.data)
			? stored.data.length
			: 0;
	}

	/** Whether `value` is recorded under the given row, as n8n would find it. */
	has(workflowId: string, context: string, value: string): boolean {
		const row = this.table.get(`${workflowId}\n${context}`);
		if (!row) return false;
		return (JSON.parse(row.value) as { data: string[] }).data.includes(
			DeduplicationStandIn.hash(value),
		);
	}

	/** The rows as stored: `{ '<workflowId>\n<context>': hashes }`. */
	rows(): Record<string, string[]> {
		return Object.fromEntries(
			[...this.table].map(([key, row]) => [
				key,
				(JSON.parse(row.value) as { data: string[] }).data,
			]),
		);
	}

	/** Writes a row as another node (e.g. Remove Duplicates in another mode) would have. */
	seed(workflowId: string, context: string, value: { mode: string; data: unknown }): void {
		this.table.set(`${workflowId}\n${context}`, {
			workflowId,
			context,
			value: JSON.stringify(value),
		});
	}

	reset(): void {
		this.table.clear();
		this.calls.length = 0;
	}
}

let registered: DeduplicationStandIn | undefined;

/**
 * The stand-in, registered the way n8n registers its own at start-up (`DataDeduplicationService.init`
 * in `BaseCommand.initDataDeduplicationService`), once per test file: jest gives every file its own
 * n8n-core, and n8n-core refuses a second registration.
 */
export async function registerDeduplicationStandIn(): Promise<DeduplicationStandIn> {
	if (!registered) {
		registered = new DeduplicationStandIn();
		await DataDeduplicationService.init(registered);
	}
	return registered;
}
