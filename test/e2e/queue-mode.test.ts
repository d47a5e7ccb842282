/**
 * The customers push, invoices push and payments templates in n8n's queue mode (Postgres, Redis,
 * main, two workers, two webhook processes), run as production executions on the workers through
 * their Sync Webhook. Workers start
 * every execution with empty workflow static data; the sync state lives in n8n's own Postgres, which
 * the package finds by itself. Shown: the second run of each is incremental (no QuickBooks call; for
 * customers a handful of app records instead of all); a customer QuickBooks refuses is queued once and not re-sent; two
 * overlapping runs on the two workers create each customer once; a worker killed with SIGKILL in the
 * middle of a run leaves nothing lost or doubled once the next run has finished, and the issue queue
 * intact; one Intuit delivery that reaches both webhook processes (a retry behind a load balancer)
 * runs at most twice and writes its payment once (the write's request id comes from the customer);
 * the links of an app that cannot store them, kept in that Postgres by overlapping runs, all kept.
 * Where Postgres or Redis cannot run (no packages and no way to install them), the suite is
 * reported as skipped.
 */
import { createHmac } from 'node:crypto';

import { Client } from 'pg';

import { waitFor } from '../../scripts/n8n-server';
import { ensureQueueServices } from '../../scripts/queue-services';
import template from '../../workflows-templates/customers-app-to-quickbooks.json';
import invoicesTemplate from '../../workflows-templates/invoices-app-to-quickbooks.json';
import paymentsTemplate from '../../workflows-templates/payments-one-direction.json';
import { postgresStateStore } from '../../nodes/shared/state/postgres-store';
import { fieldAppCall } from '../support/emulator-client';
import { expectedLinkRuns, overlappingLinkRuns } from '../support/link-store-checks';
import { buildInvoiceFixture, type InvoiceFixture } from '../support/invoice-fixture';
import { startQueueEnvironment, type QueueEnvironment } from './queue-harness';
import type { Json } from './template-harness';

const log = (line: string) => process.stdout.write(`[e2e queue] ${line}\n`);
const WORKFLOW = String(template.id);
const VERIFIER = 'queue-verifier-token-0123456789abcdef';

/** A workflow that writes money on an Intuit event: a new QuickBooks customer gets its sign-up deposit recorded, with a key per customer. */
const DEPOSIT = {
	id: 'wfQueueDeposit01',
	name: 'New QuickBooks customer → record the sign-up deposit',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'dep-trigger',
			name: 'QuickBooks changes',
			type: 'n8n-nodes-quickbooks-sync.quickBooksSyncTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'queue-intuit-deposit',
			parameters: {
				entities: ['Customer'],
				operations: ['Create'],
				companies: 'credential',
				options: {},
			},
			credentials: {
				quickBooksSyncOAuth2Api: { id: 'credQboTemplate1', name: 'QuickBooks' },
				quickBooksSyncWebhookApi: { id: 'credIntuitQueue1', name: 'Intuit verifier' },
			},
		},
		{
			id: 'dep-payment',
			name: 'Record the deposit',
			type: 'n8n-nodes-quickbooks-sync.quickBooksSync',
			typeVersion: 1,
			position: [300, 0],
			parameters: {
				resource: 'payment',
				operation: 'create',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				amount: 25,
				additionalFields: { privateNote: 'Sign-up deposit' },
				idempotencyKey: "={{ 'signup-deposit:' + $json.realmId + ':' + $json.id }}",
			},
			credentials: { quickBooksSyncOAuth2Api: { id: 'credQboTemplate1', name: 'QuickBooks' } },
		},
	],
	connections: {
		'QuickBooks changes': { main: [[{ node: 'Record the deposit', type: 'main', index: 0 }]] },
	},
};

/** Decided before the tests are listed, so a machine that cannot run queue mode reports them as skipped, never as passed. */
const unavailable = ensureQueueServices(log);
if (unavailable) log(`queue mode SKIPPED: ${unavailable}`);

let env: QueueEnvironment;

beforeAll(
	async () => {
		if (unavailable) return;
		const started = await startQueueEnvironment(
			[template, invoicesTemplate, paymentsTemplate, DEPOSIT],
			log,
			{
				webhooks: 2,
				credentials: [
					{
						id: 'credIntuitQueue1',
						name: 'Intuit verifier',
						type: 'quickBooksSyncWebhookApi',
						data: { verifierToken: VERIFIER },
					},
				],
			},
		);
		if ('skipped' in started) throw new Error(`queue mode could not start: ${started.skipped}`);
		env = started;
	},
	20 * 60 * 1000,
);

afterAll(async () => await env?.stop(), 120_000);

const queueIt = (name: string, fn: (env: QueueEnvironment) => Promise<void>, timeout: number) =>
	(unavailable ? it.skip : it)(name, async () => await fn(env), timeout);

const summaryOf = (execution: Json): Json =>
	execution.data?.resultData?.runData?.['Run summary']?.[0]?.data?.main?.[0]?.[0]?.json ?? {};
const qboCustomers = (e: QueueEnvironment) => e.qbo.admin.realm(e.realmId).all('Customer');
// QuickBooks API writes tried (refused ones too); token refreshes are not writes.
const qboWriteAttempts = (e: QueueEnvironment) =>
	e.qbo.admin.log.filter(
		(x) =>
			x.method === 'POST' &&
			!x.endpoint.includes('query') &&
			!x.endpoint.includes('oauth') &&
			!x.endpoint.includes('token'),
	).length;
async function appCustomers(e: QueueEnvironment): Promise<Json[]> {
	const out: Json[] = [];
	let cursor: string | null = null;
	do {
		const page = (await (
			await fetch(`${e.app.url}/v1/customers?limit=500${cursor ? `&cursor=${cursor}` : ''}`, {
				headers: { 'x-api-key': e.app.apiKey },
			})
		).json()) as Json;
		out.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return out;
}
async function storedIssues(e: QueueEnvironment): Promise<Json[]> {
	const client = new Client({ ...e.services.postgres });
	await client.connect();
	try {
		return (await client.query('SELECT issue FROM quickbooks_sync_issues ORDER BY key')).rows.map(
			(r) => r.issue as Json,
		);
	} finally {
		await client.end();
	}
}
async function runOnce(
	e: QueueEnvironment,
	workflowId = WORKFLOW,
): Promise<{ summary: Json; worker: number | undefined; execution: Json }> {
	const known = await e.executionIds(workflowId);
	await e.trigger(workflowId);
	const [execution] = await e.finished(workflowId, known);
	const summary = summaryOf(execution);
	log(
		`${workflowId} run ${String(execution.id)} on worker ${String(e.workerOf(String(execution.id)))}: ${JSON.stringify(summary)}`,
	);
	return { summary, worker: e.workerOf(String(execution.id)), execution };
}
/** A run on a worker, then the same template again with nothing changed: the second reads and writes nothing in QuickBooks. */
async function twiceOnWorkers(
	e: QueueEnvironment,
	workflowId: string,
): Promise<{ first: Json; second: Json; secondCalls: string[] }> {
	const first = await runOnce(e, workflowId);
	const before = e.qbo.admin.log.length;
	const second = await runOnce(e, workflowId);
	expect([first.worker, second.worker]).toEqual([expect.any(Number), expect.any(Number)]);
	const secondCalls = e.qbo.admin.log
		.slice(before)
		.map((x) => `${x.method} ${x.endpoint} ${x.status}`);
	expect(secondCalls.filter((c) => c.startsWith('POST') && !c.includes('query'))).toEqual([]); // nothing written
	return { first: first.summary, second: second.summary, secondCalls };
}

describe('e2e: queue mode (main + 2 workers + 2 webhook processes, Postgres, Redis)', () => {
	let refusedId = '';
	let firstCursor = '';

	queueIt(
		'run 1 on a worker syncs 150 customers and queues the one QuickBooks refuses (6240)',
		async (e) => {
			e.qbo.admin.realm(e.realmId).create('Employee', {
				DisplayName: 'Dana Whitfield',
				GivenName: 'Dana',
				FamilyName: 'Whitfield',
			});
			// Sizes keep the whole file under QuickBooks' 500 requests a minute (batch items count): no run waits for the limit.
			for (let i = 0; i < 150; i++)
				e.app.state.app.create('customers', {
					name: `Queue Customer ${String(i).padStart(3, '0')}`,
					billingEmail: `queue${i}@example.com`,
				});
			refusedId = String(
				e.app.state.app.create('customers', {
					name: 'Dana Whitfield',
					billingEmail: 'dana@whitfield.example',
				}).id,
			);
			const { summary, worker } = await runOnce(e);
			firstCursor = String(summary.safeCursor);
			expect(worker).toEqual(expect.any(Number)); // a worker ran it, not the main process
			expect(summary).toMatchObject({ created: 150, issues: 1 });
			expect(await storedIssues(e)).toEqual([
				expect.objectContaining({
					workflowId: WORKFLOW,
					appId: refusedId,
					code: '6240',
					attempts: 1,
					status: 'open',
				}),
			]);
		},
		300_000,
	);

	queueIt(
		'run 2, nothing changed, on a worker that starts with empty static data: incremental, no QuickBooks call, nothing re-sent',
		async (e) => {
			const before = { ...e.qbo.admin.counters, log: e.qbo.admin.log.length };
			const { summary } = await runOnce(e);
			expect(e.qbo.admin.counters.corePlus - before.corePlus).toBe(0);
			expect(e.qbo.admin.log.slice(before.log).map((x) => `${x.endpoint} ${x.status}`)).toEqual([]);
			expect(summary).toMatchObject({
				created: 0,
				updated: 0,
				issues: 0,
				qboReads: 0,
				qboWrites: 0,
			});
			// Only the records at the cursor's boundary (updatedSince is inclusive: those sharing its millisecond) come again, not all 151.
			const boundary = (await appCustomers(e)).filter((c) => c.updatedAt >= firstCursor);
			expect(summary.records + summary.issuesWaiting).toBe(boundary.length);
			expect(boundary.length).toBeLessThan(151);
			expect((await storedIssues(e))[0]).toMatchObject({ attempts: 1 });
		},
		300_000,
	);

	queueIt(
		'two overlapping runs on the two workers create each of 60 new customers once',
		async (e) => {
			for (let i = 0; i < 60; i++)
				e.app.state.app.create('customers', {
					name: `Overlap Customer ${String(i).padStart(3, '0')}`,
					billingEmail: `overlap${i}@example.com`,
				});
			const known = await e.executionIds(WORKFLOW);
			await Promise.all([e.trigger(WORKFLOW), e.trigger(WORKFLOW)]);
			const runs = await e.finished(WORKFLOW, known, 2);
			const workers = runs.map((r) => e.workerOf(String(r.id)));
			log(
				`overlapping runs on workers ${JSON.stringify(workers)}: ${runs.map((r) => JSON.stringify(summaryOf(r))).join(' / ')}`,
			);
			expect(new Set(workers).size).toBe(2);
			const names = qboCustomers(e)
				.filter((q) => q.DisplayName.startsWith('Overlap Customer '))
				.map((q) => q.DisplayName);
			expect(names).toHaveLength(60);
			expect(new Set(names).size).toBe(60);
			expect(
				(await appCustomers(e))
					.filter((c) => c.name.startsWith('Overlap Customer '))
					.every((c) => typeof c.qboId === 'string'),
			).toBe(true);
			expect(
				(await storedIssues(e)).filter((i) => i.status === 'open').map((i) => i.appId),
			).toEqual([refusedId]);
		},
		600_000,
	);

	queueIt(
		'the Intuit webhook trigger behind two webhook processes: a retried delivery reaching both emits at most twice, and the deposit is written once',
		async (e) => {
			const customer = e.qbo.admin
				.realm(e.realmId)
				.create('Customer', { DisplayName: 'Deposit Customer' });
			const body = JSON.stringify({
				eventNotifications: [
					{
						realmId: e.realmId,
						dataChangeEvent: {
							entities: [
								{
									name: 'Customer',
									id: customer.Id,
									operation: 'Create',
									lastUpdated: new Date().toISOString(),
								},
							],
						},
					},
				],
			});
			const signature = createHmac('sha256', VERIFIER).update(body).digest('base64');
			const urls = e.webhooks.map((w) => `${w.url}/webhook/queue-intuit-deposit/intuit`);
			for (const url of urls)
				await waitFor(
					async () => (await fetch(url, { method: 'POST', body: '{}' })).status !== 404,
					{ timeoutMs: 60_000, what: `the Intuit trigger on ${url}` },
				);
			const known = await e.executionIds(DEPOSIT.id);
			const replayedBefore = e.qbo.admin.counters.replayed;
			// Intuit retries a delivery it thinks failed; behind a load balancer the retry reaches the other process.
			const answers = await Promise.all(
				urls.map((url) =>
					fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json', 'intuit-signature': signature },
						body,
					}),
				),
			);
			expect(answers.map((a) => a.status)).toEqual([200, 200]);
			const first = await e.finished(DEPOSIT.id, known);
			await new Promise((resolve) => setTimeout(resolve, 3000)); // a second emission, if any, has ended too
			const runs = [...(await e.executionIds(DEPOSIT.id))].filter((id) => !known.has(id));
			log(
				`one delivery at both webhook processes: ${runs.length} execution(s); QuickBooks replayed ${e.qbo.admin.counters.replayed - replayedBefore} write(s)`,
			);
			expect(first).toHaveLength(1);
			expect(runs.length).toBeLessThanOrEqual(2);
			const deposits = e.qbo.admin
				.realm(e.realmId)
				.all('Payment')
				.filter((p) => p.CustomerRef?.value === customer.Id);
			expect(deposits).toHaveLength(1);
			expect(deposits[0]).toMatchObject({ TotalAmt: 25, PrivateNote: 'Sign-up deposit' });
		},
		300_000,
	);

	queueIt(
		'a worker killed with SIGKILL mid-run: the next run finishes the work, nothing lost, nothing doubled, the issue queue intact',
		async (e) => {
			for (let i = 0; i < 200; i++)
				e.app.state.app.create('customers', {
					name: `Crash Customer ${String(i).padStart(3, '0')}`,
					billingEmail: `crash${i}@example.com`,
				});
			const known = await e.executionIds(WORKFLOW);
			const writesBefore = qboWriteAttempts(e);
			// The app answers its link writes slowly, so the kill lands in the window a crash makes
			// dangerous: QuickBooks has created the customers, the app does not have their links yet.
			e.app.state.faults.add({
				kind: 'slow',
				method: 'PUT',
				path: '/sync',
				percent: 100,
				delayMs: 300,
			});
			await e.trigger(WORKFLOW);
			let victim: number | undefined;
			const crashCustomers = () =>
				qboCustomers(e).filter((q) => q.DisplayName.startsWith('Crash Customer ')).length;
			await waitFor(
				async () => {
					const running = [...(await e.executionIds(WORKFLOW))].filter((id) => !known.has(id));
					victim = running.map((id) => e.workerOf(id)).find((w) => w !== undefined);
					return victim !== undefined && crashCustomers() === 200;
				},
				{
					timeoutMs: 120_000,
					intervalMs: 50,
					what: 'the run on a worker to have created the customers in QuickBooks',
				},
			);
			e.workers[victim!].kill();
			e.app.state.faults.clear();
			const linked = (await appCustomers(e)).filter(
				(c) => c.name.startsWith('Crash Customer ') && c.qboId,
			).length;
			log(
				`killed worker ${victim!} after ${qboWriteAttempts(e) - writesBefore} QuickBooks writes (200 customers created, ${linked} of them linked in the app)`,
			);
			expect(linked).toBeLessThan(200);

			const afterKill = await e.executionIds(WORKFLOW);
			await e.trigger(WORKFLOW);
			await e.finished(WORKFLOW, afterKill);
			const names = qboCustomers(e)
				.filter((q) => q.DisplayName.startsWith('Crash Customer '))
				.map((q) => q.DisplayName);
			expect(names).toHaveLength(200);
			expect(new Set(names).size).toBe(200);
			expect(
				(await appCustomers(e))
					.filter((c) => c.name.startsWith('Crash Customer '))
					.every((c) => typeof c.qboId === 'string'),
			).toBe(true);
			expect(await storedIssues(e)).toEqual([
				expect.objectContaining({ appId: refusedId, status: 'open', attempts: 1 }),
			]);
		},
		600_000,
	);

	let fixture: InvoiceFixture;
	queueIt(
		'the invoices push on the workers (one left): the invoices marked for sync once, then nothing read or written',
		async (e) => {
			fixture = await buildInvoiceFixture(
				e.qbo,
				e.realmId,
				fieldAppCall(() => e.app),
			);
			const { first, second, secondCalls } = await twiceOnWorkers(e, String(invoicesTemplate.id));
			expect(first).toMatchObject({ resource: 'invoices', created: 2, issues: 0 });
			expect(second).toMatchObject({
				created: 0,
				updated: 0,
				voided: 0,
				qboReads: 0,
				qboWrites: 0,
			});
			expect(secondCalls).toEqual([]);
			const linked = await fieldAppCall(() => e.app)(
				'GET',
				`/v1/invoices/${fixture.invoices.lines.id}`,
			);
			expect(linked).toMatchObject({ status: 'unpaid', qboId: expect.any(String) });
		},
		300_000,
	);

	queueIt(
		'the payments sync (app → QuickBooks) on the workers (one left): a payment recorded once, then nothing written',
		async (e) => {
			const appCall = fieldAppCall(() => e.app);
			const invoice = await appCall('GET', `/v1/invoices/${fixture.invoices.lines.id}`);
			const payment = await appCall('POST', '/v1/payments', {
				customerId: fixture.customers.taxed.id,
				date: '2026-11-25',
				amount: 50,
				method: 'check',
				reference: '7001',
				applications: [{ invoiceId: invoice.id, amount: 50 }],
			});
			const { first, second, secondCalls } = await twiceOnWorkers(e, String(paymentsTemplate.id));
			expect(first).toMatchObject({ resource: 'payments', created: 1, issues: 0 });
			expect(second).toMatchObject({ created: 0, qboWrites: 0 });
			log(`payments, second run's QuickBooks calls: ${JSON.stringify(secondCalls)}`);
			const qboId = (await appCall('GET', `/v1/payments/${payment.id}`)).qboId;
			expect(e.qbo.admin.realm(e.realmId).get('Payment', qboId)).toMatchObject({
				TotalAmt: 50,
				PaymentRefNum: '7001',
			});
		},
		300_000,
	);

	queueIt(
		"links kept in n8n's Postgres for an app that cannot store them: every link of 20 overlapping runs on two workers' pools kept",
		async (e) => {
			const pg = {
				host: e.services.postgres.host,
				port: e.services.postgres.port,
				user: e.services.postgres.user,
				database: e.services.postgres.database,
			};
			const workers = [
				postgresStateStore({ ...pg, application_name: 'links-worker-a' }, 'worker a'),
				postgresStateStore({ ...pg, application_name: 'links-worker-b' }, 'worker b'),
			];
			expect(await overlappingLinkRuns(workers[0], workers[1], 'links-e2e')).toEqual(
				expectedLinkRuns,
			);
		},
		60_000,
	);
});
