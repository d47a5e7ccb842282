import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { byLastSeen, type IssueStatus } from '../../../shared/state/issue-queue';
import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';
import { issueItem, scopeFilter } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'issueStatuses',
		type: 'multiOptions',
		options: [
			{ name: 'Open', value: 'open' },
			{ name: 'Dismissed', value: 'dismissed' },
			{ name: 'Resolved (Last 30 Days)', value: 'resolved' },
		],
		default: ['open'],
		displayOptions: { show: { resource: ['syncIssue'], operation: ['listIssues'] } },
	},
];

/** One item per stored issue, newest first. */
export async function execute(this: IExecuteFunctions): Promise<EngineOutputs> {
	const statuses = this.getNodeParameter('issueStatuses', 0, ['open']) as IssueStatus[];
	const issues = await withState(
		this,
		async ({ store }) => await store.listIssues({ ...scopeFilter(this), statuses }),
	);
	return [issues.sort(byLastSeen).map(issueItem)];
}
