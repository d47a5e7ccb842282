// The playground's two local services for `npm start`: the QBO emulator and the field-service app
// emulator with seed data that agree, in one child process (`tsx test/emulators/playground.ts`) in
// its own process group so that stopping it ends its whole tree. Resolves once both listen.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

function startService(name, cli, args, ready) {
	return new Promise((resolve, reject) => {
		const child = spawn(TSX, [cli, ...args], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let output = '';
		const fail = (why) => reject(new Error(`${name} did not start: ${why}\n${output}`));
		child.on('error', (error) => fail(error.message));
		child.on('exit', (code) => fail(`exited with ${code}`));
		const onData = (chunk) => {
			output += chunk;
			const match = ready(output);
			if (match) {
				child.removeAllListeners('exit');
				resolve({
					...match,
					output,
					stop: () =>
						new Promise((done) => {
							if (child.exitCode !== null) return done();
							child.once('exit', () => done());
							try {
								process.kill(-child.pid, 'SIGTERM');
							} catch {
								done();
							}
						}),
				});
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (chunk) => (output += chunk));
	});
}

async function startEmulators({ qboPort, fieldAppPort }) {
	// One process for both, so that their seed data can be made to agree (test/emulators/playground.ts).
	const both = await startService(
		'playground emulators',
		'test/emulators/playground.ts',
		['--qbo-port', String(qboPort), '--field-app-port', String(fieldAppPort)],
		(out) => {
			const qboUrl = out.match(/QuickBooks Online emulator listening on (http\S+)/)?.[1];
			const realms = out.match(/Realm ids:\s+(.+)/)?.[1];
			const clientId = out.match(/OAuth client id:\s+(\S+)/)?.[1];
			const clientSecret = out.match(/OAuth secret:\s+(\S+)/)?.[1];
			const fieldAppUrl = out.match(/Field-service app emulator listening on (http\S+)/)?.[1];
			const apiKey = out.match(/API key:\s+(\S+)/)?.[1];
			return qboUrl && realms && clientSecret && fieldAppUrl && apiKey
				? {
						qbo: {
							url: qboUrl,
							realmIds: realms.split(',').map((r) => r.trim()),
							clientId,
							clientSecret,
						},
						fieldApp: { url: fieldAppUrl, apiKey },
					}
				: undefined;
		},
	);
	return { qbo: both.qbo, fieldApp: both.fieldApp, stop: () => both.stop() };
}

module.exports = { startEmulators };
