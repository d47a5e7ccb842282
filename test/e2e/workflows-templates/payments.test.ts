/**
 * The "payments, one direction" template, imported as shipped, on a real n8n 2.x between the QBO
 * sandbox company and the field app (whose invoices are already in QuickBooks): app → QuickBooks
 * records a partial and an over-payment once each and the next run writes nothing; switched to
 * QuickBooks → app, a payment received in QuickBooks marks the app invoice paid; set to both ways,
 * the run is refused with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';

import template from '../../../workflows-templates/payments-one-direction.json';
import { buildInvoiceFixture, type InvoiceFixture } from '../../support/invoice-fixture';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e payments template] ${line}\n`);

describe('e2e: template "payments, one direction" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	let fixture: InvoiceFixture;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const fresh = (resource: string, record: Json) =>
		env.appCall('GET', `/v1/${resource}/${record.id}`);
	/** An app invoice as the invoice template leaves it: in QuickBooks, linked, unpaid. */
	async function post(invoice: Json, customerQboId: string): Promise<Json> {
		const q = realm().create('Invoice', {
			CustomerRef: { value: customerQboId },
			Line: invoice.lines.map((l: Json) => ({
				DetailType: 'SalesItemLineDetail',
				Amount: l.amount,
				SalesItemLineDetail: {
					ItemRef: { value: fixture.items.design.qboId },
					Qty: l.quantity,
					UnitPrice: l.rate,
					TaxCodeRef: { value: 'NON' },
				},
			})),
		});
		const path = `/v1/invoices/${invoice.id}/transition`;
		for (const [from, to] of [
			['draft', 'approved'],
			['approved', 'ready_for_sync'],
		])
			if ((await fresh('invoices', invoice)).status === from)
				await env.appCall('POST', path, {
					version: (await fresh('invoices', invoice)).version,
					status: to,
				});
		await env.appCall('PUT', `/v1/invoices/${invoice.id}/sync`, {
			qboId: q.Id,
			qboSyncToken: q.SyncToken,
		});
		await env.appCall('POST', path, {
			version: (await fresh('invoices', invoice)).version,
			status: 'unpaid',
		});
		return { ...(await fresh('invoices', invoice)), qbo: q };
	}
	/** The direction changed as an admin does in the editor (the engine node's Direction dropdown, or an expression), then imported again. */
	async function setDirection(direction: string) {
		const workflow = JSON.parse(fs.readFileSync(env.workflowFile, 'utf8'));
		workflow.nodes.find((n: Json) => n.name === 'Sync payments').parameters.paymentDirection =
			direction;
		const file = path.join(env.workDir, `workflow-${direction}.json`);
		fs.writeFileSync(file, JSON.stringify({ ...workflow, staticData: null }));
		expect((await env.n8n.cli(['import:workflow', `--input=${file}`])).code).toBe(0);
	}

	beforeAll(
		async () => {
			const withItem = JSON.parse(JSON.stringify(template)) as Json;
			withItem.nodes
				.find((n: Json) => n.name === 'Settings')
				.parameters.assignments.assignments.find((a: Json) => a.name === 'storeCreditItem').value =
				'Services';
			env = await startTemplateEnvironment(withItem, { log, qboSeed: 'sandbox', appSeed: false });
			fixture = await buildInvoiceFixture(env.qbo, env.realmId, env.appCall);
			await env.appCall('PUT', `/v1/items/${fixture.items.design.id}/sync`, {
				qboId: fixture.items.design.qboId,
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('records app payments in QuickBooks once: partial, over-payment, store credit', async () => {
		const draft = await post(await fresh('invoices', fixture.invoices.draft), fixture.qbo.taxed);
		const approved = await post(
			await fresh('invoices', fixture.invoices.approved),
			fixture.qbo.taxed,
		);
		const partial = await env.appCall('POST', '/v1/payments', {
			customerId: fixture.customers.taxed.id,
			date: '2026-11-25',
			amount: 30,
			method: 'check',
			reference: '881',
			applications: [{ invoiceId: draft.id, amount: 30 }],
		});
		const over = await env.appCall('POST', '/v1/payments', {
			customerId: fixture.customers.taxed.id,
			date: '2026-11-25',
			amount: 50,
			method: 'cash',
			applications: [{ invoiceId: approved.id, amount: 20 }],
		});
		const credit = await env.appCall('POST', '/v1/payments', {
			customerId: fixture.customers.taxed.id,
			date: '2026-11-25',
			amount: 15,
			method: 'store_credit',
		});
		expect(await env.runTemplate()).toMatchObject({ resource: 'payments', created: 3, issues: 0 });
		expect(env.lastRun()).toEqual({ status: 'success' }); // nothing to fix: green in n8n's executions list
		expect(realm().get('Invoice', draft.qbo.Id)!.Balance).toBe(45);
		expect(realm().get('Invoice', approved.qbo.Id)!.Balance).toBe(0);
		expect(realm().get('Payment', (await fresh('payments', over)).qboId)).toMatchObject({
			TotalAmt: 50,
			UnappliedAmt: 30,
		});
		expect(realm().get('Payment', (await fresh('payments', partial)).qboId)).toMatchObject({
			PaymentRefNum: '881',
		});
		expect(realm().get('CreditMemo', (await fresh('payments', credit)).qboId)).toMatchObject({
			TotalAmt: 15,
		});
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			linked: 0,
		});
	}, 180_000);

	it('switched to QuickBooks → app, marks the app invoice paid from a payment received in QuickBooks', async () => {
		await setDirection('quickBooksToApp');
		const draft = (await env.list('invoices')).find((i) => i.id === fixture.invoices.draft.id)!;
		realm().create('Payment', {
			CustomerRef: { value: fixture.qbo.taxed },
			TotalAmt: 45,
			Line: [{ Amount: 45, LinkedTxn: [{ TxnId: draft.qboId, TxnType: 'Invoice' }] }],
		});
		const summary = await env.runTemplate();
		expect(summary).toMatchObject({ created: 1 });
		expect(await fresh('invoices', draft)).toMatchObject({ status: 'paid', balance: 0 });
		expect(await env.runTemplate()).toMatchObject({ created: 0, deleted: 0 });
	}, 180_000);

	it('refuses to run payments both ways, and says why', async () => {
		await setDirection('both');
		await expect(env.runTemplate()).rejects.toThrow(/one direction only/);
	}, 120_000);
});
