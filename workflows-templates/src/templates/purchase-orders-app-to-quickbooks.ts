/** QuickBooks Sync: purchase orders app to QuickBooks */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const purchaseOrdersAppToQuickbooks: TemplateDefinition = {
	file: 'purchase-orders-app-to-quickbooks',
	id: 'tplPurchaseOrds1',
	name: 'QuickBooks Sync: purchase orders app to QuickBooks',
	behaviour: 'purchase-orders-app-to-quickbooks',
	seeds: ['Syncro', 'inFlow'],
	start: {
		webhookId: '1e3f5a7c-9b2d-4f6a-8c0e-4b6d8f0a2c3e',
		settings: [
			{ id: 's2', name: 'payFromAccount', value: 'Checking' },
			{ id: 's3', name: 'cardAccount', value: 'Visa' },
			{ id: 's4', name: 'prepaymentAccount', value: 'Prepaid Expenses' },
		],
		checkCurrencies: true,
		cursor: { resource: 'purchaseOrder', startFrom: '1970-01-01T00:00:00.000Z' },
		next: ['List purchase orders', 'List vendors', 'List items'],
	},
	settingsNote:
		"## Purchase orders app → QuickBooks (bills, bill payments, prepayments)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nSyncro, inFlow: what was received on a purchase order becomes **one QuickBooks bill** (item lines, received quantities at the ordered cost); later receipts update the same bill, never a second one; receipts beyond the order are refused. Payments become **bill payments** (checks, cash and ACH from **payFromAccount**, cards on **cardAccount**). A **prepayment** made before anything was received is an expense on **prepaymentAccount** until the bill can take it; then it becomes a bill payment and the expense is deleted, so the money counts once. Vendors are linked by name or created (**Create Missing Vendors**).\n\n**Settings** holds the app's URL and **payFromAccount**, **cardAccount**, **prepaymentAccount**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync purchase orders to QuickBooks**, each with its description.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.",
	nodes: [
		...n.gather(
			'Orders and what they name',
			[
				n.changed('List purchase orders', '/v1/purchase-orders', 'Split purchase orders'),
				n.every('List vendors', '/v1/vendors', 'Split vendors'),
				n.every('List items', '/v1/items', 'Split items'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync purchase orders to QuickBooks' }),
		n.engine(
			'Sync purchase orders to QuickBooks',
			{
				resource: 'purchaseOrder',
				operation: 'push',
				payFromAccount: "={{ $('Settings').first().json.payFromAccount }}",
				cardAccount: "={{ $('Settings').first().json.cardAccount }}",
				prepaymentAccount: "={{ $('Settings').first().json.prepaymentAccount }}",
				createMissingVendors: true,
				dryRun: false,
			},
			n.pushOutputs('Write to the app'),
		),
		...n.pushEnd('purchaseOrder', 'Sync purchase orders to QuickBooks', 'Write to the app'),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List purchase orders',
				'Split purchase orders',
				'List vendors',
				'Split vendors',
				'List items',
				'Split items',
				'Orders and what they name',
				'Map to the app contract',
			],
			'## App side: replace these nodes for another app\nThey read the app in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key): purchase orders changed since the last run (with their receipts and payments), and all vendors and items (their QuickBooks links live on the app records). For another app, change the URLs and map its fields onto the contract in **Map to the app contract**; the engine stays as it is.',
		),
		n.note(
			'Note: results',
			['Write to the app', 'Commit cursor', 'Issues to fix', 'Run summary'],
			"## Results\n**Write to the app** stores each order's QuickBooks bill id and fingerprint (PUT …/sync), or the reason it was not synced, and the links of vendors linked or created. **Issues to fix** lists what was not synced, with the fix. The summary counts bill payments, prepayments and prepayments converted, and lists payments waiting for more receipts. The cursor moves after the writes; an order with an issue waits in the issue queue and is read again by id when due.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
