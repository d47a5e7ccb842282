import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { getQboConnection, qboCaller, transportTiming } from '../shared/qbo/transport';
import { CDC_MAX_DAYS } from '../shared/qbo/cdc';
import { NOT_IN_CDC, initialCursor, readSince } from '../shared/webhooks/catch-up';
import {
	DEFAULT_ENTITIES,
	ENTITY_CHOICES,
	OPERATION_CHOICES,
	checkFilter,
	matches,
	type ChangeFilter,
} from '../shared/webhooks/filters';
import type { EntityChange, Operation } from '../shared/webhooks/intuit-events';
import { cursorFor, emptyState, type TriggerState } from '../shared/webhooks/trigger-state';

/** Entities QuickBooks' change data capture covers (quickbooks-api-notes.md §5). */
const CDC_ENTITY_CHOICES = ENTITY_CHOICES.filter((e) => !NOT_IN_CDC.has(e.value));
const MANUAL_SAMPLE_DAYS = 7;
const MANUAL_SAMPLE_SIZE = 10;

export class QuickBooksSyncPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Poll Trigger',
		name: 'quickBooksSyncPollTrigger',
		icon: {
			light: 'file:../shared/icons/quickBooksSync.svg',
			dark: 'file:../shared/icons/quickBooksSync.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Changes to " + $parameter["entities"].join(", ")}}',
		description:
			'Starts the workflow with QuickBooks Online changes read by change data capture on a schedule (no public URL needed)',
		defaults: { name: 'QuickBooks Sync Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'quickBooksSyncOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Entities',
				name: 'entities',
				type: 'multiOptions',
				options: CDC_ENTITY_CHOICES,
				default: [...DEFAULT_ENTITIES],
				required: true,
				description:
					'Changes to these QuickBooks entities are emitted, one item per change, records included',
			},
			{
				displayName: 'Operations',
				name: 'operations',
				type: 'multiOptions',
				options: OPERATION_CHOICES.filter((o) => ['Create', 'Update', 'Delete'].includes(o.value)),
				default: ['Create', 'Update', 'Delete'],
				required: true,
				description:
					'Change data capture tells creations (created and last changed at the same time), updates and deletions apart',
			},
			{
				displayName: 'On First Activation',
				name: 'firstRun',
				type: 'options',
				options: [
					{ name: 'Emit Nothing, Start From Now', value: 'now' },
					{ name: 'Emit the Last Days of Changes', value: 'backfill' },
				],
				default: 'now',
			},
			{
				displayName: 'Days to Backfill',
				name: 'backfillDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: CDC_MAX_DAYS },
				default: 1,
				description: `Up to ${CDC_MAX_DAYS}: QuickBooks keeps changes for ${CDC_MAX_DAYS} days`,
				displayOptions: { show: { firstRun: ['backfill'] } },
			},
			{
				displayName: 'Resume From',
				name: 'resumeFrom',
				type: 'dateTime',
				default: '',
				description:
					'Read changes from this time instead of the saved position, once after each change of this setting (use it after a full resync)',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const filter: ChangeFilter = {
			entities: this.getNodeParameter('entities', []) as string[],
			operations: this.getNodeParameter('operations', []) as Operation[],
		};
		try {
			checkFilter(filter);
		} catch (error) {
			throw new NodeOperationError(node, error as Error);
		}
		const { realmId } = await getQboConnection.call(this);
		const staticData = this.getWorkflowStaticData('node');
		const state: TriggerState = (staticData.state as unknown as TriggerState) ?? emptyState();
		const now = transportTiming.now();
		const manual = this.getMode() === 'manual';
		const resumeFrom = (this.getNodeParameter('resumeFrom', '') as string) || undefined;

		if (!manual && !state.cursors[realmId] && !resumeFrom) {
			const backfill =
				this.getNodeParameter('firstRun', 'now') === 'backfill'
					? Number(this.getNodeParameter('backfillDays', 1))
					: 0;
			state.cursors[realmId] = initialCursor(
				now,
				Math.min(Math.max(backfill, 0), CDC_MAX_DAYS - 0.01),
			);
			if (backfill === 0) {
				staticData.state = { ...state, revision: state.revision + 1 } as unknown as IDataObject;
				return null;
			}
		}
		const cursor = manual
			? { since: new Date(now - MANUAL_SAMPLE_DAYS * 86_400_000).toISOString(), seen: [] }
			: cursorFor(state, resumeFrom, realmId, now);

		let result;
		try {
			result = await readSince(qboCaller(this), {
				realmId,
				entities: filter.entities,
				cursor,
				nowMs: now,
			});
		} catch (error) {
			throw new NodeOperationError(node, error as Error, {
				description: 'The saved position is unchanged: the next poll reads the same changes again.',
			});
		}
		let changes: EntityChange[] = result.changes.filter((c) => matches(c, filter));
		if (manual) {
			// "Fetch Test Event": the newest few changes, and nothing remembered.
			changes = changes.slice(-MANUAL_SAMPLE_SIZE);
		} else {
			// Saved by n8n together with the emitted items (a poll that fails saves nothing).
			state.cursors[realmId] = result.cursor;
			staticData.state = { ...state, revision: state.revision + 1 } as unknown as IDataObject;
		}
		return changes.length
			? [changes.map((change) => ({ json: change as unknown as IDataObject }))]
			: null;
	}
}
