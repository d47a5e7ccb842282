/**
 * Payments through the engine node's Payment → Sync, between the QBO sandbox company and the field
 * app, after the invoices went to QuickBooks: app → QuickBooks (partial, split across invoices,
 * over-payment, store credit as a credit memo, a payment QuickBooks already has reported, a lost
 * link found again, a deletion voids) and QuickBooks → app (paid and partially paid invoices in the
 * app, a changed or voided QuickBooks payment followed, our own payments never coming back), each
 * written once; both directions at once refused.
 */
import type { IDataObject } from 'n8n-workflow';

import { startFieldApp, type FieldAppEmulator } from '../../../../../emulators/field-app';
import type { QboEmulator } from '../../../../../emulators/qbo';
import { buildInvoiceFixture, type InvoiceFixture } from '../../../../../support/invoice-fixture';
import {
	fieldAppCall,
	runEngine,
	startWithClient,
	engineCredentials,
	INVOICE_PUSH,
} from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let qbo: QboEmulator;
let realmId: string;
let app: FieldAppEmulator;
let credentials: IDataObject;
let fixture: InvoiceFixture;

const appCall = fieldAppCall(() => app);
const list = async (resource: string) =>
	(await appCall('GET', `/v1/${resource}?limit=500&includeDeleted=true`)).data as Json[];
const realm = () => qbo.admin.realm(realmId);
const qboWrites = () =>
	qbo.admin.log.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length;
const fresh = async (resource: string, record: Json) =>
	appCall('GET', `/v1/${resource}/${record.id}`);

const engine = (parameters: IDataObject, input: Json[]) =>
	runEngine(credentials, parameters, input);
const references = async () => [
	...(await list('invoices')),
	...(await list('customers')),
	...(await list('locations')),
];
const paymentSync = async (parameters: IDataObject = {}) =>
	engine(
		{
			resource: 'payment',
			operation: 'sync',
			paymentDirection: 'appToQuickBooks',
			storeCreditItem: 'Services',
			since: '',
			dryRun: false,
			...parameters,
		},
		[...(await list('payments')), ...(await references())],
	);
/** What the template's HTTP nodes do: deletions and links in order, then new records and their links. */
async function apply(run: Awaited<ReturnType<typeof engine>>) {
	for (const w of run.writes)
		await appCall(w.method, w.path, w.method === 'DELETE' ? undefined : w.body);
	for (const c of run.creates) {
		const created = await appCall('POST', c.path, c.body);
		await appCall('PUT', `/v1/${c.resource}/${created.id}/sync`, c.link);
	}
	return run;
}
const pay = (body: Json) => appCall('POST', '/v1/payments', { date: '2026-11-25', ...body });

beforeEach(async () => {
	({ emulator: qbo, realmId } = await startWithClient());
	app = await startFieldApp({ port: 0, seed: false });
	credentials = engineCredentials(qbo, realmId);
	fixture = await buildInvoiceFixture(qbo, realmId, appCall);
	const pushed = await engine({ ...INVOICE_PUSH }, [
		...(await references()),
		...(await list('items')),
	]);
	await apply(pushed);
	expect(pushed.summary).toMatchObject({ created: 2 });
});
afterEach(async () => {
	await app.stop();
	await qbo.stop();
});

describe('payments app → QuickBooks', () => {
	it('records partial, split and over-payments and store credit once each, and reports one QuickBooks already has', async () => {
		const lines = await fresh('invoices', fixture.invoices.lines);
		const atSite = await fresh('invoices', fixture.invoices.atSite);
		const partial = await pay({
			customerId: fixture.customers.taxed.id,
			amount: 100,
			method: 'check',
			reference: '1045',
			applications: [{ invoiceId: lines.id, amount: 100 }],
		});
		const over = await pay({
			customerId: fixture.customers.plain.id,
			amount: 250,
			method: 'card',
			applications: [{ invoiceId: atSite.id, amount: 188 }],
		});
		const credit = await pay({
			customerId: fixture.customers.plain.id,
			amount: 20,
			method: 'store_credit',
		});
		realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.plain },
			TxnDate: '2026-11-26',
			TotalAmt: 55,
			PaymentRefNum: 'CASH-7',
		});
		const twin = await pay({
			customerId: fixture.customers.plain.id,
			date: '2026-11-26',
			amount: 55,
			method: 'cash',
		});

		const run = await apply(await paymentSync());
		expect(run.summary).toMatchObject({ created: 3, issues: 1 });
		expect(run.issues).toEqual([
			expect.objectContaining({
				appId: twin.id,
				code: 'duplicate_payment',
				reason: expect.stringContaining('would record the money twice'),
			}),
		]);
		const qboLines = realm().get('Invoice', lines.qboId)!;
		expect(qboLines.Balance).toBeCloseTo(365.24, 2);
		expect(realm().get('Invoice', atSite.qboId)!.Balance).toBe(0);
		const overQbo = realm().get('Payment', (await fresh('payments', over)).qboId)!;
		expect(overQbo).toMatchObject({
			TotalAmt: 250,
			UnappliedAmt: 62,
			CustomerRef: { value: fixture.qbo.site },
		});
		expect(realm().get('Payment', (await fresh('payments', partial)).qboId)).toMatchObject({
			PaymentRefNum: '1045',
			TotalAmt: 100,
		});
		expect(realm().get('CreditMemo', (await fresh('payments', credit)).qboId)).toMatchObject({
			TotalAmt: 20,
			CustomerRef: { value: fixture.qbo.plain },
		});
		expect((await fresh('payments', twin)).sync.error).toMatch(/same amount on the same day/);

		const before = qboWrites();
		expect((await apply(await paymentSync())).summary).toMatchObject({
			created: 0,
			linked: 0,
			issues: 1,
		});
		expect(qboWrites()).toBe(before);
	});

	it('splits one payment across two invoices and applies store credit to an invoice', async () => {
		const second = await appCall('POST', '/v1/invoices', {
			customerId: fixture.customers.taxed.id,
			date: '2026-11-24',
			status: 'ready_for_sync',
			lines: [{ itemId: fixture.items.design.id, quantity: 2, rate: 75 }],
		});
		await apply(
			await engine({ ...INVOICE_PUSH }, [
				second,
				...(await list('customers')),
				...(await list('locations')),
				...(await list('items')),
			]),
		);
		const [lines, other] = [
			await fresh('invoices', fixture.invoices.lines),
			await fresh('invoices', second),
		];
		const split = await pay({
			customerId: fixture.customers.taxed.id,
			amount: 300,
			method: 'ach',
			applications: [
				{ invoiceId: lines.id, amount: 150 },
				{ invoiceId: other.id, amount: 150 },
			],
		});
		const credit = await pay({
			customerId: fixture.customers.taxed.id,
			amount: 40,
			method: 'store_credit',
			applications: [{ invoiceId: lines.id, amount: 40 }],
		});
		const run = await apply(await paymentSync());
		expect(run.issues).toEqual([]);
		const splitQbo = realm().get('Payment', (await fresh('payments', split)).qboId)!;
		expect(splitQbo.Line.map((l: Json) => [l.LinkedTxn[0].TxnId, l.Amount]).sort()).toEqual(
			[
				[lines.qboId, 150],
				[other.qboId, 150],
			].sort(),
		);
		expect(realm().get('Invoice', other.qboId)!.Balance).toBe(0);
		expect(realm().get('CreditMemo', (await fresh('payments', credit)).qboId)).toMatchObject({
			TotalAmt: 40,
			Balance: 0,
		});
		expect(realm().get('Invoice', lines.qboId)!.Balance).toBeCloseTo(465.24 - 150 - 40, 2);

		// A run writes the credit memo but applying it fails: an issue; the next run finds the memo by its marker and applies it, once.
		const more = await pay({
			customerId: fixture.customers.taxed.id,
			amount: 10,
			method: 'store_credit',
			applications: [{ invoiceId: lines.id, amount: 10 }],
		});
		qbo.admin.injectFault({ kind: '5010', method: 'POST', path: '/payment', count: 1 });
		const failed = await apply(await paymentSync());
		expect(failed.issues).toEqual([
			expect.objectContaining({
				appId: more.id,
				reason: expect.stringContaining('applying it to the invoices failed'),
			}),
		]);
		expect(realm().get('Invoice', lines.qboId)!.Balance).toBeCloseTo(465.24 - 150 - 40, 2);
		const again = await apply(await paymentSync());
		expect(again.summary).toMatchObject({ created: 0, linked: 1, issues: 0 });
		expect(realm().get('Invoice', lines.qboId)!.Balance).toBeCloseTo(465.24 - 150 - 50, 2);
		expect((await apply(await paymentSync())).summary).toMatchObject({
			created: 0,
			linked: 0,
			issues: 0,
		});
		expect(
			realm()
				.all('Payment')
				.filter((p) => String(p.PrivateNote).includes(`[app payment ${more.id}]`)),
		).toHaveLength(1);
	});

	it('finds the payment again when the app lost the link, and voids it when the app deletes it', async () => {
		const lines = await fresh('invoices', fixture.invoices.lines);
		const payment = await pay({
			customerId: fixture.customers.taxed.id,
			amount: 65.24,
			method: 'cash',
			applications: [{ invoiceId: lines.id, amount: 65.24 }],
		});
		const count = realm().all('Payment').length;
		expect((await paymentSync()).summary).toMatchObject({ created: 1 }); // app writes lost
		expect((await apply(await paymentSync())).summary).toMatchObject({ created: 0, linked: 1 });
		expect(realm().all('Payment')).toHaveLength(count + 1);
		const linked = await fresh('payments', payment);
		await appCall('DELETE', `/v1/payments/${payment.id}?version=${linked.version}`);
		const voided = await apply(await paymentSync());
		expect(voided.summary).toMatchObject({ voided: 1 });
		expect(realm().get('Payment', linked.qboId)).toMatchObject({ TotalAmt: 0 });
		expect(realm().get('Invoice', lines.qboId)!.Balance).toBeCloseTo(465.24, 2);
	});

	it('refuses to sync payments both ways at once, and says why', async () => {
		await expect(paymentSync({ paymentDirection: 'both' })).rejects.toMatchObject({
			message: expect.stringContaining(
				'"Direction" is "both", which is not one of its choices: App to QuickBooks (appToQuickBooks), QuickBooks to App (quickBooksToApp)',
			),
			description: expect.stringContaining('Payments sync in one direction only'),
		});
	});
});

describe('payments QuickBooks → app', () => {
	const pull = async () =>
		engine(
			{
				resource: 'payment',
				operation: 'sync',
				paymentDirection: 'quickBooksToApp',
				since: '',
				dryRun: false,
			},
			[...(await list('payments')), ...(await references())],
		);

	it('marks app invoices paid and partially paid, follows a changed and a voided payment, and never brings back its own', async () => {
		const lines = await fresh('invoices', fixture.invoices.lines);
		const atSite = await fresh('invoices', fixture.invoices.atSite);
		const full = realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.site },
			TotalAmt: 188,
			Line: [{ Amount: 188, LinkedTxn: [{ TxnId: atSite.qboId, TxnType: 'Invoice' }] }],
		});
		const part = realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.taxed },
			TotalAmt: 200,
			PaymentRefNum: '2231',
			Line: [{ Amount: 200, LinkedTxn: [{ TxnId: lines.qboId, TxnType: 'Invoice' }] }],
		});
		const ours = realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.taxed },
			TotalAmt: 10,
			PrivateNote: 'App payment [app payment pay_9999]',
		});
		// Store credit recorded from the app earlier is linked to a credit memo; QuickBooks numbers credit memos and payments apart, so its id can be a payment's id too.
		const storeCredit = await pay({
			customerId: fixture.customers.taxed.id,
			amount: 5,
			method: 'store_credit',
		});
		await appCall('PUT', `/v1/payments/${storeCredit.id}/sync`, { qboId: full.Id });
		const seeded = realm()
			.all('Payment')
			.filter((p) => ![full.Id, part.Id, ours.Id].includes(p.Id))
			.map((p) => p.Id);
		const first = await apply(await pull());
		expect(first.summary).toMatchObject({ created: 2, issues: 0 });
		// The sandbox company's own payments are of customers the app does not have, paying no app invoice: listed as not the app's, none recorded.
		expect(first.summary.skipped.map((x: Json) => x.qboId).sort()).toEqual(seeded.sort());
		expect(await fresh('invoices', atSite)).toMatchObject({ status: 'paid', balance: 0 });
		expect(await fresh('invoices', lines)).toMatchObject({
			status: 'partially_paid',
			amountPaid: 200,
		});
		const payments = await list('payments');
		expect(
			payments
				.filter((p) => p.id !== storeCredit.id)
				.map((p) => p.qboId)
				.sort(),
		).toEqual([full.Id, part.Id].sort());
		expect(first.writes.filter((w) => w.method === 'DELETE')).toEqual([]);
		expect(payments.find((p) => p.qboId === part.Id)).toMatchObject({
			customerId: fixture.customers.taxed.id,
			amount: 200,
			reference: '2231',
		});
		expect(payments.find((p) => p.qboId === full.Id && p.id !== storeCredit.id)?.customerId).toBe(
			fixture.customers.plain.id,
		); // the location's customer
		expect(payments.some((p) => p.qboId === ours.Id)).toBe(false);

		expect((await apply(await pull())).summary).toMatchObject({
			created: 0,
			deleted: 0,
			updated: 0,
		});

		const current = realm().get('Payment', part.Id)!;
		realm().update('Payment', {
			...current,
			TotalAmt: 300,
			Line: [{ Amount: 300, LinkedTxn: [{ TxnId: lines.qboId, TxnType: 'Invoice' }] }],
		});
		const changed = await apply(await pull());
		expect(changed.summary).toMatchObject({ deleted: 1, created: 1 });
		expect(await fresh('invoices', lines)).toMatchObject({
			status: 'partially_paid',
			amountPaid: 300,
		});

		const paid = realm().get('Payment', full.Id)!;
		realm().void('Payment', paid);
		const voided = await apply(await pull());
		expect(voided.summary).toMatchObject({ deleted: 1, created: 0 });
		expect(await fresh('invoices', atSite)).toMatchObject({ status: 'unpaid', balance: 188 });
	});

	it("leaves out a payment that is not the app's, and reports one the app already recorded by hand", async () => {
		const lines = await fresh('invoices', fixture.invoices.lines);
		const foreign = realm()
			.all('Invoice')
			.find((i) => i.CustomerRef.value !== fixture.qbo.taxed && i.Balance > 0)!;
		const stranger = realm().create('Payment', {
			CustomerRef: { value: foreign.CustomerRef.value },
			TotalAmt: 5,
			Line: [{ Amount: 5, LinkedTxn: [{ TxnId: foreign.Id, TxnType: 'Invoice' }] }],
		});
		const today = realm().clock.today();
		await pay({
			customerId: fixture.customers.taxed.id,
			date: today,
			amount: 50,
			method: 'check',
			applications: [{ invoiceId: lines.id, amount: 50 }],
		});
		const twin = realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.taxed },
			TxnDate: today,
			TotalAmt: 50,
			Line: [{ Amount: 50, LinkedTxn: [{ TxnId: lines.qboId, TxnType: 'Invoice' }] }],
		});
		const run = await apply(await pull());
		expect(run.issues).toEqual([
			expect.objectContaining({
				qboId: twin.Id,
				code: 'duplicate_payment',
				fix: expect.stringContaining('link it'),
			}),
		]);
		expect(run.summary.skipped).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					qboId: stranger.Id,
					reason: expect.stringContaining('pays no app invoice'),
				}),
			]),
		);
		// Only the duplicate holds the cursor: the stranger's payment does not.
		expect(run.summary.safeCursor).toBe(
			new Date(Date.parse(realm().get('Payment', twin.Id)!.MetaData.LastUpdatedTime)).toISOString(),
		);
		expect(run.creates).toEqual([]);
		expect(await fresh('invoices', lines)).toMatchObject({ amountPaid: 50 });
	});
});
