/**
 * The "customers app → QuickBooks" template, imported as shipped, on a real n8n 2.x between the
 * field-app emulator and the QBO emulator: the first run creates customers and sub-customers and
 * links them in the app (the seed's trailing-space name is reported, not renamed); the next run
 * writes nothing to QuickBooks; an edit and a deletion in the app follow; links wiped in the app
 * are found again by natural key without a new QuickBooks customer; a record QuickBooks refuses
 * (6240, a vendor has its name) is an issue with the fix while the others sync; two overlapping
 * executions on 200 new customers create each exactly once.
 */
import fs from 'node:fs';
import path from 'node:path';

import template from '../../../workflows-templates/customers-app-to-quickbooks.json';
import {
	startTemplateEnvironment,
	wireTemplate,
	type Json,
	type TemplateEnvironment,
} from '../template-harness';

/**
 * The template changed as docs/sync-state.md says for an app that cannot keep links on its
 * records: "Attach stored links" after the mapping node, "Store links" between the engine and the
 * app's write-back. The mapping node also drops qboId, qboSyncToken and sync here, to stand for
 * such an app (its records have none).
 */
function keepLinksInN8n(shipped: Json): Json {
	const workflow: Json = JSON.parse(JSON.stringify(shipped));
	const credential = workflow.nodes.find(
		(n: Json) => n.name === 'Sync customers to QuickBooks',
	).credentials;
	const map = workflow.nodes.find((n: Json) => n.name === 'Map to the app contract');
	map.parameters = {
		...map.parameters,
		include: 'except',
		excludeFields: 'qboId,qboSyncToken,sync',
	};
	workflow.nodes.push(
		{
			id: 'links-attach',
			name: 'Attach stored links',
			type: 'n8n-nodes-quickbooks-sync.quickBooksSyncEngine',
			typeVersion: 1,
			position: [1690, 420],
			credentials: credential,
			parameters: {
				resource: 'syncLink',
				operation: 'attachLinks',
				appResource: "={{ $json.customerId === undefined ? 'customers' : 'locations' }}",
			},
		},
		{
			id: 'links-store',
			name: 'Store links',
			type: 'n8n-nodes-quickbooks-sync.quickBooksSyncEngine',
			typeVersion: 1,
			position: [1920, -100],
			credentials: credential,
			parameters: { resource: 'syncLink', operation: 'storeLinks' },
		},
	);
	const c = workflow.connections;
	c['Map to the app contract'] = {
		main: [[{ node: 'Attach stored links', type: 'main', index: 0 }]],
	};
	c['Attach stored links'] = {
		main: [[{ node: 'Sync customers to QuickBooks', type: 'main', index: 0 }]],
	};
	c['Sync customers to QuickBooks'].main[0] = [{ node: 'Store links', type: 'main', index: 0 }];
	c['Store links'] = {
		main: [
			[{ node: 'Commit cursor', type: 'main', index: 0 }],
			[{ node: 'Write links to the app', type: 'main', index: 0 }],
		],
	};
	return {
		...workflow,
		id: 'wfCustLinksInN8n',
		name: `${String(shipped.name)} (links kept in n8n)`,
	};
}

const log = (line: string) => process.stdout.write(`[e2e template] ${line}\n`);

describe('e2e: template "customers app → QuickBooks" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const qboCustomers = () => env.qbo.admin.realm(env.realmId).all('Customer');
	const list = (resource: string) => env.list(resource);
	const appCall = (method: string, route: string, body?: unknown) =>
		env.appCall(method, route, body);
	const runTemplate = () => env.runTemplate();

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, {
				log,
				prepareQuickBooks: (qbo, realmId) => {
					for (const [name, days] of [
						['Net 30', 30],
						['Net 15', 15],
					] as const)
						qbo.admin.realm(realmId).create('Term', { Name: name, DueDays: days });
				},
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('creates the app customers and locations in QuickBooks and links them in the app', async () => {
		const summary = await runTemplate();
		const customers = await list('customers');
		const locations = await list('locations');
		const eligible = customers.filter((c) => c.active && !c.deletedAt && c.name === c.name.trim());
		expect(summary).toMatchObject({ created: eligible.length + locations.length, issues: 1 });
		for (const c of eligible) {
			expect(c.qboId).toEqual(expect.any(String));
			expect(qboCustomers().find((q) => q.Id === c.qboId)).toMatchObject({
				DisplayName: c.name,
				...(c.notes ? { Notes: c.notes } : {}),
			});
		}
		for (const l of locations) {
			const parent = customers.find((c) => c.id === l.customerId);
			expect(qboCustomers().find((q) => q.Id === l.qboId)).toMatchObject({
				Job: true,
				ParentRef: { value: parent?.qboId },
				FullyQualifiedName: `${parent?.name}:${l.name}`,
			});
		}
		const trailing = customers.find((c) => c.name !== c.name.trim());
		expect(trailing?.qboId).toBeNull();
		expect(trailing?.sync.error).toMatch(/starts or ends with a space/);
		expect(qboCustomers().filter((q) => q.DisplayName.trim() === trailing?.name.trim())).toEqual(
			[],
		);
	}, 180_000);

	it('writes nothing to QuickBooks on the next run', async () => {
		// Committed by the first run, in the sync state file of this n8n (one process: regular mode).
		const state = JSON.parse(fs.readFileSync(env.stateFile, 'utf8'));
		expect(state.cursors[template.id].customer).toEqual(expect.any(String));
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			deactivated: 0,
			linked: 0,
		});
	}, 120_000);

	it('follows an edit and a deletion in the app', async () => {
		const [edited, deleted] = (await list('customers')).filter(
			(c) => c.qboId && c.active && !c.deletedAt,
		);
		await appCall('PATCH', `/v1/customers/${edited.id}`, {
			version: edited.version,
			phone: '(650) 555-0000',
		});
		await appCall('DELETE', `/v1/customers/${deleted.id}?version=${deleted.version}`);
		const summary = await runTemplate();
		expect(summary).toMatchObject({ updated: 1, deactivated: 1, created: 0 });
		expect(qboCustomers().find((q) => q.Id === edited.qboId)?.PrimaryPhone?.FreeFormNumber).toBe(
			'(650) 555-0000',
		);
		expect(qboCustomers().find((q) => q.Id === deleted.qboId)?.Active).toBe(false);
	}, 120_000);

	it('finds customers again by natural key when the app lost its links, creating none', async () => {
		const count = qboCustomers().length;
		for (const c of (await list('customers')).filter((x) => x.qboId))
			await appCall('PUT', `/v1/customers/${c.id}/sync`, { qboId: null, fingerprint: null });
		// The cursor stays where it was: the records are read again when they next change (here, a note each).
		for (const c of (await list('customers')).filter(
			(x) => x.active && !x.deletedAt && x.name === x.name.trim(),
		))
			await appCall('PATCH', `/v1/customers/${c.id}`, {
				version: c.version,
				notes: `${c.notes ?? ''} (checked)`.trim(),
			});
		const summary = await runTemplate();
		expect(qboCustomers().length).toBe(count);
		log(`after wiping links: ${JSON.stringify(summary)}`);
		expect(
			(await list('customers'))
				.filter((c) => c.active && !c.deletedAt && c.name === c.name.trim())
				.every((c) => typeof c.qboId === 'string'),
		).toBe(true);
	}, 120_000);

	it('reports a record QuickBooks refuses (its name belongs to a vendor) with the fix, and syncs every other record', async () => {
		env.qbo.admin.realm(env.realmId).create('Vendor', { DisplayName: 'Hillside Nursery' });
		const clash = env.app.state.app.create('customers', {
			name: 'Hillside Nursery',
			billingEmail: 'hello@hillside.example',
		});
		const others = [1, 2, 3].map((i) =>
			env.app.state.app.create('customers', {
				name: `Fault Neighbour ${i}`,
				billingEmail: `neighbour${i}@example.com`,
			}),
		);
		const summary = await runTemplate();
		expect(summary).toMatchObject({
			created: 3,
			issues: 2 /* and the seed's trailing-space name */,
		});
		const after = await list('customers');
		const refused = after.find((c) => c.id === clash.id);
		expect(refused?.qboId).toBeNull();
		expect(refused?.sync.error).toMatch(
			/already has a record named "Hillside Nursery".*6240.*Rename one of the two records/s,
		);
		for (const o of others)
			expect(
				qboCustomers().find((q) => q.Id === after.find((c) => c.id === o.id)?.qboId)?.DisplayName,
			).toBe(o.name);
		expect(qboCustomers().filter((q) => q.DisplayName === 'Hillside Nursery')).toEqual([]);
	}, 120_000);

	// 200: two runs' batches stay within QuickBooks' 500 requests a minute, so neither waits on a 429.
	it('creates each of 200 new customers once when two executions overlap', async () => {
		for (let i = 0; i < 200; i++)
			env.app.state.app.create('customers', {
				name: `Overlap Customer ${String(i).padStart(3, '0')}`,
				billingEmail: `overlap${i}@example.com`,
			});
		// Both started in the server at once, as two schedule ticks or webhook calls overlap.
		const [a, b] = await Promise.all([runTemplate(), runTemplate()]);
		log(`overlapping runs: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
		const names = qboCustomers()
			.filter((q) => q.DisplayName.startsWith('Overlap Customer '))
			.map((q) => q.DisplayName);
		expect(names).toHaveLength(200);
		expect(new Set(names).size).toBe(200);
		expect(
			(await list('customers'))
				.filter((c) => c.name.startsWith('Overlap Customer '))
				.every((c) => typeof c.qboId === 'string'),
		).toBe(true);
	}, 600_000);

	describe('changed for an app that cannot keep links on its records (links kept in n8n)', () => {
		const workflow = keepLinksInN8n(template);
		const qboCalls = () =>
			env.qbo.admin.log.filter(
				(e) => !e.endpoint.includes('oauth') && !e.endpoint.includes('token'),
			).length;
		const runVariant = async () => {
			const { run, stoppedForIssues } = await env.runWorkflow(workflow);
			if (run.status !== 'success' && stoppedForIssues === undefined)
				throw new Error(
					`the run failed: ${JSON.stringify(run.data?.resultData?.error ?? run).slice(0, 1500)}`,
				);
			const data = run.data.resultData.runData;
			return {
				summary: data['Run summary'][0].data.main[0][0].json as Json,
				stored: (data['Store links']?.[0]?.data?.main?.[0] ?? []).length as number,
				sentToApp: data['Write links to the app'] ? 1 : 0,
			};
		};

		beforeAll(async () => {
			const file = path.join(env.workDir, 'links-in-n8n.json');
			fs.writeFileSync(file, JSON.stringify(wireTemplate(workflow, env.app.url)));
			const imported = await env.n8n.cli(['import:workflow', `--input=${file}`]);
			if (imported.code !== 0)
				throw new Error(`import failed: ${imported.stdout}${imported.stderr}`);
		}, 120_000);

		it('run 1 links every app customer to the QuickBooks one by natural key and keeps the links in n8n: nothing created, nothing written to the app', async () => {
			const known = new Set(qboCustomers().map((q) => q.Id));
			const before = new Map((await list('customers')).map((c) => [c.id, c.version]));
			const run = await runVariant();
			log(`links kept in n8n, run 1: ${JSON.stringify(run.summary)}`);
			expect(run.summary).toMatchObject({ created: 0 });
			expect(run.stored).toBeGreaterThan(200);
			expect(run.sentToApp).toBe(0);
			expect(
				qboCustomers()
					.filter((q) => !known.has(q.Id))
					.map((q) => `${q.Id} ${q.DisplayName} ${q.MetaData?.CreateTime}`),
			).toEqual([]);
			expect((await list('customers')).filter((c) => before.get(c.id) !== c.version)).toEqual([]);
		}, 300_000);

		it('run 2, nothing changed: no QuickBooks call; a new app customer is then created once and linked in n8n only', async () => {
			const calls = qboCalls();
			expect((await runVariant()).summary).toMatchObject({ created: 0, updated: 0 });
			expect(qboCalls()).toBe(calls);
			const added = env.app.state.app.create('customers', {
				name: 'Linked In n8n Only',
				billingEmail: 'only@n8n.example',
			});
			expect((await runVariant()).summary).toMatchObject({ created: 1, updated: 0 });
			expect(qboCustomers().filter((q) => q.DisplayName === 'Linked In n8n Only')).toHaveLength(1);
			expect((await list('customers')).find((c) => c.id === added.id)).toMatchObject({
				qboId: null,
			});
			const after = qboCalls();
			expect((await runVariant()).summary).toMatchObject({ created: 0, updated: 0 });
			expect(qboCalls()).toBe(after);
		}, 300_000);
	});
});
