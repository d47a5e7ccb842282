/**
 * Inventory value and cost of goods sold through the engine node's Inventory Value → Push (inFlow),
 * between the QBO sandbox company and the field app: one journal entry for the month brings the
 * inventory asset account to the app's stock at cost and books the month's cost of goods sold,
 * both through the adjustment account; a re-run writes nothing; a change updates the same entry,
 * also after someone else moved the account in QuickBooks; wrong accounts stop the run before any
 * write.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { startSyncWorld, type SyncWorld } from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let world: SyncWorld;
const appCall = (method: string, path: string, body?: unknown) => world.appCall(method, path, body);
const list = (resource: string) => world.list(resource);
const realm = () => world.realm();
const qboWrites = () => world.qboWrites();
const account = (name: string) =>
	realm()
		.all('Account')
		.find((a) => a.Name === name)!;
const today = DateTime.utc().toISODate()!;
const period = today.slice(0, 7);
const SETTINGS = {
	inventoryAssetAccount: 'Inventory Asset',
	cogsAccount: 'Cost of Goods Sold',
	adjustmentAccount: 'Inventory Adjustments',
	timeZone: 'UTC',
	dryRun: false,
};
const push = async (parameters: IDataObject = {}) =>
	world.engine({ resource: 'inventoryValue', operation: 'push', ...SETTINGS, ...parameters }, [
		...(await list('items')),
		...(await list('sales-orders')),
	]);
const journal = (lines: Array<[string, 'Debit' | 'Credit', number]>) =>
	realm().create('JournalEntry', {
		Line: lines.map(([name, PostingType, Amount]) => ({
			DetailType: 'JournalEntryLineDetail',
			Amount,
			JournalEntryLineDetail: { PostingType, AccountRef: { value: account(name).Id } },
		})),
	});

let mulch: Json;
beforeEach(async () => {
	world = await startSyncWorld();
	realm().create('Account', { Name: 'Inventory Adjustments', AccountType: 'Cost of Goods Sold' });
	journal([
		['Inventory Asset', 'Debit', 700],
		['Opening Balance Equity', 'Credit', 700],
	]);
	const customer = await appCall('POST', '/v1/customers', { name: 'Harbor Dental' });
	mulch = await appCall('POST', '/v1/items', {
		name: 'Mulch',
		type: 'inventory',
		cost: 3,
		price: 8,
		quantityOnHand: 40,
	});
	const pump = await appCall('POST', '/v1/items', {
		name: 'Pump',
		type: 'equipment',
		cost: 450,
		price: 900,
		quantityOnHand: 2,
	});
	await appCall('POST', '/v1/items', { name: 'Design', type: 'service', cost: 20, price: 75 });
	const sold = await appCall('POST', '/v1/sales-orders', {
		customerId: customer.id,
		date: today,
		lines: [
			{ itemId: mulch.id, quantity: 5, unitPrice: 8 },
			{ itemId: pump.id, quantity: 1, unitPrice: 900 },
		],
	});
	await appCall('POST', `/v1/sales-orders/${sold.id}/transition`, {
		version: sold.version,
		status: 'invoiced',
	});
	await appCall('POST', '/v1/sales-orders', {
		customerId: customer.id,
		date: today,
		lines: [{ itemId: mulch.id, quantity: 100, unitPrice: 8 }],
	}); // open: not sold yet
});
afterEach(async () => await world.stop());

it("brings the inventory asset account to the app's stock at cost and books the month's cost of goods sold, in one entry per month", async () => {
	const adjustmentBefore = account('Inventory Adjustments').CurrentBalance;
	const run = await push();
	// 40 × 3 + 2 × 450 = 1 020 in stock; sold 5 × 3 + 1 × 450 = 465.
	expect(run.summary).toMatchObject({
		period,
		appInventoryValue: 1020,
		quickBooksInventoryBefore: 700,
		inventoryAdjustment: 320,
		costOfGoodsSold: 465,
		journalEntry: { number: `INV-${period}`, write: 'created' },
		issues: 0,
	});
	expect(account('Inventory Asset').CurrentBalance).toBe(1020);
	expect(account('Cost of Goods Sold').CurrentBalance).toBe(465);
	// The adjustment account balances both: credited the cost of goods sold and the inventory increase.
	expect(account('Inventory Adjustments').CurrentBalance).toBe(adjustmentBefore - 465 - 320);

	const before = qboWrites();
	expect((await push()).summary).toMatchObject({
		inventoryAdjustment: 320,
		journalEntry: { write: 'unchanged' },
	});
	expect(qboWrites()).toBe(before);

	const m = await appCall('GET', `/v1/items/${mulch.id}`);
	await appCall('PATCH', `/v1/items/${mulch.id}`, { version: m.version, quantityOnHand: 30 });
	journal([
		['Inventory Asset', 'Debit', 100],
		['Opening Balance Equity', 'Credit', 100],
	]); // someone else moved the account
	const changed = await push();
	expect(changed.summary).toMatchObject({
		appInventoryValue: 990,
		quickBooksInventoryBefore: 800,
		inventoryAdjustment: 190,
		journalEntry: { write: 'updated', id: run.summary.journalEntry.id },
	});
	expect(account('Inventory Asset').CurrentBalance).toBe(990);
	expect(
		realm()
			.all('JournalEntry')
			.filter((j) => j.DocNumber === `INV-${period}`),
	).toHaveLength(1);
});

it('stops before any write when an account is missing or of the wrong type', async () => {
	const before = qboWrites();
	await expect(push({ adjustmentAccount: 'Checking' })).rejects.toThrow(
		'"Adjustment Account" is "Checking", a Bank account. Pick a Cost of Goods Sold account',
	);
	await expect(push({ adjustmentAccount: 'Cost of Goods Sold' })).rejects.toThrow(
		/are the same account/,
	);
	await expect(push({ inventoryAssetAccount: 'Stock' })).rejects.toThrow(
		'"Inventory Asset Account" is "Stock", which QuickBooks does not have',
	);
	await expect(push({ timeZone: 'Mars/Olympus' })).rejects.toThrow('"Time Zone" is "Mars/Olympus"');
	expect(qboWrites()).toBe(before);
	expect((await push({ dryRun: true })).summary).toMatchObject({
		dryRun: true,
		plannedWrites: [expect.objectContaining({ write: 'createInQuickBooks' })],
	});
	expect(qboWrites()).toBe(before);
});
