import type { INodeProperties } from 'n8n-workflow';

import * as batch from './batch.operation';
import * as changeDataCapture from './changeDataCapture.operation';
import * as query from './query.operation';

export { batch, changeDataCapture, query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['advanced'] } },
		options: [
			{
				name: 'Batch',
				value: 'batch',
				description: 'Write all input items with QuickBooks’ batch endpoint, 30 per request',
				action: 'Write records in batches',
			},
			{
				name: 'Change Data Capture',
				value: 'changeDataCapture',
				description:
					'List records changed or deleted since a time, past QuickBooks’ 1000-record cap',
				action: 'List changes since a time',
			},
			{
				name: 'Query',
				value: 'query',
				description: 'Run a QuickBooks query with safely escaped values and return every row',
				action: 'Run a query',
			},
		],
		default: 'query',
	},
	...query.description,
	...changeDataCapture.description,
	...batch.description,
];
