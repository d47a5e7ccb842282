import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { qboRequest } from '../../../shared/qbo/transport';
import {
	buildBody,
	collectionLines,
	expenseLines,
	expenseLinesField,
	idempotencyField,
	ref,
	transactionBody,
	transactionFields,
} from '../generic/fields';
import { createRecord, type EntityConfig } from '../generic/operations';
import { resourceModule } from '../generic/resource';
import { locatorField, locatorValue } from '../locator';

const config: EntityConfig = {
	resource: 'purchase',
	entity: 'Purchase',
	label: 'Expense',
	nameList: false,
	filters: [
		{
			name: 'paymentType',
			displayName: 'Payment Type',
			field: 'PaymentType',
			operator: '=',
			description: 'Cash, Check or CreditCard',
		},
		{ name: 'docNumber', displayName: 'Doc Number', field: 'DocNumber', operator: '=' },
	],
	simplify: (p) => ({
		id: p.Id,
		syncToken: p.SyncToken,
		paymentType: p.PaymentType,
		accountId: p.AccountRef?.value,
		accountName: p.AccountRef?.name ?? null,
		payeeId: p.EntityRef?.value ?? null,
		txnDate: p.TxnDate,
		total: p.TotalAmt,
		lastUpdated: p.MetaData?.LastUpdatedTime ?? null,
	}),
};

const show = { resource: ['purchase'], operation: ['create'] };
const ACCOUNT_FOR: Record<string, string> = {
	Cash: 'Bank',
	Check: 'Bank',
	CreditCard: 'Credit Card',
};

const create = {
	description: [
		{
			displayName: 'Payment Type',
			name: 'paymentType',
			type: 'options',
			default: 'CreditCard',
			options: [
				{ name: 'Cash', value: 'Cash' },
				{ name: 'Check', value: 'Check' },
				{ name: 'Credit Card', value: 'CreditCard' },
			],
			displayOptions: { show },
		},
		locatorField({
			displayName: 'Paid From Account',
			name: 'accountId',
			searchMethod: 'searchAccounts',
			description: 'A Bank account for Cash and Check, a Credit Card account for Credit Card',
			show,
		}),
		expenseLinesField('purchase', ['create']),
		transactionFields(show, [
			{ displayName: 'Payee Vendor ID', name: 'vendorId', type: 'string', default: '' },
			{
				displayName: 'Refund',
				name: 'credit',
				type: 'boolean',
				default: false,
				description: 'Whether this is a credit-card refund (Credit Card only)',
			},
		]),
		idempotencyField('purchase', ['create'], 'fieldapp:pab_0002:v1'),
	] as INodeProperties[],
	/** Checks the paid-from account's type against the payment type before writing (QBO's rule, quickbooks-api-notes.md §2.6). */
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const f = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const paymentType = this.getNodeParameter('paymentType', itemIndex) as string;
		const accountId = locatorValue(this, 'accountId', itemIndex);
		const body = buildBody(this, itemIndex, () => {
			if (f.credit && paymentType !== 'CreditCard')
				throw new Error('Refund is only possible for Credit Card expenses.');
			return {
				PaymentType: paymentType,
				AccountRef: ref(accountId),
				Line: expenseLines(collectionLines(this, itemIndex)),
				...(f.vendorId ? { EntityRef: { value: String(f.vendorId), type: 'Vendor' } } : {}),
				...(f.credit ? { Credit: true } : {}),
				...transactionBody(f),
			};
		});
		const { body: found } = await qboRequest.call(this, {
			method: 'GET',
			path: `account/${encodeURIComponent(accountId)}`,
			itemIndex,
		});
		const account = found.Account as IDataObject;
		if (account.AccountType !== ACCOUNT_FOR[paymentType]) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: a ${paymentType} expense must be paid from a ${ACCOUNT_FOR[paymentType]} account; account ${accountId} "${String(account.Name)}" is ${String(account.AccountType)}. Choose another account (Lookup → Get Accounts, types Bank and Credit Card) or payment type.`,
				{ itemIndex, description: 'The expense was not written.' },
			);
		}
		return await createRecord(this, config, itemIndex, body);
	},
};

export const { operations, description } = resourceModule(config, { create }, [
	'get',
	'getAll',
	'update',
	'delete',
]);
