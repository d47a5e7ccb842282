/**
 * History import QuickBooks → app through the engine node's Invoice and Payment → Import History,
 * between the QBO sandbox company and the field app: the invoices of a date range become linked,
 * unpaid app invoices with QuickBooks' numbers and totals, their payments mark them paid or
 * partially paid; what is outside the range, void, or written from the app stays out; what cannot
 * be imported is reported with the fix; a re-run writes nothing; and the invoice push then finds
 * every imported invoice unchanged.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildInvoiceFixture, type InvoiceFixture } from '../../../../../support/invoice-fixture';
import {
	startSyncWorld,
	type SyncWorld,
	INVOICE_PUSH,
} from '../../../../../support/emulator-client';

let world: SyncWorld;
let fixture: InvoiceFixture;

const appCall = (method: string, path: string, body?: unknown) => world.appCall(method, path, body);
const list = (resource: string) => world.list(resource);
const realm = () => world.realm();
const qboWrites = () => world.qboWrites();
const range = { dateFrom: '2025-01-01', dateTo: '2025-12-31', dryRun: false };

/** What the template's HTTP nodes do: PUT / DELETE in order, then new records, their links and what follows the link. */
async function apply(run: Awaited<ReturnType<SyncWorld['engine']>>) {
	for (const w of run.writes)
		await appCall(w.method, w.path, w.method === 'DELETE' ? undefined : w.body);
	for (const c of run.creates) {
		const created = await appCall('POST', c.path, c.body);
		await appCall('PUT', `/v1/${c.resource}/${created.id}/sync`, c.link);
		if (c.then)
			await appCall(c.then.method, `/v1/${c.resource}/${created.id}${c.then.path}`, c.then.body);
	}
	return run;
}
const references = async () => [
	...(await list('customers')),
	...(await list('locations')),
	...(await list('items')),
];
const importInvoices = async (parameters: IDataObject = {}) =>
	world.engine({ resource: 'invoice', operation: 'import', ...range, ...parameters }, [
		...(await list('invoices')),
		...(await references()),
	]);
const importPayments = async () =>
	world.engine({ resource: 'payment', operation: 'import', ...range }, [
		...(await list('payments')),
		...(await list('invoices')),
		...(await list('customers')),
		...(await list('locations')),
	]);
const line = (itemId: string, qty: number, price: number, tax = 'NON') => ({
	DetailType: 'SalesItemLineDetail',
	Amount: qty * price,
	SalesItemLineDetail: {
		ItemRef: { value: itemId },
		Qty: qty,
		UnitPrice: price,
		TaxCodeRef: { value: tax },
	},
});

beforeEach(async () => {
	world = await startSyncWorld();
	fixture = await buildInvoiceFixture(world.qbo, world.realmId, appCall);
});
afterEach(async () => await world.stop());

it('imports the invoices and payments of a range once, paid as in QuickBooks, and the push leaves them as they are', async () => {
	const { sod, design } = fixture.items;
	const taxedInvoice = realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.taxed },
		TxnDate: '2025-03-04',
		DueDate: '2025-04-03',
		CustomerMemo: { value: 'Spring cleanup' },
		Line: [line(sod.qboId, 10, 20, 'TAX'), line(design.qboId, 1, 75)],
		TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
	});
	const siteInvoice = realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.site },
		TxnDate: '2025-06-10',
		Line: [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: 300,
				SalesItemLineDetail: { ItemRef: { value: design.qboId }, TaxCodeRef: { value: 'NON' } },
			},
		],
	});
	const outside = realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.plain },
		TxnDate: '2024-12-31',
		Line: [line(design.qboId, 1, 75)],
	});
	const voided = realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.plain },
		TxnDate: '2025-02-02',
		Line: [line(design.qboId, 1, 75)],
	});
	realm().void('Invoice', { Id: voided.Id, SyncToken: voided.SyncToken });
	const stranger = realm().create('Customer', { DisplayName: 'Past Customer Not In App' });
	const foreign = realm().create('Invoice', {
		CustomerRef: { value: stranger.Id },
		TxnDate: '2025-05-05',
		Line: [line(design.qboId, 1, 75)],
	});
	const unlinkedItem = realm()
		.all('Item')
		.find((i) => i.Name === 'Rocks')!;
	const rocks = realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.plain },
		TxnDate: '2025-05-06',
		Line: [line(design.qboId, 1, 75), line(unlinkedItem.Id, 2, 10)],
	});
	realm().create('Payment', {
		CustomerRef: { value: fixture.qbo.taxed },
		TxnDate: '2025-03-20',
		TotalAmt: taxedInvoice.TotalAmt,
		Line: [
			{
				Amount: taxedInvoice.TotalAmt,
				LinkedTxn: [{ TxnId: taxedInvoice.Id, TxnType: 'Invoice' }],
			},
		],
	});
	realm().create('Payment', {
		CustomerRef: { value: fixture.qbo.site },
		TxnDate: '2025-06-30',
		TotalAmt: 100,
		PaymentRefNum: '7781',
		Line: [{ Amount: 100, LinkedTxn: [{ TxnId: siteInvoice.Id, TxnType: 'Invoice' }] }],
	});

	const invoices = await apply(await importInvoices());
	expect(invoices.summary).toMatchObject({
		direction: 'import',
		created: 2,
		issues: 2,
		skipped: [
			expect.objectContaining({ qboId: voided.Id, reason: expect.stringContaining('void') }),
		],
	});
	expect(invoices.issues).toEqual([
		expect.objectContaining({
			qboId: foreign.Id,
			reason: expect.stringContaining(`customer ${stranger.Id} is not linked`),
			fix: expect.stringContaining('run the import again'),
		}),
		expect.objectContaining({
			qboId: rocks.Id,
			reason: expect.stringContaining('line 2 names QuickBooks item'),
		}),
	]);
	const imported = await list('invoices');
	const taxed = imported.find((i) => i.qboId === taxedInvoice.Id)!;
	const site = imported.find((i) => i.qboId === siteInvoice.Id)!;
	expect(imported.find((i) => i.qboId === outside.Id)).toBeUndefined();
	// The app's own tax (California, 7.25 % on taxable items) gives QuickBooks' total.
	expect(taxed).toMatchObject({
		status: 'unpaid',
		number: taxedInvoice.DocNumber,
		date: '2025-03-04',
		dueDate: '2025-04-03',
		memo: 'Spring cleanup',
		customerId: fixture.customers.taxed.id,
		total: taxedInvoice.TotalAmt,
	});
	expect(site).toMatchObject({
		status: 'unpaid',
		customerId: fixture.customers.plain.id,
		locationId: fixture.customers.site.id,
		total: 300,
		lines: [expect.objectContaining({ quantity: 1, rate: 300 })],
	});

	const payments = await apply(await importPayments());
	expect(payments.summary).toMatchObject({ direction: 'import', created: 2, issues: 0 });
	expect(await appCall('GET', `/v1/invoices/${taxed.id}`)).toMatchObject({
		status: 'paid',
		balance: 0,
	});
	expect(await appCall('GET', `/v1/invoices/${site.id}`)).toMatchObject({
		status: 'partially_paid',
		balance: 200,
	});

	// A re-run adds only what is missing: nothing.
	const versions = (await list('invoices')).map((i) => `${i.id}:${i.version}`).join();
	const again = await apply(await importInvoices());
	expect(again.summary).toMatchObject({ created: 0, unchanged: 3, issues: 2 }); // the two imported, and the void one listed again
	expect((await apply(await importPayments())).summary).toMatchObject({ created: 0, issues: 0 });
	expect((await list('invoices')).map((i) => `${i.id}:${i.version}`).join()).toBe(versions);
	expect(await list('payments')).toHaveLength(2);

	// The invoice push finds the imported invoices unchanged: QuickBooks' history is not rewritten.
	const before = qboWrites();
	const pushed = await world.engine({ ...INVOICE_PUSH, createMissingItems: false }, [
		...(await list('invoices')).filter((i) => i.qboId),
		...(await references()),
	]);
	expect(pushed.summary).toMatchObject({ created: 0, updated: 0, issues: 0 });
	expect(qboWrites()).toBe(before);
});

it('refuses a reversed or malformed range before reading anything, and lists a dry run without writing', async () => {
	await expect(importInvoices({ dateFrom: '2025-12-31', dateTo: '2025-01-01' })).rejects.toThrow(
		/"From Date" \(2025-12-31\) is after "To Date"/,
	);
	await expect(importInvoices({ dateFrom: '2025-13-01' })).rejects.toThrow(
		/give a date as YYYY-MM-DD/,
	);
	realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.plain },
		TxnDate: '2025-07-07',
		Line: [line(fixture.items.design.qboId, 1, 75)],
	});
	const dry = await importInvoices({ dryRun: true });
	expect(dry.creates).toEqual([]);
	expect(dry.summary).toMatchObject({
		dryRun: true,
		created: 1,
		plannedWrites: [expect.objectContaining({ write: 'POST', path: '/v1/invoices' })],
	});
	expect(await list('invoices')).toHaveLength(5);
});

it('reports an unlinked app invoice with the same number instead of importing a second one', async () => {
	const q = realm().create('Invoice', {
		CustomerRef: { value: fixture.qbo.plain },
		TxnDate: '2025-08-08',
		DocNumber: 'FA-1001',
		Line: [line(fixture.items.design.qboId, 1, 75)],
	});
	const run = await importInvoices();
	expect(run.creates).toEqual([]);
	expect(run.issues).toEqual([
		expect.objectContaining({
			qboId: q.Id,
			code: 'duplicate_invoice',
			fix: expect.stringContaining(`qboId ${q.Id}`),
		}),
	]);
});
