import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pullPayments } from '../../../shared/sync/payments/pull';
import { dateRange, now, type EngineOutputs, runPull } from '../common';
import { dateRangeFields, dryRunField, showFor } from '../fields';

const show = showFor('payment', 'import');

export const description: INodeProperties[] = [
	{
		displayName:
			'Input: every app payment (links live there) and the invoices, customers and locations. QuickBooks payments dated in the range are recorded in the app against the app invoices they pay, as the QuickBooks → app payment sync does; a re-run adds only what is missing. Import the invoices of the range first (Invoice → Import History).',
		name: 'paymentImportNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	...dateRangeFields(show),
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const range = dateRange(this);
	return await runPull(
		this,
		items,
		async (call, records) => await pullPayments(call, records, { dateRange: range, now }),
		'Nothing was written to the app; run the import again.',
	);
}
