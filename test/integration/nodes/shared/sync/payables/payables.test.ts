/**
 * Payables app → QuickBooks through the engine node's Payable → Push (Ontraccr), between the QBO
 * sandbox company and the field app: a bill and an expense by type (vendor linked by name or
 * created, projects as sub-customers, cost codes as classes or items, the purchase account checked),
 * a payable with an unlinked cost code writing nothing at all, a default purchase account of the
 * wrong type stopping the run before any write, edits, deletions, a lost link, and the run after
 * writing nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSyncWorld, type SyncWorld } from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let world: SyncWorld;
const appCall = (method: string, path: string, body?: unknown) => world.appCall(method, path, body);
const list = (resource: string) => world.list(resource);
const realm = () => world.realm();
const qboWrites = () => world.qboWrites();
const fresh = (resource: string, record: Json) => world.fresh(resource, record);
const qboId = (type: string, name: string, field = 'Name') =>
	realm()
		.all(type)
		.find((r) => r[field] === name)!.Id as string;

let ref: {
	project: Json;
	unlinkedProject: Json;
	code: Json;
	unlinkedCode: Json;
	norton: Json;
	newVendor: Json;
	dental: string;
	siteClass: string;
};

/** `map`: what the template's field-mapping node makes of another app's records. */
async function push(
	parameters: IDataObject = {},
	options: { apply?: boolean; map?: (payable: Json) => Json } = {},
) {
	const payables = (await list('payables')).map(options.map ?? ((p) => p));
	const run = await world.engine(
		{
			resource: 'payable',
			operation: 'push',
			defaultPurchaseAccount: 'Checking',
			defaultExpenseAccount: 'Job Expenses',
			projectsAs: 'customer',
			costCodesAs: 'class',
			createMissingVendors: true,
			appProjects: JSON.stringify(await list('projects')),
			appCostCodes: JSON.stringify(await list('cost-codes')),
			dryRun: false,
			...parameters,
		},
		[...payables, ...(await list('vendors'))],
	);
	if (options.apply !== false) for (const w of run.writes) await appCall(w.method, w.path, w.body);
	return run;
}

beforeEach(async () => {
	world = await startSyncWorld();
	const dental = realm().create('Customer', { DisplayName: 'Harbor Dental' });
	const job = realm().create('Customer', {
		DisplayName: 'Harbor Dental remodel',
		Job: true,
		ParentRef: { value: dental.Id },
	});
	const customer = await appCall('POST', '/v1/customers', { name: 'Harbor Dental' });
	const project = await appCall('POST', '/v1/projects', {
		name: 'Harbor Dental remodel',
		customerId: customer.id,
	});
	await appCall('PUT', `/v1/projects/${project.id}/sync`, { qboId: job.Id });
	const unlinkedProject = await appCall('POST', '/v1/projects', { name: 'Unlinked project' });
	const code = await appCall('POST', '/v1/cost-codes', {
		code: '01-100',
		name: 'Site preparation',
	});
	await appCall('PUT', `/v1/cost-codes/${code.id}/sync`, { qboId: qboId('Class', 'Landscaping') });
	const unlinkedCode = await appCall('POST', '/v1/cost-codes', {
		code: '03-300',
		name: 'Planting',
	});
	const norton = await appCall('POST', '/v1/vendors', {
		name: 'Norton Lumber and Building Materials',
	});
	const newVendor = await appCall('POST', '/v1/vendors', {
		name: 'Ace Irrigation Supply',
		email: 'sales@aceirrigation.example',
	});
	ref = {
		project: await fresh('projects', project),
		unlinkedProject,
		code: await fresh('cost-codes', code),
		unlinkedCode,
		norton,
		newVendor,
		dental: job.Id,
		siteClass: qboId('Class', 'Landscaping'),
	};
});
afterEach(async () => await world.stop());

const bill = (body: Json = {}) =>
	appCall('POST', '/v1/payables', {
		vendorId: ref.norton.id,
		type: 'bill',
		number: 'NL-7781',
		date: '2026-11-20',
		dueDate: '2026-12-20',
		lines: [
			{
				description: 'Lumber for planters',
				amount: 412.5,
				projectId: ref.project.id,
				costCodeId: ref.code.id,
			},
		],
		...body,
	});
const expense = (body: Json = {}) =>
	appCall('POST', '/v1/payables', {
		vendorId: ref.newVendor.id,
		type: 'expense',
		date: '2026-11-21',
		purchaseAccount: 'Visa',
		lines: [{ description: 'Fittings', amount: 64.2, account: 'Equipment Rental' }],
		...body,
	});

it('writes a bill and an expense by type, with the vendor linked or created and the cost where it belongs, once', async () => {
	const b = await bill();
	const e = await expense();
	const run = await push();
	expect(run.issues).toEqual([]);
	expect(run.summary).toMatchObject({ created: 2, vendors: { linked: 1, created: 1 } });
	const qboBill = realm().get('Bill', (await fresh('payables', b)).qboId)!;
	expect(qboBill).toMatchObject({
		VendorRef: { value: qboId('Vendor', 'Norton Lumber and Building Materials', 'DisplayName') },
		DocNumber: 'NL-7781',
		TxnDate: '2026-11-20',
		DueDate: '2026-12-20',
		TotalAmt: 412.5,
	});
	expect(qboBill.Line[0].AccountBasedExpenseLineDetail).toMatchObject({
		AccountRef: { name: 'Job Expenses' },
		CustomerRef: { value: ref.dental },
		ClassRef: { value: ref.siteClass },
	});
	const qboExpense = realm().get('Purchase', (await fresh('payables', e)).qboId)!;
	expect(qboExpense).toMatchObject({
		PaymentType: 'CreditCard',
		AccountRef: { name: 'Visa' },
		EntityRef: { type: 'Vendor' },
		TotalAmt: 64.2,
	});
	expect(realm().get('Vendor', qboExpense.EntityRef.value)).toMatchObject({
		DisplayName: 'Ace Irrigation Supply',
		PrimaryEmailAddr: { Address: 'sales@aceirrigation.example' },
	});
	expect((await fresh('vendors', ref.newVendor)).qboId).toBe(qboExpense.EntityRef.value);

	const before = qboWrites();
	const again = await push();
	expect(again.summary).toMatchObject({ created: 0, updated: 0, issues: 0 });
	expect(qboWrites()).toBe(before);
});

it('writes no part of a payable with an unlinked cost code or project, and names the line and what to link', async () => {
	const p = await bill({
		number: 'NL-7790',
		lines: [
			{ description: 'Linked', amount: 100, projectId: ref.project.id, costCodeId: ref.code.id },
			{
				description: 'Unlinked',
				amount: 50,
				costCodeId: ref.unlinkedCode.id,
				projectId: ref.unlinkedProject.id,
			},
		],
	});
	const before = { bills: realm().all('Bill').length, writes: qboWrites() };
	const run = await push();
	expect(run.issues).toEqual([
		expect.objectContaining({
			appId: p.id,
			code: 'refused',
			reason: expect.stringMatching(
				/lines\.1\.projectId: line 2 names project "Unlinked project".*lines\.1\.costCodeId: line 2 names cost code 03-300 "Planting"/,
			),
			fix: expect.stringContaining('Link cost code 03-300 "Planting" to its QuickBooks class'),
		}),
	]);
	expect(realm().all('Bill').length).toBe(before.bills);
	expect(qboWrites()).toBe(before.writes + 0);
	expect((await fresh('payables', p)).sync.error).toMatch(/No part of the payable is written/);
});

it('stops before any write when the default purchase account is not a Bank or Credit Card account, or both are classes', async () => {
	await expense();
	// Another app's expense that names no account: the default applies.
	const noAccount = { map: (p: Json) => ({ ...p, purchaseAccount: null }) };
	const before = qboWrites();
	await expect(push({ defaultPurchaseAccount: 'Job Expenses' }, noAccount)).rejects.toThrow(
		/"Default Purchase Account" is "Job Expenses", an Expense account; expenses are paid from a Bank or Credit Card account/,
	);
	await expect(push({ defaultPurchaseAccount: 'Petty cash' }, noAccount)).rejects.toThrow(
		/QuickBooks does not have/,
	);
	await expect(push({ projectsAs: 'class', costCodesAs: 'class' }, noAccount)).rejects.toThrow(
		/cannot both be QuickBooks classes/,
	);
	expect(qboWrites()).toBe(before);
	const own = await push({ defaultPurchaseAccount: 'Checking' }, noAccount);
	expect(own.summary).toMatchObject({ created: 1 });
	expect(
		realm()
			.all('Purchase')
			.find((p) => p.EntityRef?.name === 'Ace Irrigation Supply'),
	).toMatchObject({ PaymentType: 'Cash', AccountRef: { name: 'Checking' } });
});

it('books a cost code as an item line, follows edits and deletions, and finds a lost link by the marker', async () => {
	const service = realm()
		.all('Item')
		.find((i) => i.Type === 'Service')!;
	await appCall('PUT', `/v1/cost-codes/${ref.code.id}/sync`, { qboId: service.Id });
	const b = await bill();
	const lost = await push({ costCodesAs: 'item' }, { apply: false });
	expect(lost.summary).toMatchObject({ created: 1 });
	const found = await push({ costCodesAs: 'item' });
	expect(found.summary).toMatchObject({ created: 0, linked: 1 });
	const linked = await fresh('payables', b);
	expect(
		realm()
			.all('Bill')
			.filter((q) => String(q.PrivateNote).includes(b.id)),
	).toHaveLength(1);
	expect(realm().get('Bill', linked.qboId)!.Line[0]).toMatchObject({
		DetailType: 'ItemBasedExpenseLineDetail',
		ItemBasedExpenseLineDetail: {
			ItemRef: { value: service.Id },
			CustomerRef: { value: ref.dental },
		},
	});

	await appCall('PATCH', `/v1/payables/${b.id}`, {
		version: linked.version,
		lines: [
			{
				description: 'Lumber for planters',
				amount: 450,
				projectId: ref.project.id,
				costCodeId: ref.code.id,
			},
		],
	});
	expect((await push({ costCodesAs: 'item' })).summary).toMatchObject({ updated: 1 });
	expect(realm().get('Bill', linked.qboId)!.TotalAmt).toBe(450);
	const edited = await fresh('payables', b);
	await appCall('POST', `/v1/payables/${b.id}/transition`, {
		version: edited.version,
		status: 'void',
	});
	expect((await push({ costCodesAs: 'item' })).summary).toMatchObject({ deleted: 1, issues: 0 });
	expect(realm().get('Bill', linked.qboId)).toBeUndefined();
});
