/** QuickBooks Sync: items QuickBooks → app */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const itemsQuickbooksToApp: TemplateDefinition = {
	file: 'items-quickbooks-to-app',
	id: 'tplItemsQboToApp',
	name: 'QuickBooks Sync: items QuickBooks → app',
	behaviour: 'items-quickbooks-to-app',
	seeds: ['IndusTrack'],
	start: {
		webhookId: '6b8d0f21-3c5e-4a7b-9d1f-2e4a6c8e0b13',
		cursor: { resource: 'item', startFrom: '' },
		next: 'List items',
	},
	settingsNote:
		"## Items QuickBooks → app (QuickBooks is master)\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack: QuickBooks items (services, non-inventory and inventory; inactive ones too) are created in the app and updated there, with their SKU, prices, taxable flag and the names of their income, expense and inventory asset accounts. Categories and bundles are not app items. Edits made in the app never go back.\n\n**Settings** holds the app's URL. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Pull items from QuickBooks**, each with its description. Change the schedule on the first trigger.",
	nodes: [
		n.appGet('List items', '/v1/items', {
			query: { includeDeleted: 'true', limit: '100' },
			paginate: true,
			next: 'Split items',
		}),
		n.split('Split items', { next: 'Map to the app contract' }),
		n.mapToContract({ next: 'Pull items from QuickBooks' }),
		n.engine(
			'Pull items from QuickBooks',
			{
				resource: 'item',
				operation: 'pull',
				since: "={{ $('Where the last run ended').first().json.cursor }}",
				createInApp: true,
			},
			n.pullOutputs(['Commit cursor', 'Run summary']),
		),
		...n.pullEnd('item'),
	],
	notes: [
		n.note(
			'Note: app side',
			['List items', 'Split items', 'Map to the app contract'],
			"## App side: replace these nodes for another app\nThey read all the app's items (the links to QuickBooks live on the app records) in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key). For another app, change the URL, map its fields in **Map to the app contract**, and the write nodes' URLs; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Anything to fix?', 'E-mail the issues (off)'],
			'## Results\n**Create in the app** posts new records; **Link new records** writes their QuickBooks link under the id the app gave them. **Update the app** patches changed records (with their version) and writes their links. **Issues to fix** lists what was not synced, with the fix. The cursor (the bottom branch, which n8n runs last) moves only when every write above succeeded, and never past a record with an issue.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.',
		),
	],
};
