/**
 * The "link customers by billing e-mail" template (BlueTrace) on a real n8n 2.x, with the field
 * app's seed against the QBO sandbox company: customers are linked by e-mail and nothing is
 * created; a missing e-mail, an e-mail QuickBooks does not have, an e-mail two app customers share
 * and a name QuickBooks would refuse are each an issue with the fix, shown on the app record, and
 * none blocks the others; once the admin adds the missing customer in QuickBooks, the next run
 * links it.
 */
import template from '../../../workflows-templates/customers-match-by-email.json';
import { startTemplateEnvironment, type Json, type TemplateEnvironment } from '../template-harness';

const log = (line: string) => process.stdout.write(`[e2e e-mail template] ${line}\n`);

describe('e2e: template "link customers by billing e-mail" on a real n8n 2.x', () => {
	let env: TemplateEnvironment;
	const qboCustomers = () => env.qbo.admin.realm(env.realmId).all('Customer');
	const byName = (customers: Json[], name: string) => customers.find((c) => c.name === name)!;

	beforeAll(
		async () => {
			env = await startTemplateEnvironment(template, { log, qboSeed: 'sandbox' });
		},
		20 * 60 * 1000,
	);

	afterAll(async () => await env?.stop(), 60 * 1000);

	it('links by e-mail, creates nothing, and reports each problem on its record', async () => {
		const count = qboCustomers().length;
		const summary = await env.runTemplate();
		expect(qboCustomers()).toHaveLength(count);
		const customers = await env.list('customers');
		const amy = byName(customers, "Amy's Bird Sanctuary");
		expect(amy.qboId).toBe(
			qboCustomers().find((q) => q.PrimaryEmailAddr?.Address?.toLowerCase() === 'birds@intuit.com')
				?.Id,
		);
		expect(byName(customers, 'Maple Street HOA')).toMatchObject({
			qboId: null,
			sync: { error: expect.stringContaining('has no billing e-mail') },
		});
		expect(byName(customers, 'Harbor Dental Group')).toMatchObject({
			qboId: null,
			sync: { error: expect.stringContaining('matches no QuickBooks record by billing e-mail') },
		});
		expect(byName(customers, 'Freeman Outlet')).toMatchObject({
			qboId: null,
			sync: { error: expect.stringContaining('already matched to another record') },
		});
		expect(byName(customers, 'Sushi by Katsuyuki ').sync.error).toMatch(
			/starts or ends with a space/,
		);
		expect(summary.issues).toBeGreaterThanOrEqual(4);
		// The run ends red in n8n's executions list, saying how many, once every other write is done.
		expect(env.lastRun()).toEqual({
			status: 'error',
			stoppedForIssues: `${String(summary.issues)} records were not synced and need a fix; everything else was written. Open this execution's "Issues to fix" for each record, the reason and the fix.`,
		});
		expect(summary.linked + summary.updated).toBeGreaterThanOrEqual(4); // matched ones get the app's details (the app is master)
	}, 180_000);

	it('links a customer on the next run once the admin added it in QuickBooks', async () => {
		env.qbo.admin.realm(env.realmId).create('Customer', {
			DisplayName: 'Harbor Dental Group',
			CompanyName: 'Harbor Dental Group',
			PrimaryEmailAddr: { Address: 'Billing@HarborDental.example' },
		});
		await env.runTemplate();
		const harbor = byName(await env.list('customers'), 'Harbor Dental Group');
		expect(harbor.qboId).toBe(
			qboCustomers().find((q) => q.DisplayName === 'Harbor Dental Group')?.Id,
		);
		expect(harbor.sync.error).toBeNull();
	}, 180_000);

	it('writes nothing on the run after', async () => {
		expect((await env.expectRunWritesNothing())['Run summary']).toMatchObject({ linked: 0 });
	}, 120_000);
});
