/**
 * The "inventory value to QuickBooks" template, imported as shipped (its time zone set in Settings as
 * an admin does), on a real n8n 2.x between the QBO sandbox company and the field app (inFlow): the
 * month's journal entry brings QuickBooks' inventory asset account to the app's stock at cost and
 * books the month's cost of goods sold; the run after writes nothing; a stock change updates the
 * same entry.
 */
import { DateTime } from 'luxon';

import template from '../../../workflows-templates/inventory-value-to-quickbooks.json';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e inventory value template] ${line}\n`);

describe('e2e: template "inventory value to QuickBooks" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	let mulch: Json;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const account = (name: string) =>
		realm()
			.all('Account')
			.find((a) => a.Name === name)!;
	const period = DateTime.utc().toFormat('yyyy-MM');

	beforeAll(
		async () => {
			const utc = JSON.parse(JSON.stringify(template)) as Json;
			utc.nodes
				.find((n: Json) => n.name === 'Settings')
				.parameters.assignments.assignments.find((a: Json) => a.name === 'timeZone').value = 'UTC';
			env = await startTemplateEnvironment(utc, { log, qboSeed: 'sandbox', appSeed: false });
			realm().create('Account', {
				Name: 'Inventory Adjustments',
				AccountType: 'Cost of Goods Sold',
			});
			const customer = await env.appCall('POST', '/v1/customers', { name: 'Harbor Dental' });
			mulch = await env.appCall('POST', '/v1/items', {
				name: 'Mulch',
				type: 'inventory',
				cost: 3,
				price: 8,
				quantityOnHand: 40,
			});
			const order = await env.appCall('POST', '/v1/sales-orders', {
				customerId: customer.id,
				date: DateTime.utc().toISODate(),
				lines: [{ itemId: mulch.id, quantity: 10, unitPrice: 8 }],
			});
			await env.appCall('POST', `/v1/sales-orders/${order.id}/transition`, {
				version: order.version,
				status: 'invoiced',
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it("posts the month's entry: inventory at the app's value, the cost of goods sold, through the adjustment account", async () => {
		const before = Number(account('Inventory Asset').CurrentBalance ?? 0);
		const run = await env.runTemplate();
		expect(run).toMatchObject({
			period,
			appInventoryValue: 120,
			quickBooksInventoryBefore: before,
			costOfGoodsSold: 30,
			journalEntry: { number: `INV-${period}`, write: 'created' },
			issues: 0,
		});
		expect(account('Inventory Asset').CurrentBalance).toBe(120);
		expect(
			realm()
				.all('JournalEntry')
				.filter((j) => j.DocNumber === `INV-${period}`),
		).toHaveLength(1);
	}, 240_000);

	it('writes nothing on the run after, and updates the same entry when the stock changes', async () => {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			journalEntry: { write: 'unchanged' },
		});
		const m = await env.appCall('GET', `/v1/items/${mulch.id}`);
		await env.appCall('PATCH', `/v1/items/${mulch.id}`, { version: m.version, quantityOnHand: 50 });
		expect(await env.runTemplate()).toMatchObject({
			appInventoryValue: 150,
			journalEntry: { write: 'updated' },
		});
		expect(account('Inventory Asset').CurrentBalance).toBe(150);
		expect(
			realm()
				.all('JournalEntry')
				.filter((j) => j.DocNumber === `INV-${period}`),
		).toHaveLength(1);
	}, 240_000);
});
