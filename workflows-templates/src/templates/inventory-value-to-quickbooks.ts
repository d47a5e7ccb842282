/** QuickBooks Sync: inventory value to QuickBooks */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const inventoryValueToQuickbooks: TemplateDefinition = {
	file: 'inventory-value-to-quickbooks',
	id: 'tplInventoryVal1',
	name: 'QuickBooks Sync: inventory value to QuickBooks',
	behaviour: 'inventory-value-to-quickbooks',
	seeds: ['inFlow'],
	start: {
		webhookId: '8a0c2e4f-6b8d-4c1e-9f3a-5c7e9a1b3d5f',
		triggerNames: {
			schedule: 'Every night',
			manual: 'Sync now',
			webhook: 'Sync now from another tool',
		},
		rule: { interval: [{ field: 'days', triggerAtHour: 1 }] },
		settings: [
			{ id: 's2', name: 'inventoryAssetAccount', value: 'Inventory Asset' },
			{ id: 's3', name: 'cogsAccount', value: 'Cost of Goods Sold' },
			{ id: 's4', name: 'adjustmentAccount', value: 'Inventory Adjustments' },
			{ id: 's5', name: 'timeZone', value: '' },
		],
		checkCurrencies: true,
		next: ['List items', 'List sales orders'],
	},
	settingsNote:
		"## Inventory value and cost of goods sold app → QuickBooks\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every night**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\ninFlow: one **journal entry per month** (INV-YYYY-MM) moves **inventoryAssetAccount** to the app's stock at cost (inventory and equipment items: quantity on hand × cost) and books the month's **cost of goods sold** (what the app's invoiced sales orders sold, at cost) to **cogsAccount**, both balanced by **adjustmentAccount** (a separate Cost of Goods Sold account, e.g. \"Inventory Adjustments\"; with **Create the Adjustment Account** on, the sync makes it when QuickBooks has none). Each run recomputes the same entry: nothing changed, nothing written; a change updates it. The month follows **timeZone** (empty: the workflow's). Wrong accounts stop the run before any write.\n\n**Settings** holds the app's URL and **inventoryAssetAccount**, **cogsAccount**, **adjustmentAccount**, **timeZone**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Push inventory value to QuickBooks**, each with its description.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.",
	nodes: [
		...n.gather(
			'Items and sales orders',
			[
				n.every('List items', '/v1/items', 'Split items'),
				n.every('List sales orders', '/v1/sales-orders', 'Split sales orders'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Push inventory value to QuickBooks' }),
		n.engine(
			'Push inventory value to QuickBooks',
			{
				resource: 'inventoryValue',
				operation: 'push',
				inventoryAssetAccount: "={{ $('Settings').first().json.inventoryAssetAccount }}",
				cogsAccount: "={{ $('Settings').first().json.cogsAccount }}",
				adjustmentAccount: "={{ $('Settings').first().json.adjustmentAccount }}",
				createAdjustmentAccount: false,
				timeZone: "={{ $('Settings').first().json.timeZone }}",
				dryRun: false,
			},
			{ outputs: [[], ['Issues to fix'], ['Run summary']] },
		),
		n.noOp('Issues to fix'),
		n.runSummary(),
		...n.issueOutputs(),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List items',
				'Split items',
				'List sales orders',
				'Split sales orders',
				'Items and sales orders',
				'Map to the app contract',
			],
			"## App side: replace these nodes for another app\nThey read the app's items (quantity on hand, cost) and sales orders in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key). For another app, change the URLs and map its fields onto the contract in **Map to the app contract**; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Issues to fix', 'Run summary'],
			"## Results\nThe summary shows the app's inventory value, QuickBooks' before the month's entry, the adjustment, the cost of goods sold and what was done with the entry (created, updated, unchanged). Nothing is written to the app.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
