/**
 * The items an invoice names, when the app has not linked them to QuickBooks yet (the items template
 * never ran): each is looked up in QuickBooks by SKU, then by name, and linked to the item QuickBooks
 * has, whatever its type there, before anything is created, with item creation on or off. Only an
 * item QuickBooks lacks is created (non-stocked), and only when creation is on; with it off, the
 * issue says that QuickBooks has no such item, never about one it has.
 */
import { startSyncWorld, type SyncWorld } from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let world: SyncWorld;

const PARAMETERS = {
	resource: 'invoice',
	operation: 'push',
	syncWhen: 'ready',
	numberPolicy: 'quickbooks',
	syncZeroInvoices: false,
	newItemIncomeAccount: 'Sales of Product Income',
	newItemExpenseAccount: 'Cost of Goods Sold',
	dryRun: false,
};

/** A customer linked to a new QuickBooks customer, and the app's own (unlinked) items. */
async function customerAndItems(tag: string) {
	const qboCustomer = world.realm().create('Customer', { DisplayName: `Item Match ${tag}` });
	const unlinked = await world.appCall('POST', '/v1/customers', { name: `Item Match ${tag}` });
	await world.appCall('PUT', `/v1/customers/${unlinked.id}/sync`, {
		qboId: qboCustomer.Id,
		qboSyncToken: '0',
	});
	const customer = await world.fresh('customers', unlinked);
	const product = {
		income: 'Sales of Product Income',
		expense: 'Cost of Goods Sold',
		asset: 'Inventory Asset',
	};
	// QuickBooks has "Pump" as an Inventory item with SKU INV-PUMP, and "Sprinkler Pipes" (Inventory) by name.
	const pump = await world.appCall('POST', '/v1/items', {
		name: 'Pump',
		type: 'inventory',
		sku: 'INV-PUMP',
		price: 15,
		cost: 10,
		quantityOnHand: 5,
		accounts: product,
	});
	const pipes = await world.appCall('POST', '/v1/items', {
		name: 'Sprinkler Pipes',
		type: 'equipment',
		price: 4,
		accounts: product,
	});
	const gravel = await world.appCall('POST', '/v1/items', {
		name: `Pea Gravel ${tag}`,
		type: 'inventory',
		sku: `GRAVEL-${tag}`,
		price: 30,
		accounts: product,
	});
	return { qboCustomer, customer, pump, pipes, gravel };
}

async function readyInvoice(customerId: string, lines: Json[]) {
	let invoice = await world.appCall('POST', '/v1/invoices', {
		date: '2026-11-20',
		customerId,
		lines,
	});
	for (const status of ['approved', 'ready_for_sync'])
		invoice = await world.appCall('POST', `/v1/invoices/${invoice.id}/transition`, {
			version: invoice.version,
			status,
		});
	return invoice;
}

async function pushAndApply(parameters: Json, records: Json[]) {
	const run = await world.engine({ ...PARAMETERS, ...parameters }, records);
	for (const write of run.writes) await world.appCall(write.method, write.path, write.body);
	return run;
}

const qboItem = (name: string) =>
	world
		.realm()
		.all('Item')
		.filter((i) => i.Name === name);

describe.each([
	['on', true],
	['off', false],
])(
	'QuickBooks Sync Engine: invoice push with "Create Missing Items" %s',
	(tag, createMissingItems) => {
		// Each case on a company and an app of its own: the app's items are not linked yet.
		beforeEach(async () => {
			world = await startSyncWorld();
		});
		afterEach(async () => await world.stop());

		it('links an item QuickBooks already has (by SKU, then by name) as QuickBooks has it, and writes the invoice', async () => {
			const { customer, pump, pipes } = await customerAndItems(tag);
			const invoice = await readyInvoice(customer.id, [
				{ itemId: pump.id, quantity: 2, rate: 15 },
				{ itemId: pipes.id, quantity: 10, rate: 4 },
			]);
			const itemsBefore = world.realm().all('Item').length;
			const pumpBefore = qboItem('Pump')[0];

			const run = await pushAndApply({ createMissingItems }, [invoice, customer, pump, pipes]);

			expect(run.issues).toEqual([]);
			expect(run.summary).toMatchObject({
				created: 1,
				items: { created: 0, linked: 2, issues: 0 },
			});
			// Nothing made or changed among QuickBooks' items: the Inventory item stays Inventory, with its quantity.
			expect(world.realm().all('Item')).toHaveLength(itemsBefore);
			expect(qboItem('Pump')).toEqual([pumpBefore]);
			expect(await world.fresh('items', pump)).toMatchObject({
				qboId: pumpBefore.Id,
				sync: { error: null },
			});
			expect(await world.fresh('items', pipes)).toMatchObject({
				qboId: qboItem('Sprinkler Pipes')[0].Id,
			});
			const written = world
				.realm()
				.all('Invoice')
				.find((i) => i.Id === run.writes.find((w) => w.resource === 'invoices')?.body.qboId)!;
			expect(
				written.Line.filter((l: Json) => l.DetailType === 'SalesItemLineDetail').map(
					(l: Json) => l.SalesItemLineDetail.ItemRef.value,
				),
			).toEqual([pumpBefore.Id, qboItem('Sprinkler Pipes')[0].Id]);
		});

		it(
			createMissingItems
				? 'creates only the item QuickBooks lacks, as a non-stocked item'
				: 'reports the item QuickBooks lacks as missing there, naming how to fix it, and holds back only its invoice',
			async () => {
				const { customer, pump, gravel } = await customerAndItems(tag);
				const invoice = await readyInvoice(customer.id, [
					{ itemId: pump.id, quantity: 1, rate: 15 },
					{ itemId: gravel.id, quantity: 1, rate: 30 },
				]);
				const itemsBefore = world.realm().all('Item').length;

				const run = await pushAndApply({ createMissingItems }, [invoice, customer, pump, gravel]);

				expect(await world.fresh('items', pump)).toMatchObject({ qboId: qboItem('Pump')[0].Id });
				if (createMissingItems) {
					expect(run.issues).toEqual([]);
					expect(qboItem(gravel.name).map((i) => i.Type)).toEqual(['NonInventory']);
					expect(world.realm().all('Item')).toHaveLength(itemsBefore + 1);
					expect(run.summary).toMatchObject({ created: 1, items: { created: 1, linked: 1 } });
					return;
				}
				expect(world.realm().all('Item')).toHaveLength(itemsBefore);
				expect(run.summary).toMatchObject({
					created: 0,
					items: { created: 0, linked: 1, issues: 1 },
				});
				const itemIssue = run.issues.find((i) => i.resource === 'items')!;
				expect(itemIssue).toMatchObject({
					appId: gravel.id,
					code: 'not_found',
					reason: expect.stringContaining(`matches no QuickBooks record by SKU or name`),
					fix: expect.stringContaining('Create Missing Items'),
				});
				const invoiceIssue = run.issues.find((i) => i.resource === 'invoices')!;
				expect(invoiceIssue.reason).toContain(
					`item ${gravel.id} (${gravel.name}) is not linked to a QuickBooks item`,
				);
				// Never "not in QuickBooks" about the item QuickBooks has.
				for (const issue of run.issues)
					expect(`${issue.reason} ${issue.fix}`).not.toContain('(Pump)');
			},
		);
	},
);
