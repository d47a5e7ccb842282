/**
 * Every resource's get / get many / update / delete / void / deactivate / reactivate against the
 * QBO emulator, on a record created for it through the node.
 */
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
	harness.run(resource, parameters);

/** Creates one record per resource through the node and returns its QuickBooks Id. */
const creators: Record<string, () => Promise<string>> = {
	vendor: async () =>
		(await run('vendor', { operation: 'create', displayName: 'Generic Vendor' }))[0][0].json
			.Id as string,
	item: async () =>
		(
			await run('item', {
				operation: 'create',
				name: 'Generic Item',
				itemType: 'Service',
				itemFields: {
					incomeAccountId: id('Account', 'Services'),
					expenseAccountId: id('Account', 'Job Expenses'),
				},
			})
		)[0][0].json.Id as string,
	payment: async () =>
		(await run('payment', { operation: 'create', customerId: '1', amount: 12 }))[0][0].json
			.Id as string,
	bill: async () =>
		(
			await run('bill', {
				operation: 'create',
				vendorId: id('Vendor', 'PG&E', 'DisplayName'),
				lines: { line: [{ accountId: id('Account', 'Utilities'), amount: 40 }] },
			})
		)[0][0].json.Id as string,
	billPayment: async () => {
		const bill = (
			await run('bill', {
				operation: 'create',
				vendorId: id('Vendor', 'PG&E', 'DisplayName'),
				lines: { line: [{ accountId: id('Account', 'Utilities'), amount: 25 }] },
			})
		)[0][0].json.Id as string;
		return (
			await run('billPayment', {
				operation: 'create',
				vendorId: id('Vendor', 'PG&E', 'DisplayName'),
				payType: 'Check',
				accountId: id('Account', 'Checking'),
				bills: { bill: [{ billId: bill, amount: 25 }] },
			})
		)[0][0].json.Id as string;
	},
	purchase: async () =>
		(
			await run('purchase', {
				operation: 'create',
				paymentType: 'Cash',
				accountId: id('Account', 'Checking'),
				lines: { line: [{ accountId: id('Account', 'Office Expenses'), amount: 9 }] },
			})
		)[0][0].json.Id as string,
	creditMemo: async () =>
		(
			await run('creditMemo', {
				operation: 'create',
				customerId: '2',
				lines: { line: [{ itemId: id('Item', 'Design'), quantity: 1, rate: 10 }] },
			})
		)[0][0].json.Id as string,
};

/** What "update" changes per entity (name lists have Notes or Description, transactions PrivateNote). */
const CHANGE: Record<string, Record<string, string>> = {
	Vendor: { Notes: 'changed' },
	Item: { Description: 'changed' },
};

const cases: Array<[string, string, string[]]> = [
	['vendor', 'Vendor', ['get', 'getAll', 'update', 'deactivate', 'reactivate']],
	['item', 'Item', ['get', 'getAll', 'update', 'deactivate', 'reactivate']],
	['payment', 'Payment', ['get', 'getAll', 'update', 'void', 'delete']],
	['bill', 'Bill', ['get', 'getAll', 'update', 'delete']],
	['billPayment', 'BillPayment', ['get', 'getAll', 'update', 'void', 'delete']],
	['purchase', 'Purchase', ['get', 'getAll', 'update', 'delete']],
	['creditMemo', 'CreditMemo', ['get', 'getAll', 'update', 'delete']],
];

describe.each(cases)('%s', (resource, entity, operations) => {
	it(`${operations.join(', ')}`, async () => {
		const recordId = await creators[resource]();
		for (const operation of operations) {
			const [out] = await run(resource, {
				operation,
				recordId,
				returnAll: true,
				changes: JSON.stringify(CHANGE[entity] ?? { PrivateNote: 'changed' }),
			});
			const record = harness.emulator.admin.realm(harness.realmId).get(entity, recordId);
			switch (operation) {
				case 'get':
					expect(out[0].json.Id).toBe(recordId);
					break;
				case 'getAll':
					expect(out.map((i) => i.json.Id)).toContain(recordId);
					break;
				case 'update':
					expect(record!.Notes ?? record!.Description ?? record!.PrivateNote).toBe('changed');
					break;
				case 'deactivate':
					expect(record!.Active).toBe(false);
					break;
				case 'reactivate':
					expect(record!.Active).toBe(true);
					break;
				case 'void':
					expect(record!.TotalAmt).toBe(0);
					break;
				case 'delete':
					expect(record).toBeUndefined();
					expect(out[0].json).toEqual({ domain: 'QBO', status: 'Deleted', Id: recordId });
					break;
			}
		}
	});
});
