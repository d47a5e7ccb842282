/** QuickBooks Sync: tax rates and terms QuickBooks → app */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const taxRatesAndTermsQuickbooksToApp: TemplateDefinition = {
	file: 'tax-rates-and-terms-quickbooks-to-app',
	id: 'tplTaxTermsPull1',
	name: 'QuickBooks Sync: tax rates and terms QuickBooks → app',
	behaviour: 'tax-rates-and-terms-quickbooks-to-app',
	seeds: ['IndusTrack', 'BlueTrace'],
	start: {
		webhookId: '2d4f6a8c-0e1b-4c3d-9f5a-7b9d1f3a5c7e',
		next: ['List terms', 'List tax rates'],
	},
	settingsNote:
		"## Tax rates and payment terms QuickBooks → app\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nIndusTrack, BlueTrace: QuickBooks' payment terms become the app's terms (with their due days) and its sales tax codes the app's tax rates (a code's rate is the sum of its rates), matched by link, then by name; inactive ones stay inactive. Customers then carry terms and tax by these names. Terms due on a day of the month do not fit the app and are reported.\n\n**Settings** holds the app's URL. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Pull tax rates and terms from QuickBooks**, each with its description. Change the schedule on the first trigger.",
	nodes: [
		...n.gather(
			'Terms and tax rates',
			[
				n.every('List terms', '/v1/terms', 'Split terms'),
				n.every('List tax rates', '/v1/tax-rates', 'Split tax rates'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Pull tax rates and terms from QuickBooks' }),
		n.engine(
			'Pull tax rates and terms from QuickBooks',
			{ resource: 'taxTerm', operation: 'pull', createInApp: true, dryRun: false },
			n.pullOutputs(['Run summary']),
		),
		...n.pullWrites(),
		n.noOp('Issues to fix'),
		n.runSummary(),
		...n.issueOutputs(),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List terms',
				'Split terms',
				'List tax rates',
				'Split tax rates',
				'Terms and tax rates',
				'Map to the app contract',
			],
			"## App side: replace these nodes for another app\nThey read all of the app's terms and tax rates (the links to QuickBooks live on the app records) in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key). For another app, change the URLs, map its fields in **Map to the app contract** (a term has `dueDays`, a tax rate `rate`), and the write nodes' URLs; the engine stays as it is.",
		),
		n.note(
			'Note: results',
			['Anything to fix?', 'E-mail the issues (off)'],
			'## Results\n**Create in the app** posts terms and tax rates new in QuickBooks; **Link new records** writes their link under the id the app gave them. **Update the app** patches changed ones (with their version) and writes their links. **Issues to fix** lists what was not synced, with the fix. QuickBooks has few of either, so every run reads them all: no cursor.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.',
		),
	],
};
