import type { INodeProperties } from 'n8n-workflow';

import {
	description as listDescription,
	LOOKUPS,
	lookupExecute,
	preferencesExecute,
} from './list.operation';

export const operations = {
	...Object.fromEntries(Object.keys(LOOKUPS).map((key) => [key, { execute: lookupExecute(key) }])),
	preferences: { execute: preferencesExecute },
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lookup'] } },
		options: [
			{
				name: 'Get Accounts',
				value: 'accounts',
				description: 'List accounts, optionally only some types (e.g. Bank and Credit Card)',
				action: 'Get accounts',
			},
			{ name: 'Get Classes', value: 'classes', description: 'List classes', action: 'Get classes' },
			{
				name: 'Get Departments',
				value: 'departments',
				description: 'List departments (locations)',
				action: 'Get departments',
			},
			{
				name: 'Get Payment Methods',
				value: 'paymentMethods',
				description: 'List payment methods',
				action: 'Get payment methods',
			},
			{
				name: 'Get Preferences',
				value: 'preferences',
				description:
					'Get company preferences: custom transaction numbers, automated sales tax, class tracking, currency',
				action: 'Get preferences',
			},
			{
				name: 'Get Tax Codes',
				value: 'taxCodes',
				description: 'List sales tax codes',
				action: 'Get tax codes',
			},
			{
				name: 'Get Tax Rates',
				value: 'taxRates',
				description: 'List sales tax rates',
				action: 'Get tax rates',
			},
			{ name: 'Get Terms', value: 'terms', description: 'List payment terms', action: 'Get terms' },
		],
		default: 'accounts',
	},
	...listDescription,
];
