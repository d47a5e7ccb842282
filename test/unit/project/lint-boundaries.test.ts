/**
 * What `npm run lint` refuses, tried on probe code through the project's own ESLint and Prettier
 * (as the lint script runs them): a node importing another node's folder (one direction of imports:
 * nodes → nodes/shared → none of them) and code Prettier would format differently (@n8n/node-cli's
 * settings).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const run = (tool: string, args: string[], input = '') =>
	spawnSync(process.execPath, [path.join(root, 'node_modules', tool), ...args], {
		cwd: root,
		input,
		encoding: 'utf8',
	});

/** ESLint's findings for `code` as if it were `file`. */
function lint(file: string, code: string): string[] {
	const result = run(
		'eslint/bin/eslint.js',
		['--stdin', '--stdin-filename', file, '--format', 'json'],
		code,
	);
	const [report] = JSON.parse(result.stdout) as Array<{
		messages: Array<{ ruleId: string; message: string }>;
	}>;
	return report.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** What Prettier makes of `code` as if it were `file`. */
const formatted = (file: string, code: string) =>
	run('prettier/bin/prettier.cjs', ['--stdin-filepath', file], code).stdout;

describe('npm run lint', () => {
	it("fails a node that imports another node's folder, and nodes/shared importing a node", () => {
		expect(
			lint(
				'nodes/SyncWebhook/probe.ts',
				"import { QuickBooksSync } from '../QuickBooksSync/QuickBooksSync.node';\n\nexport const probe = QuickBooksSync;\n",
			),
		).toEqual([
			expect.stringMatching(
				/^import-x\/no-restricted-paths: .*move what SyncWebhook needs from another node into nodes\/shared/,
			),
		]);
		expect(
			lint(
				'nodes/shared/qbo/probe.ts',
				"import { QuickBooksSyncEngine } from '../../QuickBooksSyncEngine/QuickBooksSyncEngine.node';\n\nexport const probe = QuickBooksSyncEngine;\n",
			),
		).toEqual([
			expect.stringMatching(
				/^import-x\/no-restricted-paths: .*nodes\/shared\/\* serves the nodes and imports none of them/,
			),
		]);
	}, 120_000);

	it('lets a node import its own folder and nodes/shared', () => {
		expect(
			lint(
				'nodes/SyncWebhook/probe.ts',
				"import { qboCaller } from '../shared/qbo/transport';\nimport { handleSyncRequest } from './request';\n\nexport const probe = [qboCaller, handleSyncRequest];\n",
			),
		).toEqual([]);
	}, 120_000);

	it('fails code Prettier would format differently, in every code folder', () => {
		const messy = 'export const probe = {a:1,\n  b : "two"}\n';
		expect(formatted('nodes/shared/probe.ts', messy)).toBe(
			"export const probe = { a: 1, b: 'two' };\n",
		);
		for (const folder of [
			'nodes/QuickBooksSync',
			'credentials',
			'test/unit',
			'scripts',
			'workflows-templates',
		]) {
			expect(
				JSON.parse(
					run('prettier/bin/prettier.cjs', ['--file-info', path.join(folder, 'probe.ts')]).stdout,
				),
			).toMatchObject({ ignored: false });
		}
		expect(
			JSON.parse(run('prettier/bin/prettier.cjs', ['--file-info', 'README.md']).stdout),
		).toMatchObject({ ignored: true });
	}, 60_000);
});
