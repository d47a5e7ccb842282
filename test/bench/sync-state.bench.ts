/**
 * `npm run bench` (part): the sync state. (1) The two stores' cost per operation (the file of a
 * single n8n process, Postgres for queue mode) and whether overlapping updates survive (two
 * connection pools stand for two workers), and 10 000 links stored and read back (apps that
 * cannot keep links on their records). (2) The customers push template on a real n8n, regular
 * mode and queue mode (main + 2 workers + webhook process) side by side: 10 000 linked customers,
 * then an incremental run with 10 changes, with no open issue and with one (a customer whose name
 * belongs to a QuickBooks employee): QuickBooks reads and writes, and app records read.
 * Queue mode needs Postgres and Redis (see scripts/queue-services.js); without them that
 * column says why it was skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { postgresStateStore } from '../../nodes/shared/state/postgres-store';
import { recordFailure } from '../../nodes/shared/state/issue-queue';
import { stateStoreFor } from '../../nodes/shared/state/select';
import type { SyncStateStore } from '../../nodes/shared/state/store';
import template from '../../workflows-templates/customers-app-to-quickbooks.json';
import { startQueueEnvironment } from '../e2e/queue-harness';
import { startTemplateEnvironment, TEMPLATE_SYNC_SECRET, type Json } from '../e2e/template-harness';
import { waitFor, type N8nServer } from '../../scripts/n8n-server';
import type { FieldAppEmulator } from '../emulators/field-app';
import type { QboEmulator } from '../emulators/qbo';
import { startQueueServices } from '../../scripts/queue-services';

const CUSTOMERS = Number(process.env.BENCH_STATE_CUSTOMERS ?? 10_000);
const log = (line: string) => process.stderr.write(`[sync-state] ${line}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);

async function timeEach(count: number, task: (i: number) => Promise<unknown>): Promise<number> {
	const started = performance.now();
	for (let i = 0; i < count; i++) await task(i);
	return (performance.now() - started) / count;
}

async function storeFigures(
	name: string,
	store: SyncStateStore,
	twin: SyncStateStore | undefined,
): Promise<string[]> {
	const wf = `bench-${Date.now()}`;
	const workflow = { id: wf, name: 'bench' };
	const failure = (i: number) => ({
		resource: 'customers',
		appId: `cus_${i}`,
		code: '6240',
		message: 'Duplicate Name Exists Error',
		fix: 'Rename',
		fingerprint: 'sha256:x',
	});
	const cursor = await timeEach(200, (i) =>
		store.advanceCursor(wf, 'customer', new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()),
	);
	const issue = await timeEach(200, (i) =>
		store.updateIssues({ workflowId: wf, keys: [`${wf}|customers|cus_${i % 50}`] }, (current) => [
			recordFailure(current[0], failure(i % 50), workflow, new Date()),
		]),
	);
	await store.updateIssues({ workflowId: wf }, () =>
		Array.from({ length: 1000 }, (_, i) =>
			recordFailure(undefined, failure(1000 + i), workflow, new Date()),
		),
	);
	const list = await timeEach(20, () => store.listIssues({ workflowId: wf, statuses: ['open'] }));
	// 100 increments of one issue, half through each of two stores (two processes), all at once.
	const key = `${wf}|customers|cus_race`;
	const stores = [store, twin ?? store];
	await Promise.all(
		Array.from({ length: 100 }, (_, i) =>
			stores[i % 2].updateIssues({ keys: [key] }, (current) => [
				recordFailure(current[0], { ...failure(0), appId: 'cus_race' }, workflow, new Date()),
			]),
		),
	);
	const attempts = (await store.listIssues({ keys: [key] }))[0]?.attempts ?? 0;
	// Links kept in n8n (apps that cannot store them): one run's 10 000 links stored, then read back as the next run attaches them.
	const links = Array.from({ length: 10_000 }, (_, i) => ({
		resource: 'customers',
		appId: `cus_${i}`,
		body: {
			qboId: String(i + 1),
			qboSyncToken: '0',
			fingerprint: `sha256:${i}`,
			syncedAt: new Date().toISOString(),
			syncError: null,
		},
	}));
	const linksStarted = performance.now();
	await store.putLinks(wf, links);
	const stored = performance.now() - linksStarted;
	const read = await timeEach(1, () =>
		store.getLinks(
			wf,
			'customers',
			links.map((l) => l.appId),
		),
	);
	return [
		name,
		`${cursor.toFixed(2)} ms`,
		`${issue.toFixed(2)} ms`,
		`${list.toFixed(1)} ms`,
		`${stored.toFixed(0)} / ${read.toFixed(0)} ms`,
		twin ? `${attempts} of 100 kept` : `${attempts} of 100 kept (one process)`,
	];
}

interface Incremental {
	noIssue: Json;
	oneIssue: Json;
	skipped?: string;
}

/** 10 000 customers equal on both sides, linked by a first run; then 10 edits, with no issue and with one. */
async function incrementalRuns(
	qbo: QboEmulator,
	realmId: string,
	app: FieldAppEmulator,
	run: () => Promise<Json>,
): Promise<Incremental> {
	const realm = qbo.admin.realm(realmId);
	realm.create('Employee', {
		DisplayName: 'Dana Whitfield',
		GivenName: 'Dana',
		FamilyName: 'Whitfield',
	});
	for (let i = 0; i < CUSTOMERS; i++) {
		const name = `State Customer ${String(i).padStart(5, '0')}`;
		realm.create('Customer', {
			DisplayName: name,
			PrimaryEmailAddr: { Address: `state${i}@example.com` },
		});
		app.state.app.create('customers', { name, billingEmail: `state${i}@example.com` });
	}
	log(`first run links ${CUSTOMERS} customers`);
	await run();
	const edit = async (tag: string) => {
		const some = [
			...app.state.store.list('customers', { limit: 500, includeDeleted: false, filters: {} }).data,
		].slice(0, 10);
		for (const c of some)
			app.state.app.update('customers', c.id, {
				version: c.version,
				phone: `(650) 555-${tag}${String(some.indexOf(c)).padStart(2, '0')}`,
			});
	};
	await edit('01');
	const noIssue = await run();
	app.state.app.create('customers', {
		name: 'Dana Whitfield',
		billingEmail: 'dana@whitfield.example',
	});
	await run(); // QuickBooks refuses it once (6240): now one open issue
	await edit('02');
	const oneIssue = await run();
	return { noIssue, oneIssue };
}

const cost = (qbo: QboEmulator, run: () => Promise<Json>) => async () => {
	const before = { ...qbo.admin.counters };
	const summary = await run();
	return {
		reads: qbo.admin.counters.corePlus - before.corePlus,
		writes: qbo.admin.counters.core - before.core,
		appRecords: summary.records,
		updated: summary.updated,
		issuesWaiting: summary.issuesWaiting,
	};
};

/** Production runs through the template's Sync Webhook, read back from n8n's public API (a 10 000-record run is too big for `n8n execute`'s printout). */
async function servedRuns(n8n: N8nServer, webhookBase: string): Promise<() => Promise<Json>> {
	const workflowId = String(template.id);
	const activated = await n8n.publicApi('POST', `/workflows/${workflowId}/activate`);
	if (activated.status !== 200) throw new Error(`activate: ${activated.text}`);
	const webhookId = String(
		(template.nodes as Json[]).find((n) => String(n.type).endsWith('.syncWebhook'))?.webhookId,
	);
	const url = `${webhookBase}/webhook/${webhookId}/sync`;
	await waitFor(async () => (await fetch(url, { method: 'POST', body: '{}' })).status !== 404, {
		timeoutMs: 60_000,
		what: 'the Sync Webhook',
	});
	const ids = async () =>
		new Set(
			(
				((await n8n.publicApi('GET', `/executions?workflowId=${workflowId}&limit=100`)).json
					?.data as Json[]) ?? []
			)
				.filter((e) => e.stoppedAt)
				.map((e) => String(e.id)),
		);
	let events = 0;
	return async () => {
		const known = await ids();
		const answer = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-webhook-secret': TEMPLATE_SYNC_SECRET,
				'x-event-id': `bench-state-${Date.now()}-${++events}`,
			},
			body: JSON.stringify({ sync: 'all' }),
		});
		if (answer.status !== 202 && answer.status !== 200)
			throw new Error(`Sync Webhook answered ${answer.status}`);
		let id: string | undefined;
		await waitFor(async () => (id = [...(await ids())].find((e) => !known.has(e))) !== undefined, {
			timeoutMs: 30 * 60_000,
			intervalMs: 500,
			what: 'the run to end',
		});
		const execution = (await n8n.publicApi('GET', `/executions/${id}?includeData=true`))
			.json as Json;
		return (
			execution.data?.resultData?.runData?.['Run summary']?.[0]?.data?.main?.[0]?.[0]?.json ?? {}
		);
	};
}

async function regularMode(): Promise<Incremental> {
	const env = await startTemplateEnvironment(template, {
		log,
		qboSeed: 'empty',
		appSeed: false,
		prepareQuickBooks: (qbo, realmId) =>
			qbo.admin.realm(realmId).create('Term', { Name: 'Net 30', DueDays: 30 }),
	});
	try {
		return await incrementalRuns(
			env.qbo,
			env.realmId,
			env.app,
			cost(env.qbo, await servedRuns(env.n8n, env.n8n.url)),
		);
	} finally {
		await env.stop();
	}
}

async function queueMode(): Promise<Incremental> {
	const env = await startQueueEnvironment([template], log);
	if ('skipped' in env) return { noIssue: {}, oneIssue: {}, skipped: env.skipped };
	try {
		return await incrementalRuns(
			env.qbo,
			env.realmId,
			env.app,
			cost(env.qbo, await servedRuns(env.main, env.webhooks[0].url)),
		);
	} finally {
		await env.stop();
	}
}

async function main(): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbsync-state-bench-'));
	const rows = [
		await storeFigures(
			'file (one n8n process)',
			stateStoreFor({ QUICKBOOKS_SYNC_STATE: `file:${path.join(dir, 'state.json')}` }),
			undefined,
		),
	];
	const services = await startQueueServices(dir, log);
	if ('skipped' in services)
		rows.push(['Postgres', `skipped: ${services.skipped}`, '', '', '', '']);
	else {
		const pg = {
			host: services.postgres.host,
			port: services.postgres.port,
			user: services.postgres.user,
			database: services.postgres.database,
		};
		rows.push(
			await storeFigures(
				'Postgres (queue mode)',
				postgresStateStore({ ...pg, application_name: 'worker-a' }, 'bench a'),
				postgresStateStore({ ...pg, application_name: 'worker-b' }, 'bench b'),
			),
		);
		await services.stop();
	}
	const regular = await regularMode();
	const queue = await queueMode();

	out(
		`\nSync state stores (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}): mean time per operation, and 100 overlapping increments of one issue`,
	);
	out(
		[
			'store'.padEnd(26),
			'advance cursor'.padStart(15),
			'record issue'.padStart(13),
			'list 1 000'.padStart(11),
			'10k links put / get'.padStart(20),
			'  overlapping updates',
		].join(' '),
	);
	for (const r of rows)
		out(
			[
				r[0].padEnd(26),
				r[1].padStart(15),
				r[2].padStart(13),
				r[3].padStart(11),
				r[4].padStart(20),
				`  ${r[5]}`,
			].join(' '),
		);
	out(
		`\nCustomers push template, incremental run: 10 changed among ${CUSTOMERS.toLocaleString('en-US')} linked customers (QuickBooks reads are metered; writes are free)`,
	);
	out(
		['run'.padEnd(40), 'regular mode'.padStart(34), 'queue mode (2 workers)'.padStart(34)].join(
			' ',
		),
	);
	const fmt = (c: Json, skipped?: string) =>
		skipped
			? `skipped: ${skipped}`.slice(0, 34)
			: `${c.reads} reads, ${c.writes} writes, ${c.appRecords} app rec.`;
	out(
		[
			'no open issue'.padEnd(40),
			fmt(regular.noIssue).padStart(34),
			fmt(queue.noIssue, queue.skipped).padStart(34),
		].join(' '),
	);
	out(
		[
			'one open issue (6240, not re-sent)'.padEnd(40),
			fmt(regular.oneIssue).padStart(34),
			fmt(queue.oneIssue, queue.skipped).padStart(34),
		].join(' '),
	);
	fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	},
);
