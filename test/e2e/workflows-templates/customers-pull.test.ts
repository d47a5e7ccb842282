/**
 * The "customers QuickBooks → app" template, imported as shipped, on a real n8n 2.x: the QBO
 * sandbox company's customers land in an empty app and carry their links, sub-customers follow as
 * locations on the next run, a customer without terms gets the default terms, the run after writes
 * nothing, and an edit in QuickBooks reaches the app while an app edit never goes to QuickBooks;
 * two overlapping executions create each new QuickBooks customer once in the app.
 */
import template from '../../../workflows-templates/customers-quickbooks-to-app.json';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e pull template] ${line}\n`);

describe('e2e: template "customers QuickBooks → app" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const qboCustomers = () => env.qbo.admin.realm(env.realmId).all('Customer');

	beforeAll(
		async () => {
			const withDefaultTerms = JSON.parse(JSON.stringify(template)) as Json;
			withDefaultTerms.nodes
				.find((n: Json) => n.name === 'Settings')
				.parameters.assignments.assignments.find((a: Json) => a.name === 'defaultTerms').value =
				'Due on receipt';
			env = await startTemplateEnvironment(withDefaultTerms, {
				log,
				qboSeed: 'sandbox',
				appSeed: false,
			});
			for (const [name, dueDays] of [
				['Net 30', 30],
				['Net 15', 15],
				['Due on receipt', 0],
			] as const)
				await env.appCall('POST', '/v1/terms', { name, dueDays });
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('creates the QuickBooks customers in the app with their links, then the sub-customers as locations', async () => {
		const parents = qboCustomers().filter((q) => !q.ParentRef);
		const subs = qboCustomers().filter((q) => q.ParentRef);
		expect(await env.runTemplate()).toMatchObject({ created: parents.length });
		expect(await env.runTemplate()).toMatchObject({ created: subs.length, issues: 0 });
		const customers = await env.list('customers');
		const locations = await env.list('locations');
		const terms = await env.list('terms');
		expect(customers).toHaveLength(parents.length);
		for (const q of parents) {
			const c = customers.find((x) => x.qboId === q.Id);
			expect(c).toMatchObject({
				name: q.DisplayName,
				active: q.Active !== false,
				sync: { fingerprint: expect.stringMatching(/^sha256:/) },
			});
			expect(terms.find((t) => t.id === c?.termsId)?.name).toBe(
				q.SalesTermRef
					? env.qbo.admin.realm(env.realmId).get('Term', q.SalesTermRef.value)?.Name
					: 'Due on receipt',
			);
		}
		for (const q of subs)
			expect(locations.find((l) => l.qboId === q.Id)?.customerId).toBe(
				customers.find((c) => c.qboId === q.ParentRef.value)?.id,
			);
	}, 180_000);

	it('writes nothing on the next run; an edit in QuickBooks reaches the app, an app edit never goes back', async () => {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({
			created: 0,
			updated: 0,
			linked: 0,
		});
		const [target] = qboCustomers().filter((q) => !q.ParentRef && q.Active !== false);
		env.qbo.admin.clock.advance(2000);
		env.qbo.admin.realm(env.realmId).update('Customer', {
			Id: target.Id,
			SyncToken: target.SyncToken,
			sparse: true,
			Notes: 'Edited in QuickBooks',
			Active: false,
		});
		const before = env.qbo.admin.log.filter(
			(e) => e.method === 'POST' && !e.endpoint.includes('query'),
		).length;
		expect(await env.runTemplate()).toMatchObject({ created: 0 });
		expect((await env.list('customers')).find((c) => c.qboId === target.Id)).toMatchObject({
			notes: 'Edited in QuickBooks',
			active: false,
		});
		expect(
			env.qbo.admin.log.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length,
		).toBe(before);
	}, 180_000);

	it('creates each of 150 new QuickBooks customers once in the app when two executions overlap (Idempotency-Key)', async () => {
		env.qbo.admin.clock.advance(2000);
		for (let i = 0; i < 150; i++)
			env.qbo.admin.realm(env.realmId).create('Customer', {
				DisplayName: `Overlap Pull ${String(i).padStart(3, '0')}`,
				PrimaryEmailAddr: { Address: `pull${i}@example.com` },
			});
		// Both started in the server at once, as two schedule ticks or webhook calls overlap.
		const [a, b] = await Promise.all([env.runTemplate(), env.runTemplate()]);
		log(`overlapping pulls: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
		expect(a.created + b.created).toBeGreaterThanOrEqual(150); // both runs saw them and asked the app to create them
		const pulled = (await env.list('customers')).filter((c) =>
			String(c.name).startsWith('Overlap Pull '),
		);
		expect(pulled).toHaveLength(150);
		expect(new Set(pulled.map((c) => c.qboId)).size).toBe(150);
		expect(env.app.state.idempotentCreates.size).toBeGreaterThanOrEqual(150);
	}, 300_000);
});
