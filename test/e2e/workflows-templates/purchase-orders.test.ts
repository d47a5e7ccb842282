/**
 * The "purchase orders app to QuickBooks" template, imported as shipped, on a real n8n 2.x between
 * the QBO sandbox company and the field app (Syncro, inFlow): a prepayment on an unreceived order
 * is an expense; a partial receipt twice and a full receipt after it make one QuickBooks bill with
 * the received total; the prepayment becomes a bill payment of it and its expense is deleted; the
 * run after writes nothing.
 */
import template from '../../../workflows-templates/purchase-orders-app-to-quickbooks.json';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e purchase orders template] ${line}\n`);

describe('e2e: template "purchase orders app to QuickBooks" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	let order: Json;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const marked = (type: string) =>
		realm()
			.all(type)
			.filter((q) => String(q.PrivateNote ?? '').includes(order.id));
	const receive = (lines: Array<[string, number]>, date: string) =>
		env.appCall('POST', `/v1/purchase-orders/${order.id}/receipts`, {
			date,
			lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
		});

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox', appSeed: false });
			const link = async (name: string, cost: number) => {
				const item = await env.appCall('POST', '/v1/items', {
					name,
					type: 'non_inventory',
					cost,
					accounts: { income: 'Sales of Product Income', expense: 'Cost of Goods Sold' },
				});
				await env.appCall('PUT', `/v1/items/${item.id}/sync`, {
					qboId: realm()
						.all('Item')
						.find((i) => i.Name === name)!.Id,
				});
				return item;
			};
			const heads = await link('Sprinkler Heads', 1.5);
			const pump = await link('Fountain Pump', 45);
			const vendor = await env.appCall('POST', '/v1/vendors', {
				name: 'Norton Lumber and Building Materials',
			});
			order = await env.appCall('POST', '/v1/purchase-orders', {
				vendorId: vendor.id,
				date: '2026-11-10',
				lines: [
					{ itemId: heads.id, quantity: 100, unitCost: 1.5 },
					{ itemId: pump.id, quantity: 10, unitCost: 45 },
				],
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('records a prepayment on the unreceived order as an expense', async () => {
		await env.appCall('POST', `/v1/purchase-orders/${order.id}/payments`, {
			date: '2026-11-11',
			amount: 150,
			method: 'check',
		});
		expect(await env.runTemplate()).toMatchObject({
			resource: 'purchase-orders',
			issues: 0,
			vendors: { linked: 1 },
			payments: { prepayments: 1 },
		});
		expect(marked('Purchase')).toEqual([
			expect.objectContaining({
				TotalAmt: 150,
				AccountRef: expect.objectContaining({ name: 'Checking' }),
			}),
		]);
	}, 240_000);

	it('makes one bill of a partial receipt twice and a full receipt after it, and turns the prepayment into its bill payment', async () => {
		await receive([['l1', 40]], '2026-11-15');
		expect(await env.runTemplate()).toMatchObject({
			created: 1,
			issues: 0,
			paymentsWaiting: [expect.stringContaining('150.00 is more than the 60.00 billed')],
		});
		await receive(
			[
				['l1', 20],
				['l2', 3],
			],
			'2026-11-17',
		);
		expect(await env.runTemplate()).toMatchObject({
			updated: 1,
			issues: 0,
			payments: { billPayments: 1, prepaymentsConverted: 1 },
		});
		await receive(
			[
				['l1', 40],
				['l2', 7],
			],
			'2026-11-20',
		);
		expect(await env.runTemplate()).toMatchObject({ created: 0, updated: 1, issues: 0 });

		const bills = marked('Bill');
		expect(bills).toHaveLength(1);
		expect(bills[0]).toMatchObject({ TotalAmt: 600, Balance: 450, DocNumber: order.number });
		expect(marked('BillPayment').map((p) => p.TotalAmt)).toEqual([150]);
		expect(marked('Purchase')).toEqual([]);
		expect((await env.appCall('GET', `/v1/purchase-orders/${order.id}`)).qboId).toBe(bills[0].Id);
	}, 360_000);

	it('writes nothing on the run after', async () => {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			issues: 0,
		});
	}, 120_000);
});
