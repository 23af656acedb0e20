import type { CredentialRow, WorkflowJson } from '../../test/real-n8n/lib/instance';
import {
	manualTrigger,
	node,
	rowsSource,
	SEND_NODE_TYPE,
	workflow,
} from '../../test/real-n8n/lib/workflows';
import { BENCH_TOKEN } from '../provider';
import { BARE_LOOP_TYPE } from './benchPackage';

type WorkflowNode = WorkflowJson['nodes'][number];

const CREDENTIAL_TYPE = 'whatsAppSendMultiSessionApi';

export interface RealSettings {
	items: number;
	latency: number;
	concurrency: number;
	/** Timed passes of every contender in one execution, alternating their order (ABBA…), 1 by default. */
	passes?: number;
	/** Only these contenders (ids), e.g. `node,bare` to compare builds with more samples in less time. */
	only?: string[];
}

/** One way of sending the same messages from the same n8n. */
export interface Contender {
	id: string;
	label: string;
	/** The workflow node; `tag` is the path prefix the provider counts its requests by. */
	build: (name: string, tag: string, serverUrl: string, settings: RealSettings) => WorkflowNode;
	/** Whether it reaches the provider through a Multi-Session credential whose Base URL carries the tag. */
	usesCredential: boolean;
}

/** A Multi-Session credential for one tag: its Base URL ends in the tag, so the provider can tell who sent what. */
function credentialFor(tag: string): { id: string; name: string } {
	return {
		// n8n's ids are 16 characters; the longest tag (barecred-timed10) still fits whole.
		id: `b${tag.replace(/[^a-z0-9]/g, '')}`.slice(0, 16).padEnd(16, '0'),
		name: `Bench ${tag}`,
	};
}

/** The same two expressions for every contender that reads parameters, as a user would write them. */
const TO = '={{ $json.to }}';
const TEXT = '={{ $json.text }}';

function bareLoop(passCredential: boolean): Contender['build'] {
	return (name, tag, _url, settings) =>
		node(
			name,
			BARE_LOOP_TYPE,
			1,
			{ to: TO, text: TEXT, options: { concurrency: settings.concurrency }, passCredential },
			{ credentials: { [CREDENTIAL_TYPE]: credentialFor(tag) } },
		);
}

/**
 * The Code node as users write such a loop: all items at once, `concurrency` lanes awaiting
 * `this.helpers.httpRequest`, the token written into the code (a Code node cannot use a credential).
 */
function codeLoop(
	name: string,
	tag: string,
	serverUrl: string,
	settings: RealSettings,
): WorkflowNode {
	const jsCode = [
		`const base = ${JSON.stringify(`${serverUrl}/${tag}`)};`,
		'const items = $input.all();',
		'const out = new Array(items.length);',
		'let next = 0;',
		'const lane = async () => {',
		'  while (next < items.length) {',
		'    const i = next++;',
		'    const { to, text } = items[i].json;',
		'    const answer = await this.helpers.httpRequest({',
		"      method: 'POST',",
		'      url: `${base}/chats/${to}@s.whatsapp.net/messages`,',
		`      headers: { Authorization: ${JSON.stringify(`Bearer ${BENCH_TOKEN}`)} },`,
		'      body: { text },',
		'      json: true,',
		'      timeout: 30000,',
		'    });',
		'    out[i] = { json: answer, pairedItem: { item: i } };',
		'  }',
		'};',
		`await Promise.all(Array.from({ length: ${settings.concurrency} }, lane));`,
		'return out;',
	].join('\n');
	return node(name, 'n8n-nodes-base.code', 2, {
		mode: 'runOnceForAllItems',
		language: 'javaScript',
		jsCode,
	});
}

/**
 * n8n's HTTP Request node with the same credential type. It has no limit on requests in flight: it starts
 * one per item as it reads them, and its Batching option only waits between groups. Batches of
 * `concurrency` items every `latency` ms are the nearest a user gets to `concurrency` in flight; the
 * provider's count of the most in flight is printed next to its time.
 */
function httpRequest(
	name: string,
	tag: string,
	serverUrl: string,
	settings: RealSettings,
): WorkflowNode {
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url: `=${serverUrl}/${tag}/chats/{{ $json.to }}@s.whatsapp.net/messages`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: { parameters: [{ name: 'text', value: TEXT }] },
			options: {
				batching: { batch: { batchSize: settings.concurrency, batchInterval: settings.latency } },
				timeout: 30_000,
			},
		},
		{ credentials: { [CREDENTIAL_TYPE]: credentialFor(tag) } },
	);
}

export const CONTENDERS: Contender[] = [
	{
		id: 'node',
		label: 'WhatsApp Send node',
		usesCredential: true,
		build: (name, tag, _url, settings) =>
			node(
				name,
				SEND_NODE_TYPE,
				1,
				{
					provider: 'multiSession',
					messageType: 'text',
					to: TO,
					text: TEXT,
					options: { concurrency: settings.concurrency },
				},
				{ credentials: { [CREDENTIAL_TYPE]: credentialFor(tag) } },
			),
	},
	{ id: 'bare', label: 'fair bare loop', usesCredential: true, build: bareLoop(false) },
	{
		id: 'barecred',
		label: 'bare loop, credential passed once',
		usesCredential: true,
		build: bareLoop(true),
	},
	{ id: 'code', label: 'Code node, httpRequest lanes', usesCredential: false, build: codeLoop },
	{ id: 'http', label: 'HTTP Request node, batches', usesCredential: true, build: httpRequest },
];

/** Rows as the other benchmarks make them: a number and a short order notice each. */
function rows(count: number): Array<{ to: string; text: string }> {
	return Array.from({ length: count }, (_, i) => ({
		to: `6281${String(i).padStart(8, '0')}`,
		text: `Hello customer ${i}, your order #${100000 + i} is on its way.`,
	}));
}

export const WARM_UP_ITEMS = 100;

/** The contenders a run races: all, or those `only` names (in their usual order). */
export function contendersOf(settings: RealSettings): Contender[] {
	if (!settings.only?.length) return CONTENDERS;
	const unknown = settings.only.filter((id) => !CONTENDERS.some((c) => c.id === id));
	if (unknown.length || !settings.only.includes('node'))
		throw new Error(
			`--only takes ids among ${CONTENDERS.map((c) => c.id).join(', ')}, \`node\` included`,
		);
	return CONTENDERS.filter((c) => settings.only!.includes(c.id));
}

export function passesOf(settings: RealSettings): number {
	return Math.max(1, Math.floor(settings.passes ?? 1));
}

/** A pass of a contender: its warm-up, or its timed pass number k (0-based). */
export type Pass = 'warm' | number;

/** The name of a contender's node in a timed pass, and the tag a pass's requests carry. */
export function timedNode(contender: Contender, pass = 0): string {
	return pass === 0 ? `${contender.label} (timed)` : `${contender.label} (timed ${pass + 1})`;
}
export function tagOf(contender: Contender, pass: Pass): string {
	if (pass === 'warm') return `${contender.id}-warm`;
	return pass === 0 ? `${contender.id}-timed` : `${contender.id}-timed${pass + 1}`;
}

/**
 * One round's workflow: every contender first sends WARM_UP_ITEMS messages (loading and compiling its
 * code paths, as in a long-running n8n), then every contender sends `items`, in `order` — as many
 * times as there are passes, the order reversed every other pass, so that a machine slowly getting
 * busier or quieter weighs on every contender alike (node and bare loop run side by side in each). Each
 * contender gets fresh rows from its own Edit Fields → Split Out pair, so the chain is linear (one
 * order in both engines) and no contender sees another's output.
 */
export function roundWorkflow(
	id: string,
	order: Contender[],
	serverUrl: string,
	settings: RealSettings,
): WorkflowJson {
	const nodes: WorkflowNode[] = [manualTrigger()];
	const links: Array<[string, string]> = [];
	let previous = nodes[0].name;
	const add = (contender: Contender, pass: Pass, count: number) => {
		const prefix = tagOf(contender, pass).replace('-', ' ');
		const [source, split] = rowsSource(prefix, rows(count));
		// Rows once, whatever reaches it: the previous contender hands on hundreds of items.
		source.executeOnce = true;
		const name = pass === 'warm' ? `${contender.label} (warm-up)` : timedNode(contender, pass);
		const sender = contender.build(name, tagOf(contender, pass), serverUrl, settings);
		nodes.push(source, split, sender);
		links.push([previous, source.name], [source.name, split.name], [split.name, sender.name]);
		previous = sender.name;
	};
	for (const contender of order) add(contender, 'warm', WARM_UP_ITEMS);
	for (let pass = 0; pass < passesOf(settings); pass++) {
		const sequence = pass % 2 === 0 ? order : [...order].reverse();
		for (const contender of sequence) add(contender, pass, settings.items);
	}
	return workflow(id, `Bench round ${id}`, nodes, links);
}

/** The credentials every round uses: one per contender and pass that goes through a credential. */
export function benchCredentials(serverUrl: string, settings: RealSettings): CredentialRow[] {
	const passes: Pass[] = ['warm', ...Array.from({ length: passesOf(settings) }, (_, k) => k)];
	return contendersOf(settings)
		.filter((c) => c.usesCredential)
		.flatMap((contender) =>
			passes.map((pass) => {
				const tag = tagOf(contender, pass);
				return {
					...credentialFor(tag),
					type: CREDENTIAL_TYPE,
					data: { baseUrl: `${serverUrl}/${tag}`, token: BENCH_TOKEN },
				};
			}),
		);
}
