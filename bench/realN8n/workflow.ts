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
		id: `bench${tag.replace(/[^a-z0-9]/g, '')}`.slice(0, 16).padEnd(16, '0'),
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

/** The name of a contender's node in a pass, and the tag its requests carry. */
export function timedNode(contender: Contender): string {
	return `${contender.label} (timed)`;
}
export function tagOf(contender: Contender, pass: 'warm' | 'timed'): string {
	return `${contender.id}-${pass}`;
}

/**
 * One round's workflow: every contender first sends WARM_UP_ITEMS messages (loading and compiling its
 * code paths, as in a long-running n8n), then every contender sends `items`, in `order`. Each
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
	const add = (contender: Contender, pass: 'warm' | 'timed', count: number) => {
		const prefix = `${contender.id} ${pass}`;
		const [source, split] = rowsSource(prefix, rows(count));
		// Rows once, whatever reaches it: the previous contender hands on hundreds of items.
		source.executeOnce = true;
		const name = pass === 'timed' ? timedNode(contender) : `${contender.label} (warm-up)`;
		const sender = contender.build(name, tagOf(contender, pass), serverUrl, settings);
		nodes.push(source, split, sender);
		links.push([previous, source.name], [source.name, split.name], [split.name, sender.name]);
		previous = sender.name;
	};
	for (const contender of order) add(contender, 'warm', WARM_UP_ITEMS);
	for (const contender of order) add(contender, 'timed', settings.items);
	return workflow(id, `Bench round ${id}`, nodes, links);
}

/** The credentials every round uses: one per contender and pass that goes through a credential. */
export function benchCredentials(serverUrl: string): CredentialRow[] {
	return CONTENDERS.filter((c) => c.usesCredential).flatMap((contender) =>
		(['warm', 'timed'] as const).map((pass) => {
			const tag = tagOf(contender, pass);
			return {
				...credentialFor(tag),
				type: CREDENTIAL_TYPE,
				data: { baseUrl: `${serverUrl}/${tag}`, token: BENCH_TOKEN },
			};
		}),
	);
}
