/**
 * The "payables app to QuickBooks" template, imported as shipped, on a real n8n 2.x between the QBO
 * sandbox company and the field app (Ontraccr): a bill and an expense reach QuickBooks by type, with
 * the vendor linked by name or created and the costs on the project's sub-customer and the cost
 * code's class; a payable with an unlinked cost code makes no QuickBooks write at all and the issue
 * names the line; once the cost code is linked it goes; the run after writes nothing. Currencies
 * (inFlow): an app that uses CAD besides USD stops the run before any write while QuickBooks'
 * multicurrency is off; with it on, a CAD vendor's bill goes in CAD with the app's exchange rate.
 */
import template from '../../../workflows-templates/payables-app-to-quickbooks.json';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e payables template] ${line}\n`);

describe('e2e: template "payables app to QuickBooks" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const fresh = (resource: string, record: Json) =>
		env.appCall('GET', `/v1/${resource}/${record.id}`);
	const made: Json = {};

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox', appSeed: false });
			const dental = realm().create('Customer', { DisplayName: 'Harbor Dental' });
			made.job = realm().create('Customer', {
				DisplayName: 'Harbor Dental remodel',
				Job: true,
				ParentRef: { value: dental.Id },
			});
			made.project = await env.appCall('POST', '/v1/projects', { name: 'Harbor Dental remodel' });
			await env.appCall('PUT', `/v1/projects/${made.project.id}/sync`, { qboId: made.job.Id });
			made.siteClass = realm()
				.all('Class')
				.find((c) => c.Name === 'Landscaping')!;
			made.site = await env.appCall('POST', '/v1/cost-codes', {
				code: '01-100',
				name: 'Site preparation',
			});
			await env.appCall('PUT', `/v1/cost-codes/${made.site.id}/sync`, { qboId: made.siteClass.Id });
			made.planting = await env.appCall('POST', '/v1/cost-codes', {
				code: '03-300',
				name: 'Planting',
			});
			made.norton = await env.appCall('POST', '/v1/vendors', {
				name: 'Norton Lumber and Building Materials',
			});
			made.ace = await env.appCall('POST', '/v1/vendors', { name: 'Ace Irrigation Supply' });
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('writes a bill and an expense by type, and nothing at all of a payable with an unlinked cost code', async () => {
		made.bill = await env.appCall('POST', '/v1/payables', {
			vendorId: made.norton.id,
			type: 'bill',
			number: 'NL-7781',
			date: '2026-11-20',
			lines: [
				{
					description: 'Lumber for planters',
					amount: 412.5,
					projectId: made.project.id,
					costCodeId: made.site.id,
				},
			],
		});
		made.expense = await env.appCall('POST', '/v1/payables', {
			vendorId: made.ace.id,
			type: 'expense',
			date: '2026-11-21',
			purchaseAccount: 'Visa',
			lines: [{ description: 'Fittings', amount: 64.2, account: 'Equipment Rental' }],
		});
		made.blocked = await env.appCall('POST', '/v1/payables', {
			vendorId: made.norton.id,
			type: 'bill',
			number: 'NL-7790',
			date: '2026-11-22',
			lines: [
				{ description: 'Mulch', amount: 120, projectId: made.project.id, costCodeId: made.site.id },
				{
					description: 'Shrubs',
					amount: 300,
					projectId: made.project.id,
					costCodeId: made.planting.id,
				},
			],
		});
		const bills = realm().all('Bill').length;

		const run = await env.runTemplate();
		expect(run).toMatchObject({
			resource: 'payables',
			created: 2,
			issues: 1,
			vendors: { linked: 1, created: 1 },
		});
		const bill = realm().get('Bill', (await fresh('payables', made.bill)).qboId)!;
		expect(bill).toMatchObject({
			DocNumber: 'NL-7781',
			TotalAmt: 412.5,
			VendorRef: { name: 'Norton Lumber and Building Materials' },
		});
		expect(bill.Line[0].AccountBasedExpenseLineDetail).toMatchObject({
			AccountRef: { name: 'Job Expenses' },
			CustomerRef: { value: made.job.Id },
			ClassRef: { value: made.siteClass.Id },
		});
		expect(realm().get('Purchase', (await fresh('payables', made.expense)).qboId)).toMatchObject({
			PaymentType: 'CreditCard',
			AccountRef: { name: 'Visa' },
			TotalAmt: 64.2,
			EntityRef: { name: 'Ace Irrigation Supply' },
		});
		// The blocked payable: no bill, and the reason on the record names line 2 and the cost code to link.
		expect(realm().all('Bill').length).toBe(bills + 1);
		expect(
			realm()
				.all('Bill')
				.filter((b) => String(b.PrivateNote).includes(made.blocked.id)),
		).toEqual([]);
		const blocked = await fresh('payables', made.blocked);
		expect(blocked.qboId).toBeNull();
		expect(blocked.sync.error).toMatch(
			/line 2 names cost code 03-300 "Planting".*not linked to QuickBooks/,
		);
	}, 240_000);

	it('writes the payable once its cost code is linked, and nothing on the run after', async () => {
		await env.appCall('PUT', `/v1/cost-codes/${made.planting.id}/sync`, {
			qboId: realm()
				.all('Class')
				.find((c) => c.Name === 'Maintenance')!.Id,
		});
		// The payable's issue was found before writing: it is read again by id (alsoIds) on every run, without being edited.
		expect(await env.runTemplate()).toMatchObject({ created: 1, issues: 0 });
		expect(realm().get('Bill', (await fresh('payables', made.blocked)).qboId)).toMatchObject({
			TotalAmt: 420,
		});
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			issues: 0,
		});
	}, 240_000);

	it('finds payables again when the app lost their links, creating none', async () => {
		const summary = await env.expectLostLinksRelink(
			'payables',
			['Bill', 'Purchase'],
			(payable) => ({ lines: payable.lines }),
			(payable) => payable.status === 'open',
		);
		expect(summary).toMatchObject({ created: 0, issues: 0 });
	}, 180_000);

	it("stops before any write while the app uses another currency and QuickBooks' multicurrency is off; with it on, a foreign bill carries its currency and rate", async () => {
		await env.appCall('PUT', '/v1/company', { homeCurrency: 'USD', currencies: ['USD', 'CAD'] });
		const maple = await env.appCall('POST', '/v1/vendors', {
			name: 'Maple Lumber',
			currency: 'CAD',
		});
		const cad = await env.appCall('POST', '/v1/payables', {
			vendorId: maple.id,
			type: 'bill',
			number: 'ML-100',
			date: '2026-11-25',
			exchangeRate: 0.7312,
			lines: [{ description: 'Cedar', amount: 200 }],
		});
		const before = env.writes().quickBooks;
		await expect(env.runTemplate()).rejects.toThrow(
			"The app uses CAD besides USD, and QuickBooks' multicurrency is off",
		);
		expect(env.writes().quickBooks).toBe(before);

		env.qbo.admin.setPreferences(env.realmId, { CurrencyPrefs: { MultiCurrencyEnabled: true } });
		expect(await env.runTemplate()).toMatchObject({
			created: 1,
			issues: 0,
			vendors: { created: 1 },
		});
		const bill = realm().get('Bill', (await fresh('payables', cad)).qboId)!;
		expect(bill).toMatchObject({
			CurrencyRef: { value: 'CAD' },
			ExchangeRate: 0.7312,
			TotalAmt: 200,
		});
		expect(realm().get('Vendor', bill.VendorRef.value)).toMatchObject({
			DisplayName: 'Maple Lumber',
			CurrencyRef: { value: 'CAD' },
		});
	}, 240_000);
});
