import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { QboValidationError } from '../../../shared/qbo/validate';
import {
	buildBody,
	collectionLines,
	idempotencyField,
	ref,
	transactionBody,
	transactionFields,
} from '../generic/fields';
import { createRecord, type EntityConfig } from '../generic/operations';
import { resourceModule } from '../generic/resource';

const config: EntityConfig = {
	resource: 'billPayment',
	entity: 'BillPayment',
	label: 'Bill Payment',
	nameList: false,
	filters: [{ name: 'vendorId', displayName: 'Vendor ID', field: 'VendorRef', operator: '=' }],
	simplify: (p) => ({
		id: p.Id,
		syncToken: p.SyncToken,
		vendorId: p.VendorRef?.value,
		vendorName: p.VendorRef?.name ?? null,
		payType: p.PayType,
		txnDate: p.TxnDate,
		total: p.TotalAmt,
		lastUpdated: p.MetaData?.LastUpdatedTime ?? null,
	}),
};

const show = { resource: ['billPayment'], operation: ['create'] };

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
		{
			displayName: 'Pay Type',
			name: 'payType',
			type: 'options',
			default: 'Check',
			options: [
				{ name: 'Check', value: 'Check' },
				{ name: 'Credit Card', value: 'CreditCard' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Paid From Account ID',
			name: 'accountId',
			type: 'string',
			required: true,
			default: '',
			description: 'A Bank account for Check, a Credit Card account for Credit Card',
			displayOptions: { show },
		},
		{
			displayName: 'Bills',
			name: 'bills',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Bill',
			default: {},
			required: true,
			description: 'The bills this payment pays, with the amount for each; the total is their sum',
			displayOptions: { show },
			options: [
				{
					displayName: 'Bill',
					name: 'bill',
					values: [
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'number',
							typeOptions: { numberPrecision: 2 },
							default: 0,
						},
						{ displayName: 'Bill ID', name: 'billId', type: 'string', default: '' },
					],
				},
			],
		},
		transactionFields(show, [], 'Check number'),
		idempotencyField('billPayment', ['create'], 'fieldapp:po_0003:payment:1'),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const f = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const payType = this.getNodeParameter('payType', itemIndex) as string;
		const body = buildBody(this, itemIndex, () => {
			const lines = collectionLines(this, itemIndex, 'bills', 'bill').map((b, i) => {
				if (!b.billId) throw new QboValidationError(`Bills[${i}]`, `Bill ${i + 1} has no Bill ID.`);
				if (!(Number(b.amount) > 0))
					throw new QboValidationError(`Bills[${i}]`, `Bill ${i + 1}: Amount must be more than 0.`);
				return {
					Amount: Number(b.amount),
					LinkedTxn: [{ TxnId: String(b.billId), TxnType: 'Bill' }],
				};
			});
			if (lines.length === 0)
				throw new QboValidationError('Bills', 'A bill payment pays at least one bill.');
			const account = ref(this.getNodeParameter('accountId', itemIndex));
			return {
				VendorRef: ref(this.getNodeParameter('vendorId', itemIndex)),
				PayType: payType,
				...(payType === 'Check'
					? { CheckPayment: { BankAccountRef: account } }
					: { CreditCardPayment: { CCAccountRef: account } }),
				TotalAmt: Math.round(lines.reduce((s, l) => s + l.Amount, 0) * 100) / 100,
				Line: lines,
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
	'void',
]);
