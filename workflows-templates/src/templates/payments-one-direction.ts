/** QuickBooks Sync: payments, one direction */
import type { TemplateDefinition } from '../build';
import * as n from '../kit';

export const paymentsOneDirection: TemplateDefinition = {
	file: 'payments-one-direction',
	id: 'tplPaymentsSync1',
	name: 'QuickBooks Sync: payments, one direction',
	behaviour: 'payments-one-direction',
	seeds: ['IndusTrack', 'Syncro', 'inFlow'],
	start: {
		webhookId: 'e4b6d8f0-2a1c-4e3b-8d5f-6a8c0e2b4d6f',
		settings: [{ id: 's3', name: 'storeCreditItem', value: 'Store credit' }],
		checkCurrencies: true,
		cursor: { resource: 'payment', startFrom: '' },
		next: ['List payments', 'List invoices', 'List customers', 'List locations'],
	},
	settingsNote:
		"## Payments, one direction\n**Execute workflow** (below the canvas) syncs now: n8n starts **Every 15 minutes**, which runs once at once (**Sync now** does the same when picked). Once the workflow is active it runs on that schedule, and other tools can start it through **Sync now from another tool**.\n\nA payment is money received once, so payments sync one way (Syncro): **Direction** *App to QuickBooks* (Syncro, inFlow: payments taken in the field app are recorded in QuickBooks: partial, split across invoices, over-payments kept as the customer's credit, store credit as a credit memo with **storeCreditItem**) or *QuickBooks to App* (IndusTrack: payments received in QuickBooks mark the app invoices paid or partially paid). Anything else is refused with the reason. A payment that already looks recorded on the other side is reported, never written twice.\n\nKeep one direction per company; after changing it, re-import the template (a fresh cursor).\n\n**Settings** holds the app's URL and **storeCreditItem**. The choices (matching, creating, conflicts, dry run, …) are dropdowns and switches on **Sync payments**, each with its description.\n\n**Check currencies** stops the run before any write when the app's home currency is not QuickBooks', or the app uses several currencies and QuickBooks' multicurrency is off.",
	nodes: [
		...n.gather(
			'Payments and what they name',
			[
				// Only the payments changed since the last run when they go to QuickBooks; all of them the other way.
				n.source(
					n.appGet('List payments', '/v1/payments', {
						query: {
							updatedSince:
								"={{ $('Sync payments').params.paymentDirection === 'appToQuickBooks' && $('Where the last run ended').first().json.cursor || '1970-01-01T00:00:00.000Z' }}",
							alsoIds:
								"={{ $('Sync payments').params.paymentDirection === 'appToQuickBooks' ? $('Where the last run ended').first().json.retryIds : '' }}",
							includeDeleted: 'true',
							limit: '100',
						},
						paginate: true,
						executeOnce: true,
					}),
					'Split payments',
				),
				n.every('List invoices', '/v1/invoices', 'Split invoices'),
				n.every('List customers', '/v1/customers', 'Split customers'),
				n.every('List locations', '/v1/locations', 'Split locations'),
			],
			{ next: 'Map to the app contract' },
		),
		n.mapToContract({ next: 'Sync payments' }),
		n.engine(
			'Sync payments',
			{
				resource: 'payment',
				operation: 'sync',
				paymentDirection: 'appToQuickBooks',
				storeCreditItem: "={{ $('Settings').first().json.storeCreditItem }}",
				since: "={{ $('Where the last run ended').first().json.cursor }}",
				dryRun: false,
			},
			// The writes to existing app payments first, then the creates, the cursor last.
			{
				...n.pullOutputs(['Commit cursor', 'Run summary'], {
					...n.PULL_NAMES,
					update: 'Write to the app',
				}),
				branchOrder: [0, 3, 1, 2],
			},
		),
		n.appWrite('Write to the app', { alwaysOutputData: false }),
		...n.pullWrites({ ...n.PULL_NAMES, update: undefined }),
		n.noOp('Issues to fix'),
		n.commitCursor('payment'),
		n.runSummary(),
		...n.issueOutputs(),
	],
	notes: [
		n.note(
			'Note: app side',
			[
				'List payments',
				'Split payments',
				'List invoices',
				'Split invoices',
				'List customers',
				'Split customers',
				'List locations',
				'Split locations',
				'Payments and what they name',
				'Map to the app contract',
			],
			'## App side: replace these nodes for another app\nThey read the app in the shape of docs/app-contract.md with a Header Auth credential (X-Api-Key): payments (changed since the last run when they go to QuickBooks, all of them when they come from it: their links live on them), and all invoices, customers and locations. For another app, change the URLs and map its fields onto the contract in **Map to the app contract** (a payment has `amount` and `applications`); the engine and the write nodes stay as they are.',
		),
		n.note(
			'Note: results',
			['Anything to fix?', 'E-mail the issues (off)'],
			"## Results\n**Write to the app** stores each payment's QuickBooks link (or the error), and, coming from QuickBooks, deletes app payments voided or changed there; **Create in the app** records payments received in QuickBooks and **Link new records** links them. **Issues to fix** lists what was not synced, with the fix. The cursor (the bottom branch, which n8n runs last) moves only when every write above succeeded.\n\nA run with records to fix **ends red** (in the executions list and on the canvas) once everything else is written: **Stop: records need a fix** says how many. Turn on **E-mail the issues (off)** (pick an SMTP credential) to be told, or set an Error Workflow in the workflow settings.",
		),
	],
};
