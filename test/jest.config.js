/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The real-n8n tests have their own config (test/real-n8n/jest.config.js).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/real-n8n/'],
	transform: {
		// Type checking runs once, in `npm run typecheck`; ts-jest only transpiles (isolatedModules).
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/env.ts'],
	testTimeout: 30000,
	reporters: [
		'default',
		[
			'<rootDir>/test/harness/summaryReporter.js',
			{ carry: '.tmp/jest-counts.json', mode: 'write' },
		],
	],
};
