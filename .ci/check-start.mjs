// CI step: `npm start` as a newcomer runs it. Waits for the editor URL it prints, checks that
// the editor answers 200, that n8n lists every node type of this package, that every template was
// imported and that both emulators answer, then presses Ctrl-C (SIGINT to the foreground process
// group, as a terminal does) and checks that no process it started is left. Exits non-zero with
// the reason on any failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const START_TIMEOUT_MS = 20 * 60_000; // a cold machine installs Node 24 and n8n first (~4 min)
const STOP_TIMEOUT_MS = 60_000;

const log = (line) => console.log(`[start-check] ${line}`);
let child;
function fail(message) {
	console.error(`[start-check] FAILED: ${message}`);
	// Leave nothing behind for the next CI step, whatever failed.
	if (child)
		for (const proc of [...descendants(child.pid), { pid: child.pid }])
			try {
				process.kill(proc.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
	process.exit(1);
}

/** Node type names the package declares, read from the built files n8n loads. */
function packageNodeTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	return pkg.n8n.nodes.map((file) => {
		// As n8n's loader does: the class named like the file (a module may export helpers beside it).
		const NodeClass = require(path.join(REPO, file))[path.basename(file, '.node.js')];
		return `${pkg.name}.${new NodeClass().description.name}`;
	});
}

function readProc(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
		return { pid, state: fields[0], ppid: Number(fields[1]), startTime: fields[19], cmdline };
	} catch {
		return undefined;
	}
}

/** Every live descendant of `rootPid` (by parent links, so detached process groups count too). */
function descendants(rootPid) {
	const all = fs
		.readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.map(readProc)
		.filter(Boolean);
	const found = [];
	const frontier = [rootPid];
	while (frontier.length) {
		const parent = frontier.pop();
		for (const proc of all) if (proc.ppid === parent) (found.push(proc), frontier.push(proc.pid));
	}
	return found;
}

function stillRunning(proc) {
	const now = readProc(proc.pid);
	return now !== undefined && now.startTime === proc.startTime && now.state !== 'Z';
}

const playground = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-playground-'));
const nodeTypes = packageNodeTypes();
log(`npm start (playground ${playground}); expecting node types ${nodeTypes.join(', ')}`);
const started = Date.now();
child = spawn('npm', ['start'], {
	cwd: REPO,
	env: { ...process.env, PLAYGROUND_DIR: playground, N8N_PORT: process.env.N8N_PORT || '5688' },
	stdio: ['ignore', 'pipe', 'inherit'],
	detached: true, // its own process group, like a terminal's foreground job
});
let output = '';
let exitCode;
const exited = new Promise((resolve) =>
	child.on('exit', (code, signal) => resolve((exitCode = code ?? signal))),
);
child.stdout.on('data', (chunk) => {
	process.stdout.write(chunk);
	output += chunk;
});

async function waitFor(what, timeoutMs, check) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (exitCode !== undefined) fail(`npm start exited (${exitCode}) while waiting for ${what}`);
		if (Date.now() > deadline) fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

try {
	const editorUrl = await waitFor(
		'the editor URL',
		START_TIMEOUT_MS,
		() => output.match(/Editor:\s+(http\S+)/)?.[1],
	);
	const email = output.match(/Login:\s+(\S+)/)?.[1];
	const password = output.match(/Password:\s+(\S+)/)?.[1];
	log(`editor URL printed after ${Math.round((Date.now() - started) / 1000)} s: ${editorUrl}`);

	const editor = await fetch(editorUrl);
	if (editor.status !== 200) fail(`GET ${editorUrl} answered ${editor.status}`);
	log(`GET ${editorUrl} → 200`);

	const login = await fetch(new URL('rest/login', editorUrl), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!login.ok)
		fail(
			`login with the printed owner ${email} failed: HTTP ${login.status} ${await login.text()}`,
		);
	const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
	const types = await (
		await fetch(new URL('types/nodes.json', editorUrl), { headers: { Cookie: cookie } })
	).json();
	const listed = new Set(types.map((type) => type.name));
	const missing = nodeTypes.filter((name) => !listed.has(name));
	if (missing.length) fail(`n8n does not list ${missing.join(', ')}`);
	log(`n8n lists ${nodeTypes.length} node type(s) of the package`);

	const templates = fs
		.readdirSync(path.join(REPO, 'workflows-templates'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(fs.readFileSync(path.join(REPO, 'workflows-templates', f), 'utf8')));
	for (const template of templates) {
		const res = await fetch(new URL(`rest/workflows/${template.id}`, editorUrl), {
			headers: { Cookie: cookie },
		});
		if (res.status !== 200)
			fail(`the template "${template.name}" (${template.id}) was not imported: HTTP ${res.status}`);
	}
	log(`${templates.length} template(s) imported`);
	for (const [label, pattern] of [
		['QuickBooks emulator', /QuickBooks:\s+(http\S+)/],
		['field-app emulator', /Field app:\s+(http\S+)/],
	]) {
		const url = output.match(pattern)?.[1];
		if (!url) fail(`npm start printed no URL for the ${label}`);
		const answered = await fetch(new URL('__admin/clock', url)).then(
			(r) => r.status,
			() => 0,
		);
		if (answered === 0) fail(`the ${label} at ${url} does not answer`);
	}
	log('both emulators answer');

	const processes = descendants(child.pid);
	log(`${processes.length} processes started; pressing Ctrl-C`);
	process.kill(-child.pid, 'SIGINT');
	const stopped = await Promise.race([
		exited.then(() => true),
		new Promise((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS)),
	]);
	if (!stopped) fail(`npm start did not exit within ${STOP_TIMEOUT_MS / 1000} s of Ctrl-C`);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const left = processes.filter(stillRunning);
	if (left.length) {
		for (const proc of left) process.kill(proc.pid, 'SIGKILL');
		fail(`left running after Ctrl-C: ${left.map((p) => `${p.pid} ${p.cmdline}`).join('; ')}`);
	}
	const portFree = await fetch(editorUrl).then(
		() => false,
		() => true,
	);
	if (!portFree) fail(`${editorUrl} still answers after Ctrl-C`);
	log(
		`stopped with exit ${exitCode}; none of the ${processes.length} processes is left; the port is closed`,
	);
	fs.rmSync(playground, { recursive: true, force: true });
	process.exit(0); // the stop timeout's timer would keep this script alive for a minute
} catch (error) {
	fail(error.stack || String(error));
}
