import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { importInvoiceHistory } from '../../../shared/sync/invoices/import';
import { dateRange, now, type EngineOutputs, runPull } from '../common';
import { dateRangeFields, dryRunField, showFor } from '../fields';

const show = showFor('invoice', 'import');

export const description: INodeProperties[] = [
	{
		displayName:
			'Input: every app invoice (links live there) and the customers, locations and items. QuickBooks invoices dated in the range become linked, unpaid app invoices; a re-run adds only what is missing. Outputs as for Pull: 1 PUT, 2 issues, 3 summary, 4 POST (with the link, then the move to unpaid). Import the payments of the same range after them (Payment → Import History).',
		name: 'invoiceImportNotice',
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
		async (call, records) => await importInvoiceHistory(call, records, { ...range, now }),
		'Nothing was written to the app; run the import again.',
	);
}
