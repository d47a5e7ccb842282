/** QuickBooks Sync: customers two-way */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const customersTwoWay: TemplateDefinition = {
	file: 'customers-two-way',
	id: 'tplCustomers2Way',
	name: 'QuickBooks Sync: customers two-way',
	behaviour: 'customers-two-way',
	seeds: ['IndusTrack'],
	start: {
		webhookId: '8f3a5c7e-9b1d-4e2f-a6c8-0e2a4c6e8a1d',
		checkCurrencies: true,
		cursor: { resource: 'customer', startFrom: '' },
		next: 'List terms',
	},
	settingsNote:
		"## Customers two-way (most recent edit wins)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack: an edit on either side reaches the other; customers new on one side are created on the other; service locations are QuickBooks sub-customers. When both sides changed since the last sync, **When Both Sides Changed** decides: the most recent edit (compared in UTC; the same second goes to QuickBooks), the app, or QuickBooks. Our own writes coming back are recognised, so the run after a busy run writes nothing.\n\n**Settings** holds the app's URL. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync customers both ways**, each with its description. Change the schedule on the first trigger.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.\n\n**In the playground** (`npm start`) the run ends red on purpose with one issue the seed shows: *Freeman Outlet* shares its billing e-mail with Freeman Sporting Goods.",
	nodes: [
		n.appGet('List terms', '/v1/terms', { query: { limit: '500' }, next: 'List tax rates' }),
		n.appGet('List tax rates', '/v1/tax-rates', {
			query: { limit: '500' },
			next: ['List customers', 'List locations'],
		}),
		...n.gather(
			'Customers and locations',
			[
				n.every('List customers', '/v1/customers', 'Split customers'),
				n.every('List locations', '/v1/locations', 'Split locations'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync customers both ways' }),
		n.engine(
			'Sync customers both ways',
			{
				resource: 'customer',
				operation: 'twoWay',
				conflictPolicy: 'latest',
				since: "={{ $('Where the last run ended').first().json.cursor }}",
				matchBy: 'emailThenName',
				createMissing: true,
				createInApp: true,
				appTerms:
					"={{ JSON.stringify($('List terms').first().json.data.map(t => ({ id: t.id, name: t.name }))) }}",
				appTaxRates:
					"={{ JSON.stringify($('List tax rates').first().json.data.map(t => ({ id: t.id, name: t.name }))) }}",
				dryRun: false,
			},
			n.pullOutputs(['Commit cursor', 'Run summary']),
		),
		...n.pullEnd('customer'),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List terms',
				'List tax rates',
				'List customers',
				'Split customers',
				'List locations',
				'Split locations',
				'Customers and locations',
				'Map to the app contract',
			],
			"## App side: replace these nodes for another app\nThey read the app's terms, tax rates, customers and locations (all of them: the links to QuickBooks and the fingerprint of the last sync live on the app records) in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key). For another app, change the URLs, map its fields in **Map to the app contract**, and the write nodes' URLs; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Anything to fix?', 'E-mail the issues (off)'],
			'## Results\n**Create in the app** posts customers new in QuickBooks; **Link new records** writes their link under the id the app gave them. **Update the app** patches records changed in QuickBooks (with their version) and writes every link, also of the records written to QuickBooks. **Issues to fix** lists what was not synced, with the fix (also on the app record). The summary lists every conflict and its winner. The cursor (the bottom branch, which n8n runs last) moves only when every write above succeeded.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.',
		),
	],
};
