// n8n's community-node rules exactly as @n8n/node-cli ships them
// (@n8n/eslint-plugin-community-nodes recommended + eslint-plugin-n8n-nodes-base rulesets).
// Rules deliberately not followed are listed, with the reason, in README "Design decisions".
import { readdirSync } from 'node:fs';

import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// One direction of imports: credentials and nodes → nodes/shared/* → none of them. A node that needs
// something of another node's folder gets it moved into nodes/shared (as the QBO transport was).
const nodeFolders = readdirSync('nodes', { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
	.map((entry) => entry.name);
const boundaries = [
	...nodeFolders.map((name) => ({
		target: `./nodes/${name}`,
		from: './nodes',
		except: [`./${name}`, './shared'],
		message: `A node imports only its own folder and nodes/shared/*: move what ${name} needs from another node into nodes/shared.`,
	})),
	{
		target: './nodes/shared',
		from: './nodes',
		except: ['./shared'],
		message: 'nodes/shared/* serves the nodes and imports none of them.',
	},
	{
		target: './credentials',
		from: './nodes',
		except: ['./shared'],
		message: 'Credentials import only nodes/shared/*.',
	},
];

export default [
	// Tests and scripts are type-checked by `tsc --noEmit` (tsconfig.lint.json), not held to node rules.
	globalIgnores(['dist', 'node_modules', 'test/**', 'scripts/**', 'coverage', '*.js', '*.mjs']),
	...configWithoutCloudSupport,
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: { 'import-x/no-restricted-paths': ['error', { zones: boundaries }] },
	},
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
