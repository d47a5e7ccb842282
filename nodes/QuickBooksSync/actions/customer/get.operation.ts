import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { qboRequest } from '../../../shared/qbo/transport';
import { locatorField, locatorValue } from '../locator';
import { customerOutput, simplifyField } from './fields';

export const customerIdField = (operations: string[]): INodeProperties =>
	locatorField({
		displayName: 'Customer',
		name: 'customerId',
		searchMethod: 'searchCustomers',
		show: { resource: ['customer'], operation: operations },
	});

export const description: INodeProperties[] = [customerIdField(['get']), simplifyField(['get'])];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const id = locatorValue(this, 'customerId', itemIndex);
	const { body } = await qboRequest.call(this, {
		method: 'GET',
		path: `customer/${encodeURIComponent(id)}`,
		itemIndex,
	});
	return [
		customerOutput(
			body.Customer as IDataObject,
			itemIndex,
			this.getNodeParameter('simplify', itemIndex, false) as boolean,
		),
	];
}
