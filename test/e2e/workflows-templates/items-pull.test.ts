/**
 * The "items QuickBooks → app" template, imported as shipped, on a real n8n 2.x: the QBO sandbox
 * company's items land in an empty app with their types and accounts, inactive ones inactive;
 * the next run writes nothing; an item made inactive in QuickBooks becomes inactive in the app.
 */
import template from '../../../workflows-templates/items-quickbooks-to-app.json';
import { startTemplateEnvironment, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e items pull template] ${line}\n`);

describe('e2e: template "items QuickBooks → app" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const qboItems = () =>
		env.qbo.admin
			.realm(env.realmId)
			.all('Item')
			.filter((i) => ['Service', 'NonInventory', 'Inventory'].includes(i.Type));

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox', appSeed: false });
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('creates the QuickBooks items in the app with their links, then writes nothing; an inactivation follows', async () => {
		expect(await env.runTemplate()).toMatchObject({ created: qboItems().length, issues: 0 });
		const items = await env.list('items');
		for (const q of qboItems()) {
			const item = items.find((i) => i.qboId === q.Id);
			expect(item).toMatchObject({
				name: q.Name,
				type:
					q.Type === 'Inventory'
						? 'inventory'
						: q.Type === 'NonInventory'
							? 'non_inventory'
							: 'service',
				sync: { fingerprint: expect.stringMatching(/^sha256:/) },
			});
		}
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			linked: 0,
		});
		const [target] = qboItems().filter((q) => q.Active !== false);
		env.qbo.admin.clock.advance(2000);
		env.qbo.admin
			.realm(env.realmId)
			.update('Item', { Id: target.Id, SyncToken: target.SyncToken, sparse: true, Active: false });
		expect(await env.runTemplate()).toMatchObject({ updated: 1, created: 0 });
		expect((await env.list('items')).find((i) => i.qboId === target.Id)?.active).toBe(false);
	}, 240_000);
});
