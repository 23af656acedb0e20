import { createServer } from 'node:net';

/** Ports this process handed out already, so two instances started together never get the same one. */
const handedOut = new Set<number>();

async function probe(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * A loopback port that was free a moment ago, chosen by the system (port 0), so it does not collide
 * with a running n8n (5678, its task broker on 5679) or with another test run on this machine.
 */
export async function freePort(): Promise<number> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = await probe();
		if (port > 0 && !handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error('no free loopback port found');
}
