import { ensureEngines, engineLabel, selectedEngines } from './lib/engines';
import { packPackage } from './lib/package';

const started = Date.now();

function log(line: string): void {
	const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
	process.stdout.write(`[real-n8n ${seconds} s] ${line}\n`);
}

/**
 * Jest's global setup for the real-n8n tests: makes the engines ready (installed on the first run, reused
 * after) and packs the package once. The tarball's path reaches the test files through the environment,
 * which jest's workers inherit.
 */
export default async function setup(): Promise<void> {
	const engines = selectedEngines();
	process.stdout.write('\n');
	log(`Real-n8n tests in ${engines.map(engineLabel).join(' and ')}`);
	await ensureEngines(engines, log);
	log('Engines ready; packing the package (npm pack)…');
	process.env.REAL_N8N_TARBALL = await packPackage();
	log(
		`Packed ${process.env.REAL_N8N_TARBALL.split('/').pop()}; running the workflows (each n8n CLI command takes 5 to 15 s)…`,
	);
}
