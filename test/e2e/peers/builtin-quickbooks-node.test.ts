/**
 * n8n's built-in QuickBooks node, through its real code on a real n8n, against the QBO emulator (its
 * Intuit hosts steered by the local HTTPS proxy). What it sends, read from n8n-nodes-base 2.41.1's
 * `GenericFunctions.js`, is what real QuickBooks has answered for years:
 * - `SELECT COUNT(*) FROM customer`, then `SELECT * FROM customer MAXRESULTS 1000 STARTPOSITION n`
 *   (lower-case entity, MAXRESULTS first: quickbooks-api-notes.md §4; its own test fixture mocks exactly that);
 * - update and delete as a GET for the SyncToken, then the POST;
 * - a refresh at Intuit's token endpoint when the access token is refused (401).
 * Before the emulator took queries in any case and order, every Get Many and dropdown failed here.
 * The filtered Get Many returning nothing is the built-in node's own bug (its unfiltered count drives
 * the paging; docs/quickbooks-api-notes.md §4, §11; README "Side by side"), shown here against the emulator's right answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureRuntime, startN8n, type N8nServer } from '../../../scripts/n8n-server';
import { NO_LIMITS } from '../../support/emulator-client';
import { startQboEmulator, type QboEmulator } from '../../emulators/qbo';
import {
	BUILTIN_CREDENTIAL,
	builtinCredential,
	builtinNode,
	importIntoN8n,
	nodeError,
	nodeOutput,
} from '../../support/builtin-quickbooks';
import { startIntuitProxy, type IntuitProxy } from '../../support/intuit-proxy';
import { executeWorkflow, type Json } from '../template-harness';

let qbo: QboEmulator;
let proxy: IntuitProxy;
let n8n: N8nServer;
let realmId: string;
let workDir: string;

const WORKFLOW_ID = 'wfBuiltinQbo0001';

/** One run that uses the node the ways users do, each step once. */
function workflow(itemId: string): Json {
	const once = { executeOnce: true, alwaysOutputData: true };
	const steps = [
		builtinNode(
			'Get all customers',
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: {} },
			[200, 0],
			once,
		),
		builtinNode(
			'Get customers by filter',
			{
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				filters: { query: "WHERE DisplayName = 'Cool Cars'" },
			},
			[400, 0],
			once,
		),
		builtinNode(
			'Get 5 items',
			{ resource: 'item', operation: 'getAll', returnAll: false, limit: 5, filters: {} },
			[600, 0],
			once,
		),
		builtinNode(
			'Create customer',
			{
				resource: 'customer',
				operation: 'create',
				displayName: 'Built-in Node Co',
				additionalFields: { PrimaryEmailAddr: 'builtin@example.com' },
			},
			[800, 0],
			once,
		),
		builtinNode(
			'Update customer',
			{
				resource: 'customer',
				operation: 'update',
				customerId: "={{ $('Create customer').first().json.Id }}",
				updateFields: { CompanyName: 'Renamed By Built-in' },
			},
			[1000, 0],
			once,
		),
		builtinNode(
			'Create invoice',
			{
				resource: 'invoice',
				operation: 'create',
				CustomerRef: "={{ $('Create customer').first().json.Id }}",
				Line: [
					{
						Amount: 120,
						Description: 'Service call',
						DetailType: 'SalesItemLineDetail',
						itemId,
						LineNum: 1,
						TaxCodeRef: 'NON',
					},
				],
				additionalFields: {},
			},
			[1200, 0],
			once,
		),
		builtinNode(
			'Delete invoice',
			{
				resource: 'invoice',
				operation: 'delete',
				invoiceId: "={{ $('Create invoice').first().json.Id }}",
			},
			[1400, 0],
			once,
		),
	];
	const names = ['Start', ...steps.map((s) => s.name)];
	return {
		id: WORKFLOW_ID,
		name: "n8n's built-in QuickBooks node against the emulator",
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...steps,
		],
		connections: Object.fromEntries(
			names
				.slice(0, -1)
				.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		),
	};
}

beforeAll(async () => {
	ensureRuntime();
	workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-builtin-'));
	qbo = await startQboEmulator({ port: 0, limits: NO_LIMITS });
	realmId = qbo.realmIds[0];
	proxy = await startIntuitProxy(qbo.url);
	n8n = await startN8n({
		userFolder: path.join(workDir, 'n8n-user'),
		logFile: path.join(workDir, 'n8n.log'),
		logLevel: 'warn',
		extraEnv: proxy.env,
	});
	// An access token the emulator refuses: the first call gets 401 and n8n refreshes it at Intuit's token URL.
	await importIntoN8n(
		n8n,
		workDir,
		[builtinCredential(qbo, realmId, 'expired-access-token')],
		[
			workflow(
				qbo.admin
					.realm(realmId)
					.all('Item')
					.find((i) => i.Name === 'Design')!.Id,
			),
		],
	);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await proxy?.stop();
	await qbo?.stop();
	if (!process.env.KEEP_E2E) fs.rmSync(workDir, { recursive: true, force: true });
});

describe("n8n's built-in QuickBooks node against the emulator", () => {
	let run: Json;
	beforeAll(async () => {
		qbo.admin.resetLog();
		({ run } = await executeWorkflow(n8n, WORKFLOW_ID));
	}, 180_000);

	it('runs every step without a node error, through the proxy, after refreshing its token', () => {
		const failed = (run.data.resultData.runData ? Object.keys(run.data.resultData.runData) : [])
			.map((name) => [name, nodeError(run, name)])
			.filter(([, error]) => error);
		expect(failed).toEqual([]);
		expect(run.status).toBe('success');
		expect(proxy.forwarded).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^POST oauth\.platform\.intuit\.com(:443)? \/oauth2\/v1\/tokens\/bearer$/,
				),
			]),
		);
		expect(
			proxy.forwarded.some((line) => line.startsWith('GET sandbox-quickbooks.api.intuit.com')),
		).toBe(true);
	});

	it('lists every customer with Get Many (count, then MAXRESULTS 1000 STARTPOSITION 1)', () => {
		const all = nodeOutput(run, 'Get all customers');
		const active = qbo.admin
			.realm(realmId)
			.all('Customer')
			.filter((c) => c.Active !== false && c.DisplayName !== 'Built-in Node Co');
		expect(all.map((c) => c.Id).sort()).toEqual(active.map((c) => c.Id).sort());
		// The first query met the refused token (401); n8n refreshed it and asked again.
		const queries = qbo.admin.log.filter((e) => e.endpoint === 'GET /query');
		expect(queries[0].status).toBe(401);
		expect(queries.slice(1).map((e) => e.status)).toEqual(queries.slice(1).map(() => 200));
	});

	it('answers the filtered Get Many right; the built-in node still returns nothing (its count is unfiltered)', () => {
		expect(nodeOutput(run, 'Get customers by filter')).toEqual([{}]);
		const filtered = qbo.admin.log.filter((e) => e.endpoint === 'GET /query').slice(3, 6);
		expect(filtered.map((e) => e.status)).toEqual([200, 200, 200]);
	});

	it('returns a limited Get Many, creates, updates (GET then POST) and deletes', () => {
		expect(nodeOutput(run, 'Get 5 items')).toHaveLength(5);
		const [created] = nodeOutput(run, 'Create customer');
		expect(created).toMatchObject({
			DisplayName: 'Built-in Node Co',
			PrimaryEmailAddr: { Address: 'builtin@example.com' },
		});
		expect(nodeOutput(run, 'Update customer')[0]).toMatchObject({
			Id: created.Id,
			CompanyName: 'Renamed By Built-in',
			SyncToken: '1',
		});
		const [invoice] = nodeOutput(run, 'Create invoice');
		expect(invoice).toMatchObject({ CustomerRef: { value: created.Id }, TotalAmt: 120 });
		expect(nodeOutput(run, 'Delete invoice')[0]).toMatchObject({
			Id: invoice.Id,
			status: 'Deleted',
		});
		expect(qbo.admin.realm(realmId).get('Invoice', invoice.Id)).toBeUndefined();
		expect(qbo.admin.log.filter((e) => e.status >= 400 && e.status !== 401)).toEqual([]);
	});

	it('fills its dropdowns (customers, items, terms, tax codes, custom fields) from the emulator', async () => {
		const options = async (methodName: string) => {
			const res = await n8n.rest('POST', '/rest/dynamic-node-parameters/options', {
				nodeTypeAndVersion: { name: 'n8n-nodes-base.quickbooks', version: 1 },
				path: 'parameters.CustomerRef',
				methodName,
				credentials: { quickBooksOAuth2Api: BUILTIN_CREDENTIAL },
				currentNodeParameters: { resource: 'invoice', operation: 'create' },
			});
			if (res.status !== 200)
				throw new Error(`${methodName}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
			return (res.json.data ?? res.json) as Array<{ name: string; value: string }>;
		};
		expect((await options('getCustomers')).map((o) => o.name)).toEqual(
			expect.arrayContaining(['Cool Cars', 'Built-in Node Co']),
		);
		expect((await options('getItems')).map((o) => o.name)).toEqual(
			expect.arrayContaining(['Design', 'Pest Control']),
		);
		expect((await options('getTerms')).map((o) => o.name)).toEqual(
			expect.arrayContaining(['Net 30']),
		);
		expect((await options('getTaxCodeRefs')).length).toBeGreaterThan(0);
		// Read from Preferences' SalesFormsPrefs.CustomField groups, as real QuickBooks nests them.
		expect(await options('getCustomFields')).toEqual([{ name: 'Crew #', value: '1' }]);
	});
});
