import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	additionalFields,
	buildBody,
	collectionLines,
	day,
	idempotencyField,
	rawJson,
	rawJsonOption,
	ref,
} from '../generic/fields';
import { createRecord, type EntityConfig } from '../generic/operations';
import { resourceModule } from '../generic/resource';
import { locatorField, locatorValue } from '../locator';
import { QboValidationError } from '../../../shared/qbo/validate';

const config: EntityConfig = {
	resource: 'payment',
	entity: 'Payment',
	label: 'Payment',
	nameList: false,
	filters: [
		{ name: 'customerId', displayName: 'Customer ID', field: 'CustomerRef', operator: '=' },
	],
	simplify: (p) => ({
		id: p.Id,
		syncToken: p.SyncToken,
		customerId: p.CustomerRef?.value,
		customerName: p.CustomerRef?.name ?? null,
		txnDate: p.TxnDate,
		total: p.TotalAmt,
		unapplied: p.UnappliedAmt,
		applied: (p.Line ?? []).map((l: IDataObject) => ({
			amount: l.Amount,
			...((l.LinkedTxn as IDataObject[])?.[0] ?? {}),
		})),
		lastUpdated: p.MetaData?.LastUpdatedTime ?? null,
	}),
};

const show = { resource: ['payment'], operation: ['create'] };

const create = {
	description: [
		locatorField({
			displayName: 'Customer',
			name: 'customerId',
			searchMethod: 'searchCustomers',
			show,
		}),
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			required: true,
			default: 0,
			description:
				'What the customer paid. More than the applied amounts stays as the customer’s credit.',
			displayOptions: { show },
		},
		{
			displayName: 'Apply To',
			name: 'applyTo',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Invoice or Credit Memo',
			default: {},
			description:
				'Invoices paid (partly or fully) and credit memos used; none: an unapplied payment (a credit)',
			displayOptions: { show },
			options: [
				{
					displayName: 'Application',
					name: 'application',
					values: [
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'number',
							typeOptions: { numberPrecision: 2 },
							default: 0,
						},
						{
							displayName: 'Transaction ID',
							name: 'txnId',
							type: 'string',
							default: '',
							description: 'The QuickBooks ID of the invoice or credit memo',
						},
						{
							displayName: 'Type',
							name: 'txnType',
							type: 'options',
							default: 'Invoice',
							options: [
								{ name: 'Invoice', value: 'Invoice' },
								{ name: 'Credit Memo', value: 'CreditMemo' },
							],
						},
					],
				},
			],
		},
		additionalFields(show, [
			{
				displayName: 'Deposit To Account ID',
				name: 'depositAccountId',
				type: 'string',
				default: '',
				description: 'Bank or Undeposited Funds (default)',
			},
			{ displayName: 'Payment Method ID', name: 'paymentMethodId', type: 'string', default: '' },
			{ displayName: 'Private Note', name: 'privateNote', type: 'string', default: '' },
			rawJsonOption,
			{
				displayName: 'Reference Number',
				name: 'referenceNumber',
				type: 'string',
				default: '',
				description: 'Check number or card reference',
			},
			{ displayName: 'Transaction Date', name: 'txnDate', type: 'dateTime', default: '' },
		]),
		idempotencyField('payment', ['create'], 'fieldapp:pay_0007:v1'),
	] as INodeProperties[],
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const f = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = buildBody(this, itemIndex, () => {
			const amount = Number(this.getNodeParameter('amount', itemIndex));
			if (!(amount > 0)) throw new QboValidationError('Amount', 'Amount must be more than 0.');
			const lines = collectionLines(this, itemIndex, 'applyTo', 'application').map((a, i) => {
				if (!a.txnId)
					throw new QboValidationError(
						`Apply To[${i}]`,
						`Application ${i + 1} has no Transaction ID.`,
					);
				if (!(Number(a.amount) > 0))
					throw new QboValidationError(
						`Apply To[${i}]`,
						`Application ${i + 1}: Amount must be more than 0.`,
					);
				return {
					Amount: Number(a.amount),
					LinkedTxn: [{ TxnId: String(a.txnId), TxnType: String(a.txnType ?? 'Invoice') }],
				};
			});
			const applied = lines.reduce(
				(s, l) => s + (l.LinkedTxn[0].TxnType === 'Invoice' ? l.Amount : -l.Amount),
				0,
			);
			if (applied > amount + 0.004)
				throw new QboValidationError(
					'Apply To',
					`The applications total ${applied.toFixed(2)}, more than the payment amount ${amount.toFixed(2)}.`,
				);
			return {
				CustomerRef: ref(locatorValue(this, 'customerId', itemIndex)),
				TotalAmt: amount,
				...(lines.length > 0 ? { Line: lines } : {}),
				...(f.txnDate ? { TxnDate: day(f.txnDate, 'Transaction Date') } : {}),
				...(f.paymentMethodId ? { PaymentMethodRef: ref(f.paymentMethodId) } : {}),
				...(f.depositAccountId ? { DepositToAccountRef: ref(f.depositAccountId) } : {}),
				...(f.referenceNumber ? { PaymentRefNum: f.referenceNumber } : {}),
				...(f.privateNote ? { PrivateNote: f.privateNote } : {}),
				...rawJson(f.rawJson),
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
