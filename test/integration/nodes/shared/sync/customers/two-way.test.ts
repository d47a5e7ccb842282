/**
 * Customers two-way between the two emulators, through the engine node's Two-Way operation: the
 * QBO sandbox company and the field app's seed (which overlap the way real data does) are joined
 * without duplicates, edits on either side reach the other, when both sides changed the most
 * recent edit wins, and the run after any run writes nothing (our own writes are recognised).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { QuickBooksSyncEngine } from '../../../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { startFieldApp, type FieldAppEmulator } from '../../../../../emulators/field-app';
import type { QboEmulator } from '../../../../../emulators/qbo';
import { fakeExecuteFunctions } from '../../../../../support/fake-execute-functions';
import {
	fieldAppCall,
	startWithClient,
	engineCredentials,
} from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let qbo: QboEmulator;
let realmId: string;
let app: FieldAppEmulator;
let credentials: IDataObject;
let cursor = '';

const appCall = fieldAppCall(() => app);
const list = async (resource: string) =>
	(await appCall('GET', `/v1/${resource}?limit=500&includeDeleted=true`)).data as Json[];
const qboCustomers = () => qbo.admin.realm(realmId).all('Customer');
const qboWrites = () =>
	qbo.admin.log.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
	writes: Json[];
	issues: Json[];
	summary: Json;
	creates: Json[];
}

async function twoWay(parameters: IDataObject = {}): Promise<Run> {
	const input = [...(await list('customers')), ...(await list('locations'))].map(
		(json): INodeExecutionData => ({ json }),
	);
	const terms = (await list('terms')).map((t) => ({ id: t.id, name: t.name }));
	const [writes, issues, [summary], creates] = await new QuickBooksSyncEngine().execute.call(
		fakeExecuteFunctions({
			parameters: {
				resource: 'customer',
				operation: 'twoWay',
				conflictPolicy: 'latest',
				since: cursor,
				matchBy: 'emailThenName',
				createMissing: true,
				createInApp: true,
				dryRun: false,
				appTerms: JSON.stringify(terms),
				appTaxRates: '[]',
				...parameters,
			},
			credentials,
			items: input,
		}),
	);
	return {
		writes: writes.map((w) => w.json),
		issues: issues.map((i) => i.json),
		summary: summary.json,
		creates: creates.map((c) => c.json),
	};
}

/** What the template does with the outputs: POST then the link under the new id; PATCH / PUT in order; then the cursor. */
async function apply(run: Run): Promise<Run> {
	for (const c of run.creates) {
		const created = await appCall('POST', c.path, c.body);
		await appCall('PUT', `/v1/${c.resource}/${created.id}/sync`, c.link);
	}
	for (const w of run.writes) await appCall(w.method, w.path, w.body);
	if (run.summary.safeCursor) cursor = run.summary.safeCursor;
	return run;
}

const nothingWritten = {
	app: { created: 0, updated: 0 },
	quickBooks: { created: 0, updated: 0, deactivated: 0 },
	linked: 0,
	conflicts: [],
};

beforeAll(async () => {
	({ emulator: qbo, realmId } = await startWithClient());
	app = await startFieldApp({ port: 0 });
	credentials = engineCredentials(qbo, realmId);
});
afterAll(async () => {
	await app.stop();
	await qbo.stop();
});

describe('QuickBooks Sync Engine: customers two-way', () => {
	it('lists in a dry run every write it would make in both systems, and makes none', async () => {
		const before = { qbo: qboWrites(), app: (await list('customers')).map((c) => c.version) };
		const run = await twoWay({ dryRun: true });
		expect(run.writes).toEqual([]);
		expect(run.creates).toEqual([]);
		expect(run.summary.plannedWrites).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ write: 'createInQuickBooks' }),
				expect.objectContaining({ write: 'POST', path: '/v1/customers' }),
			]),
		);
		expect(qboWrites()).toBe(before.qbo);
		expect((await list('customers')).map((c) => c.version)).toEqual(before.app);
	});

	it('joins both sides: app customers reach QuickBooks, QuickBooks customers reach the app, pairs are linked, none twice', async () => {
		// Records on both sides that were never synced are a conflict from the start: here the admin lets the app win the first join.
		const first = await apply(await twoWay({ conflictPolicy: 'app' }));
		// The seed's trailing-space name is refused and shown on the record; nothing blocks the others.
		const sushi = (await list('customers')).find((c) => c.name.endsWith(' '));
		expect(first.issues).toEqual(
			expect.arrayContaining([expect.objectContaining({ code: 'refused', appId: sushi?.id })]),
		);
		expect(sushi?.sync.error).toMatch(/starts or ends with a space/);
		expect(first.summary.quickBooks.created).toBeGreaterThan(0);
		expect(first.summary.app.created).toBeGreaterThan(0);
		// Sub-customers of customers that only arrived in the app now follow on the next run.
		const second = await apply(await twoWay({ conflictPolicy: 'app' }));
		expect(second.summary.quickBooks).toEqual({ created: 0, updated: 0, deactivated: 0 });
		const customers = await list('customers');
		const locations = await list('locations');
		const parents = qboCustomers().filter((q) => !q.ParentRef);
		// (QuickBooks' Sushi by Katsuyuki waits for its app record, which has the issue.)
		for (const q of parents.filter((p) => p.DisplayName !== 'Sushi by Katsuyuki'))
			expect(customers.filter((c) => c.qboId === q.Id)).toHaveLength(1);
		for (const q of qboCustomers().filter((x) => x.ParentRef))
			expect(locations.filter((l) => l.qboId === q.Id)).toHaveLength(1);
		// Every active app customer without an issue (the trailing space; Freeman Outlet, whose e-mail belongs to Freeman Sporting Goods) is linked to exactly one QuickBooks customer of its name.
		expect(
			customers
				.filter((c) => c.sync.error)
				.map((c) => c.name)
				.sort(),
		).toEqual(['Freeman Outlet', 'Sushi by Katsuyuki ']);
		for (const c of customers.filter((x) => x.active && !x.deletedAt && !x.sync.error))
			expect(qboCustomers().find((q) => q.Id === c.qboId)?.DisplayName).toBe(c.name);
		expect(new Set(customers.map((c) => c.qboId).filter(Boolean)).size).toBe(
			customers.filter((c) => c.qboId).length,
		);
	});

	it('links a record once the admin fixed its issue', async () => {
		const sushi = (await list('customers')).find((c) => c.name.endsWith(' '))!;
		await appCall('PATCH', `/v1/customers/${sushi.id}`, {
			version: sushi.version,
			name: sushi.name.trim(),
		});
		const run = await apply(await twoWay());
		expect(run.issues.map((i) => i.appId)).not.toContain(sushi.id);
		const fixed = await appCall('GET', `/v1/customers/${sushi.id}`);
		expect(fixed).toMatchObject({ qboId: expect.any(String), sync: { error: null } });
		expect(
			qboCustomers()
				.filter((q) => q.DisplayName === 'Sushi by Katsuyuki')
				.map((q) => q.Id),
		).toEqual([fixed.qboId]);
	});

	it('writes nothing on the run after: its own writes coming back are recognised', async () => {
		const before = qboWrites();
		const run = await apply(await twoWay());
		expect(run.summary).toMatchObject({
			...nothingWritten,
			issues: 1 /* Freeman Outlet, already shown on the record */,
		});
		expect(run.writes).toEqual([]);
		expect(qboWrites()).toBe(before);
	});

	it('copies one-sided edits over, and when both sides changed the most recent edit wins', async () => {
		const linked = (await list('customers')).filter(
			(c) => c.qboId && c.active && !c.deletedAt && c.name === c.name.trim(),
		);
		const [appOnly, qboOnly, qboLater, appLater] = linked;
		const realm = qbo.admin.realm(realmId);
		const editQbo = (id: string, changes: Json) => {
			const current = realm.get('Customer', id)!;
			realm.update('Customer', { Id: id, SyncToken: current.SyncToken, sparse: true, ...changes });
		};
		const editApp = async (c: Json, changes: Json) =>
			appCall('PATCH', `/v1/customers/${c.id}`, {
				version: (await appCall('GET', `/v1/customers/${c.id}`)).version,
				...changes,
			});

		await editApp(appOnly, { phone: '(650) 555-0101' });
		editQbo(qboOnly.qboId, { Notes: 'Edited in QuickBooks' });
		await editApp(qboLater, { notes: 'App edit, older' });
		await sleep(1100); // QuickBooks keeps whole seconds
		editQbo(qboLater.qboId, { Notes: 'QuickBooks edit, newer' });
		editQbo(appLater.qboId, { Notes: 'QuickBooks edit, older' });
		await sleep(1100);
		await editApp(appLater, { notes: 'App edit, newer' });

		const run = await apply(await twoWay());
		expect(run.summary).toMatchObject({
			quickBooks: { created: 0, updated: 2, deactivated: 0 },
			app: { created: 0, updated: 2 },
			issues: 1 /* Freeman Outlet */,
		});
		expect(run.summary.conflicts).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					appId: qboLater.id,
					winner: 'quickbooks',
					why: expect.stringContaining('most recent'),
				}),
				expect.objectContaining({
					appId: appLater.id,
					winner: 'app',
					why: expect.stringContaining('most recent'),
				}),
			]),
		);
		expect(realm.get('Customer', appOnly.qboId)?.PrimaryPhone?.FreeFormNumber).toBe(
			'(650) 555-0101',
		);
		expect((await appCall('GET', `/v1/customers/${qboOnly.id}`)).notes).toBe(
			'Edited in QuickBooks',
		);
		expect((await appCall('GET', `/v1/customers/${qboLater.id}`)).notes).toBe(
			'QuickBooks edit, newer',
		);
		expect(realm.get('Customer', qboLater.qboId)?.Notes).toBe('QuickBooks edit, newer');
		expect(realm.get('Customer', appLater.qboId)?.Notes).toBe('App edit, newer');
		expect((await appCall('GET', `/v1/customers/${appLater.id}`)).notes).toBe('App edit, newer');

		const before = qboWrites();
		const quiet = await apply(await twoWay());
		expect(quiet.summary).toMatchObject({ ...nothingWritten, issues: 1 /* Freeman Outlet */ });
		expect(qboWrites()).toBe(before);
	});

	it('makes a customer deleted in the app inactive in QuickBooks, and one made inactive in QuickBooks inactive in the app', async () => {
		// QuickBooks refuses to make a customer with an open balance inactive: two without one.
		const [toDelete, toDeactivate] = (await list('customers'))
			.filter(
				(c) =>
					c.qboId &&
					c.active &&
					!c.deletedAt &&
					!qbo.admin.realm(realmId).get('Customer', c.qboId)?.Balance,
			)
			.slice(-2);
		await appCall('DELETE', `/v1/customers/${toDelete.id}?version=${toDelete.version}`);
		const target = qbo.admin.realm(realmId).get('Customer', toDeactivate.qboId)!;
		qbo.admin.realm(realmId).update('Customer', {
			Id: target.Id,
			SyncToken: target.SyncToken,
			sparse: true,
			Active: false,
		});
		const run = await apply(await twoWay());
		expect(run.summary).toMatchObject({ quickBooks: { deactivated: 1 }, app: { updated: 1 } });
		expect(qbo.admin.realm(realmId).get('Customer', toDelete.qboId)?.Active).toBe(false);
		expect((await appCall('GET', `/v1/customers/${toDeactivate.id}`)).active).toBe(false);
		expect((await apply(await twoWay())).summary).toMatchObject(nothingWritten);
	});
});
