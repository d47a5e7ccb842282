/**
 * The "credit memos and refunds two-way" template, imported as shipped, on a real n8n 2.x between
 * the QBO sandbox company and the field app: a credit memo and a refund made in the app reach
 * QuickBooks once (tax, refund account, QuickBooks' numbers back in the app), a credit memo made
 * in QuickBooks reaches the app, and the run after writes nothing; then an edit on each side, a
 * void in the app and a deletion in QuickBooks each reach the other side, and the run after writes
 * nothing again.
 */
import template from '../../../workflows-templates/credit-memos-and-refunds-two-way.json';
import { buildInvoiceFixture, type InvoiceFixture } from '../../support/invoice-fixture';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e credits template] ${line}\n`);

describe('e2e: template "credit memos and refunds two-way" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	let fixture: InvoiceFixture;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const fresh = (resource: string, record: Json) =>
		env.appCall('GET', `/v1/${resource}/${record.id}`);
	const made: Json = {};

	async function expectQuiet() {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			app: { created: 0, updated: 0 },
			quickBooks: { created: 0, updated: 0, deleted: 0 },
			issues: 0,
			conflicts: [],
		});
	}

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox', appSeed: false });
			fixture = await buildInvoiceFixture(env.qbo, env.realmId, env.appCall);
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('brings app credit memos and refunds into QuickBooks and QuickBooks credit memos into the app, once', async () => {
		const { taxed, plain, site } = fixture.customers;
		made.memo = await env.appCall('POST', '/v1/credit-memos', {
			customerId: taxed.id,
			date: '2026-11-27',
			memo: 'Returned sod',
			lines: [
				{ itemId: fixture.items.sod.id, description: 'Returned rolls', quantity: 5, rate: 20 },
			],
		});
		made.refund = await env.appCall('POST', '/v1/refunds', {
			customerId: plain.id,
			locationId: site.id,
			date: '2026-11-27',
			method: 'check',
			reference: '3301',
			lines: [
				{ itemId: fixture.items.design.id, description: 'Visit not needed', quantity: 1, rate: 75 },
			],
		});
		made.qboMemo = realm().create('CreditMemo', {
			CustomerRef: { value: fixture.qbo.plain },
			TxnDate: '2026-11-28',
			CustomerMemo: { value: 'Goodwill' },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 150,
					SalesItemLineDetail: {
						ItemRef: { value: fixture.items.design.qboId },
						Qty: 2,
						UnitPrice: 75,
						TaxCodeRef: { value: 'NON' },
					},
				},
			],
		});

		const run = await env.runTemplate();
		expect(run).toMatchObject({
			direction: 'twoWay',
			quickBooks: { created: 2 },
			app: { created: 1 },
			issues: 0,
		});
		const memo = await fresh('credit-memos', made.memo);
		const refund = await fresh('refunds', made.refund);
		const qboMemo = realm().get('CreditMemo', memo.qboId)!;
		// 5 × 20 taxed at California's 7.25 %: QuickBooks' total is the app's.
		expect([qboMemo.TotalAmt, memo.total]).toEqual([107.25, 107.25]);
		expect(memo).toMatchObject({ number: qboMemo.DocNumber, appNumber: made.memo.number });
		expect(realm().get('RefundReceipt', refund.qboId)).toMatchObject({
			TotalAmt: 75,
			CustomerRef: { value: fixture.qbo.site },
			DepositToAccountRef: { name: 'Checking' },
			PaymentMethodRef: { name: 'Check' },
			PaymentRefNum: '3301',
		});
		const fromQbo = (await env.list('credit-memos')).find((c) => c.qboId === made.qboMemo.Id);
		expect(fromQbo).toMatchObject({
			customerId: plain.id,
			number: made.qboMemo.DocNumber,
			memo: 'Goodwill',
			total: 150,
		});
		made.fromQbo = fromQbo;
		expect(realm().all('CreditMemo')).toHaveLength(2);
		expect(realm().all('RefundReceipt')).toHaveLength(1);
	}, 240_000);

	it('writes nothing in either system on the run after', async () => {
		await expectQuiet();
	}, 120_000);

	it('copies an edit each way, a void in the app and a deletion in QuickBooks, then writes nothing', async () => {
		const deleted = realm().create('CreditMemo', {
			CustomerRef: { value: fixture.qbo.taxed },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 75,
					SalesItemLineDetail: {
						ItemRef: { value: fixture.items.design.qboId },
						Qty: 1,
						UnitPrice: 75,
						TaxCodeRef: { value: 'NON' },
					},
				},
			],
		});
		expect(await env.runTemplate()).toMatchObject({ app: { created: 1 }, issues: 0 });
		const memo = await fresh('credit-memos', made.memo);
		await env.appCall('PATCH', `/v1/credit-memos/${memo.id}`, {
			version: memo.version,
			memo: 'Returned sod, agreed by phone',
		});
		const q = realm().get('CreditMemo', made.qboMemo.Id)!;
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
		const refund = await fresh('refunds', made.refund);
		await env.appCall('POST', `/v1/refunds/${refund.id}/transition`, {
			version: refund.version,
			status: 'void',
		});
		realm().delete('CreditMemo', {
			Id: deleted.Id,
			SyncToken: realm().get('CreditMemo', deleted.Id)!.SyncToken,
		});

		const run = await env.runTemplate();
		expect(run).toMatchObject({
			app: { created: 0, updated: 1, deleted: 1 },
			quickBooks: { created: 0, updated: 1, deleted: 1 },
			issues: 0,
		});
		expect(realm().get('CreditMemo', memo.qboId)!.CustomerMemo).toEqual({
			value: 'Returned sod, agreed by phone',
		});
		expect(await fresh('credit-memos', made.fromQbo)).toMatchObject({
			total: 225,
			lines: [expect.objectContaining({ quantity: 3 })],
		});
		expect(realm().get('RefundReceipt', refund.qboId)).toBeUndefined();
		expect(
			(await env.list('credit-memos')).find((c) => c.qboId === deleted.Id)?.deletedAt,
		).toBeTruthy();
		await expectQuiet();
	}, 360_000);
});
