// n8n's own community-node rules (the same sets @n8n/scan-community-package applies to a published package).
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			// A leading underscore marks a parameter an implementation of a shared signature does not need.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
];
