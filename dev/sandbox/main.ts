import { Sandbox } from './server';

/** `node .tmp/dev/dev/sandbox/main.js [port]`: the sandbox alone, for workflows in an n8n you already run. */
async function main(): Promise<void> {
	const port = Number(process.argv[2] ?? process.env.SANDBOX_PORT ?? 5680);
	const sandbox = new Sandbox({ port, host: process.env.SANDBOX_HOST ?? '127.0.0.1' });
	const url = await sandbox.start();
	console.log(`Sandbox inbox: ${url}/`);
	for (const provider of sandbox.providers) {
		console.log(`  ${provider.label.padEnd(18)} Base URL ${sandbox.baseUrl(provider.id)}  credentials ${JSON.stringify(provider.credentials(sandbox.baseUrl(provider.id)))}`);
	}
	const stop = () => {
		sandbox.stop().then(() => process.exit(0), () => process.exit(1));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
