import { Pool } from 'undici';

import type { INodeExecutionData } from 'n8n-workflow';

import { BENCH_TOKEN } from './provider';

/** The machine's ceiling: the same requests through one undici pool, kept-alive connections, no n8n. */
export async function sendWithUndici(
	url: string,
	items: INodeExecutionData[],
	concurrency: number,
): Promise<number[]> {
	const pool = new Pool(url, { connections: concurrency });
	const statuses: number[] = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			const { statusCode, body } = await pool.request({
				method: 'POST',
				path: `/chats/${items[i].json.to as string}@s.whatsapp.net/messages`,
				headers: {
					authorization: `Bearer ${BENCH_TOKEN}`,
					'content-type': 'application/json',
					accept: 'application/json',
				},
				body: JSON.stringify({ text: items[i].json.text }),
			});
			await body.json();
			statuses[i] = statusCode;
		}
	};
	try {
		await Promise.all(Array.from({ length: concurrency }, lane));
	} finally {
		await pool.close();
	}
	return statuses;
}
