/** The node's Vendor, Item, Payment, Bill, Bill Payment, Expense and Credit Memo operations against the QBO emulator. */
import { startNodeAgainstEmulator } from '../../../support/emulator-client';

let harness: Awaited<ReturnType<typeof startNodeAgainstEmulator>>;
const id = (type: string, name: string, field = 'Name') =>
	harness.emulator.admin
		.realm(harness.realmId)
		.all(type)
		.find((e) => e[field] === name)!.Id as string;

beforeAll(async () => {
	harness = await startNodeAgainstEmulator();
});
afterAll(() => harness.emulator.stop());
const run = (resource: string, parameters: Record<string, unknown>) =>
	harness.run(resource, { simplify: true, ...parameters });
const writes = (path: string) =>
	harness.emulator.admin.log.filter((e) => e.endpoint === `POST /${path}`).length;

describe('Vendor', () => {
	it('creates, finds, updates, deactivates; a name used by a customer is 6240', async () => {
		const [[v]] = await run('vendor', {
			operation: 'create',
			displayName: 'Ace Irrigation Supply ',
			additionalFields: { email: 'sales@ace.example', acctNum: 'A-77' },
		});
		expect(v.json).toMatchObject({
			displayName: 'Ace Irrigation Supply',
			email: 'sales@ace.example',
			warnings: [expect.stringContaining('spaces removed')],
		});
		const [found] = await run('vendor', {
			operation: 'getAll',
			returnAll: true,
			filters: { displayName: 'Ace%' },
		});
		expect(found.map((f) => f.json.id)).toEqual([v.json.id]);
		const [[changed]] = await run('vendor', {
			operation: 'update',
			recordId: v.json.id,
			changes: '{"CompanyName":"Ace Irrigation LLC"}',
		});
		expect(changed.json.companyName).toBe('Ace Irrigation LLC');
		const [[off]] = await run('vendor', { operation: 'deactivate', recordId: v.json.id });
		expect(off.json.active).toBe(false);
		const clash = await run('vendor', { operation: 'create', displayName: 'Cool Cars' }).catch(
			(e: Error) => e,
		);
		expect((clash as Error).message).toMatch(/6240/);
	});
});

describe('Item', () => {
	it('needs the accounts of its type before any call; creates an inventory item; upserts by SKU', async () => {
		const before = writes('item');
		const missing = await run('item', {
			operation: 'create',
			name: 'Valve',
			itemType: 'Inventory',
			itemFields: {
				incomeAccountId: id('Account', 'Sales of Product Income'),
				expenseAccountId: id('Account', 'Cost of Goods Sold'),
				invStartDate: '2026-01-01',
			},
		}).catch((e: Error) => e);
		expect((missing as Error).message).toBe(
			'Item 0: Asset Account ID is required for Inventory items (the stock value is held there). Choose the account, e.g. from Lookup → Get Accounts.',
		);
		expect(writes('item')).toBe(before);
		const fields = {
			incomeAccountId: id('Account', 'Sales of Product Income'),
			expenseAccountId: id('Account', 'Cost of Goods Sold'),
			assetAccountId: id('Account', 'Inventory Asset'),
			invStartDate: '2026-01-01',
			qtyOnHand: 12,
			sku: 'INV-VALVE',
			unitPrice: 9.5,
		};
		const [[valve]] = await run('item', {
			operation: 'create',
			name: 'Valve',
			itemType: 'Inventory',
			itemFields: fields,
		});
		expect(valve.json).toMatchObject({ type: 'Inventory', qtyOnHand: 12, sku: 'INV-VALVE' });
		const [[again]] = await run('item', {
			operation: 'upsert',
			name: 'Brass Valve',
			itemType: 'Inventory',
			matchOn: 'sku',
			itemFields: { ...fields, unitPrice: 11 },
		});
		expect(again.json).toMatchObject({
			upsert: 'updated',
			id: valve.json.id,
			name: 'Brass Valve',
			unitPrice: 11,
			qtyOnHand: 12,
		});
		const [services] = await run('item', {
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'Service' },
		});
		expect(services.length).toBeGreaterThan(3);
	});
});

describe('Payment and Credit Memo', () => {
	it('applies one payment to an invoice and a credit memo; voiding reopens the invoice', async () => {
		const customer = id('Customer', 'Kate Whelan', 'DisplayName');
		const design = id('Item', 'Design');
		const [[inv]] = await harness.run('invoice', {
			operation: 'create',
			customerId: customer,
			lines: { line: [{ itemId: design, quantity: 2, rate: 75 }] },
			simplify: true,
		});
		const [[credit]] = await run('creditMemo', {
			operation: 'create',
			customerId: customer,
			lines: { line: [{ itemId: design, quantity: 1, rate: 30 }] },
		});
		expect(credit.json).toMatchObject({ total: 30, remainingCredit: 30 });
		const [[pay]] = await run('payment', {
			operation: 'create',
			customerId: customer,
			amount: 120,
			applyTo: {
				application: [
					{ txnType: 'Invoice', txnId: inv.json.id, amount: 150 },
					{ txnType: 'CreditMemo', txnId: credit.json.id, amount: 30 },
				],
			},
		});
		expect(pay.json).toMatchObject({ total: 120, unapplied: 0 });
		const [[paid]] = await harness.run('invoice', {
			operation: 'get',
			invoiceId: inv.json.id,
			simplify: true,
		});
		expect(paid.json.balance).toBe(0);
		const [[voided]] = await run('payment', { operation: 'void', recordId: pay.json.id });
		expect(voided.json.total).toBe(0);
		const [[reopened]] = await harness.run('invoice', {
			operation: 'get',
			invoiceId: inv.json.id,
			simplify: true,
		});
		expect(reopened.json.balance).toBe(150);
	});

	it('refuses applications larger than the payment before calling QuickBooks', async () => {
		const error = await run('payment', {
			operation: 'create',
			customerId: '1',
			amount: 10,
			applyTo: { application: [{ txnType: 'Invoice', txnId: '1', amount: 20 }] },
		}).catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'Item 0: The applications total 20.00, more than the payment amount 10.00.',
		);
	});
});

describe('Bill, Bill Payment and Expense', () => {
	it('a bill payment lowers the bill balance; voiding restores it', async () => {
		const vendor = id('Vendor', 'Hall Properties', 'DisplayName');
		const [[bill]] = await run('bill', {
			operation: 'create',
			vendorId: vendor,
			lines: {
				line: [
					{
						accountId: id('Account', 'Job Expenses'),
						amount: 412.5,
						description: 'Lumber',
						customerId: '7',
					},
				],
			},
			additionalFields: { docNumber: 'NL-7781' },
		});
		expect(bill.json).toMatchObject({ total: 412.5, balance: 412.5, docNumber: 'NL-7781' });
		const [open] = await run('bill', {
			operation: 'getAll',
			returnAll: true,
			filters: { vendorId: vendor, openOnly: true },
		});
		expect(open.map((b) => b.json.id)).toContain(bill.json.id);
		const [[bp]] = await run('billPayment', {
			operation: 'create',
			vendorId: vendor,
			payType: 'Check',
			accountId: id('Account', 'Checking'),
			bills: { bill: [{ billId: bill.json.id, amount: 200 }] },
		});
		expect(bp.json.total).toBe(200);
		const [[afterPay]] = await run('bill', { operation: 'get', recordId: bill.json.id });
		expect(afterPay.json.balance).toBe(212.5);
		await run('billPayment', { operation: 'void', recordId: bp.json.id });
		const [[afterVoid]] = await run('bill', { operation: 'get', recordId: bill.json.id });
		expect(afterVoid.json.balance).toBe(412.5);
	});

	it('an expense paid by credit card from a bank account is stopped before writing; a correct one is written and deleted', async () => {
		const before = writes('purchase');
		const line = { line: [{ accountId: id('Account', 'Equipment Rental'), amount: 180 }] };
		const wrong = await run('purchase', {
			operation: 'create',
			paymentType: 'CreditCard',
			accountId: id('Account', 'Checking'),
			lines: line,
		}).catch((e: Error) => e);
		expect((wrong as Error).message).toBe(
			`Item 0: a CreditCard expense must be paid from a Credit Card account; account ${id('Account', 'Checking')} "Checking" is Bank. Choose another account (Lookup → Get Accounts, types Bank and Credit Card) or payment type.`,
		);
		expect(writes('purchase')).toBe(before);
		const [[ok]] = await run('purchase', {
			operation: 'create',
			paymentType: 'CreditCard',
			accountId: id('Account', 'Visa'),
			lines: line,
			additionalFields: { vendorId: id('Vendor', 'Hall Properties', 'DisplayName') },
		});
		expect(ok.json).toMatchObject({ paymentType: 'CreditCard', total: 180, accountName: 'Visa' });
		const [[gone]] = await run('purchase', { operation: 'delete', recordId: ok.json.id });
		expect(gone.json.status).toBe('Deleted');
	});
});
