/**
 * Invoices app → QuickBooks through the engine node's Invoice → Push, between the QBO sandbox
 * company and the field app: only invoices marked for sync go, each once; lines keep their order,
 * descriptions (blank stays blank) and taxable flags; QuickBooks computes the customer's tax; items
 * QuickBooks lacks are created once; the app takes QuickBooks' number and moves to unpaid; $0
 * invoices are skipped; an edit updates, a void voids; a lost link finds the same invoice; the
 * app's numbers can be kept, with a clash and an over-long number reported; on a company with
 * Automated Sales Tax no tax code is sent.
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
const qboInvoices = () => qbo.admin.realm(realmId).all('Invoice');
const qboWrites = () =>
	qbo.admin.log.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length;
const fresh = async (invoice: Json) => appCall('GET', `/v1/invoices/${invoice.id}`);

async function push(parameters: IDataObject = {}, invoices?: Json[]) {
	const input = [
		...(invoices ?? (await list('invoices'))),
		...(await list('customers')),
		...(await list('locations')),
		...(await list('items')),
	];
	return await runEngine(credentials, { ...INVOICE_PUSH, ...parameters }, input);
}
/** What the template's HTTP Request node does with output 1: each write in order. */
async function apply(run: Awaited<ReturnType<typeof push>>) {
	for (const w of run.writes) await appCall(w.method, w.path, w.body);
	return run;
}

beforeAll(async () => {
	({ emulator: qbo, realmId } = await startWithClient());
	app = await startFieldApp({ port: 0, seed: false });
	credentials = engineCredentials(qbo, realmId);
	fixture = await buildInvoiceFixture(qbo, realmId, appCall);
});
afterAll(async () => {
	await app.stop();
	await qbo.stop();
});

describe('QuickBooks Sync Engine: invoices app → QuickBooks', () => {
	it('lists in a dry run what it would write and writes nothing', async () => {
		const before = { qbo: qboWrites(), items: qbo.admin.realm(realmId).all('Item').length };
		const run = await push({ dryRun: true });
		expect(run.writes).toEqual([]);
		expect(run.summary).toMatchObject({
			dryRun: true,
			created: 2,
			plannedWrites: expect.arrayContaining([
				expect.objectContaining({ write: 'createInQuickBooks', appId: fixture.invoices.lines.id }),
			]),
		});
		expect(qboWrites()).toBe(before.qbo);
		expect(qbo.admin.realm(realmId).all('Item')).toHaveLength(before.items);
	});

	it("creates the invoices marked for sync once, exactly as the app has them, and moves them to unpaid with QuickBooks' number", async () => {
		const itemsBefore = qbo.admin.realm(realmId).all('Item').length;
		// Customers and items come in whole, after the invoices: the cursor is the newest invoice's time, not theirs.
		await appCall('PATCH', `/v1/customers/${fixture.customers.plain.id}`, {
			version: (await appCall('GET', `/v1/customers/${fixture.customers.plain.id}`)).version,
			phone: '(650) 555-0199',
		});
		const newestInvoice = (await list('invoices'))
			.map((i) => i.updatedAt)
			.sort()
			.at(-1);
		const run = await apply(await push());
		expect(run.summary.safeCursor).toBe(newestInvoice);
		expect(run.issues).toEqual([]);
		expect(run.summary).toMatchObject({ created: 2, voided: 0, items: { created: 2 } });
		expect(run.summary.skipped.map((s: Json) => s.appId).sort()).toEqual(
			[fixture.invoices.draft.id, fixture.invoices.approved.id, fixture.invoices.zero.id].sort(),
		);
		// Mulch is named by two invoices and created once, as a non-stocked item; Trenching as a service.
		const items = qbo.admin.realm(realmId).all('Item');
		expect(items).toHaveLength(itemsBefore + 2);
		expect(items.filter((i) => i.Name === 'Mulch').map((i) => i.Type)).toEqual(['NonInventory']);
		expect(items.filter((i) => i.Name === 'Trenching').map((i) => i.Type)).toEqual(['Service']);

		const lines = await fresh(fixture.invoices.lines);
		const q = qboInvoices().find((x) => x.Id === lines.qboId)!;
		expect(lines).toMatchObject({
			status: 'unpaid',
			number: q.DocNumber,
			appNumber: fixture.invoices.lines.number,
			sync: { error: null },
		});
		expect(
			q.Line.filter((l: Json) => l.DetailType === 'SalesItemLineDetail').map((l: Json) => [
				l.Description,
				l.SalesItemLineDetail.Qty,
				l.SalesItemLineDetail.UnitPrice,
				l.SalesItemLineDetail.TaxCodeRef.value,
			]),
		).toEqual([
			['Front yard plan', 2, 75, 'NON'],
			['Back yard plan', 1, 75, 'NON'],
			['', 10, 20, 'TAX'],
			['', 3, 8, 'TAX'],
		]);
		// QuickBooks applies the customer's tax code to the taxable lines only: 7.25 % of 200 + 24.
		expect(q.TxnTaxDetail).toMatchObject({ TxnTaxCodeRef: { value: '2' }, TotalTax: 16.24 });
		expect(q).toMatchObject({
			TotalAmt: 465.24,
			CustomerMemo: { value: 'Thank you for your business' },
			CustomerRef: { value: fixture.qbo.taxed },
		});

		const atSite = await fresh(fixture.invoices.atSite);
		const qs = qboInvoices().find((x) => x.Id === atSite.qboId)!;
		expect(qs).toMatchObject({ CustomerRef: { value: fixture.qbo.site }, TotalAmt: 188 });
		expect(qs.TxnTaxDetail).toBeUndefined();
		for (const untouched of [
			fixture.invoices.draft,
			fixture.invoices.approved,
			fixture.invoices.zero,
		])
			expect(await fresh(untouched)).toMatchObject({
				qboId: null,
				status: untouched.status,
				version: untouched.version,
			});
		expect(
			(await list('items'))
				.filter((i) => ['Mulch', 'Trenching'].includes(i.name))
				.every((i) => typeof i.qboId === 'string'),
		).toBe(true);
	});

	it('writes nothing on the next run', async () => {
		const before = qboWrites();
		const run = await apply(await push());
		expect(run.summary).toMatchObject({ created: 0, updated: 0, linked: 0, voided: 0, issues: 0 });
		expect(run.writes).toEqual([]);
		expect(qboWrites()).toBe(before);
	});

	it('updates the QuickBooks invoice when the app invoice is edited, and voids it when the app voids it', async () => {
		const current = await fresh(fixture.invoices.lines);
		const lines = current.lines.map((l: Json) => ({
			itemId: l.itemId,
			...(l.description !== undefined ? { description: l.description } : {}),
			quantity: l.quantity,
			rate: l.rate,
		}));
		lines[2].quantity = 12;
		await appCall('PATCH', `/v1/invoices/${current.id}`, { version: current.version, lines });
		const edited = await apply(await push());
		expect(edited.summary).toMatchObject({ updated: 1, created: 0 });
		const q = qboInvoices().find((x) => x.Id === current.qboId)!;
		expect(
			q.Line.filter((l: Json) => l.DetailType === 'SalesItemLineDetail').map(
				(l: Json) => l.SalesItemLineDetail.Qty,
			),
		).toEqual([2, 1, 12, 3]);
		expect(qboInvoices().filter((x) => x.CustomerRef.value === fixture.qbo.taxed)).toHaveLength(1);

		const site = await fresh(fixture.invoices.atSite);
		await appCall('POST', `/v1/invoices/${site.id}/transition`, {
			version: site.version,
			status: 'void',
		});
		const voided = await apply(await push());
		expect(voided.summary).toMatchObject({ voided: 1 });
		expect(qboInvoices().find((x) => x.Id === site.qboId)).toMatchObject({
			TotalAmt: 0,
			Balance: 0,
		});
		expect((await apply(await push())).summary).toMatchObject({
			created: 0,
			updated: 0,
			voided: 0,
		});
	});

	it('syncs $0 invoices when told to, and deletes in QuickBooks an invoice deleted in the app', async () => {
		const zero = await fresh(fixture.invoices.zero);
		const run = await apply(await push({ syncZeroInvoices: true }));
		expect(run.summary).toMatchObject({ created: 1 });
		const linked = await fresh(zero);
		expect(qboInvoices().find((x) => x.Id === linked.qboId)).toMatchObject({
			TotalAmt: 0,
			CustomerMemo: { value: 'Warranty visit, no charge' },
		});
		// An app that lets a linked invoice be deleted (the reference app only deletes drafts): given as the listing shows it.
		const deleted = { ...linked, deletedAt: new Date().toISOString() };
		const removal = await push({}, [deleted]);
		expect(removal.summary).toMatchObject({ voided: 1, issues: 0 });
		expect(qboInvoices().some((x) => x.Id === linked.qboId)).toBe(false);
		expect((await push({}, [deleted])).summary).toMatchObject({
			voided: 0,
			issues: 0,
			unchanged: 1,
		});
		await appCall('PUT', `/v1/invoices/${zero.id}/sync`, { qboId: null, fingerprint: null }); // the other tests' app no longer links it
	});

	it('finds the same QuickBooks invoice when the app lost the link after QuickBooks wrote it', async () => {
		const invoice = await appCall('POST', '/v1/invoices', {
			customerId: fixture.customers.plain.id,
			date: '2026-11-21',
			lines: [{ itemId: fixture.items.design.id, quantity: 3, rate: 75 }],
		});
		let ready = await appCall('POST', `/v1/invoices/${invoice.id}/transition`, {
			version: invoice.version,
			status: 'approved',
		});
		ready = await appCall('POST', `/v1/invoices/${invoice.id}/transition`, {
			version: ready.version,
			status: 'ready_for_sync',
		});
		const count = qboInvoices().length;
		const crashed = await push(); // QuickBooks written, app writes never made
		expect(crashed.summary).toMatchObject({ created: 1 });
		// Found by the app id in its private note (a requestid replay would count as "created"): linked, not created again.
		const again = await apply(await push());
		expect(again.summary).toMatchObject({ created: 0, linked: 1 });
		expect(qboInvoices()).toHaveLength(count + 1);
		expect(await fresh(ready)).toMatchObject({ status: 'unpaid', qboId: qboInvoices().at(-1)!.Id });
	});

	it("keeps the app's numbers when told to, and reports a number QuickBooks already has or one that is too long", async () => {
		qbo.admin.setPreferences(realmId, { SalesFormsPrefs: { CustomTxnNumbers: true } });
		try {
			const mk = async (number: string, extra: Json = {}) => {
				const created = await appCall('POST', '/v1/invoices', {
					customerId: fixture.customers.plain.id,
					date: '2026-11-22',
					number,
					lines: [{ itemId: fixture.items.design.id, quantity: 1, rate: 75 }],
					status: 'ready_for_sync',
					...extra,
				});
				return created;
			};
			qbo.admin.realm(realmId).create('Invoice', {
				CustomerRef: { value: fixture.qbo.plain },
				DocNumber: 'FA-CLASH',
				Line: [
					{
						DetailType: 'SalesItemLineDetail',
						Amount: 10,
						SalesItemLineDetail: {
							ItemRef: { value: fixture.items.design.qboId },
							Qty: 1,
							UnitPrice: 10,
						},
					},
				],
			});
			const kept = await mk('FA-KEPT-1');
			const clash = await mk('FA-CLASH');
			const run = await apply(await push({ numberPolicy: 'app' }));
			expect(
				qboInvoices().find((x) => x.Id === run.writes.find((w) => w.appId === kept.id)?.body.qboId)
					?.DocNumber,
			).toBe('FA-KEPT-1');
			expect(await fresh(kept)).toMatchObject({ status: 'unpaid', number: 'FA-KEPT-1' });
			expect(run.issues).toEqual([
				expect.objectContaining({
					appId: clash.id,
					code: 'refused',
					reason: expect.stringContaining('already has the number "FA-CLASH"'),
					fix: expect.stringContaining('Give the invoice another number'),
				}),
			]);
			expect((await fresh(clash)).sync.error).toMatch(/FA-CLASH/);
			// An app whose own number is longer than QuickBooks' 21 characters.
			const long: Json = {
				...(await fresh(await mk('FA-SHORT'))),
				appNumber: 'FIELDAPP-2026-000012345',
			};
			const tooLong = await push({ numberPolicy: 'app' }, [long]);
			expect(tooLong.issues).toEqual([
				expect.objectContaining({
					appId: long.id,
					reason: expect.stringContaining('has 23 characters; QuickBooks allows 21'),
				}),
			]);
		} finally {
			qbo.admin.setPreferences(realmId, { SalesFormsPrefs: { CustomTxnNumbers: false } });
		}
	});

	it('sends no tax code on a company with Automated Sales Tax and keeps non-taxable lines non-taxable', async () => {
		qbo.admin.setPreferences(realmId, { TaxPrefs: { PartnerTaxEnabled: true } });
		try {
			const invoice = await appCall('POST', '/v1/invoices', {
				customerId: fixture.customers.taxed.id,
				date: '2026-11-23',
				status: 'ready_for_sync',
				lines: [
					{ itemId: fixture.items.design.id, quantity: 1, rate: 75 },
					{ itemId: fixture.items.sod.id, quantity: 5, rate: 20 },
				],
			});
			const run = await apply(await push());
			const q = qboInvoices().find(
				(x) => x.Id === run.writes.find((w) => w.appId === invoice.id)?.body.qboId,
			)!;
			const sent = qbo.admin.log.filter((e) => e.endpoint.includes('batch')).at(-1);
			expect(JSON.stringify(sent)).not.toContain('TxnTaxCodeRef');
			expect(
				q.Line.filter((l: Json) => l.DetailType === 'SalesItemLineDetail').map(
					(l: Json) => l.SalesItemLineDetail.TaxCodeRef.value,
				),
			).toEqual(['NON', 'TAX']);
		} finally {
			qbo.admin.setPreferences(realmId, { TaxPrefs: { PartnerTaxEnabled: false } });
		}
	});
});
