/**
 * An app that cannot keep links on its records (no qboId, qboSyncToken or sync fields; app
 * contract, section 2): the templates' write-back goes to Store Links instead of `PUT …/sync`, and
 * Attach Stored Links puts the links back on the listed records before the engine. Between the two
 * emulators: the run after writes nothing and reads nothing in QuickBooks, an edit costs what it
 * costs with links on the records, a lost store re-links by natural key without a duplicate, a pull does not create a
 * record twice in the app, and a bad link write stores nothing.
 */
import fs from 'node:fs';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { transportTiming } from '../../../../../nodes/shared/qbo/transport';
import { QuickBooksSyncEngine } from '../../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { startFieldApp, type FieldAppEmulator } from '../../../../emulators/field-app';
import type { QboEmulator } from '../../../../emulators/qbo';
import { fakeExecuteFunctions } from '../../../../support/fake-execute-functions';
import {
	fieldAppCall,
	startWithClient,
	engineCredentials,
	CUSTOMER_PUSH,
} from '../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let qbo: QboEmulator;
let pushRealm: string;
let pullRealm: string;
let pushApp: FieldAppEmulator;
let pullApp: FieldAppEmulator;
const pushCall = fieldAppCall(() => pushApp);
const pullCall = fieldAppCall(() => pullApp);
const engine = new QuickBooksSyncEngine();
const stateFile = String(process.env.QUICKBOOKS_SYNC_STATE).replace(/^file:/, '');

const credentialsFor = (realmId: string): IDataObject => engineCredentials(qbo, realmId);

async function engineRun(
	realmId: string,
	workflowId: string,
	parameters: IDataObject,
	items: Json[] = [{}],
): Promise<INodeExecutionData[][]> {
	return await engine.execute.call(
		fakeExecuteFunctions({
			parameters,
			credentials: credentialsFor(realmId),
			items: items.map((json) => ({ json })),
			workflowId,
		}),
	);
}

/** The app's listing as an app without link fields answers it. */
async function listWithoutLinks(
	call: typeof pushCall,
	resource: string,
	updatedSince = '',
): Promise<Json[]> {
	const records: Json[] = [];
	let next: string | null = null;
	do {
		const query = new URLSearchParams({
			includeDeleted: 'true',
			limit: '500',
			...(updatedSince ? { updatedSince } : {}),
			...(next ? { cursor: next } : {}),
		});
		const page = await call('GET', `/v1/${resource}?${query}`);
		records.push(...page.data.map(({ qboId, qboSyncToken, sync, ...rest }: Json) => rest)); // eslint-disable-line @typescript-eslint/no-unused-vars
		next = page.nextCursor;
	} while (next);
	return records;
}

const allRecords = async (call: typeof pushCall, resource: string) =>
	(await call('GET', `/v1/${resource}?limit=500&includeDeleted=true`)).data as Json[];
const attach = async (realmId: string, workflowId: string, appResource: string, records: Json[]) =>
	records.length
		? (
				await engineRun(
					realmId,
					workflowId,
					{ resource: 'syncLink', operation: 'attachLinks', appResource },
					records,
				)
			)[0].map((i) => i.json)
		: [];
const store = async (realmId: string, workflowId: string, items: Json[]) =>
	items.length
		? await engineRun(realmId, workflowId, { resource: 'syncLink', operation: 'storeLinks' }, items)
		: [[], []];

function spend(realmId: string) {
	const before = { ...qbo.admin.counters };
	return () => ({
		qboReads: qbo.admin.counters.corePlus - before.corePlus,
		qboWrites: qbo.admin.counters.core - before.core,
		qboCustomers: qbo.admin.realm(realmId).all('Customer').length,
	});
}

/** The customers push template with Attach Stored Links after the listing and Store Links instead of "Write links to the app". */
async function pushRun() {
	const spent = spend(pushRealm);
	const workflowId = 'wf-links-push';
	const [[cursor]] = await engineRun(pushRealm, workflowId, {
		resource: 'customer',
		operation: 'getCursor',
		startFrom: '1970-01-01T00:00:00.000Z',
	});
	const listed = await listWithoutLinks(pushCall, 'customers', String(cursor.json.cursor));
	const records = await attach(pushRealm, workflowId, 'customers', listed);
	const [writes, issues, [summary]] = await engineRun(
		pushRealm,
		workflowId,
		{ ...CUSTOMER_PUSH },
		records,
	);
	const [stored, forTheApp] = await store(
		pushRealm,
		workflowId,
		writes.map((w) => w.json),
	);
	for (const w of forTheApp)
		await pushCall(String(w.json.method), String(w.json.path), w.json.body);
	if (stored.length)
		await engineRun(pushRealm, workflowId, {
			resource: 'customer',
			operation: 'commitCursor',
			cursor: summary.json.safeCursor ?? '',
		});
	return {
		listed: listed.length,
		summary: summary.json,
		issues: issues.map((i) => i.json),
		stored: stored.map((s) => s.json),
		forTheApp: forTheApp.length,
		...spent(),
	};
}

/** The customers pull template the same way: App Writes and App Creates (merged with the app's answer) go through Store Links. */
async function pullRun() {
	const spent = spend(pullRealm);
	const workflowId = 'wf-links-pull';
	const records = [
		...(await attach(
			pullRealm,
			workflowId,
			'customers',
			await listWithoutLinks(pullCall, 'customers'),
		)),
		...(await attach(
			pullRealm,
			workflowId,
			'locations',
			await listWithoutLinks(pullCall, 'locations'),
		)),
	];
	const [writes, issues, [summary], creates] = await engineRun(
		pullRealm,
		workflowId,
		{
			resource: 'customer',
			operation: 'pull',
			since: '',
			createInApp: true,
			defaultTerms: '',
			pullAppTerms: '[]',
		},
		records.length ? records : [{}],
	);
	const answered: Json[] = [];
	for (const create of creates)
		answered.push({
			...create.json,
			...(await pullCall('POST', String(create.json.path), create.json.body)),
		});
	const [stored, forTheApp] = await store(pullRealm, workflowId, [
		...writes.map((w) => w.json),
		...answered,
	]);
	for (const w of forTheApp)
		await pullCall(String(w.json.method), String(w.json.path), w.json.body);
	return {
		summary: summary.json,
		issues: issues.map((i) => i.json),
		created: creates.length,
		stored: stored.length,
		appUpdates: forTheApp.length,
		...spent(),
	};
}

beforeAll(async () => {
	let virtualNow = Date.now();
	transportTiming.now = () => virtualNow;
	transportTiming.sleep = async (ms: number) => void (virtualNow += ms);
	({ emulator: qbo } = await startWithClient({
		realms: [{ seed: 'empty', companyName: 'Links Push Co' }, { seed: 'sandbox' }],
	}));
	[pushRealm, pullRealm] = qbo.realmIds;
	pushApp = await startFieldApp({ port: 0, seed: false });
	pullApp = await startFieldApp({ port: 0, seed: false });
	for (let i = 0; i < 300; i++)
		pushApp.state.app.create('customers', {
			name: `Linkless Customer ${String(i).padStart(3, '0')}`,
			billingEmail: `linkless${i}@example.com`,
		});
}, 60_000);
afterAll(async () => {
	await pushApp.stop();
	await pullApp.stop();
	await qbo.stop();
});

describe('customers app → QuickBooks, links kept in n8n', () => {
	it('run 1 creates the 300 customers once and stores their links in n8n; nothing is written to the app', async () => {
		const run = await pushRun();
		expect(run.summary).toMatchObject({ created: 300, issues: 0 });
		expect(run.stored).toHaveLength(300);
		expect(run.stored[0]).toMatchObject({
			stored: true,
			resource: 'customers',
			qboId: expect.any(String),
			fingerprint: expect.stringMatching(/^sha256:/),
		});
		expect(run.forTheApp).toBe(0);
		expect(run.qboCustomers).toBe(300);
		const appRecords = (await pushCall('GET', '/v1/customers?limit=500')).data as Json[];
		expect(appRecords.filter((r) => r.qboId !== null || r.sync?.fingerprint)).toEqual([]);
	}, 120_000);

	it('run 2, nothing changed: the stored links make it cost no QuickBooks read or write', async () => {
		const run = await pushRun();
		expect(run).toMatchObject({ qboReads: 0, qboWrites: 0, qboCustomers: 300 });
		expect(run.summary).toMatchObject({ created: 0, updated: 0 });
	}, 60_000);

	it('an edit in the app costs one QuickBooks write, and reads its linked record by id as with an app that keeps links', async () => {
		const target = (await allRecords(pushCall, 'customers')).find(
			(c) => c.name === 'Linkless Customer 007',
		)!;
		await pushCall('PATCH', `/v1/customers/${target.id}`, {
			version: target.version,
			phone: '+1 555 0107',
		});
		const logFrom = qbo.admin.log.length;
		const run = await pushRun();
		// What an app that keeps its links costs too: the linked record read by id, the company's preferences, one write; no create, no matching query.
		expect(
			qbo.admin.log
				.slice(logFrom)
				.map((e) => e.endpoint)
				.sort(),
		).toEqual(['GET /preferences', 'POST /batch', 'POST /query']);
		expect(run).toMatchObject({ qboReads: 2, qboWrites: 1, qboCustomers: 300 });
		expect(run.summary).toMatchObject({ updated: 1 });
		expect(
			qbo.admin
				.realm(pushRealm)
				.all('Customer')
				.find((c) => c.DisplayName === 'Linkless Customer 007')?.PrimaryPhone?.FreeFormNumber,
		).toBe('+1 555 0107');
		expect(await pushRun()).toMatchObject({ qboReads: 0, qboWrites: 0 });
	}, 60_000);

	it('a lost store (the state file deleted): the next full read re-links by e-mail, creating nothing twice; the run after is free again', async () => {
		fs.rmSync(stateFile, { force: true });
		const relink = await pushRun();
		expect(relink.listed).toBe(300);
		expect(relink.summary).toMatchObject({ created: 0 });
		expect(relink.qboCustomers).toBe(300);
		expect(relink.stored).toHaveLength(300);
		expect(await pushRun()).toMatchObject({ qboReads: 0, qboWrites: 0, qboCustomers: 300 });
	}, 60_000);
});

describe('customers QuickBooks → app, links kept in n8n', () => {
	it('creates each QuickBooks customer once in the app (sub-customers as locations the run after); a full re-run with the stored links writes nothing to the app', async () => {
		const all = qbo.admin.realm(pullRealm).all('Customer');
		const parents = all.filter((c) => !c.ParentRef);
		const first = await pullRun();
		expect(first).toMatchObject({ created: parents.length, stored: parents.length, appUpdates: 0 });
		const second = await pullRun();
		expect(second).toMatchObject({
			created: all.length - parents.length,
			stored: all.length - parents.length,
			appUpdates: 0,
		});
		const again = await pullRun();
		expect(again).toMatchObject({ created: 0, appUpdates: 0, stored: 0 });
		expect(await allRecords(pullCall, 'customers')).toHaveLength(parents.length);
		expect(await allRecords(pullCall, 'locations')).toHaveLength(all.length - parents.length);
	}, 60_000);

	it('an edit in QuickBooks reaches the app as one update; its new fingerprint is stored, so the next run writes nothing', async () => {
		const target = qbo.admin
			.realm(pullRealm)
			.all('Customer')
			.find((c) => !c.ParentRef && c.Active !== false)!;
		qbo.admin.clock.advance(2000);
		qbo.admin.realm(pullRealm).update('Customer', {
			Id: target.Id,
			SyncToken: target.SyncToken,
			sparse: true,
			Notes: 'Edited in QuickBooks',
		});
		const run = await pullRun();
		expect(run).toMatchObject({ created: 0, appUpdates: 1, stored: 1 });
		expect(
			(await allRecords(pullCall, 'customers')).find((c) => c.name === target.DisplayName),
		).toMatchObject({ notes: 'Edited in QuickBooks', qboId: null });
		expect(await pullRun()).toMatchObject({ created: 0, appUpdates: 0, stored: 0 });
	}, 60_000);
});

describe('bad input to the link operations', () => {
	it('a link write with a value of the wrong type stores none of the items, naming the record and the field', async () => {
		const good = {
			method: 'PUT',
			path: '/v1/customers/cus_good/sync',
			body: { qboId: '9001', fingerprint: 'sha256:x' },
		};
		const bad = { method: 'PUT', path: '/v1/customers/cus_bad/sync', body: { qboId: 9002 } };
		await expect(store(pushRealm, 'wf-bad', [good, bad])).rejects.toMatchObject({
			message: 'The link of customers cus_bad: qboId is 9002, not text or null',
			description: expect.stringContaining('Nothing was stored'),
		});
		expect(
			await attach(pushRealm, 'wf-bad', 'customers', [{ id: 'cus_good', name: 'Good' }]),
		).toEqual([{ id: 'cus_good', name: 'Good' }]);
	});

	it('a record without an id, or no app resource, is refused before any read', async () => {
		await expect(
			attach(pushRealm, 'wf-bad', 'customers', [{ id: 'cus_1' }, { name: 'No id' }]),
		).rejects.toMatchObject({ message: 'Record 2 (customers) has no id' });
		await expect(attach(pushRealm, 'wf-bad', ' ', [{ id: 'cus_1' }])).rejects.toMatchObject({
			message: 'App Resource is empty',
		});
	});

	it('passes n8n\'s empty placeholder item (an empty listing with "always output data") on as it is', async () => {
		expect(await attach(pushRealm, 'wf-bad', 'locations', [{}])).toEqual([{}]);
		expect(
			await attach(pushRealm, 'wf-bad', 'customers', [{}, { id: 'cus_never_linked' }]),
		).toEqual([{}, { id: 'cus_never_linked' }]);
	});

	it('keeps links per QuickBooks company: another company sees none of them', async () => {
		await store(pushRealm, 'wf-x', [
			{
				method: 'PUT',
				path: '/v1/customers/cus_only_here/sync',
				body: { qboId: '4242', qboSyncToken: '3' },
			},
		]);
		expect(await attach(pushRealm, 'wf-x', 'customers', [{ id: 'cus_only_here' }])).toEqual([
			expect.objectContaining({ qboId: '4242', qboSyncToken: '3' }),
		]);
		expect(await attach(pullRealm, 'wf-x', 'customers', [{ id: 'cus_only_here' }])).toEqual([
			{ id: 'cus_only_here' },
		]);
		expect(await attach(pushRealm, 'wf-x', 'locations', [{ id: 'cus_only_here' }])).toEqual([
			{ id: 'cus_only_here' },
		]);
	});
});
