import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { queryAllSql } from '../../../shared/qbo/paging';
import { bindQuery, type QueryValue } from '../../../shared/qbo/query';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';

const show = { resource: ['advanced'], operation: ['query'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: 'SELECT * FROM Customer WHERE DisplayName = ?',
		placeholder: 'SELECT * FROM Invoice WHERE TxnDate >= ? ORDERBY TxnDate',
		description:
			'A QuickBooks query. Write ? where a value goes and give the values below: they are quoted and escaped so no value can change the query. QuickBooks has no OR; inactive customers, vendors and items are left out unless the query filters on Active.',
		displayOptions: { show },
	},
	{
		displayName: 'Values',
		name: 'values',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Value',
		description: 'One value per ? in the query, in order',
		displayOptions: { show },
		options: [
			{
				displayName: 'Value',
				name: 'value',
				values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
			},
		],
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
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
];

/** Runs a query page by page (1000 rows a request) and outputs one item per row. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const sql = this.getNodeParameter('query', itemIndex) as string;
	const collection = this.getNodeParameter('values', itemIndex, {}) as { value?: IDataObject[] };
	const values = (collection.value ?? []).map((v) => v.value as QueryValue);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	try {
		const { rows } = await queryAllSql(qboCaller(this, itemIndex), bindQuery(sql, values), {
			limit,
		});
		return rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } }));
	} catch (error) {
		// QboQueryError says what is wrong with the query; QBO faults arrive as NodeApiError already.
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
