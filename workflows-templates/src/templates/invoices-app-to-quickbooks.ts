/** QuickBooks Sync: invoices app → QuickBooks */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const invoicesAppToQuickbooks: TemplateDefinition = {
	file: 'invoices-app-to-quickbooks',
	id: 'tplInvoicesPush1',
	name: 'QuickBooks Sync: invoices app → QuickBooks',
	behaviour: 'invoices-app-to-quickbooks',
	seeds: ['IndusTrack', 'Syncro', 'inFlow'],
	start: {
		webhookId: 'c1e3a5b7-9d2f-4a6c-8e0b-3d5f7a9c1e2b',
		settings: [
			{ id: 's6', name: 'newItemIncomeAccount', value: 'Sales of Product Income' },
			{ id: 's7', name: 'newItemExpenseAccount', value: 'Cost of Goods Sold' },
		],
		checkCurrencies: true,
		cursor: { resource: 'invoice', startFrom: '1970-01-01T00:00:00.000Z' },
		next: ['List invoices', 'List customers', 'List locations', 'List items'],
	},
	settingsNote:
		"## Invoices app → QuickBooks\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack, Syncro, inFlow: only invoices marked for sync go (**Invoices That Go**: marked ready for sync, or approved too); drafts never. Each is created once, lines exactly as in the app (descriptions, blank ones blank, TAX / NON per line); QuickBooks applies the customer's sales tax. After the sync the app invoice carries the link, moves to **unpaid** and takes QuickBooks' number, or keeps its own (**Invoice Numbers**). $0 invoices go only with **Sync $0 Invoices** on. The items they name are linked to QuickBooks' item of the same SKU, else name; only items QuickBooks lacks are created (non-stocked, with **Create Missing Items** on) with the accounts in **Settings**. An edit in the app updates the QuickBooks invoice; a void voids it.\n\n**Settings** holds the app's URL and **newItemIncomeAccount**, **newItemExpenseAccount**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync invoices to QuickBooks**, each with its description. Change the schedule on the first trigger.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.",
	nodes: [
		...n.gather(
			'Invoices and what they name',
			[
				n.changed('List invoices', '/v1/invoices', 'Split invoices'),
				n.every('List customers', '/v1/customers', 'Split customers'),
				n.every('List locations', '/v1/locations', 'Split locations'),
				n.every('List items', '/v1/items', 'Split items'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync invoices to QuickBooks' }),
		n.engine(
			'Sync invoices to QuickBooks',
			{
				resource: 'invoice',
				operation: 'push',
				syncWhen: 'ready',
				numberPolicy: 'quickbooks',
				syncZeroInvoices: false,
				createMissingItems: true,
				newItemIncomeAccount: "={{ $('Settings').first().json.newItemIncomeAccount }}",
				newItemExpenseAccount: "={{ $('Settings').first().json.newItemExpenseAccount }}",
				dryRun: false,
			},
			n.pushOutputs('Write to the app'),
		),
		...n.pushEnd('invoice', 'Sync invoices to QuickBooks', 'Write to the app'),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List invoices',
				'Split invoices',
				'List customers',
				'Split customers',
				'List locations',
				'Split locations',
				'List items',
				'Split items',
				'Invoices and what they name',
				'Map to the app contract',
			],
			'## App side: replace these nodes for another app\nThey read the app in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key): invoices changed since the last run, and all customers, locations and items (their QuickBooks links live on the app records). For another app, change the URLs and map its fields onto the contract in **Map to the app contract** (an invoice has `lines`, a location its `customerId`, an item its `type`); the engine and the write node stay as they are.',
		),
		n.note(
			'Note: results',
			['Sync invoices to QuickBooks'],
			"## Results\n**Write to the app** stores each invoice's QuickBooks id, number and fingerprint (PUT …/sync), then moves it to unpaid (POST …/transition), and links the items created for it. **Issues to fix** lists what was not synced, with the fix (also shown on the invoice). The summary lists the invoices skipped on purpose ($0, not marked for sync). The cursor moves only after the writes succeeded; an invoice with an issue waits in the issue queue and is read again by id when due (the engine's Sync Issue operations list, retry and dismiss them).\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
