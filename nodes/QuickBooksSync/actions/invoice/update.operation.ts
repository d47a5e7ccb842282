import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { sparseUpdate } from '../../../shared/qbo/sparse-update';
import { locatorValue } from '../locator';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';
import {
	invoiceBody,
	invoiceFieldOptions,
	invoiceIdField,
	invoiceOutput,
	linesField,
	linesOf,
	simplifyInvoiceField,
} from './fields';

const show = { resource: ['invoice'], operation: ['update'] };

export const knownVersionField = (operations: string[]): INodeProperties => ({
	displayName: 'Known Sync Version',
	name: 'knownSyncVersion',
	type: 'string',
	default: '',
	description:
		'The SyncToken you last saw for this invoice, to skip a read. If it changed since, the change is re-applied to the newest version once.',
	displayOptions: { show: { resource: ['invoice'], operation: operations } },
});

export const description: INodeProperties[] = [
	invoiceIdField(['update']),
	linesField(['update'], false),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
			...invoiceFieldOptions,
		],
		displayOptions: { show },
	},
	knownVersionField(['update']),
	simplifyInvoiceField(['update']),
];

export async function applyInvoiceChanges(
	context: IExecuteFunctions,
	itemIndex: number,
	id: string,
	changes: IDataObject,
	syncToken?: string,
): Promise<IDataObject> {
	try {
		return (await sparseUpdate(qboCaller(context, itemIndex), {
			entity: 'Invoice',
			id,
			changes,
			syncToken,
		})) as IDataObject;
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/** Sparse: only the fields given change; lines, when given, replace all lines. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const lines = linesOf(this, itemIndex);
	const body = invoiceBody(
		this,
		itemIndex,
		fields.customerId ? String(fields.customerId) : undefined,
		lines && lines.length > 0 ? lines : undefined,
		fields,
	);
	const id = locatorValue(this, 'invoiceId', itemIndex);
	const syncToken = optionalText(this, 'knownSyncVersion', itemIndex);
	return [
		invoiceOutput(this, await applyInvoiceChanges(this, itemIndex, id, body, syncToken), itemIndex),
	];
}
