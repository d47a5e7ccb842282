import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { refusedByQuickBooks } from '../../../shared/state/issue-queue';
import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';
import { issueItem, issueKeys, keysField, scopeFilter } from './fields';

/**
 * The QuickBooks lists a refusal usually points at: a name taken by an employee (6240), an inactive
 * item or customer (610), a missing account or tax code. A change to one of them may be the fix.
 */
const REFERENCED_LISTS = [
	'Customer',
	'Vendor',
	'Employee',
	'Item',
	'Account',
	'TaxCode',
	'TaxRate',
	'Term',
	'Class',
	'Department',
	'PaymentMethod',
];

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
					'Put after the QuickBooks Sync Trigger or Poll Trigger: when a customer, vendor, employee, item, account, tax code or term changed in QuickBooks, every open issue QuickBooks refused is sent again at its next run (the change may be the fix)',
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
					.filter((entity) => REFERENCED_LISTS.includes(entity)),
			),
		];
		if (!changedLists.length) return [[]];
		const retried = await withState(
			this,
			async ({ store }) =>
				await store.updateIssues({ ...scopeFilter(this), statuses: ['open'] }, (current) =>
					current
						.filter((issue) => refusedByQuickBooks(issue.code) && !issue.retryRequested)
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
