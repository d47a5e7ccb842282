import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { qboRequest } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';
import { customerBody, customerFieldOptions, customerOutput, simplifyField } from './fields';
import { additionalFields, idempotencyField } from '../generic/fields';

const show = { resource: ['customer'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		description: 'Unique across customers, vendors and employees in QuickBooks',
		displayOptions: { show },
	},
	additionalFields(show, customerFieldOptions),
	idempotencyField('customer', ['create'], 'fieldapp:cus_0007:v3'),
	simplifyField(['create']),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { body, warnings } = customerBody(
		this,
		itemIndex,
		this.getNodeParameter('displayName', itemIndex) as string,
		fields,
	);
	const key = optionalText(this, 'idempotencyKey', itemIndex);
	const response = await qboRequest.call(this, {
		method: 'POST',
		path: 'customer',
		body,
		idempotencyKey: key,
		itemIndex,
	});
	return [
		customerOutput(
			response.body.Customer as IDataObject,
			itemIndex,
			this.getNodeParameter('simplify', itemIndex, false) as boolean,
			warnings,
		),
	];
}
