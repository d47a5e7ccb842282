/**
 * Multicurrency (inFlow) through the engine node, between the QBO sandbox company and the field app:
 * Company → Check Currencies stops a run whose home currencies differ, or whose app uses several
 * currencies while QuickBooks' multicurrency is off; a customer or vendor in another currency than
 * QuickBooks has for it is an issue, never overwritten; every transaction carries its currency and
 * exchange rate, and one QuickBooks cannot hold is reported before any write.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	startSyncWorld,
	type SyncWorld,
	CUSTOMER_PUSH,
	INVOICE_PUSH,
} from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let world: SyncWorld;
const appCall = (method: string, path: string, body?: unknown) => world.appCall(method, path, body);
const list = (resource: string) => world.list(resource);
const realm = () => world.realm();
const qboWrites = () => world.qboWrites();
const engine = (parameters: IDataObject, input: Json[]) => world.engine(parameters, input);
const check = async () =>
	engine({ resource: 'company', operation: 'checkCurrencies' }, [
		await appCall('GET', '/v1/company'),
	]);
const multicurrencyOn = () =>
	world.qbo.admin.setPreferences(world.realmId, { CurrencyPrefs: { MultiCurrencyEnabled: true } });

beforeEach(async () => {
	world = await startSyncWorld();
});
afterEach(async () => await world.stop());

it('checks the home currencies, and multicurrency when the app uses several, before anything is synced', async () => {
	expect((await check()).summary).toMatchObject({
		homeCurrency: 'USD',
		appCurrencies: ['USD'],
		multicurrency: false,
		quickBooksHomeCurrency: 'USD',
	});
	await appCall('PUT', '/v1/company', { homeCurrency: 'EUR', currencies: ['EUR'] });
	await expect(check()).rejects.toThrow("The app's home currency is EUR, QuickBooks' is USD.");
	await appCall('PUT', '/v1/company', { homeCurrency: 'USD', currencies: ['USD', 'CAD'] });
	await expect(check()).rejects.toThrow(
		"The app uses CAD besides USD, and QuickBooks' multicurrency is off.",
	);
	multicurrencyOn();
	expect((await check()).summary).toMatchObject({
		appCurrencies: ['USD', 'CAD'],
		multicurrency: true,
	});
});

it('creates a customer in its currency, refuses to change it, and writes its invoices in that currency with the rate', async () => {
	await appCall('PUT', '/v1/company', { homeCurrency: 'USD', currencies: ['USD', 'CAD'] });
	const maple = await appCall('POST', '/v1/customers', {
		name: 'Maple Landscaping',
		currency: 'CAD',
	});
	const local = await appCall('POST', '/v1/customers', { name: 'Local Landscaping' });
	const push = async () => {
		const run = await engine({ ...CUSTOMER_PUSH }, [...(await list('customers'))]);
		for (const w of run.writes) await appCall(w.method, w.path, w.body);
		return run;
	};
	// Multicurrency off: the CAD customer is reported, the other goes.
	const off = await push();
	expect(off.issues).toEqual([
		expect.objectContaining({
			appId: maple.id,
			code: 'currency',
			reason: expect.stringContaining("in CAD, and QuickBooks' multicurrency is off"),
		}),
	]);
	multicurrencyOn();
	expect((await push()).summary).toMatchObject({ created: 1, issues: 0 });
	const mapleQbo = realm().get(
		'Customer',
		(await appCall('GET', `/v1/customers/${maple.id}`)).qboId,
	)!;
	expect(mapleQbo.CurrencyRef).toMatchObject({ value: 'CAD' });

	// Changed in the app afterwards: an issue, and QuickBooks keeps CAD.
	const m = await appCall('GET', `/v1/customers/${maple.id}`);
	await appCall('PATCH', `/v1/customers/${maple.id}`, {
		version: m.version,
		currency: 'USD',
		notes: 'Moved to USD',
	});
	const changed = await push();
	expect(changed.issues).toEqual([
		expect.objectContaining({
			appId: maple.id,
			code: 'currency_fixed',
			fix: expect.stringContaining('back to CAD'),
		}),
	]);
	expect(realm().get('Customer', mapleQbo.Id)).toMatchObject({ CurrencyRef: { value: 'CAD' } });
	await appCall('PATCH', `/v1/customers/${maple.id}`, { version: m.version + 1, currency: 'CAD' });

	// Invoices: in the customer's currency with the app's rate; the home one with rate 1.
	const item = await appCall('POST', '/v1/items', {
		name: 'Design',
		type: 'service',
		price: 75,
		accounts: { income: 'Services' },
	});
	await appCall('PUT', `/v1/items/${item.id}/sync`, {
		qboId: realm()
			.all('Item')
			.find((i) => i.Name === 'Design')!.Id,
	});
	const make = async (body: Json) => {
		let invoice = await appCall('POST', '/v1/invoices', {
			date: '2026-11-20',
			lines: [{ itemId: item.id, quantity: 2, rate: 75 }],
			...body,
		});
		for (const status of ['approved', 'ready_for_sync'])
			invoice = await appCall('POST', `/v1/invoices/${invoice.id}/transition`, {
				version: invoice.version,
				status,
			});
		return invoice;
	};
	const cad = await make({ customerId: maple.id, exchangeRate: 0.7312 });
	const usd = await make({ customerId: local.id });
	const invoices = await engine({ ...INVOICE_PUSH, createMissingItems: false }, [
		...(await list('invoices')),
		...(await list('customers')),
		...(await list('items')),
	]);
	expect(invoices.summary).toMatchObject({ created: 2, issues: 0 });
	for (const w of invoices.writes) await appCall(w.method, w.path, w.body);
	expect(
		realm().get('Invoice', (await appCall('GET', `/v1/invoices/${cad.id}`)).qboId),
	).toMatchObject({ CurrencyRef: { value: 'CAD' }, ExchangeRate: 0.7312, TotalAmt: 150 });
	expect(
		realm().get('Invoice', (await appCall('GET', `/v1/invoices/${usd.id}`)).qboId),
	).toMatchObject({ CurrencyRef: { value: 'USD' }, ExchangeRate: 1 });
});

it('reports a vendor in another currency than QuickBooks has for it, and a foreign payable while multicurrency is off, writing nothing', async () => {
	await appCall('PUT', '/v1/company', { homeCurrency: 'USD', currencies: ['USD', 'CAD'] });
	const vendor = await appCall('POST', '/v1/vendors', {
		name: 'Norton Lumber and Building Materials',
		currency: 'CAD',
	});
	await appCall('POST', '/v1/payables', {
		vendorId: vendor.id,
		type: 'bill',
		date: '2026-11-20',
		exchangeRate: 0.73,
		lines: [{ description: 'Lumber', amount: 100, account: 'Job Expenses' }],
	});
	const push = () =>
		list('payables').then(async (payables) =>
			engine(
				{
					resource: 'payable',
					operation: 'push',
					defaultExpenseAccount: 'Job Expenses',
					projectsAs: 'customer',
					costCodesAs: 'class',
					createMissingVendors: true,
					appProjects: '[]',
					appCostCodes: '[]',
					dryRun: false,
				},
				[...payables, ...(await list('vendors'))],
			),
		);
	const before = qboWrites();
	const run = await push();
	// QuickBooks' vendor of that name is in USD (the sandbox company has one currency).
	expect(run.issues).toEqual([
		expect.objectContaining({
			resource: 'vendors',
			appId: vendor.id,
			code: 'currency_fixed',
			reason: expect.stringContaining(
				'in CAD in the app, but QuickBooks Norton Lumber and Building Materials is in USD',
			),
		}),
		expect.objectContaining({
			resource: 'payables',
			code: 'refused',
			reason: expect.stringContaining('vendorId'),
		}),
	]);
	expect(qboWrites()).toBe(before);
});

it('two-way: a QuickBooks customer in a foreign currency arrives in the app in it, and a currency changed in the app is an issue', async () => {
	await appCall('PUT', '/v1/company', { homeCurrency: 'USD', currencies: ['USD', 'CAD'] });
	multicurrencyOn();
	const qboMaple = realm().create('Customer', {
		DisplayName: 'Maple Grounds',
		CurrencyRef: { value: 'CAD' },
	});
	const sync = async () => {
		const input = [...(await list('customers')), ...(await list('locations'))];
		// An app without customers yet: the template's "always output data" empty item.
		const run = await engine(
			{
				resource: 'customer',
				operation: 'twoWay',
				conflictPolicy: 'latest',
				since: '',
				matchBy: 'emailThenName',
				createMissing: false,
				createInApp: true,
				dryRun: false,
				appTerms: '[]',
				appTaxRates: '[]',
			},
			input.length ? input : [{}],
		);
		for (const w of run.writes) await appCall(w.method, w.path, w.body);
		for (const c of run.creates) {
			const created = await appCall('POST', c.path, c.body);
			await appCall('PUT', `/v1/${c.resource}/${created.id}/sync`, c.link);
		}
		return run;
	};
	await sync();
	const maple = (await list('customers')).find((c) => c.qboId === qboMaple.Id)!;
	expect(maple).toMatchObject({ name: 'Maple Grounds', currency: 'CAD' });
	await appCall('PATCH', `/v1/customers/${maple.id}`, { version: maple.version, currency: 'USD' });
	const run = await sync();
	expect(run.issues).toEqual([
		expect.objectContaining({ appId: maple.id, code: 'currency_fixed' }),
	]);
	expect(realm().get('Customer', qboMaple.Id)).toMatchObject({ CurrencyRef: { value: 'CAD' } });
});
