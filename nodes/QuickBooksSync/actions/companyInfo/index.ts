import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['companyInfo'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the connected company’s name, address and settings',
				action: 'Get company info',
			},
		],
		default: 'get',
	},
	...get.description,
];
