import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pushCustomers } from '../../../shared/sync/customers/push';
import { namedRefs, type EngineOutputs, runPush } from '../common';
import { keptCurrencyPrefs } from '../currency-cache';
import {
	appListsFields,
	createMissingField,
	customerMatchField,
	dryRunField,
	showFor,
} from '../fields';

const show = showFor('customer', 'push');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: one item per app customer or service location in the app contract's shape (a location has customerId). Outputs: 1 the app writes to make (link bodies for PUT /v1/{resource}/{ID}/sync), 2 issues with their fix, 3 a summary; 4 (App Creates) stays empty: a push creates nothing in the app.",
		name: 'pushNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	customerMatchField(show),
	{
		displayName: 'Require Billing E-Mail',
		name: 'requireEmail',
		type: 'boolean',
		default: false,
		description:
			'Whether a customer without a billing e-mail is reported instead of matched by name or created',
		displayOptions: { show: { ...show.show, matchBy: ['emailThenName', 'email'] } },
	},
	createMissingField(
		show,
		'Create Missing Records',
		'Whether app records that match no QuickBooks record are created there (otherwise they are reported)',
	),
	dryRunField(show),
	...appListsFields(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	return await runPush(
		this,
		items,
		async (call, records, { realmId, baseUrl, retryRounds, dryRun, now }) =>
			await pushCustomers(call, records, {
				realmId,
				retryRounds,
				matchBy: this.getNodeParameter('matchBy', 0) as 'emailThenName' | 'email' | 'name',
				requireEmail: this.getNodeParameter('requireEmail', 0, false) as boolean,
				createMissing: this.getNodeParameter('createMissing', 0) as boolean,
				dryRun,
				appTerms: namedRefs(this, 'appTerms'),
				appTaxRates: namedRefs(this, 'appTaxRates'),
				now,
				currency: keptCurrencyPrefs(baseUrl, realmId),
			}),
		'Nothing after the failed request was written; the next run retries (request ids make repeats safe).',
	);
}
