// `npm test`: builds (the workflow and e2e layers load dist/ exactly as n8n does), then runs every
// layer and ends with one line CI reads: "N passed, N failed" over all of them.
//   1. the build, then the unit, integration and workflow layers on every core; meanwhile the e2e
//      layer's n8n (Node 24 + n8n, minutes on a cold machine) is installed in the background when missing;
//   2. the e2e layer, one file at a time (each real n8n is about 600 MB; the template files share
//      one, see test/e2e/shared-n8n.ts).
// Extra arguments run one jest with them instead, one file at a time, e.g.
// `npm test -- --selectProjects unit` or `npm test -- test/e2e/workflows-templates/items-pull.test.ts`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

function step(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

/** One jest run; returns its counts (from jest's JSON report) and how long it took. */
function jest(label, args) {
	const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-jest-')), 'report.json');
	const t0 = Date.now();
	const result = spawnSync('npx', ['jest', ...args, '--json', `--outputFile=${report}`], {
		stdio: 'inherit',
		env: { ...process.env, QBO_SYNC_TEST_PHASE: label },
	});
	let counts = { passed: 0, failed: 1, skipped: 0 }; // no report: the run itself failed
	if (fs.existsSync(report)) {
		const r = JSON.parse(fs.readFileSync(report, 'utf8'));
		counts = {
			passed: r.numPassedTests,
			failed: r.numFailedTests + r.numRuntimeErrorTestSuites,
			skipped: r.numPendingTests + r.numTodoTests,
		};
	}
	return { ...counts, ok: result.status === 0 && counts.failed === 0, time: seconds(t0) };
}

const line = ({ passed, failed, skipped }) =>
	`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

const extra = process.argv.slice(2);
if (extra.length) {
	step('npm', ['run', '--silent', 'build']);
	const run = jest('', ['--runInBand', ...extra]);
	process.exit(run.ok ? 0 : 1);
}

// The e2e layer's runtime, installed while the package builds and the other layers run (the
// longest step on a cold machine; its log is shown if it fails).
const runtimeLog = path.join(
	fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-runtime-')),
	'install.log',
);
const runtimeStarted = Date.now();
const runtime = new Promise((resolve) => {
	const out = fs.openSync(runtimeLog, 'w');
	const child = spawn('bash', ['scripts/n8n-runtime.sh', 'install'], {
		stdio: ['ignore', out, out],
	});
	child.on('close', (code) => resolve({ code, time: seconds(runtimeStarted) }));
});

step('npm', ['run', '--silent', 'build']);

const fast = jest('unit, integration, workflow', [
	'--selectProjects',
	'unit',
	'integration',
	'workflow',
]);
const installed = await runtime;
process.stdout.write(
	`\n[npm test] n8n runtime (scripts/n8n-runtime.sh install, in the background): exit ${installed.code} after ${installed.time}\n`,
);
if (installed.code !== 0) process.stdout.write(fs.readFileSync(runtimeLog, 'utf8'));
const e2e = jest('e2e', ['--runInBand', '--selectProjects', 'e2e']);

const total = {
	passed: fast.passed + e2e.passed,
	failed: fast.failed + e2e.failed,
	skipped: fast.skipped + e2e.skipped,
};
process.stdout.write(
	`\n[npm test] unit, integration, workflow: ${line(fast)} in ${fast.time}; e2e: ${line(e2e)} in ${e2e.time}; all: ${seconds(started)}\n`,
);
process.stdout.write(`\n${line(total)}\n`);
process.exit(fast.ok && e2e.ok ? 0 : 1);
