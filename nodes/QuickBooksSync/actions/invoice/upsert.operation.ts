import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { queryAll } from '../../../shared/qbo/paging';
import { asNodeError, qboCaller, qboRequest } from '../../../shared/qbo/transport';
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
	let matches;
	try {
		matches = await queryAll(
			qboCaller(this, itemIndex),
			{ entity: 'Invoice', where: [{ field: 'DocNumber', operator: '=', value: docNumber }] },
			{ limit: 2 },
		);
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
	if (matches.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: more than one QuickBooks invoice has number ${docNumber} (IDs ${matches.map((m) => m.Id).join(', ')}). Renumber one of them in QuickBooks.`,
			{ itemIndex },
		);
	}
	if (matches.length === 1) {
		const updated = await applyInvoiceChanges(
			this,
			itemIndex,
			String(matches[0].Id),
			body,
			String(matches[0].SyncToken),
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
