/** What the issue operations share: which issues (this workflow or all), and how one is shown. */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import type { IssueFilter, IssueRecord } from '../../../shared/state/issue-queue';

export const ISSUE_OPERATIONS = ['listIssues', 'retryIssues', 'dismissIssues'];

export const scopeField: INodeProperties = {
	displayName: 'Workflows',
	name: 'issueScope',
	type: 'options',
	options: [
		{
			name: 'All Sync Workflows',
			value: 'all',
			description: 'Issues of every workflow that uses this state store',
		},
		{ name: 'This Workflow', value: 'this' },
	],
	default: 'all',
	displayOptions: { show: { resource: ['syncIssue'] } },
};

export const keysField = (operations: string[], description: string): INodeProperties => ({
	displayName: 'Issue Keys',
	name: 'issueKeys',
	type: 'string',
	default: '',
	placeholder: '={{ $json.key }}',
	description,
	displayOptions: { show: { resource: ['syncIssue'], operation: operations } },
});

/** The keys given (comma-separated, or a list from an expression), each checked. */
export function issueKeys(context: IExecuteFunctions, itemCount: number): string[] {
	const keys = new Set<string>();
	for (let i = 0; i < itemCount; i++) {
		const raw = context.getNodeParameter('issueKeys', i, '') as unknown;
		for (const key of (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
			.map((k) => String(k).trim())
			.filter(Boolean)) {
			if (key.split('|').length !== 3) {
				throw new NodeOperationError(
					context.getNode(),
					`"${key.slice(0, 60)}" is not an issue key`,
					{
						description:
							'An issue key looks like <workflow id>|<resource>|<app id>: take it from the "key" of an item that List Issues output. Nothing was changed.',
						itemIndex: i,
					},
				);
			}
			keys.add(key);
		}
	}
	return [...keys];
}

export function scopeFilter(context: IExecuteFunctions): IssueFilter {
	return context.getNodeParameter('issueScope', 0, 'all') === 'this'
		? { workflowId: String(context.getWorkflow().id ?? '') }
		: {};
}

export const issueItem = (issue: IssueRecord) => ({ json: issue as unknown as IDataObject });
