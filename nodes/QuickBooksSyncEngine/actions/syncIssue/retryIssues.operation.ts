import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { FIX_LISTS, fixListsOf, refusedByQuickBooks } from '../../../shared/state/issue-queue';
import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';
import { issueItem, issueKeys, keysField, scopeFilter } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Retry',
		name: 'retryWhich',
		type: 'options',
		options: [
			{ name: 'These Issues (or All Open)', value: 'keys' },
			{
				name: 'QuickBooks Refusals, After a Change in QuickBooks',
				value: 'afterQuickBooksChange',
				description:
					'Put after the QuickBooks Sync Trigger or Poll Trigger: when a QuickBooks list where such fixes are made changed (a vendor or employee for customers, an item or customer for invoices, an account, term, class or payment method), the open refusals it may fix are sent again at their next run',
			},
		],
		default: 'keys',
		displayOptions: { show: { resource: ['syncIssue'], operation: ['retryIssues'] } },
	},
	{
		...keysField(
			['retryIssues'],
			'The issues to retry (comma-separated keys); empty retries every open issue of the chosen workflows. Each is sent at the next run of its workflow, changed or not.',
		),
		displayOptions: {
			show: { resource: ['syncIssue'], operation: ['retryIssues'], retryWhich: ['keys'] },
		},
	},
];

/** Marks open issues for a retry at their workflow's next run (which reads them by id). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	if (this.getNodeParameter('retryWhich', 0, 'keys') === 'afterQuickBooksChange') {
		// The triggers' items: { entity, id, operation, ... }. Other changes (an invoice, a payment) fix no refusal.
		const changedLists = [
			...new Set(
				items
					.map((i) => String(i.json.entity ?? ''))
					.filter((entity) => fixListsOf(Object.keys(FIX_LISTS)).includes(entity)),
			),
		];
		if (!changedLists.length) return [[]];
		const retried = await withState(
			this,
			async ({ store }) =>
				await store.updateIssues({ ...scopeFilter(this), statuses: ['open'] }, (current) =>
					current
						.filter(
							(issue) =>
								refusedByQuickBooks(issue.code) &&
								!issue.retryRequested &&
								fixListsOf([issue.resource]).some((list) => changedLists.includes(list)),
						)
						.map((issue) => ({ ...issue, retryRequested: true })),
				),
		);
		return [
			retried.map((issue) => ({
				json: {
					...issueItem(issue).json,
					retryBecause: `changed in QuickBooks: ${changedLists.join(', ')}`,
				},
			})),
		];
	}
	const keys = issueKeys(this, items.length);
	const retried = await withState(
		this,
		async ({ store }) =>
			await store.updateIssues(
				{ ...scopeFilter(this), statuses: ['open'], ...(keys.length ? { keys } : {}) },
				(current) => current.map((issue) => ({ ...issue, retryRequested: true })),
			),
	);
	return [retried.map(issueItem)];
}
