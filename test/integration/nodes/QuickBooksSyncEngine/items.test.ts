/**
 * The QuickBooks Sync Engine node, Item → Push, between the two emulators: equipment becomes an
 * Inventory item with its opening quantity, accounts per item and from the defaults, the taxable
 * flag and descriptions kept exactly, SKU then name matching, the seed's trailing-space name
 * reported, a name taken by a category refused before writing, an inventory item that would turn
 * into a service refused, and a second run that writes nothing.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { QuickBooksSyncEngine } from '../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { startFieldApp, type FieldAppEmulator } from '../../../emulators/field-app';
import type { QboEmulator } from '../../../emulators/qbo';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';
import { fieldAppCall, startWithClient, engineCredentials } from '../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let qbo: QboEmulator;
let realmId: string;
let app: FieldAppEmulator;
let credentials: IDataObject;

const appCall = fieldAppCall(() => app);
const items = async () =>
	(await appCall('GET', '/v1/items?limit=500&includeDeleted=true')).data as Json[];
const qboItems = () => qbo.admin.realm(realmId).all('Item');

async function run(parameters: IDataObject = {}) {
	const input = (await items()).map((json): INodeExecutionData => ({ json }));
	const [writes, issues, [summary]] = await new QuickBooksSyncEngine().execute.call(
		fakeExecuteFunctions({
			parameters: {
				resource: 'item',
				operation: 'push',
				itemMatchBy: 'skuThenName',
				requireSku: false,
				createMissing: true,
				dryRun: false,
				defaultIncomeAccount: 'Sales of Product Income',
				defaultExpenseAccount: 'Cost of Goods Sold',
				defaultAssetAccount: 'Inventory Asset',
				...parameters,
			},
			credentials,
			items: input,
		}),
	);
	for (const w of writes) await appCall(String(w.json.method), String(w.json.path), w.json.body);
	return { issues: issues.map((i) => i.json as Json), summary: summary.json as Json };
}

beforeAll(async () => {
	({ emulator: qbo, realmId } = await startWithClient({
		realms: [{ seed: 'empty', companyName: 'Items Co' }],
	}));
	const realm = qbo.admin.realm(realmId);
	for (const [Name, AccountType] of [
		['Inventory Asset', 'Other Current Asset'],
		['Sales of Product Income', 'Income'],
		['Cost of Goods Sold', 'Cost of Goods Sold'],
	] as const)
		realm.create('Account', { Name, AccountType });
	app = await startFieldApp({ port: 0 });
	credentials = engineCredentials(qbo, realmId);
});
afterAll(async () => {
	await app.stop();
	await qbo.stop();
});

describe('QuickBooks Sync Engine: items app → QuickBooks', () => {
	it('creates the app items with their types, accounts, taxable flags and quantities', async () => {
		const { issues, summary } = await run();
		const appItems = await items();
		expect(issues).toEqual([
			expect.objectContaining({
				appId: appItems.find((i) => i.name === 'Sod ')?.id,
				code: 'refused',
				reason: expect.stringContaining('starts or ends with a space'),
			}),
		]);
		expect(summary).toMatchObject({
			created: appItems.filter((i) => i.active && !i.deletedAt && i.name === i.name.trim()).length,
			issues: 1,
		});
		const byName = (name: string) => qboItems().find((q) => q.Name === name)!;
		const accountName = (ref: { value: string }) =>
			qbo.admin.realm(realmId).get('Account', ref.value)?.Name;
		expect(byName('Lawn Aerator')).toMatchObject({
			Type: 'Inventory',
			Sku: 'EQ-AERATOR',
			TrackQtyOnHand: true,
			QtyOnHand: 2,
			UnitPrice: 1200,
			PurchaseCost: 800,
		});
		expect(accountName(byName('Lawn Aerator').AssetAccountRef)).toBe('Inventory Asset');
		expect(byName('Design')).toMatchObject({ Type: 'Service', Taxable: false });
		expect(accountName(byName('Design').IncomeAccountRef)).toBe('Services'); // the item's own account, not the default
		expect(accountName(byName('Design').ExpenseAccountRef)).toBe('Job Expenses');
		expect(byName('Rocks')).toMatchObject({ Type: 'NonInventory', Taxable: true });
		for (const i of appItems.filter((x) => x.active && x.name !== 'Sod '))
			expect(i.qboId).toBe(qboItems().find((q) => q.Name === i.name)?.Id);
	});

	it('writes nothing on the next run (taxable flags and blank descriptions survive the round trip)', async () => {
		qbo.admin.resetLog();
		const { summary } = await run();
		expect(summary).toMatchObject({ created: 0, updated: 0, linked: 0, issues: 1 });
		expect(qbo.admin.log.filter((e) => e.endpoint === 'POST /batch')).toEqual([]);
	});

	it('refuses before writing a name a category holds, and an inventory item turned into a service', async () => {
		qbo.admin.realm(realmId).create('Item', { Name: 'Seasonal', Type: 'Category' });
		await appCall('POST', '/v1/items', {
			name: 'Seasonal',
			type: 'service',
			sku: 'SRV-SEASON',
			price: 5,
			accounts: { income: 'Services', expense: 'Job Expenses' },
		});
		const pump = (await items()).find((i) => i.name === 'Pump')!;
		await appCall('PATCH', `/v1/items/${pump.id}`, { version: pump.version, type: 'service' });
		const { issues } = await run();
		expect(issues.map((i) => i.code).sort()).toEqual(['duplicate_name', 'refused', 'type_change']);
		expect(issues.find((i) => i.code === 'type_change')?.fix).toMatch(
			/create a new item of the new type/,
		);
		expect(qboItems().find((q) => q.Name === 'Pump')?.Type).toBe('Inventory');
	});

	it('finds an existing QuickBooks item by SKU before creating one', async () => {
		const account = (name: string) => ({
			value: qbo.admin
				.realm(realmId)
				.all('Account')
				.find((a) => a.Name === name)!.Id,
		});
		qbo.admin.realm(realmId).create('Item', {
			Name: 'Mulch (QB name)',
			Type: 'NonInventory',
			Sku: 'NI-MULCH',
			IncomeAccountRef: account('Sales of Product Income'),
			ExpenseAccountRef: account('Cost of Goods Sold'),
		});
		await appCall('POST', '/v1/items', {
			name: 'Mulch',
			type: 'non_inventory',
			sku: 'NI-MULCH',
			price: 3,
			cost: 1,
		});
		const before = qboItems().length;
		const { summary } = await run();
		expect(qboItems().length).toBe(before);
		expect(summary.updated).toBeGreaterThanOrEqual(1);
		expect(qboItems().find((q) => q.Sku === 'NI-MULCH')).toMatchObject({
			Name: 'Mulch',
			UnitPrice: 3,
		});
	});
});
