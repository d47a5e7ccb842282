import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { buildBody, idempotencyField } from '../generic/fields';
import { createRecord } from '../generic/operations';
import { itemConfig } from './config';
import { itemBody, itemFieldOptions, itemTypeField } from './fields';

const show = { resource: ['item'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Unique among items; at most 100 characters',
		displayOptions: { show },
	},
	itemTypeField(['create', 'upsert']),
	{
		displayName: 'Fields',
		name: 'itemFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: itemFieldOptions,
		displayOptions: { show: { resource: ['item'], operation: ['create', 'upsert'] } },
	},
	idempotencyField('item', ['create'], 'fieldapp:itm_0004:v2'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const warnings: string[] = [];
	const fields = this.getNodeParameter('itemFields', itemIndex, {}) as IDataObject;
	const body = buildBody(this, itemIndex, () =>
		itemBody(
			this.getNodeParameter('name', itemIndex),
			this.getNodeParameter('itemType', itemIndex) as string,
			fields,
			warnings,
		),
	);
	return await createRecord(
		this,
		itemConfig,
		itemIndex,
		body,
		warnings.length > 0 ? { warnings } : {},
	);
}
