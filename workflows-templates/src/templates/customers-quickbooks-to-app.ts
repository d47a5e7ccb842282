/** QuickBooks Sync: customers QuickBooks → app */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const customersQuickbooksToApp: TemplateDefinition = {
	file: 'customers-quickbooks-to-app',
	id: 'tplCustomersPull',
	name: 'QuickBooks Sync: customers QuickBooks → app',
	behaviour: 'customers-quickbooks-to-app',
	seeds: ['IndusTrack'],
	start: {
		webhookId: '3e9a1c2b-5d4f-4e6a-9b8c-0d1e2f3a4b5c',
		settings: [{ id: 's3', name: 'defaultTerms', value: '' }],
		cursor: { resource: 'customer', startFrom: '' },
		next: 'List terms',
	},
	settingsNote:
		"## Customers QuickBooks → app (QuickBooks is master)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack: QuickBooks customers are created in the app and updated there; sub-customers become service locations of their customer (on the run after the customer arrives); inactive ones are inactive in the app; a customer without terms gets the **Default Terms**. Edits made in the app never go back to QuickBooks.\n\n**Settings** holds the app's URL and **defaultTerms**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Pull customers from QuickBooks**, each with its description. Change the schedule on the first trigger.\n\n**In the playground** (`npm start`) the run ends red on purpose with one issue the seed shows: QuickBooks' *Freeman Sporting Goods* is already linked, and the app's *Freeman Outlet* shares its billing e-mail.",
	nodes: [
		n.appGet('List terms', '/v1/terms', {
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
		n.mapToContract({ next: 'Pull customers from QuickBooks' }),
		n.engine(
			'Pull customers from QuickBooks',
			{
				resource: 'customer',
				operation: 'pull',
				since: "={{ $('Where the last run ended').first().json.cursor }}",
				createInApp: true,
				defaultTerms: "={{ $('Settings').first().json.defaultTerms }}",
				pullAppTerms:
					"={{ JSON.stringify($('List terms').first().json.data.map(t => ({ id: t.id, name: t.name }))) }}",
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
				'List customers',
				'Split customers',
				'List locations',
				'Split locations',
				'Customers and locations',
				'Map to the app contract',
			],
			"## App side: replace these nodes for another app\nThey read the app's terms, customers and locations (all of them: the links to QuickBooks live on the app records) in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key). For another app, change the URLs, map its fields in **Map to the app contract**, and the write nodes' URLs; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Anything to fix?', 'E-mail the issues (off)'],
			'## Results\n**Create in the app** posts new records; **Link new records** writes their QuickBooks link under the id the app gave them. **Update the app** patches changed records (with their version) and writes their links. **Issues to fix** lists what was not synced, with the fix. The cursor (the bottom branch, which n8n runs last) moves only when every write above succeeded, and never past a record with an issue.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.',
		),
	],
};
