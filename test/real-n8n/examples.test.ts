import { parseMultipart } from '../../dev/sandbox/multipart';
import type { NodeProviderId } from '../../dev/sandbox/providers';
import { SAMPLES } from '../../dev/sandbox/samples';
import { Sandbox } from '../../dev/sandbox/server';
import type { RecordedRequest } from '../../fakes/server';
import { engineLabel, selectedEngines } from './lib/engines';
import { n8nWithSandbox } from './lib/fixture';
import type { Execution } from './lib/execution';
import type { N8nInstance } from './lib/instance';
import { exampleWorkflows, SEND_NODE_TYPE } from './lib/workflows';
import type { WorkflowJson } from './lib/instance';

/**
 * Every example workflow in dev/workflows, imported into a real n8n of each line with the packed package
 * and credentials pointing at the sandbox, run with `n8n execute`. What each provider received is
 * written out here in full (`SANDBOX` stands for the sandbox's address): the requests come from real
 * n8n's parameter resolution, resource locators, expression engine, HTTP helper and binary data store.
 */

interface ExpectedSend {
	node: string;
	provider: NodeProviderId;
	path: string;
	/** The JSON body; or, for an upload, its text fields and the sample file it carries. */
	json?: unknown;
	upload?: {
		fields: Record<string, string>;
		file: { field: string; fileName: string; mimeType: string; sample: string };
	};
	/** The node's output item, without `raw` (the provider's answer, checked separately). */
	output: {
		messageType: string;
		to: string;
		messageId: string;
		whatsappMessageId: string | null;
		status: string;
	};
}

const CALLBELL_CHANNEL = 'c1a2b3c4d5e6f70811223344556677aa';
const VOBIZ_CHANNEL = {
	channel_id: '0a8f3feb-9598-47f2-8a6c-df1aeb306ae1',
	waba_id: '123456789012345',
};
const NO_SIMULATION = { typing_simulation: false, presence_simulation: false };
const NO_SIMULATION_FIELDS = { typing_simulation: 'false', presence_simulation: 'false' };

const EXPECTED: Record<string, ExpectedSend[]> = {
	'bitbybit.json': [
		{
			node: 'Text',
			provider: 'bitbybit',
			path: '/messages/send',
			json: {
				to: '6281234567890',
				message: "Hi Ann! 👋 Your *order #1042* is confirmed. We'll let you know when it ships.",
				sources: 'whatsapp cloud api',
			},
			output: {
				messageType: 'text',
				to: '6281234567890',
				messageId: 'wamid.BBB000001',
				whatsappMessageId: 'wamid.BBB000001',
				status: 'accepted',
			},
		},
		{
			node: 'Image from URL',
			provider: 'bitbybit',
			path: '/messages/send',
			json: {
				to: '6281234567890',
				message: 'Sunset deals start tonight 🌅',
				imageUrl: 'SANDBOX/samples/photo.jpg',
				sources: 'whatsapp cloud api',
			},
			output: {
				messageType: 'image',
				to: '6281234567890',
				messageId: 'wamid.BBB000002',
				whatsappMessageId: 'wamid.BBB000002',
				status: 'accepted',
			},
		},
		{
			node: 'Template',
			provider: 'bitbybit',
			path: '/messages/send-template',
			json: {
				to: '6281234567890',
				template_name: 'order_update',
				template_source: 'CRM',
				sources: 'whatsapp cloud api',
				params: ['Ann', '#1042', 'Friday'],
			},
			output: {
				messageType: 'template',
				to: '6281234567890',
				messageId: 'wamid.BBB000003',
				whatsappMessageId: 'wamid.BBB000003',
				status: 'accepted',
			},
		},
	],
	'callbell.json': [
		{
			node: 'Text',
			provider: 'callbell',
			path: '/messages/send',
			json: {
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: CALLBELL_CHANNEL,
				type: 'text',
				content: { text: 'Hoi Sanne! Your table for two is booked for Saturday at 19:30.' },
			},
			output: {
				messageType: 'text',
				to: '+31612345678',
				messageId: 'adf3d1216d4c4dcd9081000000000001',
				whatsappMessageId: null,
				status: 'enqueued',
			},
		},
		{
			node: 'Image from URL',
			provider: 'callbell',
			path: '/messages/send',
			json: {
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: CALLBELL_CHANNEL,
				type: 'image',
				content: { url: 'SANDBOX/samples/photo.jpg', text: 'Our terrace tonight' },
			},
			output: {
				messageType: 'image',
				to: '+31612345678',
				messageId: 'adf3d1216d4c4dcd9081000000000002',
				whatsappMessageId: null,
				status: 'enqueued',
			},
		},
		{
			node: 'Document from URL',
			provider: 'callbell',
			path: '/messages/send',
			json: {
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: CALLBELL_CHANNEL,
				type: 'document',
				content: { url: 'SANDBOX/samples/invoice.pdf' },
			},
			output: {
				messageType: 'document',
				to: '+31612345678',
				messageId: 'adf3d1216d4c4dcd9081000000000003',
				whatsappMessageId: null,
				status: 'enqueued',
			},
		},
		{
			node: 'Template',
			provider: 'callbell',
			path: '/messages/send',
			json: {
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: CALLBELL_CHANNEL,
				type: 'text',
				content: { text: 'Sanne' },
				template_uuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				optin_contact: true,
				template_values: ['Sanne', 'Saturday', '19:30'],
			},
			output: {
				messageType: 'template',
				to: '+31612345678',
				messageId: 'adf3d1216d4c4dcd9081000000000004',
				whatsappMessageId: null,
				status: 'enqueued',
			},
		},
		{
			node: 'Template with document',
			provider: 'callbell',
			path: '/messages/send',
			json: {
				to: '+31612345678',
				from: 'whatsapp',
				channel_uuid: CALLBELL_CHANNEL,
				type: 'document',
				content: { text: 'Sanne', url: 'SANDBOX/samples/invoice.pdf' },
				template_uuid: 'c3d4e5f60718293a4b5c6d7e8f900112',
				optin_contact: true,
			},
			output: {
				messageType: 'template',
				to: '+31612345678',
				messageId: 'adf3d1216d4c4dcd9081000000000005',
				whatsappMessageId: null,
				status: 'enqueued',
			},
		},
	],
	'multi-session.json': [
		{
			node: 'Text',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/messages',
			json: { text: 'Halo Budi! Paket kamu sudah dikirim 📦', ...NO_SIMULATION },
			output: {
				messageType: 'text',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000001',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			node: 'Text to a group',
			provider: 'multiSession',
			path: '/chats/120363025246125486@g.us/messages',
			json: { text: 'Team: the November report is ready.', ...NO_SIMULATION },
			output: {
				messageType: 'text',
				to: '120363025246125486@g.us',
				messageId: '3EB0FAKE00000002',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			// Binary data handed on by n8n's HTTP Request node: in memory on n8n 1.x, in n8n's file store on 2.x.
			node: 'Document from binary',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/documents',
			upload: {
				fields: {
					filename: 'Invoice-1042.pdf',
					caption: 'Invoice November',
					...NO_SIMULATION_FIELDS,
				},
				file: {
					field: 'file',
					fileName: 'Invoice-1042.pdf',
					mimeType: 'application/pdf',
					sample: 'invoice.pdf',
				},
			},
			output: {
				messageType: 'document',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000003',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			node: 'Image from URL',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/images',
			upload: {
				fields: { caption: 'Sunset at the warehouse', ...NO_SIMULATION_FIELDS },
				file: { field: 'file', fileName: 'photo.jpg', mimeType: 'image/jpeg', sample: 'photo.jpg' },
			},
			output: {
				messageType: 'image',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000004',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			node: 'Sticker from URL',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/stickers',
			upload: {
				fields: NO_SIMULATION_FIELDS,
				file: {
					field: 'file',
					fileName: 'sticker.webp',
					mimeType: 'image/webp',
					sample: 'sticker.webp',
				},
			},
			output: {
				messageType: 'sticker',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000005',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			node: 'Location',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/locations',
			json: {
				latitude: -6.1754,
				longitude: 106.8272,
				name: 'Monas',
				address: 'Gambir, Central Jakarta',
			},
			output: {
				messageType: 'location',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000006',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			node: 'Contact',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/contacts',
			json: { name: 'Siti Rahayu', phone: '6281122334455' },
			output: {
				messageType: 'contact',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000007',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
		{
			node: 'Poll',
			provider: 'multiSession',
			path: '/chats/6281234567890@s.whatsapp.net/polls',
			json: { question: 'When should we deliver?', options: ['Morning', 'Afternoon', 'Evening'] },
			output: {
				messageType: 'poll',
				to: '6281234567890@s.whatsapp.net',
				messageId: '3EB0FAKE00000008',
				whatsappMessageId: null,
				status: 'sent',
			},
		},
	],
	'vobiz.json': [
		{
			node: 'Text',
			provider: 'vobiz',
			path: '/api/v1/messaging/messages',
			json: {
				...VOBIZ_CHANNEL,
				to: '+919876543210',
				type: 'text',
				text: {
					body: 'Namaste Priya! Your support ticket #5521 is resolved. Reply here if anything else comes up.',
				},
			},
			output: {
				messageType: 'text',
				to: '+919876543210',
				messageId: '9b2e1c40-0000-4000-8000-000000000001',
				whatsappMessageId: null,
				status: 'pending',
			},
		},
		{
			node: 'Image from URL',
			provider: 'vobiz',
			path: '/api/v1/messaging/messages',
			json: {
				...VOBIZ_CHANNEL,
				to: '+919876543210',
				type: 'image',
				media: { link: 'SANDBOX/samples/photo.jpg', caption: 'The view from our new office' },
			},
			output: {
				messageType: 'image',
				to: '+919876543210',
				messageId: '9b2e1c40-0000-4000-8000-000000000002',
				whatsappMessageId: null,
				status: 'pending',
			},
		},
		{
			node: 'Document from URL',
			provider: 'vobiz',
			path: '/api/v1/messaging/messages',
			json: {
				...VOBIZ_CHANNEL,
				to: '+919876543210',
				type: 'document',
				media: {
					link: 'SANDBOX/samples/invoice.pdf',
					caption: 'Your invoice for November',
					filename: 'Invoice-1042.pdf',
				},
			},
			output: {
				messageType: 'document',
				to: '+919876543210',
				messageId: '9b2e1c40-0000-4000-8000-000000000003',
				whatsappMessageId: null,
				status: 'pending',
			},
		},
		{
			node: 'Template with URL button',
			provider: 'vobiz',
			path: '/api/v1/messaging/messages',
			json: {
				...VOBIZ_CHANNEL,
				to: '+919876543210',
				type: 'template',
				template: {
					name: 'shipping_update',
					language: { code: 'en_US' },
					components: [
						{ type: 'header', parameters: [{ type: 'text', text: '#1042' }] },
						{
							type: 'body',
							parameters: [
								{ type: 'text', text: 'Priya' },
								{ type: 'text', text: 'Friday' },
							],
						},
						{
							type: 'button',
							sub_type: 'url',
							index: '1',
							parameters: [{ type: 'text', text: '1042' }],
						},
					],
				},
			},
			output: {
				messageType: 'template',
				to: '+919876543210',
				messageId: '9b2e1c40-0000-4000-8000-000000000004',
				whatsappMessageId: null,
				status: 'pending',
			},
		},
		{
			node: 'Template in Indonesian',
			provider: 'vobiz',
			path: '/api/v1/messaging/messages',
			json: {
				...VOBIZ_CHANNEL,
				to: '+6281234567890',
				type: 'template',
				template: {
					name: 'order_confirmation',
					language: { code: 'id' },
					components: [
						{
							type: 'body',
							parameters: [
								{ type: 'text', text: 'Budi' },
								{ type: 'text', text: '#2077' },
							],
						},
					],
				},
			},
			output: {
				messageType: 'template',
				to: '+6281234567890',
				messageId: '9b2e1c40-0000-4000-8000-000000000005',
				whatsappMessageId: null,
				status: 'pending',
			},
		},
		{
			node: 'Template with image header',
			provider: 'vobiz',
			path: '/api/v1/messaging/messages',
			json: {
				...VOBIZ_CHANNEL,
				to: '+919876543210',
				type: 'template',
				template: {
					name: 'new_collection',
					language: { code: 'en_US' },
					components: [
						{
							type: 'header',
							parameters: [{ type: 'image', image: { link: 'SANDBOX/samples/photo.jpg' } }],
						},
					],
				},
			},
			output: {
				messageType: 'template',
				to: '+919876543210',
				messageId: '9b2e1c40-0000-4000-8000-000000000006',
				whatsappMessageId: null,
				status: 'pending',
			},
		},
	],
};

function withSandbox(value: unknown, url: string): unknown {
	return JSON.parse(JSON.stringify(value).split('SANDBOX').join(url));
}

/** What one accepted request carried, in the shape EXPECTED uses. */
function received(request: RecordedRequest): Pick<ExpectedSend, 'path' | 'json' | 'upload'> {
	const multipart = parseMultipart(request.headers['content-type'], request.rawBody);
	if (!multipart) return { path: request.path, json: request.json };
	expect(multipart.files).toHaveLength(1);
	const [file] = multipart.files;
	const sample =
		Object.entries(SAMPLES).find(([, s]) => s.bytes.equals(file.bytes))?.[0] ??
		`unknown file of ${file.bytes.length} bytes`;
	return {
		path: request.path,
		upload: {
			fields: multipart.fields,
			file: { field: file.field, fileName: file.fileName, mimeType: file.mimeType, sample },
		},
	};
}

/** The nodes each node hands its output to, over every output. */
function children(workflow: WorkflowJson, name: string): string[] {
	const outputs =
		(workflow.connections[name] as { main?: Array<Array<{ node: string }> | null> } | undefined)
			?.main ?? [];
	return outputs.flatMap((targets) => (targets ?? []).map((target) => target.node));
}

/** Every node `name` is reached from: what n8n runs before it when *Execute step* is clicked on it. */
function upstream(workflow: WorkflowJson, name: string): Set<string> {
	const found = new Set<string>();
	const visit = (target: string) => {
		for (const node of workflow.nodes) {
			if (found.has(node.name) || !children(workflow, node.name).includes(target)) continue;
			found.add(node.name);
			visit(node.name);
		}
	};
	visit(name);
	return found;
}

/** Every node reachable from `name`. */
function downstream(workflow: WorkflowJson, name: string): Set<string> {
	const found = new Set<string>();
	const visit = (from: string) => {
		for (const next of children(workflow, from)) {
			if (found.has(next)) continue;
			found.add(next);
			visit(next);
		}
	};
	visit(name);
	return found;
}

/**
 * *Execute step* on a node runs every node upstream of it first; with real credentials a send node up
 * there would message customers again. And n8n's *Retry On Fail* re-runs a node with every item when its
 * first item failed (ENGINES.md), re-sending what went out. So in every example each send node has an
 * input node of its own and nothing that sends above it, and Retry On Fail stays off, with a note saying why.
 */
describe('example workflows: every send node runs on its own', () => {
	const workflows = exampleWorkflows();
	const isSend = (workflow: WorkflowJson, name: string) =>
		workflow.nodes.some((n) => n.name === name && n.type === SEND_NODE_TYPE);

	it.each(workflows.map((w) => [w.file, w] as const))(
		'%s: no send node has another send node upstream, and each has an input node of its own',
		(_file, workflow) => {
			const sends = workflow.nodes.filter((n) => n.type === SEND_NODE_TYPE);
			expect(sends.length).toBeGreaterThan(0);
			const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
			expect(trigger).toBeDefined();
			for (const send of sends) {
				const above = upstream(workflow, send.name);
				expect({
					node: send.name,
					sendsAbove: [...above].filter((name) => isSend(workflow, name)),
				}).toEqual({ node: send.name, sendsAbove: [] });
				// Its own input: nodes between the trigger and it that lead to no other send node.
				const own = [...above].filter((name) => name !== trigger!.name);
				expect({ node: send.name, hasOwnInput: own.length > 0 }).toEqual({
					node: send.name,
					hasOwnInput: true,
				});
				for (const name of own) {
					const othersBelow = [...downstream(workflow, name)].filter(
						(below) => below !== send.name && isSend(workflow, below),
					);
					expect({ node: send.name, input: name, feedsOtherSends: othersBelow }).toEqual({
						node: send.name,
						input: name,
						feedsOtherSends: [],
					});
				}
				expect(above.has(trigger!.name)).toBe(true);
			}
		},
	);

	it.each(workflows.map((w) => [w.file, w] as const))(
		'%s: Retry On Fail is off on every send node, and a sticky note says why',
		(_file, workflow) => {
			const sends = workflow.nodes.filter((n) => n.type === SEND_NODE_TYPE);
			expect(
				sends
					.filter((n) => n.retryOnFail !== undefined && n.retryOnFail !== false)
					.map((n) => n.name),
			).toEqual([]);
			const notes = workflow.nodes
				.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
				.map((n) => String((n.parameters as { content?: string }).content));
			expect(
				notes.filter(
					(text) =>
						/Retry On Fail/.test(text) &&
						/Max Retries/.test(text) &&
						/first\*{0,2} item failed/.test(text),
				),
			).toHaveLength(1);
		},
	);
});

describe.each(selectedEngines())('example workflows in $id', (engine) => {
	const sandbox = new Sandbox();
	let n8n: N8nInstance;
	const workflows = () => exampleWorkflows(sandbox.url);
	const executions = new Map<string, Execution>();

	beforeAll(async () => {
		await sandbox.start();
		n8n = await n8nWithSandbox(engine, 'examples', sandbox, workflows());
	});
	afterAll(async () => {
		await n8n?.dispose();
		await sandbox.stop();
	});

	it.each(Object.keys(EXPECTED))(
		`${engineLabel(engine)}: %s sends exactly its messages, and each node outputs the provider's answer`,
		async (file) => {
			const workflow = workflows().find((w) => w.file === file);
			if (!workflow) throw new Error(`dev/workflows/${file} is missing`);
			const before = Object.fromEntries(
				sandbox.providers.map((p) => [p.id, p.fake.accepted.length]),
			);

			const execution = await n8n.execute(workflow.id);
			executions.set(file, execution);
			expect(execution.error).toBeUndefined();

			const expected = EXPECTED[file];
			const sent = sandbox.providers.flatMap((p) =>
				p.fake.accepted.slice(before[p.id]).map((request) => ({ provider: p.id, request })),
			);
			expect(sent.map(({ provider, request }) => ({ provider, ...received(request) }))).toEqual(
				expected.map(({ provider, path, json, upload }) =>
					withSandbox({ provider, path, ...(json ? { json } : { upload }) }, sandbox.url),
				),
			);

			const sendNodes = workflow.nodes.filter(
				(n) => n.type === SEND_NODE_TYPE && n.name !== 'Dry run (nothing sent)',
			);
			expect(sendNodes.map((n) => n.name).sort()).toEqual(expected.map((e) => e.node).sort());
			for (const send of expected) {
				const [main, ...others] = execution.outputs(send.node);
				expect(others).toEqual([]);
				expect(main).toHaveLength(1);
				expect(main[0].pairedItem).toEqual({ item: 0 });
				const { raw, ...json } = main[0].json;
				expect(json).toEqual({ provider: send.provider, ...send.output });
				// `raw` is the provider's answer as the sandbox gave it.
				expect(JSON.stringify(raw)).toContain(send.output.messageId);
			}
		},
	);

	it(`${engineLabel(engine)}: binary data reaches the node however the engine stores it`, () => {
		const execution = executions.get('multi-session.json');
		if (!execution) throw new Error('the multi-session example did not run');
		const [[download]] = execution.outputs('Download invoice');
		const binary = download.binary?.data;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: 'invoice.pdf' });
		if (engine.line === 1) {
			// n8n 1.x keeps binary data in the item (N8N_DEFAULT_BINARY_DATA_MODE 'default'): base64 in `data`.
			expect(binary?.id).toBeUndefined();
			expect(Buffer.from(binary?.data ?? '', 'base64').equals(SAMPLES['invoice.pdf'].bytes)).toBe(
				true,
			);
		} else {
			// n8n 2.x writes it to its file store ('filesystem' by default) and hands on a reference: the node reads
			// it through getBinaryMetadata / getBinaryDataBuffer. The upload above carried the exact bytes.
			expect(binary?.id).toMatch(
				/^filesystem-v2:workflows\/sbxFlowMultiSes1\/executions\/\d+\/binary_data\//,
			);
			expect(binary?.data).toBe('filesystem-v2');
			expect(binary).toMatchObject({ bytes: SAMPLES['invoice.pdf'].bytes.length });
		}
	});

	it(`${engineLabel(engine)}: the dry run returns the request with the key masked and sends nothing`, async () => {
		const workflow = workflows().find((w) => w.file === 'bitbybit.json')!;
		const reached = () =>
			sandbox.inbox.recentActivity.filter((a) => a.provider === 'bitbybit').length;
		const before = reached();
		const execution = await n8n.execute(workflow.id);
		const [main] = execution.outputs('Dry run (nothing sent)');
		expect(main).toHaveLength(1);
		expect(main[0].json).toMatchObject({
			provider: 'bitbybit',
			messageType: 'text',
			to: '6281234567890',
			messageId: null,
			status: 'dryRun',
			dryRun: true,
			request: {
				method: 'POST',
				url: `${sandbox.baseUrl('bitbybit')}/messages/send`,
				headers: { 'x-api-key': '***' },
				body: {
					to: '6281234567890',
					message: 'Checking the request before it goes out',
					sources: 'whatsapp coex',
				},
			},
		});
		expect(JSON.stringify(execution.run)).not.toContain(sandbox.fakes.bitbybit.apiKey);
		// The three other nodes sent again; the dry run added no request.
		expect(reached() - before).toBe(3);
	});
});
