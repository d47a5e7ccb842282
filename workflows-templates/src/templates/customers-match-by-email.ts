/** QuickBooks Sync: link customers by billing e-mail, with an issues report */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const customersMatchByEmail: TemplateDefinition = {
	file: 'customers-match-by-email',
	id: 'tplCustomerEmail',
	name: 'QuickBooks Sync: link customers by billing e-mail, with an issues report',
	behaviour: 'customers-match-by-email',
	seeds: ['BlueTrace'],
	start: {
		webhookId: 'a4c6e8f0-1b3d-4f5a-8c7e-9d0b2a4c6e8f',
		cursor: { resource: 'customer', startFrom: '1970-01-01T00:00:00.000Z' },
		next: 'List terms',
	},
	settingsNote:
		"## Link customers by billing e-mail (BlueTrace)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nEach app customer is linked to the QuickBooks customer with the same billing e-mail (case and spaces do not count) and kept up to date from the app. Nothing is created: a customer without an e-mail, with no QuickBooks customer of that e-mail, or with several, is listed in **Issues to fix** with what to do, and shown on the app record; it never blocks the others. Fix the record (in the app or in QuickBooks) and the next run links it.\n\n**Settings** holds the app's URL. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Link customers by e-mail**, each with its description.\n\n**In the playground** (`npm start`) the run ends red on purpose with three issues the seed shows: *Freeman Outlet* shares its billing e-mail with Freeman Sporting Goods, *Red Rock Diner*'s e-mail belongs to two QuickBooks customers (Intuit's sample company has it twice), and *Sushi by Katsuyuki* ends with a space.",
	nodes: [
		n.appGet('List terms', '/v1/terms', { query: { limit: '500' }, next: 'List customers' }),
		n.listChanged('List customers', '/v1/customers', { next: 'Split customers' }),
		n.split('Split customers', { next: 'Map to the app contract' }),
		n.mapToContract({ next: 'Link customers by e-mail' }),
		n.engine(
			'Link customers by e-mail',
			{
				resource: 'customer',
				operation: 'push',
				matchBy: 'email',
				requireEmail: true,
				createMissing: false,
				dryRun: false,
				appTerms:
					"={{ JSON.stringify($('List terms').first().json.data.map(t => ({ id: t.id, name: t.name }))) }}",
				appTaxRates: '[]',
			},
			n.pushOutputs('Write links to the app'),
		),
		...n.pushEnd('customer', 'Link customers by e-mail', 'Write links to the app'),
	],
	notes: [
		n.note(
			'Note: app side',
			['List terms', 'List customers', 'Split customers', 'Map to the app contract'],
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
