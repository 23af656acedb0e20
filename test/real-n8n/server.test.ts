import { listening } from '../../dev/lib/ports';
import { engineLabel, selectedEngines } from './lib/engines';
import { N8nInstance } from './lib/instance';
import { installPackage, packedTarball } from './lib/package';
import { httpStatus } from './lib/process';

/**
 * `n8n start` on the instance's own ports, with the package loaded: what the webhook-trigger and queue-mode
 * tests build on. n8n's own /types/nodes.json (for a logged-in user) lists the node types the server loaded.
 */
describe.each(selectedEngines())('n8n start in $id', (engine) => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await N8nInstance.create(engine, 'server');
		await installPackage(n8n, packedTarball());
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	it(`${engineLabel(engine)}: serves on its own port with its own task broker, loads the package, and stops`, async () => {
		const server = await n8n.start();
		expect(await httpStatus(`${n8n.baseUrl}/healthz`)).toBe(200);
		expect(await listening(n8n.brokerPort)).toBe(true);

		const rest = await n8n.login();
		const types = (await (await rest('/types/nodes.json')).json()) as Array<{ name: string }>;
		const names = types.map((t) => t.name);
		expect(names).toContain('n8n-nodes-whatsapp-send.whatsAppSend');
		// usableAsTool: n8n offers the node to the AI Agent as a tool too (N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE).
		expect(names).toContain('n8n-nodes-whatsapp-send.whatsAppSendTool');

		await n8n.stop();
		expect(server.running).toBe(false);
		expect(await listening(n8n.port)).toBe(false);
	});
});
