// The playground's two local services for `npm start`: the QBO emulator and the field-service app
// emulator, each a child process (`tsx <cli>`) in its own process group so that stopping them
// ends their whole tree. Resolves once each has printed where it listens.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

function startService(name, cli, args, ready) {
	return new Promise((resolve, reject) => {
		const child = spawn(TSX, [cli, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
	const qbo = await startService('QBO emulator', 'test/emulators/qbo/cli.ts', ['--port', String(qboPort)], (out) => {
		const url = out.match(/listening on (http\S+)/)?.[1];
		const realms = out.match(/Realm ids:\s+(.+)/)?.[1];
		const clientId = out.match(/OAuth client id:\s+(\S+)/)?.[1];
		const clientSecret = out.match(/OAuth secret:\s+(\S+)/)?.[1];
		return url && realms && clientSecret ? { url, realmIds: realms.split(',').map((r) => r.trim()), clientId, clientSecret } : undefined;
	});
	const fieldApp = await startService('field-app emulator', 'test/emulators/field-app/cli.ts', ['--port', String(fieldAppPort)], (out) => {
		const url = out.match(/listening on (http\S+)/)?.[1];
		const apiKey = out.match(/API key:\s+(\S+)/)?.[1];
		return url && apiKey ? { url, apiKey } : undefined;
	}).catch(async (error) => {
		await qbo.stop();
		throw error;
	});
	return { qbo, fieldApp, stop: async () => await Promise.all([qbo.stop(), fieldApp.stop()]) };
}

module.exports = { startEmulators };
