/** QuickBooks Sync: customers app → QuickBooks */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const customersAppToQuickbooks: TemplateDefinition = {
	file: 'customers-app-to-quickbooks',
	id: 'tplCustomersPush',
	name: 'QuickBooks Sync: customers app → QuickBooks',
	behaviour: 'customers-app-to-quickbooks',
	seeds: ['IndusTrack', 'Syncro', 'inFlow'],
	start: {
		webhookId: '5b0c6a7e-3f1d-4c2a-9e8b-7c1d2e3f4a5b',
		checkCurrencies: true,
		cursor: { resource: 'customer', startFrom: '1970-01-01T00:00:00.000Z' },
		next: 'List terms',
	},
	settingsNote:
		"## Customers app → QuickBooks (the app is master)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack, Syncro, inFlow: app customers are created in QuickBooks on their first sync and updated after; service locations become sub-customers; inactive **and deleted** app customers become inactive in QuickBooks.\n\n**Settings** holds the app's URL. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync customers to QuickBooks**, each with its description. Change the schedule on the first trigger.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.\n\n**In the playground** (`npm start`) the run ends red on purpose with two issues the seed shows: *Freeman Outlet* shares its billing e-mail with Freeman Sporting Goods, and *Sushi by Katsuyuki* ends with a space.",
	nodes: [
		n.appGet('List terms', '/v1/terms', {
			query: { limit: '500' },
			next: ['List customers', 'List locations'],
		}),
		...n.gather(
			'Customers and locations',
			[
				n.changed('List customers', '/v1/customers', 'Split customers'),
				n.changed('List locations', '/v1/locations', 'Split locations'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync customers to QuickBooks' }),
		n.engine(
			'Sync customers to QuickBooks',
			{
				resource: 'customer',
				operation: 'push',
				matchBy: 'emailThenName',
				requireEmail: false,
				createMissing: true,
				dryRun: false,
				appTerms:
					"={{ JSON.stringify($('List terms').first().json.data.map(t => ({ id: t.id, name: t.name }))) }}",
				appTaxRates: '[]',
			},
			n.pushOutputs('Write links to the app'),
		),
		...n.pushEnd('customer', 'Sync customers to QuickBooks', 'Write links to the app'),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List terms',
				'List customers',
				'Split customers',
				'List locations',
				'Split locations',
				'Customers and locations',
				'Map to the app contract',
			],
			'## App side: replace these nodes for another app\nThey read the app in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key): terms, then customers and locations changed since the last run (deleted ones included), page by page. For another app, change the URLs and map its fields onto the contract in **Map to the app contract**; the engine and the link writes stay as they are.',
		),
		n.note(
			'Note: results',
			[
				'Write links to the app',
				'Commit cursor',
				'Issues to fix',
				'Run summary',
				'Anything to fix?',
			],
			"## Results\n**Write links to the app** stores each record's QuickBooks id and fingerprint (PUT /v1/{resource}/{id}/sync, no new version) or the error users should see. **Issues to fix** lists what was not synced, with the fix. The cursor moves only after the writes succeeded. A record with an issue joins the issue queue (the engine's Sync Issue operations list, retry and dismiss them): an unchanged record QuickBooks refused is not sent again until it changes, a retry is asked for, or its back-off (1, 2, 4 days, then weekly) passes; the others are looked at again on every run, read by id (alsoIds).\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
