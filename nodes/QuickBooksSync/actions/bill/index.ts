import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	buildBody,
	collectionLines,
	day,
	expenseLines,
	expenseLinesField,
	idempotencyField,
	ref,
	transactionBody,
	transactionFields,
} from '../generic/fields';
import { createRecord, type EntityConfig } from '../generic/operations';
import { resourceModule } from '../generic/resource';

const config: EntityConfig = {
	resource: 'bill',
	entity: 'Bill',
	label: 'Bill',
	nameList: false,
	filters: [
		{ name: 'vendorId', displayName: 'Vendor ID', field: 'VendorRef', operator: '=' },
		{ name: 'docNumber', displayName: 'Doc Number', field: 'DocNumber', operator: '=' },
		{
			name: 'openOnly',
			displayName: 'Open Only',
			field: 'Balance',
			operator: '>',
			valueType: 'boolean',
			whenOn: 0,
			description: 'Whether to return only bills with a balance due',
		},
	],
	simplify: (b) => ({
		id: b.Id,
		syncToken: b.SyncToken,
		docNumber: b.DocNumber ?? null,
		vendorId: b.VendorRef?.value,
		vendorName: b.VendorRef?.name ?? null,
		txnDate: b.TxnDate,
		dueDate: b.DueDate ?? null,
		total: b.TotalAmt,
		balance: b.Balance,
		lastUpdated: b.MetaData?.LastUpdatedTime ?? null,
	}),
};

const show = { resource: ['bill'], operation: ['create'] };

const create = {
	description: [
		{
			displayName: 'Vendor ID',
			name: 'vendorId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show },
		},
		expenseLinesField('bill', ['create']),
		transactionFields(
			show,
			[
				{
					displayName: 'AP Account ID',
					name: 'apAccountId',
					type: 'string',
					default: '',
					description: 'Accounts Payable account (default: the company’s)',
				},
				{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '' },
				{ displayName: 'Term ID', name: 'termId', type: 'string', default: '' },
			],
			'The vendor’s invoice number',
		),
		idempotencyField('bill', ['create'], 'fieldapp:pab_0001:v1'),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const f = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = buildBody(this, itemIndex, () => {
			return {
				VendorRef: ref(this.getNodeParameter('vendorId', itemIndex)),
				Line: expenseLines(collectionLines(this, itemIndex)),
				...(f.dueDate ? { DueDate: day(f.dueDate, 'Due Date') } : {}),
				...(f.termId ? { SalesTermRef: ref(f.termId) } : {}),
				...(f.apAccountId ? { APAccountRef: ref(f.apAccountId) } : {}),
				...transactionBody(f),
			};
		});
		return await createRecord(this, config, itemIndex, body);
	},
};

export const { operations, description } = resourceModule(config, { create }, [
	'get',
	'getAll',
	'update',
	'delete',
]);
