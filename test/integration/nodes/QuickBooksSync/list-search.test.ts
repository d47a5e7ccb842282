/** The resource locators' searches (methods/listSearch) against the QBO emulator. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { listSearch } from '../../../../nodes/QuickBooksSync/methods';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';
import type { QboEmulator } from '../../../emulators/qbo';
import { startWithClient, engineCredentials } from '../../../support/emulator-client';

let emulator: QboEmulator;
let context: ILoadOptionsFunctions;

beforeAll(async () => {
	const started = await startWithClient();
	emulator = started.emulator;
	const realmId = started.realmId;
	const credentials = engineCredentials(emulator, realmId);
	context = fakeExecuteFunctions({
		parameters: {},
		credentials,
	}) as unknown as ILoadOptionsFunctions;
	for (let i = 0; i < 120; i++)
		emulator.admin
			.realm(realmId)
			.create('Customer', { DisplayName: `Searchable ${String(i).padStart(3, '0')}` });
});
afterAll(() => emulator.stop());

it('finds customers by part of the name, with sub-customers under their full name', async () => {
	const found = await listSearch.searchCustomers.call(context, 'Ocean');
	expect(found.results).toEqual([
		{ name: 'Freeman Sporting Goods:0969 Ocean View Road', value: '8' },
	]);
});

it('pages 100 at a time', async () => {
	const first = await listSearch.searchCustomers.call(context, 'Searchable');
	expect(first.results).toHaveLength(100);
	expect(first.paginationToken).toBe('101');
	const second = await listSearch.searchCustomers.call(
		context,
		'Searchable',
		first.paginationToken,
	);
	expect(second.results).toHaveLength(20);
	expect(second.paginationToken).toBeUndefined();
});

it('escapes what the user types', async () => {
	expect(
		(await listSearch.searchCustomers.call(context, "Amy's")).results.map((r) => r.name),
	).toEqual(["Amy's Bird Sanctuary"]);
});

it('searches items (with SKU), vendors, accounts (with type) and invoices (number · customer · total)', async () => {
	expect((await listSearch.searchItems.call(context, 'Pump')).results.map((r) => r.name)).toEqual([
		'Fountain Pump (NI-FOU)',
		'Pump (INV-PUMP)',
	]);
	expect(
		(await listSearch.searchVendors.call(context, 'Norton')).results.map((r) => r.name),
	).toEqual(['Norton Lumber and Building Materials']);
	expect(
		(await listSearch.searchAccounts.call(context, 'Visa')).results.map((r) => r.name),
	).toEqual(['Visa · Credit Card']);
	expect(
		(await listSearch.searchInvoices.call(context, '1001')).results.map((r) => r.name),
	).toEqual(["1001 · Amy's Bird Sanctuary · 135"]);
});
