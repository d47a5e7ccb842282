import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { qboRequest } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';
import { locatorField, locatorValue } from '../locator';
import {
	invoiceBody,
	invoiceFieldOptions,
	invoiceOutput,
	linesField,
	linesOf,
	simplifyInvoiceField,
} from './fields';
import { additionalFields, idempotencyField } from '../generic/fields';

const show = { resource: ['invoice'], operation: ['create'] };

export const customerIdField = (operations: string[], resource = 'invoice'): INodeProperties =>
	locatorField({
		displayName: 'Customer',
		name: 'customerId',
		searchMethod: 'searchCustomers',
		description: 'The customer or sub-customer billed',
		show: { resource: [resource], operation: operations },
	});

export const description: INodeProperties[] = [
	customerIdField(['create']),
	linesField(['create'], true),
	additionalFields(show, invoiceFieldOptions),
	idempotencyField('invoice', ['create'], 'fieldapp:inv_0042:v3'),
	simplifyInvoiceField(['create']),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const body = invoiceBody(
		this,
		itemIndex,
		locatorValue(this, 'customerId', itemIndex),
		linesOf(this, itemIndex) ?? [],
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
	);
	const key = optionalText(this, 'idempotencyKey', itemIndex);
	const { body: answer } = await qboRequest.call(this, {
		method: 'POST',
		path: 'invoice',
		body,
		idempotencyKey: key,
		itemIndex,
	});
	return [invoiceOutput(this, answer.Invoice as IDataObject, itemIndex)];
}
