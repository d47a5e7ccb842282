import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../shared/qbo/transport';
import { pullPayments } from '../../../shared/sync/payments/pull';
import { pushPayments } from '../../../shared/sync/payments/push';
import { now, orFail, pullOutputs, pushOutputs, type EngineOutputs } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { retryRoundsFor } from '../issue-queue';
import { keptCurrencyPrefs } from '../currency-cache';
import { dryRunField, showFor, sinceField } from '../fields';

const show = showFor('payment', 'sync');

export const description: INodeProperties[] = [
	{
		displayName:
			'Payments go one way only: each payment is money received once, and recording it on both sides by two syncs would count it twice (Syncro). Input: the payments (app to QuickBooks: changed since the cursor; QuickBooks to app: all, since links live on them) and the invoices, customers and locations they name.',
		name: 'paymentNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Direction',
		name: 'paymentDirection',
		type: 'options',
		options: [
			{
				name: 'App to QuickBooks',
				value: 'appToQuickBooks',
				description: 'Payments recorded in the app are recorded in QuickBooks (Syncro, inFlow)',
			},
			{
				name: 'QuickBooks to App',
				value: 'quickBooksToApp',
				description: 'Payments received in QuickBooks mark the app invoices paid (IndusTrack)',
			},
		],
		default: 'appToQuickBooks',
		description:
			'Payments sync in one direction only: a payment recorded in the app and pulled back from QuickBooks (or received in QuickBooks and pushed again) would be counted twice, and the customer chased for money already paid. Use the same direction in every workflow of this company.',
		displayOptions: show,
	},
	{
		displayName: 'Store Credit Item',
		name: 'storeCreditItem',
		type: 'string',
		default: '',
		placeholder: 'Store credit',
		description: "QuickBooks item (name or ID) for the credit memo of the app's store credit",
		displayOptions: { show: { ...show.show, paymentDirection: ['appToQuickBooks'] } },
	},
	{
		...sinceField(show),
		displayOptions: { show: { ...show.show, paymentDirection: ['quickBooksToApp'] } },
	},
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const direction = String(this.getNodeParameter('paymentDirection', 0, 'appToQuickBooks'));
	// Any other value was refused by the engine's router with the reason (a payment recorded both ways counts twice).
	const { baseUrl, realmId } = await getQboConnection.call(this);
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const records = items.map((i) => i.json);
	if (direction === 'appToQuickBooks') {
		const result = await orFail(
			this,
			pushPayments(qboCaller(this), records, {
				realmId,
				retryRounds: retryRoundsFor(this),
				storeCreditItem: optionalText(this, 'storeCreditItem'),
				dryRun,
				now,
				currency: keptCurrencyPrefs(baseUrl, realmId),
			}),
			"Nothing after the failed request was written; the next run retries (request ids and the app id in each payment's private note make repeats safe).",
		);
		return pushOutputs(items, result);
	}
	const result = await orFail(
		this,
		pullPayments(qboCaller(this), records, { since: optionalText(this, 'since'), now }),
		'Nothing was written to the app; the next run reads the same changes again.',
	);
	return pullOutputs(items, result, dryRun);
}
