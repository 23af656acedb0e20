/// <reference lib="dom" />
// The page functions below run in Chromium, hence the DOM types.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { OWNER } from '../../dev/lib/n8n';
import { Sandbox } from '../../dev/sandbox/server';
import { browserTestSkipped, CHROMIUM, CHROMIUM_FLAGS } from '../browser/chromium';
import { N8N1, N8N2, selectedEngines } from './lib/engines';
import { N8nInstance } from './lib/instance';
import type { CredentialRow, RestSession, WorkflowJson } from './lib/instance';
import { installPackage, packedTarball } from './lib/package';

/**
 * The WhatsApp Send node in the editor of the n8n that `npm run dev` installs (1.123), in Chromium: which
 * credential n8n picks for a node that has none, how the provider is switched (through *Credential to
 * connect with*: n8n hides the Provider parameter because the credentials depend on it), and exactly
 * which fields and options the editor shows for a few provider × message-type pairs, what Callbell's
 * template picker names, and the WhatsApp Send Trigger per provider. The screenshots are kept in
 * test-artifacts/editor; README's are copies of them (dev/docs).
 */

const ARTIFACTS = join(
	__dirname,
	'..',
	'..',
	'test-artifacts',
	process.env.EDITOR_ENGINE === 'n8n2' ? 'editor-n8n2' : 'editor',
);

// Nothing is sent: no step is executed, and the credentials point at a closed port — but Callbell's, whose
// template picker reads the sandbox's template list (beforeAll points it there).
const NOWHERE = 'http://127.0.0.1:9';
const CREDENTIALS: CredentialRow[] = [
	{
		id: 'edBitbybit0001',
		name: 'Bitbybit account',
		type: 'whatsAppSendBitbybitApi',
		data: { apiKey: 'bbb_test_editor', baseUrl: `${NOWHERE}/bitbybit` },
	},
	{
		id: 'edVobiz0000001',
		name: 'Vobiz account',
		type: 'whatsAppSendVobizApi',
		data: { authId: 'MA_EDITOR', authToken: 'editor-token', baseUrl: `${NOWHERE}/vobiz` },
	},
	{
		id: 'edCallbell0001',
		name: 'Callbell account',
		type: 'whatsAppSendCallbellApi',
		data: { apiKey: 'editor-key', baseUrl: `${NOWHERE}/callbell` },
	},
	{
		id: 'edMultiSess001',
		name: 'Multi-Session device',
		type: 'whatsAppSendMultiSessionApi',
		data: { token: 'editor-token', baseUrl: `${NOWHERE}/multi-session` },
	},
];
const CREDENTIAL_ID = {
	bitbybit: 'edBitbybit0001',
	vobiz: 'edVobiz0000001',
	callbell: 'edCallbell0001',
	multiSession: 'edMultiSess001',
} as const;

const WORKFLOW_ID = 'edWorkflow0001';
const NODE_ID = '2f0b8a4e-6c1d-4e7a-9b3f-5d2c1a0e9f87';
/** A WhatsApp Send node as a new one is: no parameters set, no credential. */
const WORKFLOW: WorkflowJson = {
	id: WORKFLOW_ID,
	name: 'Editor test',
	active: false,
	nodes: [
		{
			id: '6a1e3c5b-7d9f-4b2a-8c0e-1f3a5b7d9e2c',
			name: 'When clicking ‘Execute workflow’',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: NODE_ID,
			name: 'WhatsApp Send',
			type: 'n8n-nodes-whatsapp-send.whatsAppSend',
			typeVersion: 1,
			position: [260, 0],
			parameters: {},
		},
	],
	connections: {
		'When clicking ‘Execute workflow’': {
			main: [[{ node: 'WhatsApp Send', type: 'main', index: 0 }]],
		},
	},
	settings: {},
};

const TRIGGER_WORKFLOW_ID = 'edTriggerWf001';
const TRIGGER_NODE_ID = '8c4d2e6f-1a3b-4c5d-9e7f-0a1b2c3d4e5f';
/** A WhatsApp Send Trigger as a new one is: no parameters set, no credential. */
const TRIGGER_WORKFLOW: WorkflowJson = {
	id: TRIGGER_WORKFLOW_ID,
	name: 'Editor test: trigger',
	active: false,
	nodes: [
		{
			id: TRIGGER_NODE_ID,
			name: 'WhatsApp Send Trigger',
			type: 'n8n-nodes-whatsapp-send.whatsAppSendTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			webhookId: '5b8e1f3a-2c4d-4e6f-8a0b-1c2d3e4f5a6b',
		},
	],
	connections: {},
	settings: {},
};

/** The NDV's top-level parameters as the user sees them: each field's label, each notice as `notice: …`. */
async function shownFields(page: Page): Promise<string[]> {
	// A hovered label also shows the Fixed / Expression switch.
	await page.mouse.move(0, 0);
	return await page.evaluate(() => {
		const list = document.querySelector(
			'[data-test-id="ndv"] [data-test-id="node-parameters"] .parameter-input-list-wrapper',
		);
		if (!list) return ['(no parameter list)'];
		return Array.from(
			list.querySelectorAll(
				'.notice, [data-test-id="input-label"], [data-test-id="credentials-label"]',
			),
		)
			.filter((element) => element.closest('.parameter-input-list-wrapper') === list)
			.filter((element) => (element as HTMLElement).offsetParent !== null)
			.map((element) => {
				if (element.classList.contains('notice'))
					return `notice: ${(element.textContent ?? '').trim().split(/[,.]/)[0]}`;
				const title = element.querySelector('span.n8n-text') ?? element;
				return (title.textContent ?? '').replace(/\s+/g, ' ').trim();
			});
	});
}

/** The entries of the Options collection's *Add Option* list, read from the open list. */
async function offeredOptions(page: Page): Promise<string[]> {
	// n8n 1.123 draws the button as a select whose placeholder is the text; 2.x as text.
	const button = page
		.locator('[data-test-id="ndv"] input[placeholder="Add Option"]')
		.or(page.locator('[data-test-id="ndv"]').getByText('Add Option', { exact: true }));
	try {
		await button.first().click({ timeout: 10_000 });
	} catch (error) {
		writeFileSync(join(ARTIFACTS, 'add-option.html'), await page.content());
		throw error;
	}
	return await readOpenList(page);
}

/** The entries a parameter's drop-down list offers. */
async function listedChoices(page: Page, parameter: string): Promise<string[]> {
	await page.click(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]`);
	return await readOpenList(page);
}

/** The names in the list just opened, which it then closes. */
async function readOpenList(page: Page): Promise<string[]> {
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	// An entry with a description shows its name above it: the name alone.
	const names = await items.evaluateAll((entries) =>
		entries.map((entry) =>
			(entry.querySelector('.option-headline') ?? entry).textContent!.replace(/\s+/g, ' ').trim(),
		),
	);
	await page.keyboard.press('Escape');
	await listsClosed(page);
	return names;
}

/** The values a multi-select shows as chosen (its tags). */
async function chosenTags(page: Page, parameter: string): Promise<string[]> {
	return (
		await page
			.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"] .el-tag`)
			.allTextContents()
	).map((tag) => tag.trim());
}

async function noticeSays(page: Page, text: string): Promise<void> {
	await page.waitForFunction(
		(wanted) =>
			Array.from(document.querySelectorAll('[data-test-id="ndv"] .notice')).some((n) =>
				(n.textContent ?? '').includes(wanted),
			),
		text,
		{ timeout: 15_000 },
	);
}

async function chooseCredential(page: Page, id: string): Promise<void> {
	await page.click('[data-test-id="ndv"] [data-test-id="node-credentials-select"]');
	await page.click(`[data-test-id="node-credentials-select-item-${id}"]`);
	await listsClosed(page);
}

/** Waits until no select list is open (n8n 2.x keeps one visible while it fades out). */
async function listsClosed(page: Page): Promise<void> {
	await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
}

async function chooseMessageType(page: Page, name: string): Promise<void> {
	await page.click('[data-test-id="ndv"] [data-test-id="parameter-input-messageType"]');
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: new RegExp(`^${name}`) })
		.first()
		.click();
	await listsClosed(page);
	await inputShows(
		page,
		'[data-test-id="ndv"] [data-test-id="parameter-input-messageType"] input',
		name,
	);
}

/** Waits until the input `selector` names shows `value`. */
async function inputShows(page: Page, selector: string, value: string): Promise<void> {
	await page.waitForFunction(
		([where, wanted]) =>
			(document.querySelector(where) as HTMLInputElement | null)?.value === wanted,
		[selector, value] as const,
		{ timeout: 15_000 },
	);
}

/** A screenshot of the node's settings panel, from its title down (test-artifacts/editor/<name>.png). */
async function shoot(page: Page, name: string): Promise<void> {
	await page.mouse.move(0, 0);
	const title = await page
		.locator('[data-test-id="ndv"] [data-test-id="node-title-container"]')
		.boundingBox();
	const panel = await page
		.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]')
		.boundingBox();
	if (!title || !panel) throw new Error('the node’s settings panel is not on the page');
	const top = Math.max(0, title.y - 12);
	// Down to the last field, or to an open list below it.
	const bottom = await page.evaluate(() =>
		Math.max(
			...Array.from(
				document.querySelectorAll(
					'[data-test-id="ndv"] [data-test-id="node-parameters"] .parameter-input-list-wrapper, .el-select-dropdown, .el-popper',
				),
			)
				.filter((element) => (element as HTMLElement).offsetParent !== null)
				.map((element) => element.getBoundingClientRect().bottom),
		),
	);
	await page.screenshot({
		path: join(ARTIFACTS, `${name}.png`),
		clip: {
			x: panel.x - 8,
			y: top,
			width: panel.width + 16,
			height: Math.min(panel.y + panel.height, bottom + 16) - top,
		},
	});
}

jest.setTimeout(300_000);

/** The editor checked: n8n 1.123, the one `npm run dev` installs; EDITOR_ENGINE=n8n2 checks n8n 2.x's by hand. */
const ENGINE = process.env.EDITOR_ENGINE === 'n8n2' ? N8N2 : N8N1;
// REAL_N8N_ENGINES limits a run to engines made ready by the setup; the editor test needs its own.
const describeWithBrowser =
	!selectedEngines().includes(ENGINE) || browserTestSkipped('editor') ? describe.skip : describe;

/** The label above the credential: n8n 2.x shortened it. */
const CREDENTIAL_LABEL = ENGINE.line === 1 ? 'Credential to connect with' : 'Credential';

describeWithBrowser(`the WhatsApp Send node in the n8n ${ENGINE.version} editor`, () => {
	let n8n: N8nInstance;
	let rest: RestSession;
	let browser: Browser;
	let page: Page;
	let sandbox: Sandbox;

	beforeAll(async () => {
		mkdirSync(ARTIFACTS, { recursive: true });
		sandbox = new Sandbox();
		await sandbox.start();
		const callbell = CREDENTIALS.find((c) => c.id === CREDENTIAL_ID.callbell)!;
		callbell.data = sandbox.credentials().whatsAppSendCallbellApi;
		n8n = await N8nInstance.create(ENGINE, 'editor');
		await installPackage(n8n, packedTarball());
		await n8n.importCredentials(CREDENTIALS);
		await n8n.importWorkflows([WORKFLOW, TRIGGER_WORKFLOW]);
		await n8n.start();
		rest = await n8n.login();
		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
		page = await browser.newPage({ viewport: { width: 1280, height: 960 } });
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.fill('input[type="email"]', OWNER.email);
		await page.fill('input[type="password"]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
	});
	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
		await sandbox?.stop();
	});

	it('a node without a credential gets one of the four by itself, switches to its provider, and says which provider that is', async () => {
		// n8n's NodeCredentials picks, for a node without a credential, the option with the latest updatedAt
		// among the credentials of all four types, and sets the provider to match. n8n 1.123's workflow
		// editor loads credentials from /credentials/for-workflow, which has no updatedAt: every comparison
		// is a tie and the last option wins — the last credential of the last type in the node's credentials
		// list (Multi-Session), although Vobiz's was saved last. n8n 2.x's list has updatedAt: Vobiz wins.
		const saved = await rest(`/rest/credentials/${CREDENTIAL_ID.vobiz}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...CREDENTIALS[1], name: 'Vobiz account (saved last)' }),
		});
		expect(saved.status).toBe(200);
		const listed = (await (
			await rest(`/rest/credentials/for-workflow?workflowId=${WORKFLOW_ID}`)
		).json()) as { data: Array<{ name: string; updatedAt?: string | null }> };
		const dated = listed.data.filter((c) => typeof c.updatedAt === 'string').length;
		expect(dated).toBe(ENGINE.line === 1 ? 0 : 4);
		const [picked, provider] =
			ENGINE.line === 1
				? ['Multi-Session device', 'WhatsApp Multi-Session API (self-hosted)']
				: ['Vobiz account (saved last)', 'Vobiz'];

		await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW_ID}/${NODE_ID}`);
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-credentials-select"]', {
			timeout: 60_000,
		});
		await noticeSays(page, `Sends through ${provider}`);
		expect(
			await page.inputValue('[data-test-id="ndv"] [data-test-id="node-credentials-select"] input'),
		).toBe(picked);
		const fields = await shownFields(page);
		expect(fields).toEqual(
			ENGINE.line === 1
				? [
						CREDENTIAL_LABEL,
						'notice: Sends through WhatsApp Multi-Session API (self-hosted)',
						'Message Type',
						'To',
						'Text',
						'Options',
					]
				: [
						CREDENTIAL_LABEL,
						'notice: Sends through Vobiz',
						'Message Type',
						'notice: Free-form messages reach only customers who wrote to you in the last 24 hours',
						'Channel',
						'To',
						'Text',
						'Options',
					],
		);
		// No Provider dropdown: n8n hides the parameter the credentials depend on.
		expect(fields).not.toContain('Provider');
		await shoot(page, 'new-node');
	});

	it('lists the credentials of all four providers under Credential to connect with', async () => {
		await page.click('[data-test-id="ndv"] [data-test-id="node-credentials-select"]');
		const items = page.locator('[data-test-id^="node-credentials-select-item-"]:visible');
		await items.first().waitFor();
		const texts = await items.allTextContents();
		await shoot(page, 'credential-list');
		await page.keyboard.press('Escape');
		await listsClosed(page);
		expect(texts.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
			// Each credential's name, then its type.
			'Bitbybit accountBitbybit API',
			'Vobiz account (saved last)Vobiz API',
			'Callbell accountCallbell API',
			'Multi-Session deviceWhatsApp Multi-Session API',
			expect.stringContaining('Create new credential'),
		]);
	});

	it('Multi-Session poll: its own fields, and buttons that cannot be confused', async () => {
		await chooseCredential(page, CREDENTIAL_ID.multiSession);
		await noticeSays(page, 'Sends through WhatsApp Multi-Session API');
		await chooseMessageType(page, 'Poll');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through WhatsApp Multi-Session API (self-hosted)',
			'Message Type',
			'To',
			'Poll Question',
			'Poll Answers',
			'Options',
		]);
		expect(
			await page
				.locator('[data-test-id="ndv"] button:visible', { hasText: 'Add Poll Answer' })
				.count(),
		).toBe(1);
		// Nothing about media for a poll.
		expect(await offeredOptions(page)).toEqual([
			'Concurrency',
			'Default Country Code',
			'Dry Run',
			'Max Retries',
			'Messages Per Second',
			'Presence Simulation',
			'Sent Message Key',
			'Sent Message Scope',
			'Sent Messages Kept',
			'Skip Messages Already Sent',
			'Timeout',
			'Typing Simulation',
		]);
		await shoot(page, 'multi-session-poll');
	});

	it('Multi-Session image: Media Source with Binary Data, and the media options', async () => {
		await chooseMessageType(page, 'Image');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through WhatsApp Multi-Session API (self-hosted)',
			'Message Type',
			'To',
			'Media Source',
			'Media URL',
			'Caption',
			'Options',
		]);
		expect(await offeredOptions(page)).toEqual([
			'Allow Private Media Hosts',
			'Concurrency',
			'Default Country Code',
			'Dry Run',
			'Max Retries',
			'Max Upload Size (MB)',
			'Messages Per Second',
			'Presence Simulation',
			'Sent Message Key',
			'Sent Message Scope',
			'Sent Messages Kept',
			'Skip Messages Already Sent',
			'Timeout',
			'Typing Simulation',
			'View Once',
		]);
		await shoot(page, 'multi-session-image');
		// A file from the item: its binary field instead of a link, and no private-host check (nothing is downloaded).
		await page.click('[data-test-id="ndv"] [data-test-id="parameter-input-mediaSource"]');
		await page
			.locator('.el-select-dropdown__item:visible')
			.filter({ hasText: /^Binary Data/ })
			.click();
		await page
			.locator('[data-test-id="ndv"] [data-test-id="parameter-input-binaryPropertyName"]')
			.waitFor();
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through WhatsApp Multi-Session API (self-hosted)',
			'Message Type',
			'To',
			'Media Source',
			'Input Binary Field',
			'Caption',
			'Options',
		]);
		expect(await offeredOptions(page)).not.toContain('Allow Private Media Hosts');
		expect(await offeredOptions(page)).toContain('Max Upload Size (MB)');
	});

	it('switching to the Vobiz credential switches the provider: Use Media ID only for media, Template Header Media Type only for templates', async () => {
		await chooseCredential(page, CREDENTIAL_ID.vobiz);
		await noticeSays(page, 'Sends through Vobiz');
		await chooseMessageType(page, 'Text');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through Vobiz',
			'Message Type',
			'notice: Free-form messages reach only customers who wrote to you in the last 24 hours',
			'Channel',
			'To',
			'Text',
			'Options',
		]);
		expect(await offeredOptions(page)).toEqual([
			'Concurrency',
			'Default Country Code',
			'Dry Run',
			'Max Retries',
			'Messages Per Second',
			'Sent Message Key',
			'Sent Message Scope',
			'Sent Messages Kept',
			'Skip Messages Already Sent',
			'Timeout',
		]);
		await chooseMessageType(page, 'Image');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through Vobiz',
			'Message Type',
			'notice: Free-form messages reach only customers who wrote to you in the last 24 hours',
			'Channel',
			'To',
			'Media URL',
			'Caption',
			'Options',
		]);
		expect(await offeredOptions(page)).toContain('Use Media ID');
		expect(await offeredOptions(page)).not.toContain('Template Header Media Type');
		await chooseMessageType(page, 'Template');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through Vobiz',
			'Message Type',
			'Channel',
			'To',
			'Template',
			'Template Language',
			'Template Parameters',
			'Template Media URL',
			'Template Button Parameter',
			'Options',
		]);
		expect(await offeredOptions(page)).toContain('Template Header Media Type');
		expect(await offeredOptions(page)).not.toContain('Use Media ID');
		await shoot(page, 'vobiz-template');
	});

	it('bitbybit image: a link and a required caption, no Media Source', async () => {
		await chooseCredential(page, CREDENTIAL_ID.bitbybit);
		await noticeSays(page, 'Sends through bitbybit');
		await chooseMessageType(page, 'Image');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through bitbybit',
			'Message Type',
			'notice: Free-form messages reach only customers who wrote to you in the last 24 hours',
			'Source',
			'To',
			'Media URL',
			'Caption',
			'Options',
		]);
		await shoot(page, 'bitbybit-image');
	});

	it('Callbell video: a link only, and Callbell’s own options', async () => {
		await chooseCredential(page, CREDENTIAL_ID.callbell);
		await noticeSays(page, 'Sends through Callbell');
		await chooseMessageType(page, 'Video');
		expect(await shownFields(page)).toEqual([
			CREDENTIAL_LABEL,
			'notice: Sends through Callbell',
			'Message Type',
			'notice: Free-form messages reach only customers who wrote to you in the last 24 hours',
			'Channel',
			'To',
			'Media URL',
			'Options',
		]);
		expect(await offeredOptions(page)).toEqual([
			'Assigned User',
			'Bot Status',
			'Concurrency',
			'Default Country Code',
			'Dry Run',
			'Max Retries',
			'Messages Per Second',
			'Metadata',
			'Sent Message Key',
			'Sent Message Scope',
			'Sent Messages Kept',
			'Skip Messages Already Sent',
			'Team UUID',
			'Timeout',
		]);
	});

	const TEMPLATE_INPUT =
		'[data-test-id="ndv"] [data-test-id="resource-locator-template"] [data-test-id="rlc-input"]';

	it('Callbell template: the picker names what each template takes, and the field keeps it once picked', async () => {
		await chooseMessageType(page, 'Template');
		await page.click(TEMPLATE_INPUT);
		const entries = page.locator('[data-test-id="rlc-item"]:visible');
		try {
			await entries.first().waitFor({ timeout: 30_000 });
		} catch (error) {
			writeFileSync(join(ARTIFACTS, 'template-list.html'), await page.content());
			throw error;
		}
		const names = (await entries.allTextContents()).map((name) => name.replace(/\s+/g, ' ').trim());
		await shoot(page, 'callbell-template-list');
		// The sandbox's approved templates (fakes/callbell/templates.ts); pending and rejected ones are not offered.
		expect(names).toEqual([
			'Order shipped (text) · takes 1 value',
			'Appointment reminder (text) · takes 3 values',
			'Welcome (text) · takes no values',
			'Invoice (document) · takes 1 value and a document link',
			'New arrivals (image) · takes an image link',
			'Product video (video) · takes 1 value and a video link',
			'Feedback (text) · takes 1 value',
		]);
		await entries.filter({ hasText: 'Appointment reminder' }).click();
		await inputShows(page, TEMPLATE_INPUT, 'Appointment reminder (text) · takes 3 values');
		await shoot(page, 'callbell-template-picked');
	});

	describe('the WhatsApp Send Trigger', () => {
		/** Each provider as its credential switches it: the notice's first words, events offered and pre-chosen, options. */
		const providers = [
			{
				id: 'bitbybit',
				notice: 'notice: Bitbybit has no API for webhooks',
				events: ['Delivered', 'Failed', 'Read', 'Received (Customer Message)', 'Sent'],
				chosen: ['Delivered', 'Failed', 'Read', 'Received (Customer Message)', 'Sent'],
				options: [] as string[],
			},
			{
				id: 'vobiz',
				notice:
					'notice: Activating the workflow subscribes this trigger at Vobiz with a signing secret of its own; deactivating removes the subscription',
				events: ['Delivered', 'Failed', 'Read', 'Received (Customer Message)', 'Sent'],
				chosen: ['Delivered', 'Failed', 'Read', 'Received (Customer Message)', 'Sent'],
				options: ['Channel'],
			},
			{
				id: 'callbell',
				notice: 'notice: Callbell keeps one webhook per account',
				events: [
					'Delivered',
					'Enqueued',
					'Failed',
					'Mismatch',
					'Read',
					'Received (Customer Message)',
					'Sent',
				],
				chosen: ['Delivered', 'Failed', 'Read', 'Received (Customer Message)', 'Sent'],
				options: ['Accept Unsigned Events', 'Overwrite Existing Webhook'],
			},
			{
				id: 'multiSession',
				notice:
					'notice: Activating the workflow registers this trigger on your Multi-Session server (it keeps the secret the server generates); deactivating removes it',
				events: ['Connection', 'Delivered', 'Played', 'Read', 'Received (Customer Message)'],
				chosen: ['Connection', 'Delivered', 'Read', 'Received (Customer Message)'],
				options: [] as string[],
			},
		] as const;

		it('opens with the Webhook URLs its notices point to, and no Provider dropdown', async () => {
			await page.goto(`${n8n.baseUrl}/workflow/${TRIGGER_WORKFLOW_ID}/${TRIGGER_NODE_ID}`);
			await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-credentials-select"]', {
				timeout: 60_000,
			});
			// The bitbybit and Callbell notices tell the user to copy the Production URL from here.
			await page.locator('[data-test-id="ndv"]').getByText('Webhook URLs').first().waitFor();
			const fields = await shownFields(page);
			expect(fields[0]).toBe(CREDENTIAL_LABEL);
			expect(fields).not.toContain('Provider');
			await shoot(page, 'trigger-new-node');
		});

		for (const provider of providers) {
			it(`${provider.id}: its notice, its events (the usual ones chosen), its options`, async () => {
				await chooseCredential(page, CREDENTIAL_ID[provider.id]);
				await noticeSays(page, provider.notice.replace('notice: ', ''));
				expect(await shownFields(page)).toEqual([
					CREDENTIAL_LABEL,
					provider.notice,
					'Events',
					// No empty Options collection ("No properties") for a provider without options.
					...(provider.options.length ? ['Options'] : []),
				]);
				expect(await listedChoices(page, 'events')).toEqual(provider.events);
				expect((await chosenTags(page, 'events')).sort()).toEqual(provider.chosen);
				if (provider.options.length) expect(await offeredOptions(page)).toEqual(provider.options);
				await shoot(page, `trigger-${provider.id}`);
			});
		}
	});
});
