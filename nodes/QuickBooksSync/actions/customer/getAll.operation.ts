import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { queryAllSql } from '../../../shared/qbo/paging';
import { buildQuery, type QueryCondition } from '../../../shared/qbo/query';
import { isoDateTime } from '../../../shared/qbo/validate';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';
import { customerOutput, simplifyField } from './fields';

const show = { resource: ['customer'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'Exact name, or use % as a wildcard (e.g. Acme%)',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Include Inactive',
				name: 'includeInactive',
				type: 'boolean',
				default: false,
				description:
					'Whether to include inactive (deleted) customers, which QuickBooks leaves out by default',
			},
			{
				displayName: 'Parent Customer ID',
				name: 'parentId',
				type: 'string',
				default: '',
				description: 'Only the sub-customers of this customer',
			},
			{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '' },
			{
				displayName: 'Where (Raw)',
				name: 'where',
				type: 'string',
				default: '',
				placeholder: "CompanyName LIKE 'Acme%'",
				description:
					'Extra conditions in QuickBooks query syntax, joined with AND (QuickBooks has no OR)',
			},
		],
	},
	simplifyField(['getAll']),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	try {
		const where: QueryCondition[] = [];
		if (filters.displayName) {
			const name = String(filters.displayName);
			where.push({
				field: 'DisplayName',
				operator: name.includes('%') ? 'LIKE' : '=',
				value: name,
			});
		}
		if (filters.email)
			where.push({ field: 'PrimaryEmailAddr', operator: '=', value: String(filters.email) });
		if (filters.includeInactive)
			where.push({ field: 'Active', operator: 'IN', value: [true, false] });
		if (filters.parentId)
			where.push({ field: 'ParentRef', operator: '=', value: String(filters.parentId) });
		if (filters.updatedSince)
			where.push({
				field: 'MetaData.LastUpdatedTime',
				operator: '>=',
				value: isoDateTime('Updated Since', filters.updatedSince)!,
			});
		let sql = buildQuery({ entity: 'Customer', where });
		if (filters.where) sql += `${where.length > 0 ? ' AND' : ' WHERE'} ${String(filters.where)}`;
		const { rows } = await queryAllSql(qboCaller(this, itemIndex), sql, { limit });
		const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
		return rows.map((row) => customerOutput(row as IDataObject, itemIndex, simplify));
	} catch (error) {
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
