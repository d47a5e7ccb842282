// n8n's community-node rules exactly as @n8n/node-cli ships them
// (@n8n/eslint-plugin-community-nodes recommended + eslint-plugin-n8n-nodes-base rulesets).
// Rules deliberately not followed are listed, with the reason, in README "Design decisions".
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [
	// Tests and scripts are type-checked by `tsc --noEmit` (tsconfig.lint.json), not held to node rules.
	globalIgnores(['dist', 'node_modules', 'test/**', 'scripts/**', 'coverage', '*.js', '*.mjs']),
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// Two runtime dependencies. fast-xml-parser: QBO answers throttling and some auth failures in
			// XML even to JSON requests, and n8n does not guarantee an XML parser to nodes. pg: the sync
			// state store of queue mode lives in Postgres (n8n's own by default; docs/sync-state.md).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
