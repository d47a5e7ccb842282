/**
 * The cursor per workflow and resource, in the sync state store: an accelerator only. It is moved by
 * a commit step after the app writes succeeded and only ever forward (the store keeps the later of
 * two overlapping commits); a lost one makes the next run read again, never write twice. Get Cursor
 * also names the records whose open issue is due for a retry, for the app listing's `alsoIds`.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { dueForRetry } from '../../../shared/state/issue-queue';
import type { EngineOutputs } from '../common';
import { stateClock, withState } from '../sync-state';

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
		description:
			'The cursor of a first run (no cursor committed yet): everything since then is read',
		displayOptions: { show: { operation: ['getCursor'] } },
	},
];

const LEGACY_KEY = (resource: string) => `cursor:${resource}`;
/** ISO 8601 only: Date.parse alone takes text such as "page-7" as a date. */
const isTimestamp = (value: string) =>
	/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
	!Number.isNaN(Date.parse(value));

export async function getCursor(
	this: IExecuteFunctions,
	_items: INodeExecutionData[],
	resource: string,
): Promise<EngineOutputs> {
	const startFrom = String(this.getNodeParameter('startFrom', 0) ?? '').trim();
	// Empty: no start of its own (the template's listing decides, e.g. everything).
	if (startFrom !== '' && !isTimestamp(startFrom)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Start From" is "${startFrom}", which is not a timestamp`,
			{
				description:
					'Give an ISO-8601 timestamp such as 2026-01-01T00:00:00Z: the first run reads every record changed since then. Nothing was read.',
			},
		);
	}
	const { cursor, retryIds } = await withState(this, async ({ store, workflow }) => {
		// Before the state store, cursors lived in the workflow's static data: used once, then moved on.
		const legacy = (this.getWorkflowStaticData('global') as IDataObject)[LEGACY_KEY(resource)] as
			| string
			| undefined;
		const stored =
			(await store.getCursor(workflow.id, resource)) ??
			(legacy && isTimestamp(legacy) ? legacy : undefined);
		if (stored !== undefined && !isTimestamp(stored)) {
			throw new NodeOperationError(
				this.getNode(),
				`The stored cursor of "${resource}" is "${stored.slice(0, 40)}", which is not a timestamp`,
				{
					description: `The sync state (${store.description}) holds a value this package did not write. Delete that cursor there; the next run then starts from "Start From". Nothing was read.`,
				},
			);
		}
		const due = dueForRetry(
			await store.listIssues({ workflowId: workflow.id, statuses: ['open'] }),
			stateClock.now(),
		);
		return { cursor: stored ?? startFrom, retryIds: due.map((i) => i.appId) };
	});
	// retryIds as one comma-separated string: it goes into the listing's query as it is.
	return [
		[
			{
				json: { resource, cursor, retryIds: retryIds.join(','), retryCount: retryIds.length },
				pairedItem: { item: 0 },
			},
		],
		[],
		[],
		[],
	];
}

export async function commitCursor(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: string,
): Promise<EngineOutputs> {
	const given = items
		.map((_, i) => String(this.getNodeParameter('cursor', i, '') ?? '').trim())
		.filter((v) => v !== '');
	const foreign = given.find((v) => !isTimestamp(v));
	if (foreign !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"Cursor" is "${foreign.slice(0, 40)}", which is not a timestamp`,
			{
				description:
					"Give the newest updatedAt the run handled (the sync node's summary has it as safeCursor). The stored cursor was not moved.",
			},
		);
	}
	const newest = given.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
	const result = await withState(this, async ({ store, workflow }) => {
		const previous = await store.getCursor(workflow.id, resource);
		const cursor = newest ? await store.advanceCursor(workflow.id, resource, newest) : previous;
		return {
			resource,
			cursor: cursor ?? null,
			previous: previous ?? null,
			moved: cursor !== previous,
			store: store.description,
		};
	});
	return [[{ json: result, pairedItem: items.map((_, item) => ({ item })) }], [], [], []];
}
