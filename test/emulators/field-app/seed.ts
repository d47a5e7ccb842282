/**
 * The reference app's seed: it overlaps the QBO emulator's sandbox company the way real data does.
 * Some customers exist on both sides with small differences (e-mail case, phone, notes, active
 * flag), some only here; two customers share a billing e-mail; Freeman Sporting Goods has three
 * service locations, two of which are QBO sub-customers already; one item has no SKU, one name
 * ends with a space, one is equipment; invoices, payments, purchase orders, payables and sales
 * orders sit in every state the templates handle.
 */
import type { FieldApp } from './domain';
import type { AppRecord } from './store';

const addr = (line1: string, city = 'Half Moon Bay') => ({
	line1,
	city,
	region: 'CA',
	postalCode: '94213',
	country: 'USA',
});

export function seedFieldApp(app: FieldApp): void {
	const make = (
		resource: Parameters<FieldApp['create']>[0],
		body: Record<string, unknown>,
	): AppRecord => app.create(resource, body);
	const tax = {
		california: make('tax-rates', { name: 'California', rate: 7.25 }),
		tucson: make('tax-rates', { name: 'Tucson', rate: 8 }),
	};
	make('tax-rates', { name: 'Old County Rate', rate: 6.5, active: false });
	const terms = {
		due: make('terms', { name: 'Due on receipt', dueDays: 0 }),
		net15: make('terms', { name: 'Net 15', dueDays: 15 }),
		net30: make('terms', { name: 'Net 30', dueDays: 30 }),
	};
	make('terms', { name: 'Net 60', dueDays: 60 });
	make('terms', { name: 'Net 45', dueDays: 45 }); // not in QuickBooks

	const customer = (name: string, extra: Record<string, unknown> = {}) =>
		make('customers', { name, termsId: terms.net30.id, taxRateId: tax.california.id, ...extra });
	const c = {
		amy: customer("Amy's Bird Sanctuary", {
			firstName: 'Amy',
			lastName: 'Lauterbach',
			billingEmail: 'birds@intuit.com',
			phone: '(650) 555-3311',
			billingAddress: addr('4581 Finch St.'),
		}),
		cool: customer('Cool Cars', {
			firstName: 'Grace',
			lastName: 'Pariente',
			billingEmail: 'Cool_Cars@intuit.com',
			billingAddress: addr('65 Ocean Dr.'),
		}),
		freeman: customer('Freeman Sporting Goods', {
			companyName: 'Freeman Sporting Goods',
			billingEmail: 'Sporting_goods@intuit.com',
			billingAddress: addr('370 Easy St.', 'Middlefield'),
		}),
		outlet: customer('Freeman Outlet', {
			billingEmail: 'Sporting_goods@intuit.com',
			notes: 'Shares the billing e-mail with Freeman Sporting Goods',
		}),
		kate: customer('Kate Whelan', { billingEmail: 'Kate@Whelan.com', taxRateId: null }),
		mark: customer('Mark Cho', { billingEmail: 'Mark@Cho.com', notes: 'Gate code 4411' }),
		diner: customer('Red Rock Diner', { billingEmail: 'qbwebsamplecompany@yahoo.com' }),
		marina: customer('Lakeside Marina', { billingEmail: 'office@lakesidemarina.example' }), // inactive in QuickBooks
		bakery: customer('Old Mill Bakery', {
			billingEmail: 'orders@oldmillbakery.example',
			active: false,
		}),
		dental: customer('Harbor Dental Group', {
			companyName: 'Harbor Dental Group',
			billingEmail: 'billing@harbordental.example',
			taxRateId: tax.tucson.id,
		}),
		hoa: customer('Maple Street HOA', { termsId: terms.net15.id }),
		sushi: customer('Sushi by Katsuyuki ', { billingEmail: 'Sushi@intuit.com' }), // trailing space
	};
	make('locations', {
		customerId: c.freeman.id,
		name: '0969 Ocean View Road',
		address: addr('0969 Ocean View Road'),
	});
	make('locations', {
		customerId: c.freeman.id,
		name: '55 Twin Lane',
		address: addr('55 Twin Lane'),
	});
	const harborBlvd = make('locations', {
		customerId: c.freeman.id,
		name: '12 Harbor Blvd',
		address: addr('12 Harbor Blvd'),
	});
	make('locations', { customerId: c.hoa.id, name: 'Clubhouse', address: addr('1 Maple St.') });

	const service = { income: 'Services', expense: 'Job Expenses' };
	const product = { income: 'Sales of Product Income', expense: 'Cost of Goods Sold' };
	const i = {
		design: make('items', {
			name: 'Design',
			type: 'service',
			sku: 'SRV-DESIGN',
			taxable: false,
			price: 75,
			accounts: service,
		}),
		gardening: make('items', {
			name: 'Gardening',
			type: 'service',
			sku: 'SRV-GARDEN',
			taxable: false,
			price: 25,
			accounts: service,
		}),
		trenching: make('items', {
			name: 'Trenching',
			type: 'service',
			sku: 'SRV-TRENCH',
			taxable: false,
			price: 90,
			accounts: service,
		}),
		sod: make('items', {
			name: 'Sod ',
			type: 'non_inventory',
			sku: 'NI-SOD',
			price: 20,
			cost: 11,
			accounts: product,
		}), // trailing space
		rocks: make('items', {
			name: 'Rocks',
			type: 'non_inventory',
			sku: null,
			price: 12,
			cost: 6,
			accounts: product,
		}), // no SKU
		pump: make('items', {
			name: 'Pump',
			type: 'inventory',
			sku: 'INV-PUMP',
			price: 15,
			cost: 10,
			quantityOnHand: 25,
			accounts: { ...product, asset: 'Inventory Asset' },
		}),
		pipes: make('items', {
			name: 'Sprinkler Pipes',
			type: 'inventory',
			sku: 'INV-SPRINKLERPIPES',
			price: 4,
			cost: 2.5,
			quantityOnHand: 31,
			accounts: { ...product, asset: 'Inventory Asset' },
		}),
		aerator: make('items', {
			name: 'Lawn Aerator',
			type: 'equipment',
			sku: 'EQ-AERATOR',
			price: 1200,
			cost: 800,
			quantityOnHand: 2,
			accounts: { ...product, asset: 'Inventory Asset' },
		}),
	};
	make('items', {
		name: 'Old Valve',
		type: 'non_inventory',
		sku: 'NI-VALVE-OLD',
		price: 3,
		active: false,
		accounts: product,
	});

	const v = {
		norton: make('vendors', {
			name: 'Norton Lumber and Building Materials',
			email: 'orders@nortonlumber.example',
			termsId: terms.net30.id,
		}),
		hall: make('vendors', { name: 'Hall Properties' }),
		ace: make('vendors', {
			name: 'Ace Irrigation Supply',
			email: 'sales@aceirrigation.example',
			termsId: terms.net15.id,
		}), // not in QuickBooks
	};
	const projects = {
		remodel: make('projects', {
			name: 'Harbor Dental remodel',
			number: 'P-101',
			customerId: c.dental.id,
		}),
		irrigation: make('projects', {
			name: 'Freeman irrigation upgrade',
			number: 'P-102',
			customerId: c.freeman.id,
		}),
	};
	const codes = {
		site: make('cost-codes', { code: '01-100', name: 'Site preparation' }),
		irrigation: make('cost-codes', { code: '02-200', name: 'Irrigation' }),
	};
	make('cost-codes', { code: '03-300', name: 'Planting' });

	const today = new Date().toISOString().slice(0, 10);
	const invoice = (
		customerId: string,
		lines: Array<[AppRecord, number, number?]>,
		extra: Record<string, unknown> = {},
	) =>
		make('invoices', {
			customerId,
			date: today,
			lines: lines.map(([item, quantity, rate]) => ({
				itemId: item.id,
				quantity,
				rate: rate ?? item.price,
			})),
			...extra,
		});
	const step = (record: AppRecord, ...statuses: string[]) =>
		statuses.reduce(
			(r, status) => app.transition('invoices', r.id, { version: r.version, status }),
			record,
		);
	const posted = (record: AppRecord, qboId: string) => {
		const approved = step(record, 'approved', 'ready_for_sync');
		app.setSync('invoices', approved.id, {
			qboId,
			qboSyncToken: '0',
			qboDocNumber: `10${qboId.padStart(2, '0')}`,
		});
		return step(app.store.require('invoices', approved.id), 'unpaid');
	};
	invoice(c.mark.id, [[i.design, 2]]); // draft
	step(
		invoice(c.amy.id, [
			[i.gardening, 4],
			[i.sod, 10],
		]),
		'approved',
	);
	step(
		invoice(c.cool.id, [
			[i.trenching, 3],
			[i.pump, 2],
		]),
		'approved',
		'ready_for_sync',
	);
	step(
		invoice(c.diner.id, [[i.design, 1, 0]], { memo: 'Warranty visit, no charge' }),
		'approved',
		'ready_for_sync',
	); // $0
	step(
		invoice(
			c.freeman.id,
			[
				[i.pipes, 40],
				[i.trenching, 2],
			],
			{ locationId: harborBlvd.id },
		),
		'approved',
		'ready_for_sync',
	);
	const partly = posted(invoice(c.kate.id, [[i.design, 4]]), '90');
	const paid = posted(invoice(c.hoa.id, [[i.gardening, 6]]), '91');
	const credit = posted(invoice(c.dental.id, [[i.rocks, 5]]), '92');
	make('payments', {
		customerId: c.kate.id,
		date: today,
		amount: 100,
		method: 'check',
		reference: '1045',
		applications: [{ invoiceId: partly.id, amount: 100 }],
	});
	make('payments', {
		customerId: c.hoa.id,
		date: today,
		amount: paid.total,
		method: 'ach',
		applications: [{ invoiceId: paid.id, amount: paid.total }],
	});
	make('payments', {
		customerId: c.dental.id,
		date: today,
		amount: 100,
		method: 'card',
		applications: [{ invoiceId: credit.id, amount: credit.total }],
	}); // over-payment
	make('payments', {
		customerId: c.dental.id,
		date: today,
		amount: 20,
		method: 'store_credit',
		applications: [],
	});

	const po = (vendorId: string, lines: Array<[AppRecord, number]>) =>
		make('purchase-orders', {
			vendorId,
			date: today,
			lines: lines.map(([item, quantity]) => ({ itemId: item.id, quantity, unitCost: item.cost })),
		});
	const partial = po(v.ace.id, [
		[i.pipes, 100],
		[i.pump, 10],
	]);
	app.receive(partial.id, { date: today, lines: [{ lineId: 'l1', quantity: 60 }] });
	const full = po(v.ace.id, [[i.pump, 5]]);
	app.receive(full.id, { date: today, lines: [{ lineId: 'l1', quantity: 5 }] });
	app.payOrder('purchase-orders', po(v.norton.id, [[i.aerator, 1]]).id, {
		date: today,
		amount: 200,
		method: 'check',
	}); // prepayment

	make('payables', {
		vendorId: v.norton.id,
		type: 'bill',
		number: 'NL-7781',
		date: today,
		lines: [
			{
				description: 'Lumber for planters',
				amount: 412.5,
				account: 'Job Expenses',
				projectId: projects.irrigation.id,
				costCodeId: codes.site.id,
			},
		],
	});
	make('payables', {
		vendorId: v.hall.id,
		type: 'expense',
		date: today,
		purchaseAccount: 'Visa',
		lines: [
			{
				description: 'Equipment rental',
				amount: 180,
				account: 'Equipment Rental',
				projectId: projects.remodel.id,
				costCodeId: codes.irrigation.id,
			},
		],
	});
	make('payables', {
		vendorId: v.ace.id,
		type: 'expense',
		date: today,
		purchaseAccount: 'Checking',
		lines: [{ description: 'Fittings', amount: 64.2, account: 'Job Expenses' }],
	});

	const so = (customerId: string, lines: Array<[AppRecord, number]>) =>
		make('sales-orders', {
			customerId,
			date: today,
			lines: lines.map(([item, quantity]) => ({
				itemId: item.id,
				quantity,
				unitPrice: item.price,
			})),
		});
	so(c.cool.id, [[i.pump, 1]]); // open
	const invoiced = so(c.amy.id, [[i.rocks, 3]]);
	app.transition('sales-orders', invoiced.id, { version: invoiced.version, status: 'invoiced' });
	const paidOrder = so(c.mark.id, [[i.pipes, 10]]);
	const paidInvoiced = app.transition('sales-orders', paidOrder.id, {
		version: paidOrder.version,
		status: 'invoiced',
	});
	app.payOrder('sales-orders', paidOrder.id, {
		date: today,
		amount: paidInvoiced.total,
		method: 'card',
	});
}
