/**
 * n8n in queue mode on one machine, as users scale it: Postgres and Redis (scripts/queue-services.js),
 * a main process (editor, activation), workers that run every production execution, and webhook
 * processes that answer production webhooks, all with this package installed in one shared user folder.
 * Templates are imported as shipped, activated, and run as production executions through their Sync
 * Webhook trigger; a run is done when n8n's public API shows its execution finished.
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
} from '../../scripts/n8n-server';
import { startFieldApp, type FieldAppEmulator } from '../emulators/field-app';
import { startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { startQueueServices, type QueueServices } from '../../scripts/queue-services';
import {
	TEMPLATE_SYNC_SECRET,
	templateCredentials,
	wireTemplate,
	type Json,
} from './template-harness';

export interface QueueEnvironment {
	main: N8nServer;
	workers: N8nServer[];
	/** The webhook processes; the first answers the Sync Webhook triggers. */
	webhooks: N8nServer[];
	services: QueueServices;
	qbo: QboEmulator;
	app: FieldAppEmulator;
	realmId: string;
	/** Starts a production run through the Sync Webhook; resolves when n8n accepted it. */
	trigger(workflowId: string): Promise<void>;
	/** Waits for `count` executions of the workflow that were not finished before, and returns them with their data. */
	finished(workflowId: string, known: Set<string>, count?: number): Promise<Json[]>;
	executionIds(workflowId: string): Promise<Set<string>>;
	/** The worker whose log says it started this execution. */
	workerOf(executionId: string): number | undefined;
	stop(): Promise<void>;
}

export async function startQueueEnvironment(
	templates: Json[],
	log: (line: string) => void,
	options: { workers?: number; webhooks?: number; credentials?: Json[] } = {},
): Promise<QueueEnvironment | { skipped: string }> {
	ensureRuntime();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-queue-'));
	const services = await startQueueServices(workDir, log);
	if ('skipped' in services) return services;
	const userFolder = path.join(workDir, 'n8n-user');
	const { tarball } = await packPackage(path.join(workDir, 'pkg'));
	await installPackage(userFolder, tarball);
	// Intuit's sandbox company: the items and tax codes the invoice and payment templates name.
	const qbo = await startQboEmulator({ port: 0, realms: [{}] });
	const realmId = qbo.realmIds[0];
	for (const [name, days] of [
		['Net 30', 30],
		['Net 15', 15],
	] as const)
		if (
			!qbo.admin
				.realm(realmId)
				.all('Term')
				.some((t) => t.Name === name)
		)
			qbo.admin.realm(realmId).create('Term', { Name: name, DueDays: days });
	const app = await startFieldApp({ port: 0, seed: false });

	const queueEnv = {
		...services.n8nEnv(),
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		// Nothing else chooses the store: the package finds n8n's Postgres by itself in queue mode.
	};
	const logFile = (name: string) => path.join(workDir, `${name}.log`);
	const main = await startN8n({
		userFolder,
		logFile: logFile('main'),
		logLevel: 'info',
		extraEnv: queueEnv,
	});
	const files = { credentials: path.join(workDir, 'credentials.json'), workflows: [] as string[] };
	fs.writeFileSync(
		files.credentials,
		JSON.stringify([...templateCredentials(qbo, realmId, app), ...(options.credentials ?? [])]),
	);
	for (const template of templates) {
		const file = path.join(workDir, `workflow-${String(template.id)}.json`);
		fs.writeFileSync(file, JSON.stringify(wireTemplate(template, app.url)));
		files.workflows.push(file);
	}
	for (const args of [
		['import:credentials', `--input=${files.credentials}`],
		...files.workflows.map((f) => ['import:workflow', `--input=${f}`]),
	]) {
		const result = await main.cli(args);
		if (result.code !== 0)
			throw new Error(`n8n ${args[0]} failed: ${result.stdout}${result.stderr}`);
	}
	for (const template of templates) {
		const activated = await main.publicApi('POST', `/workflows/${String(template.id)}/activate`);
		if (activated.status !== 200)
			throw new Error(`activating ${String(template.id)} failed: ${activated.text}`);
	}
	const workerCount = options.workers ?? 2;
	const webhookCount = options.webhooks ?? 1;
	const processes = await Promise.all([
		...Array.from({ length: webhookCount }, (_, i) =>
			startN8n({
				userFolder,
				logFile: logFile(`webhook-${i}`),
				logLevel: 'info',
				extraEnv: queueEnv,
				command: 'webhook',
			}),
		),
		...Array.from({ length: workerCount }, (_, i) =>
			startN8n({
				userFolder,
				logFile: logFile(`worker-${i}`),
				logLevel: 'info',
				extraEnv: queueEnv,
				command: 'worker',
				args: ['--concurrency=1'],
			}),
		),
	]);
	const webhooks = processes.slice(0, webhookCount);
	const workers = processes.slice(webhookCount);
	const webhook = webhooks[0];
	log(
		`queue mode: main ${main.url}, webhook processes ${webhooks.map((w) => w.url).join(', ')}, ${workers.length} workers (one execution at a time each)`,
	);

	const webhookIdOf = new Map<string, string>();
	for (const template of templates)
		webhookIdOf.set(
			String(template.id),
			String(
				(template.nodes as Json[]).find((n) => String(n.type).endsWith('.syncWebhook'))?.webhookId,
			),
		);
	let events = 0;

	async function executions(workflowId: string): Promise<Json[]> {
		return (
			((await main.publicApi('GET', `/executions?workflowId=${workflowId}&limit=100`)).json
				?.data as Json[] | undefined) ?? []
		);
	}

	return {
		main,
		workers,
		webhooks,
		services,
		qbo,
		app,
		realmId,
		async trigger(workflowId) {
			const url = `${webhook.url}/webhook/${webhookIdOf.get(workflowId)}/sync`;
			// The webhook process learns the workflow from the database a moment after activation.
			await waitFor(async () => (await fetch(url, { method: 'POST', body: '{}' })).status !== 404, {
				timeoutMs: 60_000,
				what: `the Sync Webhook of ${workflowId} on the webhook process`,
			});
			const answer = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-webhook-secret': TEMPLATE_SYNC_SECRET,
					'x-event-id': `queue-${workflowId}-${Date.now()}-${++events}`,
				},
				body: JSON.stringify({ sync: 'all' }),
			});
			if (answer.status !== 202 && answer.status !== 200)
				throw new Error(
					`the Sync Webhook of ${workflowId} answered ${answer.status}: ${await answer.text()}`,
				);
		},
		async executionIds(workflowId) {
			return new Set((await executions(workflowId)).map((e) => String(e.id)));
		},
		async finished(workflowId, known, count = 1) {
			let done: Json[] = [];
			await waitFor(
				async () => {
					done = (await executions(workflowId)).filter(
						(e) => !known.has(String(e.id)) && e.stoppedAt && e.status !== 'crashed',
					);
					return done.length >= count;
				},
				{
					timeoutMs: 10 * 60_000,
					intervalMs: 300,
					what: `${count} run(s) of ${workflowId} to end`,
				},
			);
			return await Promise.all(
				done
					.slice(0, count)
					.map(
						async (e) =>
							(await main.publicApi('GET', `/executions/${String(e.id)}?includeData=true`))
								.json as Json,
					),
			);
		},
		workerOf(executionId) {
			const index = workers.findIndex((w) =>
				new RegExp(`execution ${executionId}\\b`).test(fs.readFileSync(w.logFile, 'utf8')),
			);
			return index < 0 ? undefined : index;
		},
		async stop() {
			await Promise.all(processes.map((p) => p.stop()));
			await main.stop();
			await app.stop();
			await qbo.stop();
			await services.stop();
			if (!process.env.KEEP_E2E) fs.rmSync(workDir, { recursive: true, force: true });
			else log(`kept ${workDir}`);
		},
	};
}
