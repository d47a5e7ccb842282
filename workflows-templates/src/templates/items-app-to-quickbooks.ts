/** QuickBooks Sync: items app → QuickBooks */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const itemsAppToQuickbooks: TemplateDefinition = {
	file: 'items-app-to-quickbooks',
	id: 'tplItemsAppToQbo',
	name: 'QuickBooks Sync: items app → QuickBooks',
	behaviour: 'items-app-to-quickbooks',
	seeds: ['IndusTrack', 'BlueTrace', 'inFlow'],
	start: {
		webhookId: '7d2e8f10-4b3c-4a5d-8e6f-1a2b3c4d5e6f',
		settings: [
			{ id: 's5', name: 'defaultIncomeAccount', value: 'Sales of Product Income' },
			{ id: 's6', name: 'defaultExpenseAccount', value: 'Cost of Goods Sold' },
			{ id: 's7', name: 'defaultAssetAccount', value: 'Inventory Asset' },
		],
		cursor: { resource: 'item', startFrom: '1970-01-01T00:00:00.000Z' },
		next: 'List items',
	},
	settingsNote:
		"## Items app → QuickBooks (the app is master)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack, BlueTrace, inFlow: app items are created in QuickBooks and updated after; equipment becomes an Inventory item with its quantity on hand; income, expense and inventory asset accounts come from the item or from the defaults in **Settings**; items match by SKU, then name; QuickBooks' name rules (100 characters, no colon, unique across item types) are checked before writing, with the fix.\n\n**Settings** holds the app's URL and **defaultIncomeAccount**, **defaultExpenseAccount**, **defaultAssetAccount**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync items to QuickBooks**, each with its description. Change the schedule on the first trigger.\n\n**In the playground** (`npm start`) the run ends red on purpose with one issue the seed shows: the app's item *Sod* ends with a space.",
	nodes: [
		n.listChanged('List items', '/v1/items', { next: 'Split items' }),
		n.split('Split items', { next: 'Map to the app contract' }),
		n.mapToContract({ next: 'Sync items to QuickBooks' }),
		n.engine(
			'Sync items to QuickBooks',
			{
				resource: 'item',
				operation: 'push',
				itemMatchBy: 'skuThenName',
				requireSku: false,
				createMissing: true,
				dryRun: false,
				defaultIncomeAccount: "={{ $('Settings').first().json.defaultIncomeAccount }}",
				defaultExpenseAccount: "={{ $('Settings').first().json.defaultExpenseAccount }}",
				defaultAssetAccount: "={{ $('Settings').first().json.defaultAssetAccount }}",
			},
			n.pushOutputs('Write links to the app'),
		),
		...n.pushEnd('item', 'Sync items to QuickBooks', 'Write links to the app'),
	],
	notes: [
		n.note(
			'Note: app side',
			['List items', 'Split items', 'Map to the app contract'],
			"## App side: replace these nodes for another app\nThey read the app's items in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key), changed since the last run (deleted ones included), page by page. For another app, change the URL and map its fields onto the contract in **Map to the app contract**; the engine and the link writes stay as they are.",
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
