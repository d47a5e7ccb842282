/**
 * The cursor per workflow and resource, in the workflow's static data: an accelerator only. It is
 * moved by a commit step after the app writes succeeded and only ever forward; a lost one makes
 * the next run read again, never write twice.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { EngineOutputs } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Cursor',
		name: 'cursor',
		type: 'string',
		default: '',
		placeholder: '={{ $json.updatedAt }}',
		description: 'The newest updatedAt the run handled; the cursor only ever moves forward',
		displayOptions: { show: { operation: ['commitCursor'] } },
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'string',
		default: '1970-01-01T00:00:00.000Z',
		description: 'The cursor of a first run (no cursor committed yet): everything since then is read',
		displayOptions: { show: { operation: ['getCursor'] } },
	},
];

const keyOf = (resource: string) => `cursor:${resource}`;

export async function getCursor(this: IExecuteFunctions, _items: INodeExecutionData[], resource: string): Promise<EngineOutputs> {
	const cursors = this.getWorkflowStaticData('global') as IDataObject;
	return [[{ json: { resource, cursor: (cursors[keyOf(resource)] as string | undefined) ?? (this.getNodeParameter('startFrom', 0) as string) }, pairedItem: { item: 0 } }], [], [], []];
}

export async function commitCursor(this: IExecuteFunctions, items: INodeExecutionData[], resource: string): Promise<EngineOutputs> {
	const cursors = this.getWorkflowStaticData('global') as IDataObject;
	const candidates = items.map((_, i) => String(this.getNodeParameter('cursor', i, '') ?? '')).filter((v) => !Number.isNaN(Date.parse(v)));
	const previous = cursors[keyOf(resource)] as string | undefined;
	const newest = [...candidates, ...(previous ? [previous] : [])].sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
	if (newest && newest !== previous) cursors[keyOf(resource)] = newest;
	return [[], [], [{ json: { resource, cursor: newest ?? null, previous: previous ?? null, moved: newest !== previous }, pairedItem: items.map((_, item) => ({ item })) }], []];
}
