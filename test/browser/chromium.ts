import { existsSync } from 'node:fs';

/** Debian's Chromium, as `.ci/run` installs it; CHROMIUM_PATH names another Chromium-based browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, as root, on a machine with no way out: without the background-networking flags Chromium keeps
 * trying to reach Google's hosts and its connections are refused, many at a time.
 */
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Whether a browser test is skipped: only when Chromium is missing and this is not CI (under CI=true a
 * missing Chromium fails the test instead). Says so once, naming the test.
 */
export function browserTestSkipped(test: string): boolean {
	if (existsSync(CHROMIUM) || process.env.CI === 'true') return false;
	console.warn(
		`Skipping the ${test} browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH). Under CI=true it runs and fails instead.`,
	);
	return true;
}
