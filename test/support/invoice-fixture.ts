/**
 * The data the invoice tests start from, on the QBO sandbox company and an empty field app: two
 * app customers and a location linked to QuickBooks (one taxed with QuickBooks' "California"),
 * items linked to QuickBooks' Design (not taxable) and Sod (taxable), two items QuickBooks lacks
 * (Mulch, Trenching), and invoices in every state the push handles.
 */
import type { QboEmulator } from '../emulators/qbo';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type AppCall = (method: string, route: string, body?: unknown) => Promise<Json>;

export interface InvoiceFixture {
	customers: { taxed: Json; plain: Json; site: Json };
	items: { design: Json; sod: Json; mulch: Json; trenching: Json };
	invoices: { lines: Json; atSite: Json; draft: Json; approved: Json; zero: Json };
	qbo: { taxed: string; plain: string; site: string };
}

export async function buildInvoiceFixture(
	qbo: QboEmulator,
	realmId: string,
	appCall: AppCall,
): Promise<InvoiceFixture> {
	const realm = qbo.admin.realm(realmId);
	const qboItem = (name: string) => realm.all('Item').find((i) => i.Name === name)!;
	const taxedQbo = realm.create('Customer', {
		DisplayName: 'Invoice Test Taxed',
		Taxable: true,
		DefaultTaxCodeRef: { value: '2' },
	});
	const plainQbo = realm.create('Customer', { DisplayName: 'Invoice Test Plain' });
	const siteQbo = realm.create('Customer', {
		DisplayName: 'Invoice Test Site',
		Job: true,
		BillWithParent: true,
		ParentRef: { value: plainQbo.Id },
	});
	const link = async (resource: string, record: Json, qboId: string): Promise<Json> => {
		await appCall('PUT', `/v1/${resource}/${record.id}/sync`, { qboId, qboSyncToken: '0' });
		return { ...record, qboId };
	};
	// The app charges the same tax as QuickBooks' "California" code (7.25 %), so both totals agree.
	const california = await appCall('POST', '/v1/tax-rates', { name: 'California', rate: 7.25 });
	const taxed = await link(
		'customers',
		await appCall('POST', '/v1/customers', {
			name: 'Invoice Test Taxed',
			taxRateId: california.id,
		}),
		taxedQbo.Id,
	);
	const plain = await link(
		'customers',
		await appCall('POST', '/v1/customers', { name: 'Invoice Test Plain' }),
		plainQbo.Id,
	);
	const site = await link(
		'locations',
		await appCall('POST', '/v1/locations', { customerId: plain.id, name: 'Invoice Test Site' }),
		siteQbo.Id,
	);
	const product = { income: 'Sales of Product Income', expense: 'Cost of Goods Sold' };
	const design = await link(
		'items',
		await appCall('POST', '/v1/items', {
			name: 'Design',
			type: 'service',
			taxable: false,
			price: 75,
			accounts: { income: 'Services' },
		}),
		qboItem('Design').Id,
	);
	const sod = await link(
		'items',
		await appCall('POST', '/v1/items', {
			name: 'Sod',
			type: 'non_inventory',
			sku: 'NI-SOD',
			taxable: true,
			price: 20,
			accounts: product,
		}),
		qboItem('Sod').Id,
	);
	const mulch = await appCall('POST', '/v1/items', {
		name: 'Mulch',
		type: 'inventory',
		sku: 'INV-MULCH',
		taxable: true,
		price: 8,
		cost: 3,
		quantityOnHand: 40,
		accounts: { ...product, asset: 'Inventory Asset' },
	});
	const trenching = await appCall('POST', '/v1/items', {
		name: 'Trenching',
		type: 'service',
		sku: 'SRV-TRENCH',
		taxable: false,
		price: 90,
		accounts: { income: 'Services', expense: 'Job Expenses' },
	});

	const date = '2026-11-20';
	const make = async (body: Json, ...statuses: string[]) => {
		let invoice = await appCall('POST', '/v1/invoices', { date, ...body });
		for (const status of statuses)
			invoice = await appCall('POST', `/v1/invoices/${invoice.id}/transition`, {
				version: invoice.version,
				status,
			});
		return invoice;
	};
	const invoices = {
		// The same item on two lines with different descriptions, a blank description, a non-taxable line for a taxed customer, a new item.
		lines: await make(
			{
				customerId: taxed.id,
				memo: 'Thank you for your business',
				lines: [
					{ itemId: design.id, description: 'Front yard plan', quantity: 2, rate: 75 },
					{ itemId: design.id, description: 'Back yard plan', quantity: 1, rate: 75 },
					{ itemId: sod.id, description: '', quantity: 10, rate: 20 },
					{ itemId: mulch.id, quantity: 3, rate: 8 },
				],
			},
			'approved',
			'ready_for_sync',
		),
		// To a service location (a QuickBooks sub-customer), naming the same new item and another one.
		atSite: await make(
			{
				customerId: plain.id,
				locationId: site.id,
				lines: [
					{ itemId: mulch.id, quantity: 1, rate: 8 },
					{ itemId: trenching.id, description: 'Trench for drip line', quantity: 2, rate: 90 },
				],
			},
			'approved',
			'ready_for_sync',
		),
		draft: await make({
			customerId: taxed.id,
			lines: [{ itemId: design.id, quantity: 1, rate: 75 }],
		}),
		approved: await make(
			{ customerId: taxed.id, lines: [{ itemId: sod.id, quantity: 1, rate: 20 }] },
			'approved',
		),
		zero: await make(
			{
				customerId: plain.id,
				memo: 'Warranty visit, no charge',
				lines: [{ itemId: design.id, quantity: 1, rate: 0 }],
			},
			'approved',
			'ready_for_sync',
		),
	};
	return {
		customers: { taxed, plain, site },
		items: { design, sod, mulch, trenching },
		invoices,
		qbo: { taxed: taxedQbo.Id, plain: plainQbo.Id, site: siteQbo.Id },
	};
}
