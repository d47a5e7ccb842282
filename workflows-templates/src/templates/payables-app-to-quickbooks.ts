/** QuickBooks Sync: payables app to QuickBooks */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const payablesAppToQuickbooks: TemplateDefinition = {
	file: 'payables-app-to-quickbooks',
	id: 'tplPayablesPush1',
	name: 'QuickBooks Sync: payables app to QuickBooks',
	behaviour: 'payables-app-to-quickbooks',
	seeds: ['Ontraccr'],
	start: {
		webhookId: '6c8e0a2b-4d6f-4b8a-9c0e-2a4c6e8b0d1f',
		settings: [
			{ id: 's2', name: 'defaultPurchaseAccount', value: 'Checking' },
			{ id: 's3', name: 'defaultExpenseAccount', value: 'Job Expenses' },
		],
		checkCurrencies: true,
		cursor: { resource: 'payable', startFrom: '1970-01-01T00:00:00.000Z' },
		next: 'List projects',
	},
	settingsNote:
		"## Payables app → QuickBooks (bills and expenses)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nOntraccr: each payable becomes a QuickBooks **Bill** or **Expense** by its type, once. An expense is paid from the payable's purchase account, or **defaultPurchaseAccount**, which must be a Bank or Credit Card account (another type stops the run before any write). Lines go to their account (or **defaultExpenseAccount**) with their project (**Projects As**: sub-customer or class) and cost code (**Cost Codes As**: class or item). **Every project and cost code a line names must be linked** (set its qboId): one unlinked line keeps the whole payable out, reported with the line. Vendors are linked by name or created (**Create Missing Vendors**). Edits update QuickBooks; void or deleted payables are deleted there.\n\n**Settings** holds the app's URL and **defaultPurchaseAccount**, **defaultExpenseAccount**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync payables to QuickBooks**, each with its description.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.\n\n**In the playground** (`npm start`) the run ends red on purpose with two issues the seed shows: two payables name a project and a cost code not linked to QuickBooks, so neither is written until they are.",
	nodes: [
		n.listEvery('List projects', '/v1/projects', { next: 'List cost codes' }),
		n.listEvery('List cost codes', '/v1/cost-codes', { next: ['List payables', 'List vendors'] }),
		...n.gather(
			'Payables and their vendors',
			[
				n.changed('List payables', '/v1/payables', 'Split payables'),
				n.every('List vendors', '/v1/vendors', 'Split vendors'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync payables to QuickBooks' }),
		n.engine(
			'Sync payables to QuickBooks',
			{
				resource: 'payable',
				operation: 'push',
				defaultPurchaseAccount: "={{ $('Settings').first().json.defaultPurchaseAccount }}",
				defaultExpenseAccount: "={{ $('Settings').first().json.defaultExpenseAccount }}",
				projectsAs: 'customer',
				costCodesAs: 'class',
				createMissingVendors: true,
				appProjects: "={{ JSON.stringify($('List projects').all().flatMap(i => i.json.data)) }}",
				appCostCodes: "={{ JSON.stringify($('List cost codes').all().flatMap(i => i.json.data)) }}",
				dryRun: false,
			},
			n.pushOutputs('Write to the app'),
		),
		...n.pushEnd('payable', 'Sync payables to QuickBooks', 'Write to the app'),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List projects',
				'List cost codes',
				'List payables',
				'Split payables',
				'List vendors',
				'Split vendors',
				'Payables and their vendors',
				'Map to the app contract',
			],
			'## App side: replace these nodes for another app\nThey read the app in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key): payables changed since the last run, and all vendors, projects and cost codes (their QuickBooks links live on the app records). For another app, change the URLs and map its fields onto the contract in **Map to the app contract**; the engine stays as it is.',
		),
		n.note(
			'Note: results',
			['Sync payables to QuickBooks'],
			"## Results\n**Write to the app** stores each payable's QuickBooks id and fingerprint (PUT …/sync), or the reason it was not synced, and the links of vendors linked or created for them. **Issues to fix** lists what was not synced, with the fix (also shown on the payable). The cursor moves after the writes; a payable with an issue waits in the issue queue and is read again by id when due.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
