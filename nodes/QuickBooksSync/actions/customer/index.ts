import type { INodeProperties } from 'n8n-workflow';

import * as activation from './activation.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const { deactivate, reactivate } = activation;
export { create, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customer or sub-customer',
				action: 'Create a customer',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a customer',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description: 'Make a customer inactive (QuickBooks’ delete)',
				action: 'Deactivate a customer',
			},
			{ name: 'Get', value: 'get', description: 'Get a customer by ID', action: 'Get a customer' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List customers with filters',
				action: 'Get many customers',
			},
			{
				name: 'Reactivate',
				value: 'reactivate',
				description: 'Make an inactive customer active again',
				action: 'Reactivate a customer',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change only the fields given',
				action: 'Update a customer',
			},
		],
		default: 'get',
	},
	...create.description,
	...upsert.description,
	...get.description,
	...getAll.description,
	...update.description,
	...activation.description,
];
