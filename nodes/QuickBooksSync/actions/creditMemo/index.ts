import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { additionalFields, idempotencyField } from '../generic/fields';
import { createRecord, type EntityConfig } from '../generic/operations';
import { resourceModule } from '../generic/resource';
import { locatorField, locatorValue } from '../locator';
import { invoiceBody, invoiceFieldOptions, linesField, linesOf } from '../invoice/fields';

/** A credit memo has the shape of an invoice; its RemainingCredit is used up by payments (quickbooks-api-notes.md §2.7). */
const config: EntityConfig = {
	resource: 'creditMemo',
	entity: 'CreditMemo',
	label: 'Credit Memo',
	nameList: false,
	filters: [
		{ name: 'customerId', displayName: 'Customer ID', field: 'CustomerRef', operator: '=' },
		{ name: 'docNumber', displayName: 'Doc Number', field: 'DocNumber', operator: '=' },
	],
	simplify: (c) => ({
		id: c.Id,
		syncToken: c.SyncToken,
		docNumber: c.DocNumber ?? null,
		customerId: c.CustomerRef?.value,
		customerName: c.CustomerRef?.name ?? null,
		txnDate: c.TxnDate,
		total: c.TotalAmt,
		remainingCredit: c.RemainingCredit,
		lastUpdated: c.MetaData?.LastUpdatedTime ?? null,
	}),
};

const show = { resource: ['creditMemo'], operation: ['create'] };

const create = {
	description: [
		locatorField({
			displayName: 'Customer',
			name: 'customerId',
			searchMethod: 'searchCustomers',
			show,
		}),
		linesField(['create'], true, 'creditMemo'),
		additionalFields(
			show,
			invoiceFieldOptions.filter((o) => o.name !== 'dueDate'),
		),
		idempotencyField('creditMemo', ['create'], 'fieldapp:pay_0004:credit'),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const body = invoiceBody(
			this,
			itemIndex,
			locatorValue(this, 'customerId', itemIndex),
			linesOf(this, itemIndex) ?? [],
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		);
		return await createRecord(this, config, itemIndex, body);
	},
};

export const { operations, description } = resourceModule(config, { create }, [
	'get',
	'getAll',
	'update',
	'delete',
]);
