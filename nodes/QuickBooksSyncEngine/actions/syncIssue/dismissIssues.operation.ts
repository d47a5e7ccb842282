import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';
import { issueItem, issueKeys, keysField } from './fields';

export const description: INodeProperties[] = [
	keysField(
		['dismissIssues'],
		'The issues to dismiss (comma-separated keys): they are no longer retried or reported until their record changes',
	),
	{
		displayName: 'Note',
		name: 'dismissNote',
		type: 'string',
		default: '',
		description: 'Why it was dismissed, kept with the issue',
		displayOptions: { show: { resource: ['syncIssue'], operation: ['dismissIssues'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const keys = issueKeys(this, items.length);
	if (!keys.length)
		throw new NodeOperationError(this.getNode(), 'No issue to dismiss: "Issue Keys" is empty', {
			description:
				'Give the key of each issue to dismiss (the "key" of an item List Issues output). Nothing was changed.',
		});
	const note = String(this.getNodeParameter('dismissNote', 0, '') ?? '').trim() || null;
	const dismissed = await withState(
		this,
		async ({ store }) =>
			await store.updateIssues({ keys, statuses: ['open'] }, (current) =>
				current.map((issue) => ({
					...issue,
					status: 'dismissed' as const,
					note,
					retryRequested: false,
				})),
			),
	);
	const missing = keys.filter((k) => !dismissed.some((d) => d.key === k));
	if (missing.length && !dismissed.length)
		throw new NodeOperationError(this.getNode(), `No open issue has the key "${missing[0]}"`, {
			description:
				'It may be resolved or dismissed already: List Issues with every status shows it. Nothing was changed.',
		});
	return [dismissed.map(issueItem)];
}
