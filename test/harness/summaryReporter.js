// Prints one plain closing line, "N passed, N failed", which CI reads to know how many tests ran.
// Jest prints its own summary after every reporter's onRunComplete, so the line is written at exit.
//
// `npm test` runs jest twice (the fast suite, then the real-n8n tests): the first run leaves its counts in
// `carry`, and the second adds them, so the last line counts every test. Both runs are children of the
// same shell that npm starts for the script, which is how the second knows the counts are this run's.
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

class SummaryReporter {
	constructor(globalConfig, options = {}) {
		this.carry = options.carry ? join(globalConfig.rootDir, options.carry) : undefined;
		this.mode = options.mode;
	}

	onRunComplete(_contexts, results) {
		const counts = {
			passed: results.numPassedTests,
			failed: results.numFailedTests,
			skipped: results.numPendingTests + results.numTodoTests,
		};
		if (this.carry && this.mode === 'write') {
			mkdirSync(dirname(this.carry), { recursive: true });
			writeFileSync(this.carry, JSON.stringify({ shell: process.ppid, ...counts }));
		}
		if (this.carry && this.mode === 'add' && existsSync(this.carry)) {
			const earlier = JSON.parse(readFileSync(this.carry, 'utf8'));
			if (earlier.shell === process.ppid)
				for (const key of Object.keys(counts)) counts[key] += earlier[key];
			rmSync(this.carry, { force: true });
		}
		const line = `Tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}\n`;
		process.once('exit', () => process.stderr.write(line));
	}
}

module.exports = SummaryReporter;
