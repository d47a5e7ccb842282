/** Item fields and the QBO body, with the account rules of each type checked before any call (quickbooks-api-notes.md §2.3). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { QboJson } from '../../../shared/qbo/caller';
import { checkLength, checkName, QboValidationError } from '../../../shared/qbo/validate';
import { day, rawJson, rawJsonOption, ref } from '../generic/fields';

export const itemTypeField = (operations: string[]): INodeProperties => ({
	displayName: 'Type',
	name: 'itemType',
	type: 'options',
	default: 'Service',
	options: [
		{
			name: 'Inventory',
			value: 'Inventory',
			description:
				'Tracked quantity; needs income, cost of goods sold and inventory asset accounts',
		},
		{
			name: 'Non-Inventory',
			value: 'NonInventory',
			description: 'Bought or sold, quantity not tracked',
		},
		{ name: 'Service', value: 'Service' },
	],
	displayOptions: { show: { resource: ['item'], operation: operations } },
});

export const itemFieldOptions: INodeProperties[] = [
	{
		displayName: 'Asset Account ID',
		name: 'assetAccountId',
		type: 'string',
		default: '',
		description: 'Inventory Asset account (inventory items)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Shown on sales forms',
	},
	{
		displayName: 'Expense Account ID',
		name: 'expenseAccountId',
		type: 'string',
		default: '',
		description: 'Cost of Goods Sold or expense account',
	},
	{ displayName: 'Income Account ID', name: 'incomeAccountId', type: 'string', default: '' },
	{ displayName: 'Inventory Start Date', name: 'invStartDate', type: 'dateTime', default: '' },
	{
		displayName: 'Purchase Cost',
		name: 'purchaseCost',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
	},
	{ displayName: 'Quantity on Hand', name: 'qtyOnHand', type: 'number', default: 0 },
	rawJsonOption,
	{
		displayName: 'Sales Price',
		name: 'unitPrice',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
	},
	{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
	{
		displayName: 'Taxable',
		name: 'taxable',
		type: 'boolean',
		default: true,
		description: 'Whether the item is taxable when sold (US)',
	},
];

export interface ItemDefaults {
	incomeAccountId?: string;
	expenseAccountId?: string;
	assetAccountId?: string;
}

export function itemBody(
	nameRaw: unknown,
	type: string,
	f: IDataObject,
	warnings: string[],
): QboJson {
	const name = checkName('Name', nameRaw, 100);
	if (name.trimmedFrom !== undefined)
		warnings.push(
			`Name: leading/trailing spaces removed ("${name.trimmedFrom}" → "${name.value}"); QuickBooks treats them as the same name.`,
		);
	checkLength('SKU', f.sku, 100);
	checkLength('Description', f.description, 4000);
	const body: QboJson = { Name: name.value, Type: type };
	const need = (field: string, label: string, why: string) => {
		if (!f[field])
			throw new QboValidationError(
				label,
				`${label} is required for ${type} items (${why}). Choose the account, e.g. from Lookup → Get Accounts.`,
			);
	};
	need('incomeAccountId', 'Income Account ID', 'sales are booked to it');
	need('expenseAccountId', 'Expense Account ID', 'purchases and cost of sales are booked to it');
	if (type === 'Inventory') {
		need('assetAccountId', 'Asset Account ID', 'the stock value is held there');
		if (!f.invStartDate)
			throw new QboValidationError(
				'Inventory Start Date',
				'Inventory Start Date is required for Inventory items.',
			);
		body.TrackQtyOnHand = true;
		body.QtyOnHand = Number(f.qtyOnHand ?? 0);
		body.InvStartDate = day(f.invStartDate, 'Inventory Start Date');
		body.AssetAccountRef = ref(f.assetAccountId);
	}
	body.IncomeAccountRef = ref(f.incomeAccountId);
	body.ExpenseAccountRef = ref(f.expenseAccountId);
	if (f.sku) body.Sku = f.sku;
	if (f.description) body.Description = f.description;
	if (f.unitPrice !== undefined) body.UnitPrice = Number(f.unitPrice);
	if (f.purchaseCost !== undefined) body.PurchaseCost = Number(f.purchaseCost);
	if (f.taxable !== undefined) body.Taxable = f.taxable;
	return { ...body, ...rawJson(f.rawJson) };
}
