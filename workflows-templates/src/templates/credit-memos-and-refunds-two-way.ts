/** QuickBooks Sync: credit memos and refunds two-way */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const creditMemosAndRefundsTwoWay: TemplateDefinition = {
	file: 'credit-memos-and-refunds-two-way',
	id: 'tplCreditsTwoWay',
	name: 'QuickBooks Sync: credit memos and refunds two-way',
	behaviour: 'credit-memos-and-refunds-two-way',
	seeds: ['Syncro', 'inFlow'],
	start: {
		webhookId: '4b7d9e1f-3a5c-4e7a-9c1b-5d7f9b1d3e5a',
		settings: [{ id: 's2', name: 'refundAccount', value: 'Checking' }],
		checkCurrencies: true,
		cursor: { resource: 'credit', startFrom: '' },
		next: ['List credit memos', 'List refunds', 'List customers', 'List locations', 'List items'],
	},
	settingsNote:
		"## Credit memos and refunds, both ways\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nSyncro lists these as unsupported; inFlow pushes credit memos. Made in the app: created in QuickBooks (CreditMemo / RefundReceipt) with the customer's sales tax, numbered by QuickBooks (the app takes the number). Made in QuickBooks for a customer the app has: created in the app. Edits go the other way; when both sides changed, **When Both Sides Changed** decides. Void or deleted in the app: deleted in QuickBooks (refused while the credit is applied: an issue). Deleted in QuickBooks: deleted in the app.\n\n**Settings** holds the app's URL and **refundAccount**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync credit memos and refunds both ways**, each with its description.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.",
	nodes: [
		...n.gather(
			'Credits and what they name',
			[
				n.every('List credit memos', '/v1/credit-memos', 'Split credit memos'),
				n.every('List refunds', '/v1/refunds', 'Split refunds'),
				n.every('List customers', '/v1/customers', 'Split customers'),
				n.every('List locations', '/v1/locations', 'Split locations'),
				n.every('List items', '/v1/items', 'Split items'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync credit memos and refunds both ways' }),
		n.engine(
			'Sync credit memos and refunds both ways',
			{
				resource: 'credit',
				operation: 'twoWay',
				refundAccount: "={{ $('Settings').first().json.refundAccount }}",
				conflictPolicy: 'latest',
				since: "={{ $('Where the last run ended').first().json.cursor }}",
				createMissing: true,
				createInApp: true,
				dryRun: false,
			},
			n.pullOutputs(['Commit cursor', 'Run summary']),
		),
		...n.pullEnd('credit'),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List credit memos',
				'Split credit memos',
				'List refunds',
				'Split refunds',
				'List customers',
				'Split customers',
				'List locations',
				'Split locations',
				'List items',
				'Split items',
				'Credits and what they name',
				'Map to the app contract',
			],
			"## App side: replace these nodes for another app\nThey read the app's credit memos, refunds, customers, locations and items (all of them: the links to QuickBooks and the fingerprint of the last sync live on the app records) in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key). For another app, change the URLs, map its fields in **Map to the app contract**, and the write nodes' URLs; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Anything to fix?', 'E-mail the issues (off)'],
			"## Results\n**Create in the app** posts credit memos and refunds new in QuickBooks; **Link new records** writes their link under the id the app gave them. **Update the app** patches records changed in QuickBooks (with their version), deletes those deleted there, and writes every link, also of the records written to QuickBooks (with QuickBooks' number). **Issues to fix** lists what was not synced, with the fix (also on the app record). The summary lists every conflict and its winner. The cursor (the bottom branch, which n8n runs last) moves only when every write above succeeded.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
