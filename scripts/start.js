// `npm start`: the local playground. Builds this package, then starts the playground
// (scripts/playground.js): n8n with this package installed, the QBO and field-app emulators, the
// credentials and every template imported; prints where everything is and stops it all on Ctrl-C.
// PLAYGROUND_DIR, N8N_PORT, QBO_EMULATOR_PORT and FIELD_APP_PORT choose the folder and the ports.
'use strict';
const { spawnSync } = require('node:child_process');

const { REPO_ROOT } = require('./n8n-server');
const { startPlayground, FIRST_TEMPLATE, DEFAULT_DIR } = require('./playground');

// `npm run start:queue`: the same playground in n8n's queue mode (Postgres, Redis, 2 workers, a webhook process).
const QUEUE = process.argv.includes('--queue');
const PLAYGROUND = process.env.PLAYGROUND_DIR || (QUEUE ? `${DEFAULT_DIR}-queue` : DEFAULT_DIR);
const PORT = Number(process.env.N8N_PORT || 5678);
const QBO_PORT = Number(process.env.QBO_EMULATOR_PORT || 9400);
const FIELD_APP_PORT = Number(process.env.FIELD_APP_PORT || 9500);

async function main() {
	const built = spawnSync('npm', ['run', '--silent', 'build'], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	if (built.status !== 0) throw new Error('npm run build failed');
	// What has started so far, stopped in reverse on Ctrl-C, even while the rest is still starting.
	const started = [];
	let stopping = false;
	const stop = async (signal) => {
		// npm passes the terminal's Ctrl-C on as well: the second signal must not stop twice.
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n and the emulators ...`);
		for (const part of started.reverse()) await part();
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	const { n8n, emulators, templates, queue } = await startPlayground({
		dir: PLAYGROUND,
		port: PORT,
		qboPort: QBO_PORT,
		fieldAppPort: FIELD_APP_PORT,
		started,
		queue: QUEUE,
	});
	const first = templates.length ? `${n8n.url}/workflow/${FIRST_TEMPLATE}` : '(no templates built)';
	console.log(
		[
			'',
			'QuickBooks Sync playground is running',
			`  Editor:     ${n8n.url}/signin?redirect=${encodeURIComponent(`/workflow/${FIRST_TEMPLATE}`)}`,
			`  Login:      ${n8n.ownerEmail}`,
			`  Password:   ${n8n.ownerPassword}`,
			`  Open first: ${first}  (its "Execute workflow" button pushes the app's customers to QuickBooks now)`,
			'  Templates:',
			...templates.map((name) => `    - ${name}`),
			`  QuickBooks: ${emulators.qbo.url} (emulator, company ${emulators.qbo.realmIds[0]}; credential "QuickBooks")`,
			`  Field app:  ${emulators.fieldApp.url} (emulator, API key ${emulators.fieldApp.apiKey}; credential "Field app API key")`,
			`  Data:       ${PLAYGROUND} (PLAYGROUND_DIR; kept between runs; delete it to start fresh; the emulators start fresh every time)`,
			...(queue
				? [
						`  Queue mode: Postgres ${queue.postgres.host}:${queue.postgres.port} (n8n's database and the sync state), Redis ${queue.redis.host}:${queue.redis.port};`,
						`              2 workers run every execution (the editor's too); webhook process ${queue.webhook.url} (production webhooks; the main process answers them as well)`,
					]
				: []),
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
