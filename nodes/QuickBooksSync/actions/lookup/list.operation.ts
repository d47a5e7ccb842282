import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { queryAll } from '../../../shared/qbo/paging';
import type { QueryCondition } from '../../../shared/qbo/query';
import { asNodeError, qboCaller, qboRequest } from '../../../shared/qbo/transport';

/** Lookup lists a mapping needs, each read in full (they are small). */
export const LOOKUPS: Record<string, { entity: string; label: string; nameList: boolean }> = {
	accounts: { entity: 'Account', label: 'accounts', nameList: true },
	classes: { entity: 'Class', label: 'classes', nameList: true },
	departments: { entity: 'Department', label: 'departments (locations)', nameList: true },
	paymentMethods: { entity: 'PaymentMethod', label: 'payment methods', nameList: true },
	taxCodes: { entity: 'TaxCode', label: 'tax codes', nameList: true },
	taxRates: { entity: 'TaxRate', label: 'tax rates', nameList: true },
	terms: { entity: 'Term', label: 'payment terms', nameList: true },
};

const ACCOUNT_TYPES = [
	'Accounts Payable',
	'Accounts Receivable',
	'Bank',
	'Cost of Goods Sold',
	'Credit Card',
	'Equity',
	'Expense',
	'Fixed Asset',
	'Income',
	'Long Term Liability',
	'Other Asset',
	'Other Current Asset',
	'Other Current Liability',
	'Other Expense',
	'Other Income',
];

export const description: INodeProperties[] = [
	{
		displayName: 'Account Types',
		name: 'accountTypes',
		type: 'multiOptions',
		default: [],
		options: ACCOUNT_TYPES.map((t) => ({ name: t, value: t })),
		description:
			'Only accounts of these types, e.g. Bank and Credit Card for the accounts a purchase can be paid from. Empty: all.',
		displayOptions: { show: { resource: ['lookup'], operation: ['accounts'] } },
	},
	{
		displayName: 'Include Inactive',
		name: 'includeInactive',
		type: 'boolean',
		default: false,
		description: 'Whether to include inactive entries, which QuickBooks leaves out by default',
		displayOptions: { show: { resource: ['lookup'], operation: Object.keys(LOOKUPS) } },
	},
];

export function lookupExecute(key: string) {
	return async function (
		this: IExecuteFunctions,
		itemIndex: number,
	): Promise<INodeExecutionData[]> {
		const lookup = LOOKUPS[key];
		const where: QueryCondition[] = [];
		if (key === 'accounts') {
			const types = this.getNodeParameter('accountTypes', itemIndex, []) as string[];
			if (types.length > 0) where.push({ field: 'AccountType', operator: 'IN', value: types });
		}
		if (this.getNodeParameter('includeInactive', itemIndex, false))
			where.push({ field: 'Active', operator: 'IN', value: [true, false] });
		try {
			const rows = await queryAll(qboCaller(this, itemIndex), { entity: lookup.entity, where });
			return rows.map((row) => ({ json: row as IDataObject, pairedItem: { item: itemIndex } }));
		} catch (error) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	};
}

/** Company settings that change how transactions must be written (custom numbers, sales tax, classes, currency). */
export async function preferencesExecute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { body } = await qboRequest.call(this, { method: 'GET', path: 'preferences', itemIndex });
	return [{ json: (body.Preferences ?? {}) as IDataObject, pairedItem: { item: itemIndex } }];
}
