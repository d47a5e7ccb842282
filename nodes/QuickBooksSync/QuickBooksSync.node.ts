import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as advanced from './actions/advanced';
import * as companyInfo from './actions/companyInfo';
import * as customer from './actions/customer';
import * as invoice from './actions/invoice';
import * as lookup from './actions/lookup';
import { router } from './actions/router';

export class QuickBooksSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync',
		name: 'quickBooksSync',
		icon: { light: 'file:quickBooksSync.svg', dark: 'file:quickBooksSync.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write QuickBooks Online records for two-way sync with your operations app',
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
					{ name: 'Company Info', value: 'companyInfo' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Lookup', value: 'lookup' },
				],
				default: 'companyInfo',
			},
			...advanced.description,
			...companyInfo.description,
			...customer.description,
			...invoice.description,
			...lookup.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
