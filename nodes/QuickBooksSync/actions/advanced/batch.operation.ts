import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { writeBatch, type BatchOperation } from '../../../shared/qbo/batch';
import { asNodeError, optionalText, qboCaller } from '../../transport';

const show = { resource: ['advanced'], operation: ['batch'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Every input item is one batch entry; QuickBooks receives them 30 per request. Failed entries come out with "error" and the QuickBooks fault, the others were written.',
		name: 'batchNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{ displayName: 'Entity', name: 'batchEntity', type: 'string', required: true, default: 'Customer', description: 'The QuickBooks entity of this entry, e.g. Customer, Invoice, Payment (usually the same for all items)', displayOptions: { show } },
	{
		displayName: 'Batch Operation',
		name: 'batchOperation',
		type: 'options',
		default: 'create',
		options: [
			{ name: 'Create', value: 'create' },
			{ name: 'Delete', value: 'delete' },
			{ name: 'Update', value: 'update', description: 'Send the record ID and SyncToken; add "sparse": true to change only the given fields' },
			{ name: 'Void', value: 'void' },
		],
		displayOptions: { show },
	},
	{ displayName: 'Record (JSON)', name: 'batchRecord', type: 'json', required: true, default: '{}', description: 'The QuickBooks object of this entry, e.g. {"DisplayName": "Acme"}', displayOptions: { show } },
	{ displayName: 'Idempotency Key', name: 'batchKey', type: 'string', default: '', description: 'Per entry: the same for every send of this record version; when every entry of a request has one, a repeated request is not written twice', displayOptions: { show } },
];

/** Runs once for all input items (on the first), so 65 items become 3 requests. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	if (itemIndex > 0) return [];
	const items = this.getInputData();
	const operations: BatchOperation[] = items.map((_, i) => {
		const raw = this.getNodeParameter('batchRecord', i);
		const body = typeof raw === 'string' ? (JSON.parse(raw || '{}') as IDataObject) : (raw as IDataObject);
		const entity = (this.getNodeParameter('batchEntity', i) as string).trim();
		if (!/^[A-Z][A-Za-z]+$/.test(entity)) throw new NodeOperationError(this.getNode(), `Item ${i}: "${entity}" is not a QuickBooks entity name (e.g. Customer, Invoice).`, { itemIndex: i });
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new NodeOperationError(this.getNode(), `Item ${i}: Record (JSON) must be a JSON object.`, { itemIndex: i });
		const operation = this.getNodeParameter('batchOperation', i) as string;
		return {
			entity,
			operation: operation === 'void' ? 'update' : (operation as BatchOperation['operation']),
			void: operation === 'void',
			body,
			idempotencyKey: optionalText(this, 'batchKey', i),
		};
	});
	let results;
	try {
		results = await writeBatch(qboCaller(this, 0), operations);
	} catch (error) {
		throw asNodeError(this.getNode(), error, 0);
	}
	return results.map((result) => ({
		json: result.ok
			? (result.entity as IDataObject)
			: { error: result.fault.errors.map((e) => `${e.code} ${e.message}: ${e.detail}`).join(' | '), qbo: { fault: result.fault } as unknown as IDataObject },
		pairedItem: { item: result.index },
	}));
}
