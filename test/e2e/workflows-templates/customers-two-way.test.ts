/**
 * The "customers two-way" template, imported as shipped, on a real n8n 2.x between the QBO
 * sandbox company and the field app: QuickBooks' customers reach the app and the app's own reach
 * QuickBooks (a location as a sub-customer), sub-customers follow as locations, the run after
 * writes nothing; then one edit on each side and two records edited on both sides: each one-sided
 * edit is copied, the most recent edit wins each conflict, and the run after writes nothing in
 * either system.
 */
import template from '../../../workflows-templates/customers-two-way.json';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e two-way template] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('e2e: template "customers two-way" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const realm = () => env.qbo.admin.realm(env.realmId);
	const qboCustomers = () => realm().all('Customer');
	const quiet = {
		app: { created: 0, updated: 0 },
		quickBooks: { created: 0, updated: 0, deactivated: 0 },
		linked: 0,
		issues: 0,
		conflicts: [],
	};

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox', appSeed: false });
			const terms: Record<string, string> = {};
			for (const [name, dueDays] of [
				['Due on receipt', 0],
				['Net 15', 15],
				['Net 30', 30],
				['Net 60', 60],
			] as const)
				terms[name] = (await env.appCall('POST', '/v1/terms', { name, dueDays })).id;
			const california = (
				await env.appCall('POST', '/v1/tax-rates', { name: 'California', rate: 7.25 })
			).id;
			await env.appCall('POST', '/v1/tax-rates', { name: 'Tucson', rate: 8 });
			const club = await env.appCall('POST', '/v1/customers', {
				name: 'Garden Club of Half Moon Bay',
				billingEmail: 'office@gardenclub.example',
				termsId: terms['Net 15'],
				taxRateId: california,
				notes: 'Gate code 1234\nDog in the yard',
			});
			await env.appCall('POST', '/v1/locations', {
				customerId: club.id,
				name: 'Garden Club North Gate',
				address: {
					line1: '1 North Gate Rd',
					city: 'Half Moon Bay',
					region: 'CA',
					postalCode: '94019',
					country: 'USA',
				},
			});
			await env.appCall('POST', '/v1/customers', {
				name: 'Pine Dental',
				billingEmail: 'front@pinedental.example',
				phone: '(650) 555-0142',
			});
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('joins both systems: QuickBooks customers into the app, app customers into QuickBooks, sub-customers as locations', async () => {
		const qboParents = qboCustomers().filter((q) => !q.ParentRef);
		const first = await env.runTemplate();
		expect(first).toMatchObject({
			direction: 'twoWay',
			app: { created: qboParents.length },
			quickBooks: { created: 3 },
		});
		const second = await env.runTemplate();
		expect(second).toMatchObject({
			app: {
				created: qboCustomers().filter(
					(q) => q.ParentRef && q.DisplayName !== 'Garden Club North Gate',
				).length,
			},
			quickBooks: { created: 0 },
			issues: 0,
		});
		const customers = await env.list('customers');
		const locations = await env.list('locations');
		for (const q of qboCustomers().filter((x) => !x.ParentRef))
			expect(customers.filter((c) => c.qboId === q.Id).map((c) => c.name)).toEqual([q.DisplayName]);
		for (const q of qboCustomers().filter((x) => x.ParentRef))
			expect(locations.filter((l) => l.qboId === q.Id).map((l) => l.name)).toEqual([q.DisplayName]);
		const club = qboCustomers().find((q) => q.DisplayName === 'Garden Club of Half Moon Bay');
		expect(club).toMatchObject({
			Notes: 'Gate code 1234\nDog in the yard',
			SalesTermRef: {
				value: realm()
					.all('Term')
					.find((t) => t.Name === 'Net 15')?.Id,
			},
			DefaultTaxCodeRef: { value: '2' },
		});
		expect(qboCustomers().find((q) => q.DisplayName === 'Garden Club North Gate')).toMatchObject({
			Job: true,
			ParentRef: { value: club?.Id },
			FullyQualifiedName: 'Garden Club of Half Moon Bay:Garden Club North Gate',
		});
	}, 240_000);

	it('writes nothing in either system on the run after', async () => {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject(quiet);
	}, 120_000);

	it('copies one-sided edits, lets the most recent edit win when both sides changed, then writes nothing', async () => {
		const linked = (await env.list('customers')).filter(
			(c) => c.qboId && c.active && !realm().get('Customer', c.qboId)?.ParentRef,
		);
		const [appOnly, qboOnly, qboLater, appLater] = linked;
		const editQbo = (id: string, changes: Json) =>
			realm().update('Customer', {
				Id: id,
				SyncToken: realm().get('Customer', id)!.SyncToken,
				sparse: true,
				...changes,
			});
		const editApp = async (c: Json, changes: Json) =>
			env.appCall('PATCH', `/v1/customers/${c.id}`, {
				version: (await env.appCall('GET', `/v1/customers/${c.id}`)).version,
				...changes,
			});
		await editApp(appOnly, { phone: '(650) 555-0101' });
		editQbo(qboOnly.qboId, { Notes: 'Edited in QuickBooks' });
		await editApp(qboLater, { notes: 'App edit, older' });
		await sleep(1100); // QuickBooks keeps whole seconds
		editQbo(qboLater.qboId, { Notes: 'QuickBooks edit, newer' });
		editQbo(appLater.qboId, { Notes: 'QuickBooks edit, older' });
		await sleep(1100);
		await editApp(appLater, { notes: 'App edit, newer' });

		const run = await env.runTemplate();
		expect(run).toMatchObject({
			quickBooks: { created: 0, updated: 2, deactivated: 0 },
			app: { created: 0, updated: 2 },
			issues: 0,
		});
		expect(run.conflicts).toHaveLength(2);
		expect(run.conflicts).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ appId: qboLater.id, winner: 'quickbooks' }),
				expect.objectContaining({ appId: appLater.id, winner: 'app' }),
			]),
		);
		expect(realm().get('Customer', appOnly.qboId)?.PrimaryPhone?.FreeFormNumber).toBe(
			'(650) 555-0101',
		);
		expect((await env.appCall('GET', `/v1/customers/${qboOnly.id}`)).notes).toBe(
			'Edited in QuickBooks',
		);
		expect([
			(await env.appCall('GET', `/v1/customers/${qboLater.id}`)).notes,
			realm().get('Customer', qboLater.qboId)?.Notes,
		]).toEqual(['QuickBooks edit, newer', 'QuickBooks edit, newer']);
		expect([
			(await env.appCall('GET', `/v1/customers/${appLater.id}`)).notes,
			realm().get('Customer', appLater.qboId)?.Notes,
		]).toEqual(['App edit, newer', 'App edit, newer']);

		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject(quiet);
	}, 240_000);
});
