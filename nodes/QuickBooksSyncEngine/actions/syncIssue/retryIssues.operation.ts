import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';
import { issueItem, issueKeys, keysField, scopeFilter } from './fields';

export const description: INodeProperties[] = [keysField(['retryIssues'], 'The issues to retry (comma-separated keys); empty retries every open issue of the chosen workflows. Each is sent at the next run of its workflow, changed or not.')];

/** Marks open issues for a retry at their workflow's next run (which reads them by id). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<EngineOutputs> {
	const keys = issueKeys(this, items.length);
	const retried = await withState(this, async ({ store }) =>
		await store.updateIssues({ ...scopeFilter(this), statuses: ['open'], ...(keys.length ? { keys } : {}) }, (current) => current.map((issue) => ({ ...issue, retryRequested: true }))),
	);
	return [retried.map(issueItem)];
}
