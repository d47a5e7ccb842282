import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { writeBatch, type BatchOperation } from '../../../shared/qbo/batch';
import { parseJsonObject } from '../../../shared/qbo/validate';
import { asNodeError, qboCaller } from '../../../shared/qbo/transport';
import { optionalText } from '../../../shared/node-parameters';

const show = { resource: ['advanced'], operation: ['batch'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Every input item is one batch entry; QuickBooks receives them 30 per request. Failed entries come out with "error" and the QuickBooks fault, the others were written.',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Entity',
		name: 'batchEntity',
		type: 'string',
		required: true,
		default: 'Customer',
		description:
			'The QuickBooks entity of this entry, e.g. Customer, Invoice, Payment (usually the same for all items)',
		displayOptions: { show },
	},
	{
		displayName: 'Batch Operation',
		name: 'batchOperation',
		type: 'options',
		default: 'create',
		options: [
			{ name: 'Create', value: 'create' },
			{ name: 'Delete', value: 'delete' },
			{
				name: 'Update',
				value: 'update',
				description:
					'Send the record ID and SyncToken; add "sparse": true to change only the given fields',
			},
			{ name: 'Void', value: 'void' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Record (JSON)',
		name: 'batchRecord',
		type: 'json',
		required: true,
		default: '{}',
		description: 'The QuickBooks object of this entry, e.g. {"DisplayName": "Acme"}',
		displayOptions: { show },
	},
	{
		displayName: 'Idempotency Key',
		name: 'batchKey',
		type: 'string',
		default: '',
		description:
			'Per entry: the same for every send of this record version; when every entry of a request has one, a repeated request is not written twice',
		displayOptions: { show },
	},
];

/**
 * Runs once for all input items (on the first), so 65 items become 3 requests. An entry that is
 * not valid stops the node before anything is sent; with "continue on fail" it comes out as an
 * error item instead and the valid entries are sent.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	if (itemIndex > 0) return [];
	const items = this.getInputData();
	const invalid: INodeExecutionData[] = [];
	const entries: Array<{ index: number; operation: BatchOperation }> = [];
	items.forEach((_, i) => {
		try {
			entries.push({ index: i, operation: batchEntry(this, i) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
			invalid.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	});
	let results;
	try {
		results =
			entries.length > 0
				? await writeBatch(
						qboCaller(this, 0),
						entries.map((e) => e.operation),
					)
				: [];
	} catch (error) {
		throw asNodeError(this.getNode(), error, 0);
	}
	const written = results.map((result) => ({
		json: result.ok
			? (result.entity as IDataObject)
			: {
					error: result.fault.errors
						.map((e) => `${e.code ? `${e.code} ` : ''}${e.message}: ${e.detail}`)
						.join(' | '),
					qbo: { fault: result.fault } as unknown as IDataObject,
				},
		pairedItem: { item: entries[result.index].index },
	}));
	return [...written, ...invalid].sort(
		(a, b) => (a.pairedItem as { item: number }).item - (b.pairedItem as { item: number }).item,
	);
}

function batchEntry(context: IExecuteFunctions, i: number): BatchOperation {
	const entity = String(context.getNodeParameter('batchEntity', i)).trim();
	if (!/^[A-Z][A-Za-z]+$/.test(entity))
		throw new NodeOperationError(
			context.getNode(),
			`Item ${i}: "${entity}" is not a QuickBooks entity name (e.g. Customer, Invoice).`,
			{ itemIndex: i },
		);
	let body: IDataObject;
	try {
		body = parseJsonObject(
			'Record (JSON)',
			context.getNodeParameter('batchRecord', i),
		) as IDataObject;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Item ${i}: ${(error as Error).message}`, {
			itemIndex: i,
		});
	}
	if (Object.keys(body).length === 0)
		throw new NodeOperationError(
			context.getNode(),
			`Item ${i}: Record (JSON) is empty; give the ${entity} fields to write.`,
			{ itemIndex: i },
		);
	const operation = context.getNodeParameter('batchOperation', i) as string;
	return {
		entity,
		operation: operation === 'void' ? 'update' : (operation as BatchOperation['operation']),
		void: operation === 'void',
		body,
		idempotencyKey: optionalText(context, 'batchKey', i),
	};
}
