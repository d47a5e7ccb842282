import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as read from './get.operation';
import * as lifecycle from './lifecycle.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const operations = {
	create,
	delete: lifecycle.remove,
	get: read.get,
	getAll: read.getAll,
	pdf: lifecycle.pdf,
	send: lifecycle.send,
	update,
	upsert,
	void: lifecycle.voidInvoice,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an invoice',
				action: 'Create an invoice',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update an invoice',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an invoice',
				action: 'Delete an invoice',
			},
			{
				name: 'Download PDF',
				value: 'pdf',
				description: 'Get the invoice as a PDF file',
				action: 'Download an invoice PDF',
			},
			{ name: 'Get', value: 'get', description: 'Get an invoice by ID', action: 'Get an invoice' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List invoices with filters',
				action: 'Get many invoices',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'E-mail the invoice to the customer',
				action: 'Send an invoice',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change only the fields given',
				action: 'Update an invoice',
			},
			{
				name: 'Void',
				value: 'void',
				description: 'Void an invoice: it stays with zero amounts',
				action: 'Void an invoice',
			},
		],
		default: 'get',
	},
	...create.description,
	...upsert.description,
	...read.description,
	...update.description,
	...lifecycle.description,
];
