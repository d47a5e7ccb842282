// `npm start`: the local playground. Builds and packs this package, installs it into a
// persistent n8n user folder the way n8n installs community packages, starts a real n8n 2.x
// with an owner account, prints the editor URL and login, and stops everything on Ctrl-C.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime, installPackage, packPackage, startN8n, REPO_ROOT } = require('./n8n-server');

const PLAYGROUND = process.env.PLAYGROUND_DIR || path.join(os.homedir(), '.cache', 'n8n-quickbooks-sync-playground');
const PORT = Number(process.env.N8N_PORT || 5678);

async function main() {
	const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (built.status !== 0) throw new Error('npm run build failed');
	ensureRuntime();
	const userFolder = path.join(PLAYGROUND, 'n8n-user');
	const { tarball } = await packPackage(path.join(PLAYGROUND, 'packages'));
	await installPackage(userFolder, tarball);
	console.log(`Installed ${path.basename(tarball)} into ${path.join(userFolder, '.n8n', 'nodes')}`);

	const logFile = path.join(PLAYGROUND, 'n8n.log');
	console.log(`Starting n8n (log: ${logFile}) ...`);
	const n8n = await startN8n({ userFolder, logFile, port: PORT, logLevel: 'info' });
	let stopping = false;
	const stop = async (signal) => {
		// npm passes the terminal's Ctrl-C on as well: the second signal must not stop twice.
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n ...`);
		await n8n.stop();
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	console.log(
		[
			'',
			'QuickBooks Sync playground is running',
			`  Editor:   ${n8n.url}/`,
			`  Login:    ${n8n.ownerEmail}`,
			`  Password: ${n8n.ownerPassword}`,
			`  Data:     ${PLAYGROUND} (kept between runs; delete it to start fresh)`,
			'  Nodes:    search "QuickBooks Sync" in the node panel',
			'',
			'Press Ctrl-C to stop.',
		].join('\n'),
	);
	await new Promise(() => {}); // keep running until a signal arrives
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
