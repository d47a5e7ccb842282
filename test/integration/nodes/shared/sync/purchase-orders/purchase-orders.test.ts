/**
 * Purchase orders app → QuickBooks through the engine node's Purchase Order → Push (Syncro, inFlow),
 * between the QBO sandbox company and the field app: a prepayment is an expense until something is
 * received; two partial receipts and a full one make one bill with the received total; the
 * prepayment becomes a bill payment once the bill can take it and its expense is deleted; a card
 * payment pays the rest; the run after writes nothing. Receipts beyond the order are refused, and
 * payment accounts of the wrong type stop the run before any write.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSyncWorld, type SyncWorld } from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let world: SyncWorld;
const appCall = (method: string, path: string, body?: unknown) => world.appCall(method, path, body);
const list = (resource: string) => world.list(resource);
const realm = () => world.realm();
const qboWrites = () => world.qboWrites();
const SETTINGS = {
	payFromAccount: 'Checking',
	cardAccount: 'Visa',
	prepaymentAccount: 'Prepaid Expenses',
	createMissingVendors: true,
	dryRun: false,
};

async function push(parameters: IDataObject = {}, map: (order: Json) => Json = (o) => o) {
	const run = await world.engine(
		{ resource: 'purchaseOrder', operation: 'push', ...SETTINGS, ...parameters },
		[
			...(await list('purchase-orders')).map(map),
			...(await list('vendors')),
			...(await list('items')),
		],
	);
	for (const w of run.writes) await appCall(w.method, w.path, w.body);
	return run;
}
const marked = (type: string, orderId: string) =>
	realm()
		.all(type)
		.filter((q) => String(q.PrivateNote ?? '').includes(orderId));

let order: Json;
beforeEach(async () => {
	world = await startSyncWorld();
	const link = async (name: string, body: Json) => {
		const item = await appCall('POST', '/v1/items', body);
		await appCall('PUT', `/v1/items/${item.id}/sync`, {
			qboId: realm()
				.all('Item')
				.find((i) => i.Name === name)!.Id,
		});
		return item;
	};
	const heads = await link('Sprinkler Heads', {
		name: 'Sprinkler Heads',
		type: 'non_inventory',
		price: 2,
		cost: 1.5,
		accounts: { income: 'Sales of Product Income', expense: 'Cost of Goods Sold' },
	});
	const pump = await link('Fountain Pump', {
		name: 'Fountain Pump',
		type: 'non_inventory',
		price: 15,
		cost: 45,
		accounts: { income: 'Sales of Product Income', expense: 'Cost of Goods Sold' },
	});
	const vendor = await appCall('POST', '/v1/vendors', { name: 'Ace Irrigation Supply' });
	order = await appCall('POST', '/v1/purchase-orders', {
		vendorId: vendor.id,
		date: '2026-11-10',
		lines: [
			{ itemId: heads.id, quantity: 100, unitCost: 1.5 },
			{ itemId: pump.id, quantity: 10, unitCost: 45 },
		],
	});
});
afterEach(async () => await world.stop());

const receive = (lines: Array<[string, number]>, date: string) =>
	appCall('POST', `/v1/purchase-orders/${order.id}/receipts`, {
		date,
		lines: lines.map(([lineId, quantity]) => ({ lineId, quantity })),
	});

it('makes one bill of two partial receipts and a full one, turns the prepayment into a bill payment, and counts the money once', async () => {
	await appCall('POST', `/v1/purchase-orders/${order.id}/payments`, {
		date: '2026-11-11',
		amount: 200,
		method: 'check',
	});
	const prepaid = await push();
	expect(prepaid.summary).toMatchObject({
		issues: 0,
		payments: { prepayments: 1, billPayments: 0 },
		vendors: { created: 1 },
	});
	expect(marked('Purchase', order.id)).toEqual([
		expect.objectContaining({
			PaymentType: 'Cash',
			TotalAmt: 200,
			AccountRef: expect.objectContaining({ name: 'Checking' }),
		}),
	]);
	expect(marked('Bill', order.id)).toEqual([]);

	await receive([['l1', 60]], '2026-11-15');
	const first = await push();
	expect(first.summary).toMatchObject({
		created: 1,
		issues: 0,
		payments: { billPayments: 0 },
		paymentsWaiting: [expect.stringContaining('200.00 is more than the 90.00 billed')],
	});
	expect(marked('Bill', order.id)).toEqual([
		expect.objectContaining({ TotalAmt: 90, TxnDate: '2026-11-15', DocNumber: order.number }),
	]);

	await receive([['l2', 5]], '2026-11-18');
	const second = await push();
	expect(second.summary).toMatchObject({
		updated: 1,
		payments: { billPayments: 1, prepaymentsConverted: 1 },
	});
	expect(marked('Purchase', order.id)).toEqual([]);

	await receive(
		[
			['l1', 40],
			['l2', 5],
		],
		'2026-11-20',
	);
	expect((await push()).summary).toMatchObject({ updated: 1, created: 0 });
	await appCall('POST', `/v1/purchase-orders/${order.id}/payments`, {
		date: '2026-11-25',
		amount: 400,
		method: 'card',
	});
	expect((await push()).summary).toMatchObject({ payments: { billPayments: 1 } });

	const [bill] = marked('Bill', order.id);
	expect(marked('Bill', order.id)).toHaveLength(1);
	expect(bill).toMatchObject({ TotalAmt: 600, Balance: 0 });
	expect(bill.Line.map((l: Json) => l.ItemBasedExpenseLineDetail.Qty)).toEqual([100, 10]);
	const payments = marked('BillPayment', order.id);
	expect(payments.map((p) => [p.PayType, p.TotalAmt])).toEqual([
		['Check', 200],
		['CreditCard', 400],
	]);
	expect((await appCall('GET', `/v1/purchase-orders/${order.id}`)).qboId).toBe(bill.Id);

	const before = qboWrites();
	expect((await push()).summary).toMatchObject({
		created: 0,
		updated: 0,
		issues: 0,
		payments: { billPayments: 0, prepayments: 0 },
	});
	expect(qboWrites()).toBe(before);
});

it('refuses receipts beyond the order in the app and in the engine, and wrong payment accounts before any write', async () => {
	expect(await receive([['l1', 101]], '2026-11-15').catch((e: Error) => e.message)).toMatch(
		/409.*over_receipt/,
	);
	await receive([['l1', 10]], '2026-11-15');
	const before = qboWrites();
	// Another app that does not guard its receipts: the engine reports the line and writes nothing of the order.
	const over = await push({}, (o) => ({
		...o,
		lines: o.lines.map((l: Json, i: number) => (i === 0 ? { ...l, receivedQuantity: 120 } : l)),
	}));
	expect(over.issues).toEqual([
		expect.objectContaining({
			appId: order.id,
			reason: expect.stringContaining('line 1 received 120 of 100 ordered'),
		}),
	]);
	expect(marked('Bill', order.id)).toEqual([]);
	await expect(push({ payFromAccount: 'Visa' })).rejects.toThrow(
		'"Pay From Account" is "Visa", a Credit Card account. Pick a Bank account.',
	);
	await expect(push({ prepaymentAccount: 'Checking' })).rejects.toThrow(
		/"Prepayment Account" is "Checking", a Bank account/,
	);
	expect(qboWrites()).toBe(before + 1); // the vendor, created for the refused order
});

it('reports a prepayment whose vendor cannot be linked on the order too, so it is not left behind', async () => {
	const bad = await appCall('POST', '/v1/vendors', { name: 'Ace: Irrigation' });
	const lines = (await appCall('GET', `/v1/purchase-orders/${order.id}`)).lines.map((l: Json) => ({
		itemId: l.itemId,
		quantity: l.quantity,
		unitCost: l.unitCost,
	}));
	const other = await appCall('POST', '/v1/purchase-orders', {
		vendorId: bad.id,
		date: '2026-11-12',
		lines,
	});
	await appCall('POST', `/v1/purchase-orders/${other.id}/payments`, {
		date: '2026-11-12',
		amount: 50,
		method: 'check',
	});
	const run = await push();
	expect(run.issues).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				resource: 'vendors',
				appId: bad.id,
				code: 'refused',
				reason: expect.stringContaining('the name contains a colon'),
			}),
			expect.objectContaining({
				resource: 'purchase-orders',
				appId: other.id,
				reason: expect.stringContaining('the payments of purchase order'),
			}),
		]),
	);
	expect(marked('Purchase', other.id)).toEqual([]);
	// The cursor moves past the order: its issue is queued, and Get Cursor names it for the next run's listing (alsoIds).
	expect(run.summary.safeCursor).toBe(
		(await appCall('GET', `/v1/purchase-orders/${other.id}`)).updatedAt,
	);
	expect(run.summary).toMatchObject({ issuesWaiting: 0 });
});
