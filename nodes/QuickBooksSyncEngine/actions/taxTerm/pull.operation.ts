import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pullTaxTerms } from '../../../shared/sync/tax-terms/pull';
import { now, type EngineOutputs, runPull } from '../common';
import { createInAppField, dryRunField, showFor } from '../fields';

const show = showFor('taxTerm', 'pull');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: every app term (with dueDays) and tax rate (with rate), in the app contract's shape. QuickBooks' payment terms and sales tax codes (a code's rate is the sum of its rates) are created or updated in the app, matched by link, then by name; inactive ones stay inactive. Output 1: PATCH and PUT …/sync; output 4: POST with its link.",
		name: 'taxTermNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	createInAppField(show),
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	return await runPull(
		this,
		items,
		async (call, records, realmId) =>
			await pullTaxTerms(call, records, {
				realmId,
				createInApp: this.getNodeParameter('createInApp', 0, true) as boolean,
				now,
			}),
		'Nothing was written to the app; the next run reads QuickBooks again.',
	);
}
