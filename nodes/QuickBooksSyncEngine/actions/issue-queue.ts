/**
 * The issue queue around a push: a record whose issue is still open and which has not changed since
 * (same fingerprint of the whole app record) is held back instead of being sent to QuickBooks again on
 * every run, until its back-off passes, someone asks for a retry, or it changes; a dismissed one stays
 * quiet until it changes. Each issue of the run is stored, each record written resolves its issue,
 * and the cursor moves past records with issues: they are read again by id (Get Cursor's retryIds),
 * not by holding the cursor back for everything after them.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fingerprint } from '../../shared/sync/fingerprint';
import { holdFor, recordFailure, recordSuccess, type IssueRecord } from '../../shared/state/issue-queue';
import type { EngineOutputs } from './common';
import { withState } from './sync-state';

const ISSUES_OUTPUT = 1;
const SUMMARY_OUTPUT = 2;

/** The pushes whose input items are the app records they write to QuickBooks. */
export function queuesIssues(context: IExecuteFunctions, resource: string, operation: string): boolean {
	if (operation === 'push') return ['customer', 'item', 'invoice', 'payable', 'purchaseOrder'].includes(resource);
	if (resource === 'payment' && operation === 'sync') return context.getNodeParameter('paymentDirection', 0, 'appToQuickBooks') === 'appToQuickBooks';
	return false;
}

/** A fingerprint of the app record as it arrived, less what the sync itself writes on it. */
export function recordFingerprint(json: IDataObject): string {
	const { sync: _sync, qboSyncToken: _token, ...record } = json;
	return fingerprint(record as Record<string, unknown>);
}

const updatedAtOf = (json: IDataObject) => String(json.updatedAt ?? '');

export async function withIssueQueue(context: IExecuteFunctions, items: INodeExecutionData[], run: (items: INodeExecutionData[]) => Promise<EngineOutputs>): Promise<EngineOutputs> {
	const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
	return await withState(context, async ({ store, workflow }) => {
		const now = new Date();
		const stored = await store.listIssues({ workflowId: workflow.id, statuses: ['open', 'dismissed'] });
		const issueOf = new Map(stored.map((i) => [i.appId, i]));
		const prints = items.map((item) => recordFingerprint(item.json));
		const sent: number[] = [];
		const waiting: IssueRecord[] = [];
		let dismissed = 0;
		items.forEach((item, index) => {
			const hold = holdFor(issueOf.get(String(item.json.id ?? '')), prints[index], now);
			if (hold === 'send') sent.push(index);
			else if (hold === 'waiting') waiting.push(issueOf.get(String(item.json.id))!);
			else dismissed++;
		});
		const outputs = remapPairedItems(await run(sent.map((index) => items[index])), sent);

		const failures = outputs[ISSUES_OUTPUT] ?? [];
		const failedItems = new Set(failures.map((f) => firstItem(f)));
		if (!dryRun) {
			const failed = failures
				.filter((f) => typeof f.json.appId === 'string' && f.json.appId !== '')
				.map((f) => ({ resource: String(f.json.resource), appId: String(f.json.appId), qboId: typeof f.json.qboId === 'string' ? f.json.qboId : undefined, code: String(f.json.code ?? 'issue'), message: String(f.json.reason ?? ''), fix: String(f.json.fix ?? ''), fingerprint: prints[firstItem(f)] ?? '' }));
			const written = sent.filter((index) => !failedItems.has(index)).map((index) => String(items[index].json.id ?? ''));
			const touched = new Set([...failed.map((f) => f.appId), ...written]);
			if (touched.size) {
				await store.updateIssues({ workflowId: workflow.id }, (current) => {
					const byAppId = new Map(current.filter((i) => touched.has(i.appId)).map((i) => [`${i.resource}|${i.appId}`, i]));
					const failedIds = new Set(failed.map((f) => f.appId));
					return [
						...failed.map((f) => recordFailure(byAppId.get(`${f.resource}|${f.appId}`), f, workflow, now)),
						...[...byAppId.values()].filter((i) => !failedIds.has(i.appId) && i.status !== 'resolved').map((i) => recordSuccess(i, now)),
					];
				});
			}
		}
		for (const summary of outputs[SUMMARY_OUTPUT] ?? []) {
			const everyIssueQueued = failures.every((f) => typeof f.json.appId === 'string' && f.json.appId !== '');
			// Past every record handled, issues included: those are read again by id when their retry is due.
			const newest = items.map((i) => updatedAtOf(i.json)).filter((t) => !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
			Object.assign(summary.json, {
				...(everyIssueQueued && newest && !dryRun ? { safeCursor: newest } : {}),
				issuesWaiting: waiting.length,
				...(waiting.length ? { waiting: waiting.map((i) => ({ appId: i.appId, code: i.code, attempts: i.attempts, nextRetryAt: i.nextRetryAt })) } : {}),
				issuesDismissed: dismissed,
			});
			summary.pairedItem = items.map((_, item) => ({ item }));
		}
		return outputs;
	});
}

const firstItem = (output: INodeExecutionData): number => {
	const paired = Array.isArray(output.pairedItem) ? output.pairedItem[0] : output.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? -1);
};

/** The operation saw only the records sent; its outputs point back at the node's own input items. */
function remapPairedItems(outputs: EngineOutputs, sent: number[]): EngineOutputs {
	const back = (item: number) => sent[item] ?? item;
	return outputs.map((output) =>
		output.map((entry) => {
			const paired = entry.pairedItem;
			if (paired === undefined) return entry;
			const list = (Array.isArray(paired) ? paired : [paired]).map((p) => (typeof p === 'number' ? { item: back(p) } : { ...p, item: back(p.item) }));
			return { ...entry, pairedItem: Array.isArray(paired) ? list : list[0] };
		}),
	);
}
