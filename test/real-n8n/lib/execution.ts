/** What an n8n CLI command printed. */
export interface CliResult {
	code: number | null;
	/** The signal that ended it, if one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Milliseconds the command took. */
	ms: number;
}

/** The last lines a command printed, for error messages. */
export function tail(result: CliResult, lines = 40): string {
	return `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-lines).join('\n');
}

/** An item as n8n records it in a run. */
export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<
		string,
		{
			mimeType?: string;
			fileName?: string;
			fileSize?: string;
			id?: string;
			data?: string;
			bytes?: number;
		}
	>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
	error?: unknown;
}

/** One run of one node, as in `resultData.runData[<node>][<run>]`. */
export interface NodeRun {
	executionStatus?: string;
	/** When n8n started the node (epoch ms) and how long its run took (ms), both taken by n8n's WorkflowExecute. */
	startTime?: number;
	executionTime?: number;
	data?: { main?: Array<RunItem[] | null> };
	error?: {
		message?: string;
		description?: string;
		name?: string;
		context?: Record<string, unknown>;
	};
	source?: unknown;
}

export interface RunData {
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			error?: {
				message?: string;
				description?: string;
				name?: string;
				node?: { name?: string };
				context?: Record<string, unknown>;
			};
			lastNodeExecuted?: string;
		};
	};
	status?: string;
	finished?: boolean;
	mode?: string;
}

/** A workflow run through `n8n execute`: its exit code, the run n8n printed, and helpers to read node outputs. */
export class Execution {
	constructor(
		readonly cli: CliResult,
		readonly run: RunData,
		private readonly what: string,
	) {}

	/**
	 * True when the process crashed on its way out after printing the whole run. n8n 1.123 on Node 20 does
	 * this now and then: a thread of its 'vm' expression engine (isolated-vm) still runs while Node tears
	 * the process down (SIGSEGV in V8's heap, after the run is complete and printed). Not the package's
	 * doing, and nothing of the run is lost, so the tests accept it and count it.
	 */
	get crashedOnExit(): boolean {
		return this.cli.signal === 'SIGSEGV' || this.cli.code === 139;
	}

	/** True when n8n reports the run as failed (`resultData.error`); `execute` then exits non-zero. */
	get failed(): boolean {
		return this.run.data.resultData.error !== undefined;
	}

	get error(): RunData['data']['resultData']['error'] {
		return this.run.data.resultData.error;
	}

	/** The node's runs; throws (with n8n's output) when the node did not run. */
	runsOf(nodeName: string): NodeRun[] {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs?.length) {
			throw new Error(
				`${this.what}: node "${nodeName}" did not run (ran: ${Object.keys(this.run.data.resultData.runData).join(', ')})\n${tail(this.cli, 15)}`,
			);
		}
		return runs;
	}

	/** The items on each main output of the node's only run: `[main]`, or `[success, error]` with an error output. */
	outputs(nodeName: string): RunItem[][] {
		const runs = this.runsOf(nodeName);
		if (runs.length !== 1)
			throw new Error(`${this.what}: node "${nodeName}" ran ${runs.length} times`);
		return (runs[0].data?.main ?? []).map((items) => items ?? []);
	}

	/** Whether a node ran at all. */
	ran(nodeName: string): boolean {
		return (this.run.data.resultData.runData[nodeName]?.length ?? 0) > 0;
	}

	describe(): string {
		return `${this.what} (exit ${this.cli.code ?? this.cli.signal}, ${this.cli.ms} ms)`;
	}
}

/**
 * Reads the run `n8n execute --rawOutput` prints: on success the run's JSON on standard output; on failure
 * the same JSON through the logger, then a non-zero exit. The JSON is pretty-printed, so it starts at a
 * line holding only `{` and ends at a line holding only `}`; log lines may come before and after it.
 */
export function parseExecution(cli: CliResult, what: string): Execution {
	const lines = cli.stdout.split('\n');
	const starts = lines.flatMap((line, index) => (line === '{' ? [index] : []));
	const ends = lines.flatMap((line, index) => (line === '}' ? [index] : []));
	for (const start of starts) {
		for (const end of ends.filter((e) => e > start).reverse()) {
			try {
				const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as RunData;
				if (parsed?.data?.resultData?.runData) {
					const execution = new Execution(cli, parsed, what);
					const exitAgrees =
						execution.crashedOnExit ||
						(execution.failed ? cli.code !== 0 && cli.code !== null : cli.code === 0);
					if (!exitAgrees)
						throw new Error(
							`${what}: exit code ${cli.code} disagrees with the run's status\n${tail(cli)}`,
						);
					if (execution.crashedOnExit) {
						process.stderr.write(
							`[real-n8n] ${what}: n8n crashed on exit (SIGSEGV) after printing the whole run; accepted (see ENGINES.md)\n`,
						);
					}
					return execution;
				}
			} catch (error) {
				if (error instanceof Error && error.message.startsWith(what)) throw error;
			}
		}
	}
	throw new Error(`${what}: no run found in n8n's output (exit ${cli.code})\n${tail(cli)}`);
}
