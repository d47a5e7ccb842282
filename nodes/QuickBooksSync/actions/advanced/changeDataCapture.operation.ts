import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readChanges } from '../../../shared/qbo/cdc';
import { isoDateTime } from '../../../shared/qbo/validate';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';

const show = { resource: ['advanced'], operation: ['changeDataCapture'] };

/** Entities QBO's change data capture serves (not TaxCode or TaxRate). */
const CDC_ENTITIES = [
	'Account',
	'Bill',
	'BillPayment',
	'Class',
	'CreditMemo',
	'Customer',
	'Department',
	'Employee',
	'Invoice',
	'Item',
	'JournalEntry',
	'Payment',
	'PaymentMethod',
	'Purchase',
	'PurchaseOrder',
	'Term',
	'Vendor',
];

export const description: INodeProperties[] = [
	{
		displayName: 'Entities',
		name: 'entities',
		type: 'multiOptions',
		required: true,
		default: ['Customer', 'Invoice'],
		options: CDC_ENTITIES.map((name) => ({ name, value: name })),
		description: 'Which kinds of records to report changes for',
		displayOptions: { show },
	},
	{
		displayName: 'Changed Since',
		name: 'changedSince',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Report changes made at or after this time (at most 30 days ago). Times have whole seconds, so overlap the previous run a little; repeats carry the same ID and LastUpdatedTime.',
		displayOptions: { show },
	},
];

/** One output item per changed record: deletions as { deleted: true } with the Id. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const entities = this.getNodeParameter('entities', itemIndex) as string[];
	const since = this.getNodeParameter('changedSince', itemIndex) as string;
	let result;
	try {
		const changedSince = isoDateTime('Changed Since', since);
		if (!changedSince)
			throw new Error(
				'Changed Since is empty: give the time of the last run (at most 30 days ago).',
			);
		result = await readChanges(qboCaller(this, itemIndex), entities, changedSince);
	} catch (error) {
		// Window and entity problems are plain Errors that already say what to change; QBO faults arrive as NodeApiError.
		throw asNodeError(this.getNode(), error, itemIndex);
	}
	return result.changes.map((change) => ({
		json: {
			entity: change.entity,
			id: change.id,
			deleted: change.deleted,
			lastUpdated: change.lastUpdated,
			...(change.object ? { record: change.object } : {}),
		},
		pairedItem: { item: itemIndex },
	}));
}
