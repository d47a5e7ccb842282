/**
 * The n8n runtime installer (scripts/n8n-runtime.sh) must behave the same however it is started.
 * `npm test` and `npm start` export the project's .npmrc (ignore-scripts=true) to every child as
 * npm_config_ignore_scripts=true; the Node 24 package only works if its preinstall runs. This
 * runs the installer's real Node step on a local stand-in for the `node` package whose
 * preinstall leaves a marker, with that variable set exactly as npm sets it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const INSTALLER = path.resolve(__dirname, '../../../scripts/n8n-runtime.sh');

function fakeNodePackage(dir: string): string {
	const pkg = path.join(dir, 'src', 'package');
	fs.mkdirSync(pkg, { recursive: true });
	fs.writeFileSync(
		path.join(pkg, 'package.json'),
		JSON.stringify({
			name: 'fake-node',
			version: '1.0.0',
			scripts: { preinstall: "node -e \"require('fs').writeFileSync('preinstall-ran', 'yes')\"" },
		}),
	);
	const tarball = path.join(dir, 'fake-node-1.0.0.tgz');
	const tar = spawnSync('tar', ['-czf', tarball, '-C', path.join(dir, 'src'), 'package']);
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
	return tarball;
}

/** This process's environment without any ignore-scripts setting (jest itself may run under npm). */
function environmentWithoutIgnoreScripts(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) => key.toLowerCase() !== 'npm_config_ignore_scripts',
		),
	);
}

function installNode(root: string, spec: string, env: Record<string, string>) {
	return spawnSync('bash', [INSTALLER, 'install-node'], {
		// Started from the project folder, as `npm test` / `npm start` start it.
		cwd: path.resolve(__dirname, '../../..'),
		env: {
			...environmentWithoutIgnoreScripts(),
			...env,
			N8N_RUNTIME_ROOT: root,
			N8N_RUNTIME_NODE_SPEC: spec,
		},
		encoding: 'utf8',
		timeout: 120_000,
	});
}

describe('n8n runtime installer started through npm', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-installer-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	const marker = (root: string) =>
		path.join(root, 'node24', 'node_modules', 'fake-node', 'preinstall-ran');

	it.each([
		[
			'npm_config_ignore_scripts=true (what `npm run` exports from .npmrc)',
			{ npm_config_ignore_scripts: 'true' },
		],
		['NPM_CONFIG_IGNORE_SCRIPTS=true', { NPM_CONFIG_IGNORE_SCRIPTS: 'true' }],
		['no npm setting at all (plain bash)', {}],
	])('runs the Node package install script with %s', (_label, env) => {
		const spec = fakeNodePackage(dir);
		const root = path.join(dir, 'cache');
		const result = installNode(root, spec, env);
		expect({ status: result.status, stderr: result.stderr }).toEqual({
			status: 0,
			stderr: expect.any(String),
		});
		expect(fs.existsSync(marker(root))).toBe(true);
	});

	it('reinstalls a Node package left behind without its install script', () => {
		const spec = fakeNodePackage(dir);
		const root = path.join(dir, 'cache');
		// What an installer run with scripts off used to leave: the package, but no binary.
		fs.mkdirSync(path.join(root, 'node24'), { recursive: true });
		const broken = spawnSync(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', spec],
			{
				cwd: path.join(root, 'node24'),
				env: environmentWithoutIgnoreScripts(),
				encoding: 'utf8',
			},
		);
		expect(broken.status).toBe(0);
		expect(fs.existsSync(marker(root))).toBe(false);

		const result = installNode(root, spec, { npm_config_ignore_scripts: 'true' });
		expect(result.status).toBe(0);
		expect(fs.existsSync(marker(root))).toBe(true);
	});
});
