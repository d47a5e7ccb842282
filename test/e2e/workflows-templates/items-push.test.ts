/**
 * The "items app → QuickBooks" template, imported as shipped, on a real n8n 2.x between the
 * field-app and QBO emulators: equipment lands as an Inventory item with its quantity, accounts
 * from the item or the template's defaults, the seed's trailing-space name is reported (not
 * renamed) and shown in the app, an item without SKU matches by name, the next run writes nothing,
 * and an edit in the app follows.
 */
import template from '../../../workflows-templates/items-app-to-quickbooks.json';
import { startTemplateEnvironment, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e items template] ${line}\n`);

describe('e2e: template "items app → QuickBooks" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const qboItems = () => env.qbo.admin.realm(env.realmId).all('Item');
	const accountName = (ref: { value: string } | undefined) =>
		ref ? env.qbo.admin.realm(env.realmId).get('Account', ref.value)?.Name : undefined;

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, {
				log,
				prepareQuickBooks: (qbo, realmId) => {
					const realm = qbo.admin.realm(realmId);
					for (const [Name, AccountType] of [
						['Inventory Asset', 'Other Current Asset'],
						['Sales of Product Income', 'Income'],
						['Cost of Goods Sold', 'Cost of Goods Sold'],
					] as const)
						realm.create('Account', { Name, AccountType });
					// Already in QuickBooks under the same name, without a SKU: matched, not duplicated.
					realm.create('Item', {
						Name: 'Rocks',
						Type: 'NonInventory',
						IncomeAccountRef: {
							value: realm.all('Account').find((a) => a.Name === 'Sales of Product Income')!.Id,
						},
						ExpenseAccountRef: {
							value: realm.all('Account').find((a) => a.Name === 'Cost of Goods Sold')!.Id,
						},
					});
				},
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('creates and links the app items with their types, accounts and quantities', async () => {
		const summary = await env.runTemplate();
		const items = await env.list('items');
		const eligible = items.filter((i) => i.active && !i.deletedAt && i.name === i.name.trim());
		expect(summary).toMatchObject({ created: eligible.length - 1, updated: 1, issues: 1 }); // Rocks existed: updated to the app's price
		expect(qboItems().filter((q) => q.Name === 'Rocks')).toHaveLength(1);
		const aerator = qboItems().find((q) => q.Name === 'Lawn Aerator');
		expect(aerator).toMatchObject({ Type: 'Inventory', QtyOnHand: 2, TrackQtyOnHand: true });
		expect(accountName(aerator?.AssetAccountRef)).toBe('Inventory Asset');
		expect(accountName(qboItems().find((q) => q.Name === 'Design')?.IncomeAccountRef)).toBe(
			'Services',
		);
		expect(qboItems().find((q) => q.Name === 'Design')?.Taxable).toBe(false);
		for (const i of eligible) expect(i.qboId).toBe(qboItems().find((q) => q.Name === i.name)?.Id);
		const sod = items.find((i) => i.name === 'Sod ');
		expect(sod?.qboId).toBeNull();
		expect(sod?.sync.error).toMatch(/starts or ends with a space/);
	}, 180_000);

	it('writes nothing on the next run, then follows an edit', async () => {
		const writes = () => env.qbo.admin.log.filter((e) => e.endpoint === 'POST /batch').length;
		const before = writes();
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			linked: 0,
		});
		expect(writes()).toBe(before);
		const pump = (await env.list('items')).find((i) => i.name === 'Pump');
		await env.appCall('PATCH', `/v1/items/${pump?.id}`, {
			version: pump?.version,
			price: 17.5,
			description: 'Submersible pump',
		});
		expect(await env.runTemplate()).toMatchObject({ updated: 1, created: 0 });
		expect(qboItems().find((q) => q.Name === 'Pump')).toMatchObject({
			UnitPrice: 17.5,
			Description: 'Submersible pump',
			QtyOnHand: 25,
		});
	}, 180_000);

	it('finds items again by SKU or name when the app lost its links, creating none', async () => {
		const summary = await env.expectLostLinksRelink('items', 'Item', (item) => ({
			description: `${String(item.description ?? '')} (checked)`.trim(),
		}));
		expect(summary).toMatchObject({ created: 0 });
	}, 180_000);
});
