/**
 * The "tax rates and terms QuickBooks → app" template, imported as shipped, on a real n8n 2.x
 * between the QBO sandbox company and the field app's seed: the app's terms and tax rates are
 * linked to QuickBooks' by name (Tucson's 8 % is QuickBooks' two rates together), terms only
 * QuickBooks has are created, date-driven terms are reported with the fix, the run after writes
 * nothing, and a change in QuickBooks (due days, inactive) reaches the app.
 */
import template from '../../../workflows-templates/tax-rates-and-terms-quickbooks-to-app.json';
import { startTemplateEnvironment, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e tax/terms template] ${line}\n`);

describe('e2e: template "tax rates and terms QuickBooks → app" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const realm = () => env.qbo.admin.realm(env.realmId);

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, {
				log,
				qboSeed: 'sandbox',
				prepareQuickBooks: (qbo, realmId) => {
					qbo.admin.realm(realmId).create('Term', { Name: 'Net 10', DueDays: 10 });
					qbo.admin.realm(realmId).create('Term', { Name: '15th of the month', DayOfMonthDue: 15 });
				},
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it("links the app's terms and tax rates by name, creates the ones only QuickBooks has, reports date-driven terms", async () => {
		const summary = await env.runTemplate();
		expect(summary).toMatchObject({ resource: 'taxTerm', created: 1, linked: 6, issues: 1 });
		const terms = await env.list('terms');
		const rates = await env.list('tax-rates');
		for (const q of realm()
			.all('Term')
			.filter((t) => t.DueDays !== undefined))
			expect(terms.filter((t) => t.qboId === q.Id).map((t) => [t.name, t.dueDays])).toEqual([
				[q.Name, q.DueDays],
			]);
		expect(
			rates
				.filter((r) => r.qboId)
				.map((r) => [r.name, r.rate, r.qboId])
				.sort(),
		).toEqual([
			['California', 7.25, '2'],
			['Tucson', 8, '3'],
		]);
		expect(terms.find((t) => t.name === 'Net 45')?.qboId).toBeNull(); // only the app has it: left as it is
		expect(terms.some((t) => t.name === '15th of the month')).toBe(false);
	}, 180_000);

	it('writes nothing on the next run, then brings a QuickBooks change over', async () => {
		const versions = async () =>
			(await env.list('terms')).map((t) => `${t.id}:${t.version}`).join(',');
		const before = await versions();
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			linked: 0,
		});
		expect(await versions()).toBe(before);
		const net10 = realm()
			.all('Term')
			.find((t) => t.Name === 'Net 10')!;
		realm().update('Term', { Id: net10.Id, SyncToken: net10.SyncToken, sparse: true, DueDays: 12 });
		const net60 = realm()
			.all('Term')
			.find((t) => t.Name === 'Net 60')!;
		realm().update('Term', {
			Id: net60.Id,
			SyncToken: net60.SyncToken,
			sparse: true,
			Active: false,
		});
		expect(await env.runTemplate()).toMatchObject({ updated: 2, created: 0 });
		const terms = await env.list('terms');
		expect(terms.find((t) => t.qboId === net10.Id)).toMatchObject({
			name: 'Net 10',
			dueDays: 12,
			active: true,
		});
		expect(terms.find((t) => t.qboId === net60.Id)).toMatchObject({
			name: 'Net 60',
			active: false,
		});
	}, 180_000);
});
