import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { qboRequest } from '../../../shared/qbo/transport';
import { locatorValue } from '../locator';
import { customerIdField } from './create.operation';
import {
	invoiceBody,
	invoiceFieldOptions,
	invoiceOutput,
	linesField,
	linesOf,
	simplifyInvoiceField,
} from './fields';
import { applyInvoiceChanges } from './update.operation';
import { additionalFields } from '../generic/fields';
import { findForUpsert } from '../generic/upsert';

const show = { resource: ['invoice'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Doc Number',
		name: 'docNumber',
		type: 'string',
		required: true,
		default: '',
		description: 'The invoice number to match; created with this number when no invoice has it',
		displayOptions: { show },
	},
	customerIdField(['upsert']),
	linesField(['upsert'], true),
	additionalFields(
		show,
		invoiceFieldOptions.filter((o) => o.name !== 'docNumber'),
	),
	simplifyInvoiceField(['upsert']),
];

/** Updates the invoice with this DocNumber (sparse, lines replaced) or creates it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const docNumber = this.getNodeParameter('docNumber', itemIndex) as string;
	const fields = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		docNumber,
	};
	const body = invoiceBody(
		this,
		itemIndex,
		locatorValue(this, 'customerId', itemIndex),
		linesOf(this, itemIndex) ?? [],
		fields,
	);
	const match = await findForUpsert(this, itemIndex, {
		entity: 'Invoice',
		label: 'invoice',
		condition: { field: 'DocNumber', operator: '=', value: docNumber },
		inactiveToo: false,
		fix: 'Renumber one of them in QuickBooks.',
	});
	if (match) {
		const updated = await applyInvoiceChanges(
			this,
			itemIndex,
			String(match.Id),
			body,
			String(match.SyncToken),
		);
		return [invoiceOutput(this, updated, itemIndex, { upsert: 'updated' })];
	}
	const { body: answer } = await qboRequest.call(this, {
		method: 'POST',
		path: 'invoice',
		body,
		idempotencyKey: `invoice-upsert:${docNumber}:${JSON.stringify(body)}`,
		itemIndex,
	});
	return [invoiceOutput(this, answer.Invoice as IDataObject, itemIndex, { upsert: 'created' })];
}
