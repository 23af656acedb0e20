/**
 * The real-n8n tests: the packed package installed into real n8n 1.x and 2.x, workflows run through
 * n8n's own CLI. Slow (each CLI command boots n8n), so apart from the fast suite in test/jest.config.js.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/real-n8n'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/real-n8n/setup.ts',
	// Each file runs its workflows in both engines; two files at a time keep both cores busy.
	maxWorkers: 2,
	testTimeout: 600000,
	reporters: [
		'default',
		['<rootDir>/test/harness/summaryReporter.js', { carry: '.tmp/jest-counts.json', mode: 'add' }],
	],
};
