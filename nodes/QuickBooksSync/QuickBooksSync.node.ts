import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as advanced from './actions/advanced';
import * as bill from './actions/bill';
import * as billPayment from './actions/billPayment';
import * as creditMemo from './actions/creditMemo';
import * as item from './actions/item';
import * as payment from './actions/payment';
import * as purchase from './actions/purchase';
import * as vendor from './actions/vendor';
import * as companyInfo from './actions/companyInfo';
import * as customer from './actions/customer';
import * as invoice from './actions/invoice';
import * as lookup from './actions/lookup';
import { router } from './actions/router';
import { listSearch } from './methods';

export class QuickBooksSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync',
		name: 'quickBooksSync',
		icon: {
			light: 'file:../shared/icons/quickBooksSync.svg',
			dark: 'file:../shared/icons/quickBooksSync.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and write QuickBooks Online records for two-way sync with your operations app',
		defaults: { name: 'QuickBooks Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'quickBooksSyncOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Advanced', value: 'advanced' },
					{ name: 'Bill', value: 'bill' },
					{ name: 'Bill Payment', value: 'billPayment' },
					{ name: 'Company Info', value: 'companyInfo' },
					{ name: 'Credit Memo', value: 'creditMemo' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Expense (Purchase)', value: 'purchase' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Item', value: 'item' },
					{ name: 'Lookup', value: 'lookup' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Vendor', value: 'vendor' },
				],
				default: 'companyInfo',
			},
			...advanced.description,
			...companyInfo.description,
			...customer.description,
			...invoice.description,
			...lookup.description,
			...bill.description,
			...billPayment.description,
			...creditMemo.description,
			...item.description,
			...payment.description,
			...purchase.description,
			...vendor.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
