/** QuickBooks Sync: history import QuickBooks to app */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

const writesOf = (plural: string, label: string): n.PullNames => ({
	create: `Create ${plural}`,
	pair: `New ${plural} and their links`,
	link: `Link new ${plural}`,
	update: `Update ${plural}`,
	issues: `${label}: issues to fix`,
});
const INVOICES = writesOf('invoices', 'Invoices');
const PAYMENTS = writesOf('payments', 'Payments');

export const historyImportQuickbooksToApp: TemplateDefinition = {
	file: 'history-import-quickbooks-to-app',
	id: 'tplHistoryImport',
	name: 'QuickBooks Sync: history import QuickBooks to app',
	behaviour: 'history-import-quickbooks-to-app',
	seeds: ['IndusTrack'],
	start: {
		webhookId: '9d2b4f6a-8c1e-4a3b-b5d7-2f4a6c8e0b1d',
		triggerNames: {
			schedule: 'Every night (off)',
			manual: 'Import now',
			webhook: 'Import from another tool',
		},
		rule: { interval: [{ field: 'days', triggerAtHour: 2 }] },
		scheduleOff: true,
		settings: [
			{ id: 's2', name: 'dateFrom', value: '={{ $today.minus({ months: 12 }).toISODate() }}' },
			{ id: 's3', name: 'dateTo', value: '={{ $today.toISODate() }}' },
		],
		checkCurrencies: true,
		next: ['List invoices', 'List customers', 'List locations', 'List items'],
	},
	settingsNote:
		"## History import QuickBooks → app (invoices and payments)\n**Execute workflow** (below the canvas) runs it now, from **Import now**. **Every night (off)** is off: turn it on to run it on its schedule once the workflow is active.\n\nIndusTrack tells users to import past invoices from an Excel file; this imports them. QuickBooks invoices dated from **dateFrom** to **dateTo** (by default the last 12 months up to today) become linked, unpaid app invoices (QuickBooks' numbers, dates, lines, memo) of the customers and items the app has; then the payments of the range mark them paid or partially paid. Run it again at any time: it adds only what is missing. Invoices the sync wrote from the app, and void ones, are listed and left out.\n\n**Settings** holds the app's URL and **dateFrom**, **dateTo**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Import invoices** and **Import payments**, each with its description.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.",
	nodes: [
		...n.gather(
			'Invoices and what they name',
			[
				n.every('List invoices', '/v1/invoices', 'Split invoices'),
				n.every('List customers', '/v1/customers', 'Split customers'),
				n.every('List locations', '/v1/locations', 'Split locations'),
				n.every('List items', '/v1/items', 'Split items'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Import invoices' }),
		n.engine(
			'Import invoices',
			{
				resource: 'invoice',
				operation: 'import',
				dateFrom: "={{ $('Settings').first().json.dateFrom }}",
				dateTo: "={{ $('Settings').first().json.dateTo }}",
				dryRun: false,
			},
			n.pullOutputs(['Invoices imported', 'Invoices: summary'], INVOICES),
		),
		...n.pullWrites(INVOICES, 'Move imported invoices to unpaid'),
		n.noOp('Invoices: issues to fix'),
		n.node(
			'Move imported invoices to unpaid',
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				url: "={{ $('Settings').first().json.appBaseUrl }}/v1/{{ $('New invoices and their links').item.json.resource }}/{{ $('New invoices and their links').item.json.id }}{{ $('New invoices and their links').item.json.then.path }}",
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				options: {},
				method: 'POST',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: "={{ JSON.stringify($('New invoices and their links').item.json.then.body) }}",
			},
			{ credentials: { httpHeaderAuth: { id: null, name: 'Field app API key' } } },
		),
		n.node(
			'Invoices imported',
			'n8n-nodes-base.noOp',
			1,
			{},
			{
				executeOnce: true,
				next: [
					'List payments',
					'List invoices after import',
					'List customers again',
					'List locations again',
				],
			},
		),
		...n.gather(
			'Payments and what they pay',
			[
				n.every('List payments', '/v1/payments', 'Split payments'),
				n.every('List invoices after import', '/v1/invoices', 'Split invoices after import'),
				n.every('List customers again', '/v1/customers', 'Split customers again'),
				n.every('List locations again', '/v1/locations', 'Split locations again'),
			],
			{ next: 'Import payments' },
		),
		n.engine(
			'Import payments',
			{
				resource: 'payment',
				operation: 'import',
				dateFrom: "={{ $('Settings').first().json.dateFrom }}",
				dateTo: "={{ $('Settings').first().json.dateTo }}",
				dryRun: false,
			},
			n.pullOutputs(['Payments: summary'], PAYMENTS),
		),
		...n.pullWrites(PAYMENTS),
		n.noOp('Payments: issues to fix'),
		n.noOp('Invoices: summary'),
		n.runSummary('Payments: summary'),
		...n.issueOutputs({
			count:
				"($('Invoices: summary').isExecuted ? $('Invoices: summary').first().json.issues ?? 0 : 0) + ($json.issues ?? 0)",
			issueNodes: ['Invoices: issues to fix', 'Payments: issues to fix'],
		}),
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
				'Import invoices',
			],
			"## App side: replace these nodes for another app\nThey read the app's invoices, customers, locations and items (and after the invoices, its payments and the invoices again) in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key); every record, as the links to QuickBooks live on them. For another app, change the URLs, map its fields in **Map to the app contract**, and the write nodes' URLs; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Move imported invoices to unpaid', 'Payments and what they pay', 'Import payments'],
			'## Results\n**Create invoices** posts the imported invoices, **Link new invoices** writes their QuickBooks link and number, **Move imported invoices to unpaid** makes them payable. Once they are written (the summary branch runs last), the payments of the range are read and recorded the same way. **Issues to fix** lists what was not imported and how to fix it (a customer or item the app lacks, a number the app already has); the next run imports it.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.',
		),
	],
};
