/**
 * The "history import QuickBooks to app" template, imported as shipped (its range set in Settings
 * as an admin does), on a real n8n 2.x between the QBO sandbox company and the field app: the
 * QuickBooks invoices of the range arrive as linked, unpaid app invoices and, in the same run,
 * their payments mark them paid or partially paid; an invoice of a customer the app lacks is an
 * issue with the fix; the run after writes nothing.
 */
import template from '../../../workflows-templates/history-import-quickbooks-to-app.json';
import { buildInvoiceFixture, type InvoiceFixture } from '../../support/invoice-fixture';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e history template] ${line}\n`);
const SUMMARIES = ['Invoices: summary', 'Payments: summary', 'Invoices: issues to fix'];

describe('e2e: template "history import QuickBooks to app" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	let fixture: InvoiceFixture;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const made: Json = {};
	const line = (itemId: string, qty: number, price: number) => ({
		DetailType: 'SalesItemLineDetail',
		Amount: qty * price,
		SalesItemLineDetail: {
			ItemRef: { value: itemId },
			Qty: qty,
			UnitPrice: price,
			TaxCodeRef: { value: 'NON' },
		},
	});

	beforeAll(
		async () => {
			const ranged = JSON.parse(JSON.stringify(template)) as Json;
			const settings = ranged.nodes.find((n: Json) => n.name === 'Settings').parameters.assignments
				.assignments;
			settings.find((a: Json) => a.name === 'dateFrom').value = '2025-04-01';
			settings.find((a: Json) => a.name === 'dateTo').value = '2025-06-30';
			env = await startTemplateEnvironment(ranged, { log, qboSeed: 'sandbox', appSeed: false });
			fixture = await buildInvoiceFixture(env.qbo, env.realmId, env.appCall);
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('imports the invoices of the range and their payments in one run, and reports what it cannot import', async () => {
		const design = fixture.items.design.qboId;
		made.paid = realm().create('Invoice', {
			CustomerRef: { value: fixture.qbo.plain },
			TxnDate: '2025-04-15',
			Line: [line(design, 2, 75)],
		});
		made.partly = realm().create('Invoice', {
			CustomerRef: { value: fixture.qbo.site },
			TxnDate: '2025-05-20',
			CustomerMemo: { value: 'Drip line' },
			Line: [line(design, 4, 75)],
		});
		made.before = realm().create('Invoice', {
			CustomerRef: { value: fixture.qbo.plain },
			TxnDate: '2025-03-31',
			Line: [line(design, 1, 75)],
		});
		const stranger = realm().create('Customer', { DisplayName: 'Old Customer Not In App' });
		made.foreign = realm().create('Invoice', {
			CustomerRef: { value: stranger.Id },
			TxnDate: '2025-06-01',
			Line: [line(design, 1, 75)],
		});
		realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.plain },
			TxnDate: '2025-04-30',
			TotalAmt: 150,
			Line: [{ Amount: 150, LinkedTxn: [{ TxnId: made.paid.Id, TxnType: 'Invoice' }] }],
		});
		realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.site },
			TxnDate: '2025-06-05',
			TotalAmt: 100,
			PaymentRefNum: '4410',
			Line: [{ Amount: 100, LinkedTxn: [{ TxnId: made.partly.Id, TxnType: 'Invoice' }] }],
		});

		const run = await env.runTemplateNodes(SUMMARIES);
		expect(run['Invoices: summary']).toMatchObject({
			direction: 'import',
			from: '2025-04-01',
			to: '2025-06-30',
			created: 2,
			issues: 1,
		});
		expect(run['Payments: summary']).toMatchObject({ direction: 'import', created: 2, issues: 0 });
		expect(run['Invoices: issues to fix']).toMatchObject({
			qboId: made.foreign.Id,
			reason: expect.stringContaining('not linked to an app customer'),
			fix: expect.stringContaining('run the import again'),
		});
		const invoices = await env.list('invoices');
		expect(invoices.find((i) => i.qboId === made.paid.Id)).toMatchObject({
			status: 'paid',
			number: made.paid.DocNumber,
			total: 150,
			balance: 0,
			customerId: fixture.customers.plain.id,
		});
		expect(invoices.find((i) => i.qboId === made.partly.Id)).toMatchObject({
			status: 'partially_paid',
			total: 300,
			balance: 200,
			locationId: fixture.customers.site.id,
			memo: 'Drip line',
		});
		expect(invoices.find((i) => i.qboId === made.before.Id)).toBeUndefined();
		expect((await env.list('payments')).map((p) => p.amount).sort()).toEqual([100, 150]);
	}, 240_000);

	it('adds nothing on the run after', async () => {
		const run = await env.expectRunWritesNothing(SUMMARIES);
		expect(run['Invoices: summary']).toMatchObject({ created: 0, updated: 0, issues: 1 });
		expect(run['Payments: summary']).toMatchObject({ created: 0, deleted: 0, issues: 0 });
	}, 120_000);
});
