import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { sparseUpdate } from '../../../shared/qbo/sparse-update';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';
import { customerBody, customerFieldOptions, customerOutput, simplifyField } from './fields';
import { locatorValue } from '../locator';
import { customerIdField } from './get.operation';

const show = { resource: ['customer'], operation: ['update'] };

export const syncTokenField = (operations: string[]): INodeProperties => ({
	displayName: 'Known Sync Version',
	name: 'knownSyncVersion',
	type: 'string',
	default: '',
	description:
		'The SyncToken you last saw for this customer, to skip a read. If someone changed the customer since, the change is re-applied to the newest version once.',
	displayOptions: { show: { resource: ['customer'], operation: operations } },
});

export const description: INodeProperties[] = [
	customerIdField(['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
			...customerFieldOptions,
		],
		displayOptions: { show },
	},
	syncTokenField(['update']),
	simplifyField(['update']),
];

/** A sparse update: only the fields given change. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { body, warnings } = customerBody(
		this,
		itemIndex,
		fields.displayName ? String(fields.displayName) : undefined,
		fields,
	);
	return [await applyChanges(this, itemIndex, body, warnings)];
}

export async function applyChanges(
	context: IExecuteFunctions,
	itemIndex: number,
	changes: IDataObject,
	warnings: string[] = [],
	id?: string,
): Promise<INodeExecutionData> {
	const customerId = id ?? locatorValue(context, 'customerId', itemIndex);
	const syncToken = optionalText(context, 'knownSyncVersion', itemIndex);
	try {
		const updated = await sparseUpdate(qboCaller(context, itemIndex), {
			entity: 'Customer',
			id: customerId,
			changes,
			syncToken,
		});
		return customerOutput(
			updated as IDataObject,
			itemIndex,
			context.getNodeParameter('simplify', itemIndex, false) as boolean,
			warnings,
		);
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}
