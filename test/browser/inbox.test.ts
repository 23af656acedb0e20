/// <reference lib="dom" />
// The page functions below run in Chromium, hence the DOM types.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { Sandbox } from '../../dev/sandbox/server';
import type { InboxEntry } from '../../dev/sandbox/inbox';
import type { ExampleRun } from './examples';
import { browserTestSkipped, CHROMIUM, CHROMIUM_FLAGS } from './chromium';
import { loadExamples, runExample } from './examples';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

const describeWithBrowser = browserTestSkipped('inbox') ? describe.skip : describe;

jest.setTimeout(120_000);

describe('example workflows against the provider sandbox', () => {
	const sandbox = new Sandbox();
	const runs: ExampleRun[] = [];

	beforeAll(async () => {
		await sandbox.start();
		for (const workflow of loadExamples()) runs.push(...(await runExample(workflow, sandbox)));
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	it('runs every WhatsApp Send node of the four examples without an error', () => {
		expect(runs.map((r) => r.workflow)).toEqual(
			expect.arrayContaining([
				'WhatsApp Send · bitbybit examples',
				'WhatsApp Send · Vobiz examples',
				'WhatsApp Send · Callbell examples',
				'WhatsApp Send · Multi-Session API examples',
			]),
		);
		for (const run of runs) {
			expect({ node: `${run.workflow} / ${run.node}`, error: run.result.error?.message }).toEqual({
				node: `${run.workflow} / ${run.node}`,
				error: undefined,
			});
			expect(run.result.main).toHaveLength(1);
		}
	});

	it('puts one message in the inbox per sending node; the dry run sends nothing', () => {
		const dryRuns = runs.filter((r) => r.result.main[0]?.json.dryRun === true);
		expect(dryRuns.map((r) => r.node)).toEqual(['Dry run (nothing sent)']);
		expect(sandbox.inbox.messages).toHaveLength(runs.length - dryRuns.length);
		const providers = new Set(sandbox.inbox.messages.map((m) => m.provider));
		expect([...providers].sort()).toEqual(['bitbybit', 'callbell', 'multiSession', 'vobiz']);
	});

	it('covers every message kind across the examples', () => {
		const kinds = new Set(sandbox.inbox.messages.map((m) => m.view.kind));
		expect([...kinds].sort()).toEqual([
			'contact',
			'document',
			'image',
			'location',
			'poll',
			'sticker',
			'template',
			'text',
		]);
	});

	it('fills the templates the way the phone shows them', () => {
		const bodies = sandbox.inbox.messages
			.filter((m) => m.view.kind === 'template')
			.map((m) => m.view.template);
		expect(bodies).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					name: 'order_update',
					body: 'Hi Ann, your order #1042 has shipped and arrives on Friday.',
				}),
				expect.objectContaining({
					name: 'shipping_update',
					header: { format: 'TEXT', text: 'Order #1042 shipped' },
					body: 'Hi Priya, it arrives on Friday.',
					buttons: [
						{ text: 'Thanks' },
						{ text: 'Track', url: 'https://shop.example.com/track/1042' },
					],
				}),
				expect.objectContaining({
					name: 'order_confirmation',
					language: 'id',
					body: 'Halo Budi, pesanan #2077 telah dikonfirmasi.',
				}),
				expect.objectContaining({
					name: 'Appointment reminder',
					body: 'Hi Sanne, your appointment is on Saturday at 19:30.',
				}),
			]),
		);
	});

	describeWithBrowser('the inbox page in Chromium', () => {
		let context: BrowserContext;
		let page: Page;
		let profile: string;

		beforeAll(async () => {
			profile = mkdtempSync(join(tmpdir(), 'inbox-chromium-'));
			context = await chromium.launchPersistentContext(profile, {
				executablePath: CHROMIUM,
				headless: true,
				args: CHROMIUM_FLAGS,
				viewport: { width: 1400, height: 1000 },
			});
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${sandbox.url}/`);
			await page.waitForFunction(
				(count) => document.querySelectorAll('.message').length === count,
				sandbox.inbox.messages.length,
			);
		});
		afterAll(async () => {
			await context?.close();
			rmSync(profile, { recursive: true, force: true });
		});

		it('shows every accepted message, newest first, grouped by provider and recipient', async () => {
			const messages: InboxEntry[] = sandbox.inbox.messages;
			const shownIds = await page.$$eval('.message', (nodes) =>
				nodes.map((n) => Number(n.getAttribute('data-id'))),
			);
			expect([...shownIds].sort()).toEqual(messages.map((m) => m.id).sort());
			const groups = await page.$$eval('.conversation', (nodes) =>
				nodes.map((n) => `${n.getAttribute('data-provider')} ${n.getAttribute('data-recipient')}`),
			);
			const expected = [...new Set(messages.map((m) => `${m.provider} ${m.recipient}`))];
			expect(groups).toEqual(expected);
			// Within a conversation the newest message is on top.
			const firstGroupIds = await page.$$eval('.conversation:first-of-type .message', (nodes) =>
				nodes.map((n) => Number(n.getAttribute('data-id'))),
			);
			expect(firstGroupIds).toEqual([...firstGroupIds].sort((a, b) => b - a));
		});

		it('renders text, templates with values, documents, location, contact and poll', async () => {
			const text = await page.locator('#conversations').innerText();
			for (const expected of [
				'Your order #1042 is confirmed',
				'Hi Ann, your order #1042 has shipped and arrives on Friday.',
				'Order #1042 shipped',
				'Halo Budi, pesanan #2077 telah dikonfirmasi.',
				'Invoice-1042.pdf',
				'Monas',
				'Gambir, Central Jakarta',
				'Siti Rahayu',
				'When should we deliver?',
				'Afternoon',
				'120363025246125486@g.us',
			]) {
				expect(text).toContain(expected);
			}
			await expect(
				page.locator('.bubble strong', { hasText: 'order #1042' }).count(),
			).resolves.toBeGreaterThan(0);
		});

		it('shows uploaded images from the sandbox and previews linked ones', async () => {
			await page.waitForFunction(() =>
				Array.from(document.querySelectorAll('.bubble img')).every(
					(img) => (img as HTMLImageElement).complete,
				),
			);
			const images = await page.$$eval('.bubble img', (nodes) =>
				(nodes as HTMLImageElement[]).map((img) => ({
					src: img.getAttribute('src'),
					loaded: img.complete && img.naturalWidth > 0,
				})),
			);
			expect(images.some((i) => i.src?.startsWith('/_sandbox/media/') && i.loaded)).toBe(true);
			expect(images.some((i) => i.src?.endsWith('/samples/photo.jpg') && i.loaded)).toBe(true);
		});

		it('shows the raw request beside each message', async () => {
			const raw = await page.locator('.message .raw .line').allInnerTexts();
			expect(raw).toContain(
				'POST /multisession/chats/6281234567890@s.whatsapp.net/documents → 200',
			);
			expect(
				raw.filter((line) => line.startsWith('POST /vobiz/api/v1/messaging/messages')),
			).toHaveLength(6);
		});

		it('refreshes by itself when a new message arrives, and keeps a screenshot', async () => {
			const before = await page.locator('.message').count();
			const response = await fetch(
				`${sandbox.baseUrl('multiSession')}/chats/6281234567890@s.whatsapp.net/messages`,
				{
					method: 'POST',
					headers: {
						authorization: `Bearer ${sandbox.fakes.multiSession.token}`,
						'content-type': 'application/json',
					},
					body: JSON.stringify({ text: 'One more, sent while the page was open' }),
				},
			);
			expect(response.status).toBe(200);
			await page.waitForFunction(
				(count) => document.querySelectorAll('.message').length === count,
				before + 1,
			);
			await expect(page.locator('.message').first().innerText()).resolves.toContain(
				'One more, sent while the page was open',
			);
			mkdirSync(ARTIFACTS, { recursive: true });
			await page.screenshot({ path: join(ARTIFACTS, 'inbox.png'), fullPage: true });
			expect(existsSync(join(ARTIFACTS, 'inbox.png'))).toBe(true);
		});
	});
});
