import { connect, createServer } from 'node:net';

/**
 * Loopback ports for `npm run dev` and the real-n8n tests: a port the user asked for is checked, the
 * others are chosen by the system (port 0), so nothing collides with an n8n already running on the
 * machine (5678, its task broker on 5679) or with another test run.
 */

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

/** A loopback port that was free a moment ago, chosen by the system. */
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

/** Whether `port` can be listened on at 127.0.0.1 right now. */
export async function portFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Whether something accepts connections on a loopback port. */
export async function listening(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** A port number from the environment: undefined when unset, an error naming the variable when it is no port. */
export function portFromEnv(
	name: string,
	env: NodeJS.ProcessEnv = process.env,
): number | undefined {
	const text = env[name]?.trim();
	if (!text) return undefined;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`${name} must be a port number from 1 to 65535 (it is "${text}")`);
	return port;
}
