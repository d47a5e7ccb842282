import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pushInvoices } from '../../../shared/sync/invoices/push';
import { type EngineOutputs, runPush } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { dryRunField, showFor } from '../fields';

const show = showFor('invoice', 'push');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: the app's invoices changed since the cursor, and every customer, location and item they name (app contract shapes: an invoice has lines, a location its customerId, an item its type). Outputs: 1 the app writes in order (link with QuickBooks' number, then the move to unpaid), 2 issues with their fix, 3 a summary (skipped invoices listed with the reason); 4 (App Creates) stays empty: a push creates nothing in the app.",
		name: 'invoiceNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Invoices That Go',
		name: 'syncWhen',
		type: 'options',
		options: [
			{
				name: 'Marked Ready for Sync',
				value: 'ready',
				description: 'Approved and marked "ready for sync" in the app (IndusTrack)',
			},
			{ name: 'Approved or Ready for Sync', value: 'approved' },
		],
		default: 'ready',
		description: 'Drafts never go',
		displayOptions: show,
	},
	{
		displayName: 'Invoice Numbers',
		name: 'numberPolicy',
		type: 'options',
		options: [
			{ name: "QuickBooks Numbers Them; the App Takes QuickBooks' Number", value: 'quickbooks' },
			{ name: "Keep the App's Number in QuickBooks", value: 'app' },
		],
		default: 'quickbooks',
		description:
			"Who numbers the invoices: QuickBooks (the app takes QuickBooks' number) or the app (its number is kept in QuickBooks)",
		displayOptions: show,
	},
	{
		displayName: 'Sync $0 Invoices',
		name: 'syncZeroInvoices',
		type: 'boolean',
		default: false,
		description:
			'Whether invoices with a total of 0 go to QuickBooks (otherwise they are skipped and listed in the summary)',
		displayOptions: show,
	},
	{
		displayName: 'Create Missing Items',
		name: 'createMissingItems',
		type: 'boolean',
		default: true,
		description:
			'Whether an item an invoice names that QuickBooks lacks is created there (non-stocked) instead of holding the invoice back',
		displayOptions: show,
	},
	{
		displayName: 'Income Account for New Items',
		name: 'newItemIncomeAccount',
		type: 'string',
		default: '',
		placeholder: 'Sales of Product Income',
		description: 'QuickBooks account name or ID, for new items whose app record names none',
		displayOptions: { show: { ...show.show, createMissingItems: [true] } },
	},
	{
		displayName: 'Expense Account for New Items',
		name: 'newItemExpenseAccount',
		type: 'string',
		default: '',
		placeholder: 'Cost of Goods Sold',
		description: 'QuickBooks account name or ID, for new items whose app record names none',
		displayOptions: { show: { ...show.show, createMissingItems: [true] } },
	},
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const createMissingItems = this.getNodeParameter('createMissingItems', 0, true) as boolean;
	return await runPush(
		this,
		items,
		async (call, records, { realmId, retryRounds, dryRun, now }) =>
			await pushInvoices(call, records, {
				realmId,
				retryRounds,
				syncWhen: this.getNodeParameter('syncWhen', 0, 'ready') as 'ready' | 'approved',
				numberPolicy: this.getNodeParameter('numberPolicy', 0, 'quickbooks') as
					| 'quickbooks'
					| 'app',
				syncZeroInvoices: this.getNodeParameter('syncZeroInvoices', 0, false) as boolean,
				createMissingItems,
				itemAccounts: createMissingItems
					? {
							income: optionalText(this, 'newItemIncomeAccount'),
							expense: optionalText(this, 'newItemExpenseAccount'),
						}
					: {},
				dryRun,
				now,
				today: () => new Date().toISOString().slice(0, 10),
			}),
		"Nothing after the failed request was written; the next run retries (request ids and the app id in each invoice's private note make repeats safe).",
	);
}
