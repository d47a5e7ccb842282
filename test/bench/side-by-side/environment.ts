/**
 * One real n8n with this package installed, n8n's built-in QuickBooks node reaching the same QBO
 * emulator through the Intuit proxy, and the field app; runs a workflow and reads what it cost from
 * the emulator's side (calls, CorePlus reads, Core writes, 429s) and the run's own start and stop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	ensureRuntime,
	installPackage,
	packPackage,
	startN8n,
	waitFor,
	type N8nServer,
} from '../../../scripts/n8n-server';
import {
	executeWorkflow,
	TEMPLATE_SYNC_SECRET,
	templateCredentials,
	wireTemplate,
	type Json,
} from '../../e2e/template-harness';
import type { FieldAppEmulator } from '../../emulators/field-app';
import type { QboEmulator } from '../../emulators/qbo';
import { builtinCredential, importIntoN8n } from '../../support/builtin-quickbooks';
import { startIntuitProxy, type IntuitProxy } from '../../support/intuit-proxy';

export interface Cost {
	calls: number;
	reads: number;
	writes: number;
	throttled: number;
	ms: number;
	status: string;
	run: Json;
	/** What was asked, in order, for tracing where reads go. */
	endpoints: string[];
}

export interface BenchN8n {
	n8n: N8nServer;
	/** Imports workflows (templates are wired to the credentials and to the app first, by default the environment's). */
	add(workflows: Json[], appUrl?: string): Promise<void>;
	/** Runs a workflow by id from its Manual Trigger, in a CLI process of its own; what it cost, as QuickBooks counts it. */
	run(workflowId: string): Promise<Cost>;
	/**
	 * Runs an active template in the n8n server itself, as its schedule would (through its Sync Webhook):
	 * what the process keeps between runs (the transport's throttle, a passed currency check) is kept.
	 */
	runServed(workflowId: string): Promise<Cost>;
	/** Peak resident memory of the n8n process so far, MiB (Linux VmHWM). */
	peakRssMiB(): number;
	/** Resident memory of the n8n process now, MiB (Linux VmRSS). */
	currentRssMiB(): number;
	stop(): Promise<void>;
}

export interface BenchN8nOptions {
	qbo: QboEmulator;
	realmId: string;
	app: FieldAppEmulator;
	/** Throttle waits of this package's transport advance a shared virtual clock instead of sleeping (QuickBooks' limits still hold, in virtual time). */
	virtualClock?: boolean;
	log: (line: string) => void;
}

function procStatusMiB(pid: number, field: string): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
}

const PRELOAD = path.join(__dirname, 'virtual-qbo-clock.cjs');

export async function startBenchN8n(options: BenchN8nOptions): Promise<BenchN8n> {
	ensureRuntime();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-bench-side-by-side-'));
	const userFolder = path.join(workDir, 'n8n-user');
	const { tarball } = await packPackage(path.join(workDir, 'pkg'));
	await installPackage(userFolder, tarball);
	const proxy: IntuitProxy = await startIntuitProxy(options.qbo.url);
	const extraEnv: Record<string, string> = { ...proxy.env };
	if (options.virtualClock)
		Object.assign(extraEnv, {
			NODE_OPTIONS: `--require ${PRELOAD}`,
			BENCH_QBO_EMULATOR_URL: options.qbo.url,
		});
	const n8n = await startN8n({
		userFolder,
		logFile: path.join(workDir, 'n8n.log'),
		logLevel: 'warn',
		extraEnv,
	});
	options.log(
		`n8n ${n8n.url} (pid ${n8n.pid})${options.virtualClock ? ', virtual QuickBooks clock' : ''}`,
	);
	await importIntoN8n(
		n8n,
		workDir,
		[
			...templateCredentials(options.qbo, options.realmId, options.app),
			builtinCredential(options.qbo, options.realmId),
		],
		[],
	);
	const active = new Set<string>();
	const lastExecution = async (workflowId: string): Promise<Json | undefined> =>
		(
			(await n8n.publicApi('GET', `/executions?workflowId=${workflowId}&limit=1`)).json?.data as
				| Json[]
				| undefined
		)?.[0];
	return {
		n8n,
		async add(workflows, appUrl = options.app.url) {
			await importIntoN8n(
				n8n,
				workDir,
				[],
				workflows.map((w) => wireTemplate(w, appUrl)),
			);
		},
		async run(workflowId) {
			options.qbo.admin.resetLog();
			const { run } = await executeWorkflow(n8n, workflowId);
			const c = options.qbo.admin.counters;
			const endpoints = options.qbo.admin.log.map(
				(e) => `${e.endpoint}${e.batchItems ? ` ×${e.batchItems}` : ''}`,
			);
			return {
				calls: c.total,
				reads: c.corePlus,
				writes: c.core,
				throttled: c.throttled,
				ms: Date.parse(run.stoppedAt) - Date.parse(run.startedAt),
				status: String(run.status),
				run,
				endpoints,
			};
		},
		async runServed(workflowId) {
			if (!active.has(workflowId)) {
				const activated = await n8n.publicApi('POST', `/workflows/${workflowId}/activate`);
				if (activated.status !== 200) throw new Error(`activate ${workflowId}: ${activated.text}`);
				active.add(workflowId);
			}
			const webhookId = String(
				((await n8n.publicApi('GET', `/workflows/${workflowId}`)).json.nodes as Json[]).find((n) =>
					n.type.endsWith('.syncWebhook'),
				)?.webhookId,
			);
			// Published a moment after activation; a request without the secret is refused without a run.
			await waitFor(
				async () =>
					(await fetch(`${n8n.url}/webhook/${webhookId}/sync`, { method: 'POST', body: '{}' }))
						.status !== 404,
				{ timeoutMs: 30_000, what: `the Sync Webhook of ${workflowId}` },
			);
			const before = await lastExecution(workflowId);
			options.qbo.admin.resetLog();
			const answer = await fetch(`${n8n.url}/webhook/${webhookId}/sync`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-webhook-secret': TEMPLATE_SYNC_SECRET,
					'x-event-id': `bench-${workflowId}-${Date.now()}`,
				},
				body: JSON.stringify({ sync: 'all' }),
			});
			if (answer.status !== 202 && answer.status !== 200)
				throw new Error(
					`the Sync Webhook of ${workflowId} answered ${answer.status}: ${await answer.text()}`,
				);
			let done: Json | undefined;
			await waitFor(
				async () => {
					const last = await lastExecution(workflowId);
					if (last && last.id !== before?.id && last.stoppedAt) done = last;
					return !!done;
				},
				{ timeoutMs: 60 * 60_000, intervalMs: 250, what: `the run of ${workflowId} to end` },
			);
			const run = (await n8n.publicApi('GET', `/executions/${done!.id}?includeData=true`))
				.json as Json;
			const c = options.qbo.admin.counters;
			const endpoints = options.qbo.admin.log.map(
				(e) => `${e.endpoint}${e.batchItems ? ` ×${e.batchItems}` : ''}`,
			);
			return {
				calls: c.total,
				reads: c.corePlus,
				writes: c.core,
				throttled: c.throttled,
				ms: Date.parse(run.stoppedAt) - Date.parse(run.startedAt),
				status: String(run.status),
				run,
				endpoints,
			};
		},
		peakRssMiB: () => procStatusMiB(n8n.pid, 'VmHWM'),
		currentRssMiB: () => procStatusMiB(n8n.pid, 'VmRSS'),
		async stop() {
			await n8n.stop();
			await proxy.stop();
			if (process.env.KEEP_BENCH) options.log(`kept ${workDir}`);
			else fs.rmSync(workDir, { recursive: true, force: true });
		},
	};
}
