import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { queryAllSql } from '../../../shared/qbo/paging';
import { isoDateTime } from '../../../shared/qbo/validate';
import { buildQuery, type QueryCondition } from '../../../shared/qbo/query';
import { locatorValue } from '../locator';
import { asNodeError, qboCaller, qboRequest } from '../../../shared/qbo/transport';
import { invoiceIdField, invoiceOutput, simplifyInvoiceField } from './fields';

const showAll = { resource: ['invoice'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	invoiceIdField(['get']),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: showAll },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...showAll, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showAll },
		options: [
			{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
			{ displayName: 'Doc Number', name: 'docNumber', type: 'string', default: '' },
			{
				displayName: 'Open Only',
				name: 'openOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only invoices with a balance due',
			},
			{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '' },
			{
				displayName: 'Where (Raw)',
				name: 'where',
				type: 'string',
				default: '',
				placeholder: "TxnDate >= '2026-01-01'",
				description: 'Extra conditions in QuickBooks query syntax, joined with AND',
			},
		],
	},
	simplifyInvoiceField(['get', 'getAll']),
];

export const get = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const id = locatorValue(this, 'invoiceId', itemIndex);
		const { body } = await qboRequest.call(this, {
			method: 'GET',
			path: `invoice/${encodeURIComponent(id)}`,
			itemIndex,
		});
		return [invoiceOutput(this, body.Invoice as IDataObject, itemIndex)];
	},
};

export const getAll = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const limit = this.getNodeParameter('returnAll', itemIndex)
			? undefined
			: (this.getNodeParameter('limit', itemIndex) as number);
		try {
			const where: QueryCondition[] = [];
			if (filters.customerId)
				where.push({ field: 'CustomerRef', operator: '=', value: String(filters.customerId) });
			if (filters.docNumber)
				where.push({ field: 'DocNumber', operator: '=', value: String(filters.docNumber) });
			if (filters.openOnly) where.push({ field: 'Balance', operator: '>', value: 0 });
			if (filters.updatedSince)
				where.push({
					field: 'MetaData.LastUpdatedTime',
					operator: '>=',
					value: isoDateTime('Updated Since', filters.updatedSince)!,
				});
			let sql = buildQuery({ entity: 'Invoice', where });
			if (filters.where) sql += `${where.length > 0 ? ' AND' : ' WHERE'} ${String(filters.where)}`;
			const { rows } = await queryAllSql(qboCaller(this, itemIndex), sql, { limit });
			return rows.map((row) => invoiceOutput(this, row, itemIndex));
		} catch (error) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	},
};
