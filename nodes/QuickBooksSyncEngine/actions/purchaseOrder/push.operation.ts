import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { OrderSettingsError, pushPurchaseOrders } from '../../../shared/sync/purchase-orders/push';
import { type EngineOutputs, runPush } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { dryRunField, showFor } from '../fields';

const show = showFor('purchaseOrder', 'push');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: the app's purchase orders changed since the cursor and the vendors and items they name. What was received becomes one QuickBooks bill per order (updated by later receipts); payments become bill payments; a prepayment is an expense until the bill exists. Outputs: 1 app writes (links), 2 issues with their fix, 3 summary; 4 (App Creates) stays empty: a push creates nothing in the app.",
		name: 'orderNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Pay From Account',
		name: 'payFromAccount',
		type: 'string',
		default: '',
		placeholder: 'Checking',
		description:
			'The QuickBooks Bank account (name or ID) checks, cash and ACH payments are made from',
		displayOptions: show,
	},
	{
		displayName: 'Card Account',
		name: 'cardAccount',
		type: 'string',
		default: '',
		placeholder: 'Visa',
		description: 'The QuickBooks Credit Card account (name or ID) card payments are charged to',
		displayOptions: show,
	},
	{
		displayName: 'Prepayment Account',
		name: 'prepaymentAccount',
		type: 'string',
		default: '',
		placeholder: 'Prepaid Expenses',
		description:
			"The account (name or ID) a prepayment's expense is booked to until the goods are received",
		displayOptions: show,
	},
	{
		displayName: 'Create Missing Vendors',
		name: 'createMissingVendors',
		type: 'boolean',
		default: true,
		description:
			'Whether app vendors QuickBooks lacks (by name) are created there; otherwise their orders are reported',
		displayOptions: show,
	},
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	return await runPush(
		this,
		items,
		async (call, records, { realmId, retryRounds, dryRun, now }) =>
			await pushPurchaseOrders(call, records, {
				realmId,
				retryRounds,
				payFromAccount: optionalText(this, 'payFromAccount'),
				cardAccount: optionalText(this, 'cardAccount'),
				prepaymentAccount: optionalText(this, 'prepaymentAccount'),
				createMissingVendors: this.getNodeParameter('createMissingVendors', 0, true) as boolean,
				dryRun,
				now,
			}),
		'QuickBooks writes made before the failure carry deterministic request ids and the app ids in their private notes; the next run finds them without writing twice.',
		OrderSettingsError,
	);
}
