/**
 * Credit memos and refunds both ways through the engine node's Credit Memo and Refund → Two-Way,
 * between the QBO sandbox company and the field app: made in the app → QuickBooks (with the
 * customer's tax, the refund account and method, QuickBooks' number back in the app), made in
 * QuickBooks → the app, edits each way and a conflict, void and delete each way, a lost link found
 * by the marker, and what cannot be written reported with the line and the fix. The run after
 * each writes nothing in either system.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildInvoiceFixture, type InvoiceFixture } from '../../../../../support/invoice-fixture';
import { startSyncWorld, type SyncWorld } from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let world: SyncWorld;
let fixture: InvoiceFixture;
let cursor = '';

const appCall = (method: string, path: string, body?: unknown) => world.appCall(method, path, body);
const list = (resource: string) => world.list(resource);
const realm = () => world.realm();
const qboWrites = () => world.qboWrites();
const fresh = (resource: string, record: Json) => world.fresh(resource, record);

async function sync(parameters: IDataObject = {}, options: { apply?: boolean } = {}) {
	const input = [
		...(await list('credit-memos')),
		...(await list('refunds')),
		...(await list('customers')),
		...(await list('locations')),
		...(await list('items')),
	];
	const run = await world.engine(
		{
			resource: 'credit',
			operation: 'twoWay',
			refundAccount: 'Checking',
			conflictPolicy: 'latest',
			since: cursor,
			createMissing: true,
			createInApp: true,
			dryRun: false,
			...parameters,
		},
		input,
	);
	if (options.apply === false) return run;
	// What the template's HTTP nodes do: PATCH / PUT / DELETE in order, then new records and their links.
	for (const w of run.writes)
		await appCall(w.method, w.path, w.method === 'DELETE' ? undefined : w.body);
	for (const c of run.creates) {
		const created = await appCall('POST', c.path, c.body);
		await appCall('PUT', `/v1/${c.resource}/${created.id}/sync`, c.link);
	}
	cursor = run.summary.safeCursor ?? cursor;
	return run;
}

/** The run after: nothing to write in either system. */
async function expectSettled() {
	const before = qboWrites();
	const again = await sync();
	expect(again.writes).toEqual([]);
	expect(again.creates).toEqual([]);
	expect(again.issues).toEqual([]);
	expect(qboWrites()).toBe(before);
}

const credit = (body: Json) => appCall('POST', '/v1/credit-memos', { date: '2026-11-27', ...body });
const refund = (body: Json) =>
	appCall('POST', '/v1/refunds', { date: '2026-11-27', method: 'card', ...body });

beforeEach(async () => {
	world = await startSyncWorld();
	fixture = await buildInvoiceFixture(world.qbo, world.realmId, appCall);
	cursor = '';
});
afterEach(async () => await world.stop());

describe('credit memos and refunds app → QuickBooks', () => {
	it('creates them once with the customer tax, refund account and method, and gives the app QuickBooks numbers', async () => {
		const { taxed, plain, site } = fixture.customers;
		const { design, sod } = fixture.items;
		const memo = await credit({
			customerId: taxed.id,
			memo: 'Returned sod',
			lines: [
				{ itemId: sod.id, description: 'Returned rolls', quantity: 5, rate: 20 },
				{ itemId: design.id, quantity: 1, rate: 75 },
			],
		});
		const back = await refund({
			customerId: plain.id,
			locationId: site.id,
			reference: 'RF-CARD-77',
			lines: [{ itemId: design.id, description: 'Visit not needed', quantity: 1, rate: 75 }],
		});

		const run = await sync();
		expect(run.issues).toEqual([]);
		expect(run.summary).toMatchObject({ quickBooks: { created: 2, updated: 0, deleted: 0 } });
		const memoNow = await fresh('credit-memos', memo);
		const backNow = await fresh('refunds', back);
		const qboMemo = realm().get('CreditMemo', memoNow.qboId)!;
		const qboRefund = realm().get('RefundReceipt', backNow.qboId)!;
		// 5 × 20 taxed at California's 7.25 % plus 75 untaxed: the app's total, to the cent.
		expect(qboMemo.TotalAmt).toBeCloseTo(memo.total, 2);
		expect(memo.total).toBeCloseTo(182.25, 2);
		expect(qboMemo).toMatchObject({
			CustomerRef: { value: fixture.qbo.taxed },
			RemainingCredit: qboMemo.TotalAmt,
			CustomerMemo: { value: 'Returned sod' },
		});
		expect(qboMemo.Line[0]).toMatchObject({
			Description: 'Returned rolls',
			SalesItemLineDetail: { Qty: 5, UnitPrice: 20, TaxCodeRef: { value: 'TAX' } },
		});
		expect(qboRefund).toMatchObject({
			TotalAmt: 75,
			CustomerRef: { value: fixture.qbo.site },
			DepositToAccountRef: { name: 'Checking' },
			PaymentMethodRef: { name: 'Visa' },
			PaymentRefNum: 'RF-CARD-77',
		});
		expect(memoNow).toMatchObject({
			number: qboMemo.DocNumber,
			appNumber: memo.number,
			status: 'open',
		});
		expect(backNow.number).toBe(qboRefund.DocNumber);
		await expectSettled();
		expect(realm().all('CreditMemo')).toHaveLength(1);
		expect(realm().all('RefundReceipt')).toHaveLength(1);
	});

	it('finds a document whose link was lost by the marker instead of creating it twice', async () => {
		const memo = await credit({
			customerId: fixture.customers.plain.id,
			lines: [{ itemId: fixture.items.design.id, quantity: 2, rate: 75 }],
		});
		const lost = await sync({}, { apply: false });
		expect(lost.summary).toMatchObject({ quickBooks: { created: 1 } });
		const found = await sync();
		expect(found.summary).toMatchObject({ quickBooks: { created: 0 }, linked: 1 });
		expect(realm().all('CreditMemo')).toHaveLength(1);
		expect((await fresh('credit-memos', memo)).qboId).toBe(realm().all('CreditMemo')[0].Id);
		await expectSettled();
	});

	it('reports what cannot be written, with the line and the fix, and writes no part of it', async () => {
		const unlinkedItem = await credit({
			customerId: fixture.customers.plain.id,
			lines: [
				{ itemId: fixture.items.design.id, quantity: 1, rate: 75 },
				{ itemId: fixture.items.mulch.id, quantity: 2, rate: 8 },
			],
		});
		const noAccount = await refund({
			customerId: fixture.customers.plain.id,
			lines: [{ itemId: fixture.items.design.id, quantity: 1, rate: 75 }],
		});
		const run = await sync({ refundAccount: 'Sales of Product Income' });
		expect(run.issues).toEqual([
			expect.objectContaining({
				appId: unlinkedItem.id,
				code: 'refused',
				reason: expect.stringContaining('line 2: item'),
				fix: expect.stringContaining('items template'),
			}),
			expect.objectContaining({
				appId: noAccount.id,
				code: 'refused',
				reason: expect.stringContaining('refunds are paid from a Bank'),
				fix: expect.stringContaining('Refund From Account'),
			}),
		]);
		expect(realm().all('CreditMemo')).toHaveLength(0);
		expect(realm().all('RefundReceipt')).toHaveLength(0);
		expect((await fresh('credit-memos', unlinkedItem)).sync.error).toMatch(/Mulch/);
	});
});

describe('credit memos and refunds QuickBooks → app', () => {
	it('creates those of app customers in the app, lists those of other customers, and settles', async () => {
		const qboMemo = realm().create('CreditMemo', {
			CustomerRef: { value: fixture.qbo.taxed },
			TxnDate: '2026-11-28',
			CustomerMemo: { value: 'Goodwill' },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 40,
					SalesItemLineDetail: {
						ItemRef: { value: fixture.items.sod.qboId },
						Qty: 2,
						UnitPrice: 20,
						TaxCodeRef: { value: 'TAX' },
					},
				},
			],
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
		});
		const checkMethod = realm()
			.all('PaymentMethod')
			.find((m) => m.Name === 'Check')!;
		const qboRefund = realm().create('RefundReceipt', {
			CustomerRef: { value: fixture.qbo.site },
			TxnDate: '2026-11-28',
			DepositToAccountRef: {
				value: realm()
					.all('Account')
					.find((a) => a.Name === 'Checking')!.Id,
			},
			PaymentMethodRef: { value: checkMethod.Id },
			PaymentRefNum: '5521',
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 75,
					SalesItemLineDetail: { ItemRef: { value: fixture.items.design.qboId } },
				},
			],
		});
		const stranger = realm().create('Customer', { DisplayName: 'Not In The App' });
		const foreign = realm().create('CreditMemo', {
			CustomerRef: { value: stranger.Id },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 20,
					SalesItemLineDetail: {
						ItemRef: { value: fixture.items.sod.qboId },
						Qty: 1,
						UnitPrice: 20,
					},
				},
			],
		});

		const run = await sync();
		expect(run.issues).toEqual([]);
		expect(run.summary).toMatchObject({
			app: { created: 2 },
			skipped: [
				expect.objectContaining({
					qboId: foreign.Id,
					reason: expect.stringContaining('whom the app does not have'),
				}),
			],
		});
		const [memo] = await list('credit-memos');
		const [back] = await list('refunds');
		expect(memo).toMatchObject({
			qboId: qboMemo.Id,
			customerId: fixture.customers.taxed.id,
			number: qboMemo.DocNumber,
			memo: 'Goodwill',
			total: qboMemo.TotalAmt,
			lines: [expect.objectContaining({ itemId: fixture.items.sod.id, quantity: 2, rate: 20 })],
		});
		// A line entered with only an amount is one of that amount; the location is the sub-customer's.
		expect(back).toMatchObject({
			qboId: qboRefund.Id,
			customerId: fixture.customers.plain.id,
			locationId: fixture.customers.site.id,
			method: 'check',
			reference: '5521',
			total: 75,
			lines: [expect.objectContaining({ itemId: fixture.items.design.id, quantity: 1, rate: 75 })],
		});
		await expectSettled();
	});
});

describe('edits, voids and deletions both ways', () => {
	it('copies one-sided edits, settles a conflict by the policy, and follows void and delete each way', async () => {
		const { plain, taxed } = fixture.customers;
		const design = fixture.items.design;
		const appEdited = await credit({
			customerId: plain.id,
			lines: [{ itemId: design.id, quantity: 1, rate: 75 }],
		});
		const qboEdited = await credit({
			customerId: plain.id,
			lines: [{ itemId: design.id, quantity: 2, rate: 75 }],
		});
		const bothEdited = await refund({
			customerId: taxed.id,
			lines: [{ itemId: design.id, quantity: 1, rate: 75 }],
		});
		const voided = await credit({
			customerId: plain.id,
			lines: [{ itemId: design.id, quantity: 3, rate: 75 }],
		});
		const deletedInQbo = await refund({
			customerId: plain.id,
			lines: [{ itemId: design.id, quantity: 1, rate: 60 }],
		});
		await sync();
		await expectSettled();

		const now = async (record: Json, resource = 'credit-memos') => fresh(resource, record);
		const a = await now(appEdited);
		await appCall('PATCH', `/v1/credit-memos/${a.id}`, {
			version: a.version,
			memo: 'Discount agreed by phone',
		});
		const q = realm().get('CreditMemo', (await now(qboEdited)).qboId)!;
		realm().update('CreditMemo', {
			...q,
			Line: [
				{
					...q.Line[0],
					Amount: 225,
					SalesItemLineDetail: { ...q.Line[0].SalesItemLineDetail, Qty: 3 },
				},
			],
		});
		const b = await now(bothEdited, 'refunds');
		await appCall('PATCH', `/v1/refunds/${b.id}`, { version: b.version, reference: 'APP-SIDE' });
		const qb = realm().get('RefundReceipt', b.qboId)!;
		realm().update('RefundReceipt', { ...qb, PaymentRefNum: 'QBO-SIDE' });
		const v = await now(voided);
		await appCall('POST', `/v1/credit-memos/${v.id}/transition`, {
			version: v.version,
			status: 'void',
		});
		const d = await now(deletedInQbo, 'refunds');
		realm().delete('RefundReceipt', {
			Id: d.qboId,
			SyncToken: realm().get('RefundReceipt', d.qboId)!.SyncToken,
		});

		const run = await sync({ conflictPolicy: 'app' });
		expect(run.issues).toEqual([]);
		expect(run.summary).toMatchObject({
			app: { updated: 1, deleted: 1 },
			quickBooks: { updated: 2, deleted: 1 },
			conflicts: [expect.objectContaining({ appId: bothEdited.id, winner: 'app' })],
		});
		expect(realm().get('CreditMemo', a.qboId)!.CustomerMemo).toEqual({
			value: 'Discount agreed by phone',
		});
		expect(await now(qboEdited)).toMatchObject({
			total: 225,
			lines: [expect.objectContaining({ quantity: 3 })],
		});
		expect(realm().get('RefundReceipt', b.qboId)!.PaymentRefNum).toBe('APP-SIDE');
		expect(realm().get('CreditMemo', v.qboId)).toBeUndefined();
		expect((await now(deletedInQbo, 'refunds')).deletedAt).toBeTruthy();
		await expectSettled();
	});

	it('reports a credit memo QuickBooks cannot delete while its credit is applied, and one deleted there but edited in the app', async () => {
		const { plain } = fixture.customers;
		const applied = await credit({
			customerId: plain.id,
			lines: [{ itemId: fixture.items.design.id, quantity: 1, rate: 75 }],
		});
		const edited = await credit({
			customerId: plain.id,
			lines: [{ itemId: fixture.items.design.id, quantity: 1, rate: 50 }],
		});
		await sync();
		const appliedNow = await fresh('credit-memos', applied);
		const invoice = realm().create('Invoice', {
			CustomerRef: { value: fixture.qbo.plain },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 100,
					SalesItemLineDetail: {
						ItemRef: { value: fixture.items.design.qboId },
						Qty: 1,
						UnitPrice: 100,
					},
				},
			],
		});
		realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.plain },
			TotalAmt: 0,
			Line: [
				{ Amount: 75, LinkedTxn: [{ TxnId: appliedNow.qboId, TxnType: 'CreditMemo' }] },
				{ Amount: 75, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
			],
		});
		await appCall('POST', `/v1/credit-memos/${appliedNow.id}/transition`, {
			version: appliedNow.version,
			status: 'void',
		});
		const e = await fresh('credit-memos', edited);
		await appCall('PATCH', `/v1/credit-memos/${e.id}`, {
			version: e.version,
			memo: 'Edited after all',
		});
		realm().delete('CreditMemo', {
			Id: e.qboId,
			SyncToken: realm().get('CreditMemo', e.qboId)!.SyncToken,
		});

		const run = await sync();
		expect(run.issues).toEqual([
			expect.objectContaining({
				appId: edited.id,
				code: 'deleted_in_quickbooks',
				fix: expect.stringContaining('clear its link'),
			}),
			expect.objectContaining({
				appId: applied.id,
				reason: expect.stringContaining('refused to delete'),
				fix: expect.stringContaining('payment applying the credit'),
			}),
		]);
		expect(realm().get('CreditMemo', appliedNow.qboId)).toBeDefined();
		expect((await fresh('credit-memos', edited)).deletedAt).toBeFalsy();
	});
});
