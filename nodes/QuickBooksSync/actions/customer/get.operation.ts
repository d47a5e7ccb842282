import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRequest } from '../../transport';
import { customerOutput, simplifyField } from './fields';

export const customerIdField = (operations: string[]): INodeProperties => ({
	displayName: 'Customer ID',
	name: 'customerId',
	type: 'string',
	required: true,
	default: '',
	description: 'The QuickBooks ID of the customer',
	displayOptions: { show: { resource: ['customer'], operation: operations } },
});

export const description: INodeProperties[] = [customerIdField(['get']), simplifyField(['get'])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const id = this.getNodeParameter('customerId', itemIndex) as string;
	const { body } = await qboRequest.call(this, { method: 'GET', path: `customer/${encodeURIComponent(id)}`, itemIndex });
	return [customerOutput(body.Customer as IDataObject, itemIndex, this.getNodeParameter('simplify', itemIndex, false) as boolean)];
}
