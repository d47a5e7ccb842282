/**
 * The "invoices app → QuickBooks" template, imported as shipped, on a real n8n 2.x between the QBO
 * sandbox company and the field app: the invoices marked for sync are created once with their
 * lines as the app has them and QuickBooks' tax, the items QuickBooks lacked are created once, the
 * app invoices carry the link and QuickBooks' number and are unpaid; drafts, approved-only and $0
 * invoices stay; the next run writes nothing; an edit updates and a void voids the QuickBooks invoice.
 */
import template from '../../../workflows-templates/invoices-app-to-quickbooks.json';
import { buildInvoiceFixture, type InvoiceFixture } from '../../support/invoice-fixture';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e invoices template] ${line}\n`);

describe('e2e: template "invoices app → QuickBooks" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	let fixture: InvoiceFixture;
	const qboInvoices = () => env.qbo.admin.realm(env.realmId).all('Invoice');
	const fresh = (invoice: Json) => env.appCall('GET', `/v1/invoices/${invoice.id}`);

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox', appSeed: false });
			fixture = await buildInvoiceFixture(env.qbo, env.realmId, env.appCall);
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it("creates the invoices marked for sync once, as the app has them, and moves them to unpaid with QuickBooks' number", async () => {
		const before = qboInvoices().length;
		const summary = await env.runTemplate();
		expect(summary).toMatchObject({
			resource: 'invoices',
			created: 2,
			issues: 0,
			items: { created: 2 },
		});
		expect(summary.skipped).toHaveLength(3);
		expect(qboInvoices()).toHaveLength(before + 2);
		const lines = await fresh(fixture.invoices.lines);
		const q = qboInvoices().find((x) => x.Id === lines.qboId)!;
		expect(lines).toMatchObject({
			status: 'unpaid',
			number: q.DocNumber,
			appNumber: fixture.invoices.lines.number,
		});
		expect(
			q.Line.filter((l: Json) => l.DetailType === 'SalesItemLineDetail').map((l: Json) => [
				l.Description,
				l.SalesItemLineDetail.TaxCodeRef.value,
			]),
		).toEqual([
			['Front yard plan', 'NON'],
			['Back yard plan', 'NON'],
			['', 'TAX'],
			['', 'TAX'],
		]);
		expect(q).toMatchObject({ TotalAmt: 465.24, TxnTaxDetail: { TotalTax: 16.24 } });
		expect(
			env.qbo.admin
				.realm(env.realmId)
				.all('Item')
				.filter((i) => i.Name === 'Mulch'),
		).toHaveLength(1);
		expect(await fresh(fixture.invoices.draft)).toMatchObject({ status: 'draft', qboId: null });
		expect(await fresh(fixture.invoices.zero)).toMatchObject({
			status: 'ready_for_sync',
			qboId: null,
		});
	}, 180_000);

	it('writes nothing on the next run, then follows an edit and a void', async () => {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			voided: 0,
			linked: 0,
		});

		const current = await fresh(fixture.invoices.lines);
		const lines = current.lines.map((l: Json) => ({
			itemId: l.itemId,
			...(l.description !== undefined ? { description: l.description } : {}),
			quantity: l.quantity,
			rate: l.rate,
		}));
		lines[0].quantity = 3;
		await env.appCall('PATCH', `/v1/invoices/${current.id}`, { version: current.version, lines });
		const site = await fresh(fixture.invoices.atSite);
		await env.appCall('POST', `/v1/invoices/${site.id}/transition`, {
			version: site.version,
			status: 'void',
		});
		expect(await env.runTemplate()).toMatchObject({ updated: 1, voided: 1, created: 0, issues: 0 });
		expect(qboInvoices().find((x) => x.Id === current.qboId)?.Line[0].SalesItemLineDetail.Qty).toBe(
			3,
		);
		expect(qboInvoices().find((x) => x.Id === site.qboId)).toMatchObject({ TotalAmt: 0 });
	}, 180_000);

	it('finds invoices again when the app lost their links, creating none', async () => {
		const summary = await env.expectLostLinksRelink(
			'invoices',
			'Invoice',
			(invoice) => ({ memo: `${String(invoice.memo ?? '')} (checked)`.trim() }),
			(invoice) => invoice.status !== 'void',
		);
		expect(summary).toMatchObject({ created: 0, issues: 0 });
	}, 180_000);
});
