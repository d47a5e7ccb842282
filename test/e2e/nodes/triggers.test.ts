/**
 * The three triggers on a real n8n 2.x, published, against the QBO emulator: the emulator's
 * signed Intuit deliveries (legacy and CloudEvents) start executions with the right items exactly
 * once; a wrong signature gets 401 and no execution; a retried delivery is emitted once; changes
 * made while n8n is stopped are emitted after the restart by the catch-up, each once; the poll
 * trigger emits creates, updates and deletions; the Sync Webhook answers 400 / 202 / duplicate.
 */
import { createHmac } from 'node:crypto';
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
import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../../emulators/qbo';
import { qboCredential } from '../../support/credentials';

const PKG = 'n8n-nodes-quickbooks-sync';
const VERIFIER = 'e2e-verifier-token-0123456789abcdef';
const SYNC_SECRET = 'e2e-sync-secret-0123456789';
const log = (line: string) => process.stdout.write(`[e2e triggers] ${line}\n`);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const oauth = {
	quickBooksSyncOAuth2Api: { id: 'credQboEmulTrig1', name: 'QuickBooks (emulator)' },
};
function triggerWorkflow(id: string, name: string, node: Json): Json {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [{ id: `${id}-node`, name: 'Trigger', typeVersion: 1, position: [0, 0], ...node }],
		connections: {},
	};
}
const intuitNode = (webhookId: string, options: Json = {}) => ({
	type: `${PKG}.quickBooksSyncTrigger`,
	webhookId,
	parameters: {
		entities: ['Customer', 'Invoice', 'Item'],
		operations: ['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed'],
		companies: 'credential',
		options,
	},
	credentials: {
		...oauth,
		quickBooksSyncWebhookApi: { id: 'credIntuitVerif1', name: 'Intuit verifier' },
	},
});

const WORKFLOWS = {
	legacy: triggerWorkflow(
		'wfE2eIntuitLegcy',
		'E2E: Intuit legacy deliveries',
		intuitNode('e2e-intuit-legacy'),
	),
	cloudEvents: triggerWorkflow(
		'wfE2eIntuitCloud',
		'E2E: Intuit CloudEvents deliveries',
		intuitNode('e2e-intuit-cloudevents'),
	),
	catchUp: triggerWorkflow(
		'wfE2eIntuitCatch',
		'E2E: Intuit deliveries with catch-up',
		intuitNode('e2e-intuit-catchup', { catchUp: true }),
	),
	poll: triggerWorkflow('wfE2ePollTrigger', 'E2E: poll trigger', {
		type: `${PKG}.quickBooksSyncPollTrigger`,
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			entities: ['Vendor', 'Bill'],
			operations: ['Create', 'Update', 'Delete'],
			firstRun: 'now',
		},
		credentials: oauth,
	}),
	syncWebhook: triggerWorkflow('wfE2eSyncWebhook', 'E2E: Sync Webhook', {
		type: `${PKG}.syncWebhook`,
		webhookId: 'e2e-sync-webhook',
		parameters: {
			authentication: 'hmac',
			signatureHeader: 'X-FieldApp-Signature',
			timestampHeader: 'X-FieldApp-Timestamp',
			bodyShape: 'change',
			eventIdFrom: 'field',
			eventIdField: 'id',
		},
		credentials: { syncWebhookAuthApi: { id: 'credSyncWebhook1', name: 'Sync Webhook secret' } },
	}),
};

describe('e2e: triggers on a real n8n 2.x', () => {
	let workDir: string;
	let userFolder: string;
	let n8n: N8nServer;
	let emulator: QboEmulator;
	let realmId: string;

	const url = (webhookId: string, route: string) => `${n8n.url}/webhook/${webhookId}/${route}`;

	async function executions(workflowId: string): Promise<Json[]> {
		const res = await n8n.publicApi(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
		if (res.status !== 200) throw new Error(`executions: HTTP ${res.status} ${res.text}`);
		return res.json.data as Json[];
	}
	async function emittedItems(workflowId: string): Promise<Json[]> {
		const runs = await executions(workflowId);
		return runs.flatMap((run) =>
			(run.data?.resultData?.runData?.Trigger?.[0]?.data?.main?.[0] ?? []).map(
				(item: Json) => item.json,
			),
		);
	}
	async function waitForItems(
		workflowId: string,
		count: number,
		what: string,
		timeoutMs = 60_000,
	): Promise<Json[]> {
		return (await waitFor(
			async () => {
				const items = await emittedItems(workflowId);
				return items.length >= count ? items : false;
			},
			{ timeoutMs, intervalMs: 500, what },
		)) as Json[];
	}
	const settle = () => new Promise((resolve) => setTimeout(resolve, 2500));

	async function publish(workflowId: string, webhookId?: string, route?: string) {
		const res = await n8n.publicApi('POST', `/workflows/${workflowId}/activate`);
		if (res.status !== 200)
			throw new Error(`activate ${workflowId}: HTTP ${res.status} ${res.text}`);
		if (webhookId && route) {
			// 2.x registers published webhooks a moment after activation: wait until the URL stops answering 404
			await waitFor(
				async () =>
					(
						await fetch(url(webhookId, route), {
							method: 'POST',
							body: '{}',
							headers: { 'content-type': 'application/json' },
						})
					).status !== 404,
				{
					timeoutMs: 30_000,
					what: `${workflowId} to be published`,
				},
			);
		}
	}

	async function startServer(port?: number) {
		// A restart keeps the port: Intuit's subscription points at the URL.
		n8n = await startN8n({
			userFolder,
			logFile: path.join(workDir, 'n8n.log'),
			logLevel: 'info',
			port,
		});
		log(`n8n ready at ${n8n.url}`);
	}

	beforeAll(
		async () => {
			ensureRuntime();
			workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-triggers-'));
			userFolder = path.join(workDir, 'n8n-user');
			const { tarball } = await packPackage(path.join(workDir, 'pkg'));
			await installPackage(userFolder, tarball);
			emulator = await startQboEmulator({
				port: 0,
				realms: [{}, { seed: 'empty', companyName: 'Other company' }],
			});
			realmId = emulator.realmIds[0];
			const grant = emulator.admin.token(realmId);
			await startServer();
			const credentials = [
				{
					id: 'credQboEmulTrig1',
					name: 'QuickBooks (emulator)',
					type: 'quickBooksSyncOAuth2Api',
					data: qboCredential(emulator.url, realmId, {
						clientId: DEFAULT_CLIENT.clientId,
						clientSecret: DEFAULT_CLIENT.clientSecret,
						oauthTokenData: {
							access_token: String(grant.access_token),
							refresh_token: String(grant.refresh_token),
							token_type: 'bearer',
							expires_in: 3600,
							callbackQueryString: { realmId },
						},
					}),
				},
				{
					id: 'credIntuitVerif1',
					name: 'Intuit verifier',
					type: 'quickBooksSyncWebhookApi',
					data: { verifierToken: VERIFIER },
				},
				{
					id: 'credSyncWebhook1',
					name: 'Sync Webhook secret',
					type: 'syncWebhookAuthApi',
					data: { secret: SYNC_SECRET, user: '', password: '' },
				},
			];
			const files = {
				credentials: path.join(workDir, 'credentials.json'),
				workflows: path.join(workDir, 'workflows'),
			};
			fs.writeFileSync(files.credentials, JSON.stringify(credentials));
			fs.mkdirSync(files.workflows);
			for (const [key, workflow] of Object.entries(WORKFLOWS))
				fs.writeFileSync(path.join(files.workflows, `${key}.json`), JSON.stringify(workflow));
			for (const args of [
				['import:credentials', `--input=${files.credentials}`],
				['import:workflow', '--separate', `--input=${files.workflows}`],
			]) {
				const result = await n8n.cli(args);
				if (result.code !== 0)
					throw new Error(`n8n ${args[0]} failed: ${result.stdout}${result.stderr}`);
			}
			await publish(WORKFLOWS.legacy.id, 'e2e-intuit-legacy', 'intuit');
			await publish(WORKFLOWS.cloudEvents.id, 'e2e-intuit-cloudevents', 'intuit');
			await publish(WORKFLOWS.catchUp.id, 'e2e-intuit-catchup', 'intuit');
			await publish(WORKFLOWS.syncWebhook.id, 'e2e-sync-webhook', 'sync');
			// Active from the start: its first poll (on a minute boundary) only sets the position,
			// and happens while the other tests run (it watches vendors and bills, which they leave alone).
			await n8n.publicApi('POST', `/workflows/${WORKFLOWS.poll.id}/activate`);
			// the probes above were unsigned: answered 401, no execution
			for (const wf of [
				WORKFLOWS.legacy,
				WORKFLOWS.cloudEvents,
				WORKFLOWS.catchUp,
				WORKFLOWS.syncWebhook,
			])
				expect(await executions(wf.id)).toEqual([]);
			const retryTimeScale = 0.05; // Intuit's 0 s, 10 s, 20 s, 30 s, 5 min … become 0 s, 0.5 s, 1 s, 1.5 s, 15 s …
			emulator.admin.registerWebhook({
				url: url('e2e-intuit-legacy', 'intuit'),
				verifierToken: VERIFIER,
				format: 'legacy',
				intervalMs: 100,
				retryTimeScale,
			});
			emulator.admin.registerWebhook({
				url: url('e2e-intuit-cloudevents', 'intuit'),
				verifierToken: VERIFIER,
				format: 'cloudevents',
				contentType: 'application/cloudevents-batch+json',
				intervalMs: 100,
				retryTimeScale,
			});
			emulator.admin.registerWebhook({
				url: url('e2e-intuit-catchup', 'intuit'),
				verifierToken: VERIFIER,
				format: 'legacy',
				intervalMs: 100,
				retryTimeScale,
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.stop();
		if (workDir && !process.env.KEEP_E2E) fs.rmSync(workDir, { recursive: true, force: true });
	}, 60 * 1000);

	it("emits the emulator's signed deliveries in both formats, one item per change, exactly once", async () => {
		const realm = emulator.admin.realm(realmId);
		const amy = realm.create('Customer', { DisplayName: 'E2E Webhook Amy' });
		realm.update('Customer', {
			Id: amy.Id,
			SyncToken: amy.SyncToken,
			sparse: true,
			CompanyName: 'Amy Co',
		});
		emulator.admin.realm(emulator.realmIds[1]).create('Customer', { DisplayName: 'Other company' }); // not the credential's company
		await emulator.admin.webhooks.idle(20_000);

		for (const workflow of [WORKFLOWS.legacy, WORKFLOWS.cloudEvents]) {
			const items = await waitForItems(workflow.id, 2, `${workflow.name} to emit 2 items`);
			await settle();
			const final = await emittedItems(workflow.id);
			log(
				`${workflow.name}: ${JSON.stringify(final.map((i) => [i.entity, i.id, i.operation, i.eventId]))}`,
			);
			expect(final.map((i) => `${i.realmId}:${i.entity}:${i.id}:${i.operation}`)).toEqual([
				`${realmId}:Customer:${amy.Id}:Create`,
				`${realmId}:Customer:${amy.Id}:Update`,
			]);
			expect(items[0]).toEqual({
				realmId,
				entity: 'Customer',
				id: amy.Id,
				operation: 'Create',
				occurredAt: expect.stringMatching(/Z$/),
				eventId: expect.any(String),
			});
		}
		const delivered = emulator.admin.webhooks.deliveries.filter((d) => d.state === 'delivered');
		expect(delivered.length).toBeGreaterThanOrEqual(3);
		expect(
			delivered.every(
				(d) => d.attempts.at(-1)!.status === 200 && d.attempts.at(-1)!.durationMs < 3000,
			),
		).toBe(true);
	}, 120_000);

	it('answers a wrong signature with 401 and starts no execution; a retried delivery is emitted once', async () => {
		const body = JSON.stringify({
			eventNotifications: [
				{
					realmId,
					dataChangeEvent: {
						entities: [
							{
								name: 'Item',
								id: '1',
								operation: 'Update',
								lastUpdated: '2026-12-01T10:00:00-0800',
							},
						],
					},
				},
			],
		});
		const post = (signature: string) =>
			fetch(url('e2e-intuit-legacy', 'intuit'), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'intuit-signature': signature },
				body,
			});
		const wrong = await post(createHmac('sha256', 'not-the-token').update(body).digest('base64'));
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual({
			error: 'invalid_signature',
			message: 'the intuit-signature header does not match the body',
		});
		const good = createHmac('sha256', VERIFIER).update(body).digest('base64');
		expect((await post(good)).status).toBe(200);
		expect((await post(good)).status).toBe(200); // Intuit's retry of the same delivery
		await settle();
		const itemRuns = (await emittedItems(WORKFLOWS.legacy.id)).filter(
			(i) => i.entity === 'Item' && i.id === '1',
		);
		expect(itemRuns).toHaveLength(1);
		expect(fs.readFileSync(path.join(workDir, 'n8n.log'), 'utf8')).not.toContain(VERIFIER);
	}, 60_000);

	it('emits all 25 changes made while n8n was stopped after the restart, none twice', async () => {
		await waitForItems(
			WORKFLOWS.catchUp.id,
			1,
			'the catch-up workflow to have emitted the earlier changes',
		);
		const before = await emittedItems(WORKFLOWS.catchUp.id);
		await n8n.stop();
		log('n8n stopped; 25 changes in QuickBooks');
		const realm = emulator.admin.realm(realmId);
		const created = Array.from({ length: 25 }, (_, i) =>
			realm.create('Customer', { DisplayName: `E2E while down ${i}` }),
		);
		await new Promise((resolve) => setTimeout(resolve, 3000)); // deliveries fail and are retried
		await startServer(n8n.port);
		await waitForItems(
			WORKFLOWS.catchUp.id,
			before.length + 25,
			'the catch-up to emit the 25 changes',
			180_000,
		);
		await emulator.admin.webhooks.idle(60_000);
		await settle();
		const all = await emittedItems(WORKFLOWS.catchUp.id);
		const missedIds = created.map((c) => String(c.Id));
		const emittedMissed = all.filter((i) => missedIds.includes(String(i.id)));
		log(
			`catch-up emitted ${emittedMissed.length} of the 25, in ${(await executions(WORKFLOWS.catchUp.id)).length} executions`,
		);
		expect(emittedMissed.map((i) => i.id).sort()).toEqual([...missedIds].sort());
		expect(emittedMissed.every((i) => i.record && i.operation === 'Create')).toBe(true);
		const keys = all.map((i) => `${i.entity}:${i.id}:${i.operation}:${i.occurredAt}`);
		expect(new Set(keys).size).toBe(keys.length);
	}, 300_000);

	it('answers the Sync Webhook: 400 for a bad body, 202 and one execution for a good one, one execution per event id', async () => {
		const send = async (body: unknown) => {
			const raw = JSON.stringify(body);
			const stamp = String(Math.floor(Date.now() / 1000));
			const signature = `sha256=${createHmac('sha256', SYNC_SECRET).update(`${stamp}.${raw}`).digest('hex')}`;
			const res = await fetch(url('e2e-sync-webhook', 'sync'), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-fieldapp-timestamp': stamp,
					'x-fieldapp-signature': signature,
				},
				body: raw,
			});
			return { status: res.status, json: (await res.json()) as Json };
		};
		const record = {
			id: 'cus_0001',
			version: 2,
			updatedAt: '2026-11-22T06:03:54.945Z',
			deletedAt: null,
			name: 'Amy Lane',
			active: true,
		};
		const bad = await send({
			type: 'customers.updated',
			id: 'evt_bad',
			occurredAt: 'now',
			resource: 'customers',
			record: { ...record, version: 'two' },
		});
		expect(bad.status).toBe(400);
		expect(bad.json.issues).toEqual([
			{ path: 'occurredAt', message: expect.any(String) },
			{ path: 'record.version', message: expect.any(String) },
		]);
		const event = {
			type: 'customers.updated',
			id: 'evt_e2e_1',
			occurredAt: '2026-11-22T06:03:54.945Z',
			resource: 'customers',
			record,
		};
		expect(await send(event)).toEqual({
			status: 202,
			json: { accepted: true, duplicate: false, eventId: 'evt_e2e_1' },
		});
		expect((await send(event)).json).toMatchObject({ duplicate: true });
		await settle();
		const items = await emittedItems(WORKFLOWS.syncWebhook.id);
		expect(items).toEqual([
			expect.objectContaining({
				kind: 'change',
				eventId: 'evt_e2e_1',
				resource: 'customers',
				action: 'updated',
				recordId: 'cus_0001',
			}),
		]);
	}, 60_000);

	it('emits QuickBooks creates, updates and deletions from the poll trigger', async () => {
		// The first poll (activated in beforeAll) only starts the position; wait until n8n saved it.
		await waitFor(
			async () => {
				const wf = await n8n.publicApi('GET', `/workflows/${WORKFLOWS.poll.id}`);
				return JSON.stringify(wf.json?.staticData ?? {}).includes(realmId);
			},
			{ timeoutMs: 130_000, intervalMs: 1000, what: 'the first poll' },
		);
		const realm = emulator.admin.realm(realmId);
		const vendor = realm.create('Vendor', { DisplayName: 'E2E Poll Vendor' });
		realm.update('Vendor', {
			Id: vendor.Id,
			SyncToken: vendor.SyncToken,
			sparse: true,
			CompanyName: 'Poll Co',
		});
		const expense = realm.all('Account').find((a) => a.AccountType === 'Expense')!;
		const bill = realm.create('Bill', {
			VendorRef: { value: vendor.Id },
			Line: [
				{
					DetailType: 'AccountBasedExpenseLineDetail',
					Amount: 12,
					AccountBasedExpenseLineDetail: { AccountRef: { value: expense.Id } },
				},
			],
		});
		const created = realm.create('Bill', {
			VendorRef: { value: vendor.Id },
			Line: [
				{
					DetailType: 'AccountBasedExpenseLineDetail',
					Amount: 7,
					AccountBasedExpenseLineDetail: { AccountRef: { value: expense.Id } },
				},
			],
		});
		realm.delete('Bill', { Id: bill.Id, SyncToken: bill.SyncToken });
		const items = await waitForItems(
			WORKFLOWS.poll.id,
			3,
			'the poll trigger to emit the changes',
			130_000,
		);
		const summary = items.map((i) => `${i.entity}:${i.id}:${i.operation}`).sort();
		log(`poll trigger emitted ${JSON.stringify(summary)}`);
		expect(summary).toEqual(
			[`Bill:${bill.Id}:Delete`, `Bill:${created.Id}:Create`, `Vendor:${vendor.Id}:Create`].sort(),
		);
	}, 300_000);
});
