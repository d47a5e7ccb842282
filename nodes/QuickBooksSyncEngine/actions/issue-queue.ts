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

/**
 * The app resources each push writes to QuickBooks: only their records are held back. The other
 * input records are context (an invoice push's customers and items); holding one back would make
 * the records that name it fail.
 */
const WRITTEN: Record<string, string[]> = { customer: ['customers', 'locations'], item: ['items'], invoice: ['invoices'], payable: ['payables'], purchaseOrder: ['purchase-orders'], payment: ['payments'] };

/** The pushes whose input items are the app records they write to QuickBooks. */
export function queuesIssues(context: IExecuteFunctions, resource: string, operation: string): boolean {
	if (operation === 'push') return resource in WRITTEN;
	if (resource === 'payment' && operation === 'sync') return context.getNodeParameter('paymentDirection', 0, 'appToQuickBooks') === 'appToQuickBooks';
	return false;
}

/** A fingerprint of the app record as it arrived, less what the sync itself writes on it. */
export function recordFingerprint(json: IDataObject): string {
	const record: Record<string, unknown> = { ...json };
	delete record.sync;
	delete record.qboSyncToken;
	return fingerprint(record);
}

const updatedAtOf = (json: IDataObject) => String(json.updatedAt ?? '');

export async function withIssueQueue(context: IExecuteFunctions, resource: string, items: INodeExecutionData[], run: (items: INodeExecutionData[]) => Promise<EngineOutputs>): Promise<EngineOutputs> {
	const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
	return await withState(context, async ({ store, workflow }) => {
		const now = new Date();
		const stored = await store.listIssues({ workflowId: workflow.id, statuses: ['open', 'dismissed'], resources: WRITTEN[resource] });
		const issueOf = new Map(stored.map((i) => [i.appId, i]));
		const prints = items.map((item) => recordFingerprint(item.json));
		const sent: number[] = [];
		const waiting: IssueRecord[] = [];
		const heldDismissed: string[] = [];
		items.forEach((item, index) => {
			const hold = holdFor(issueOf.get(String(item.json.id ?? '')), prints[index], now);
			if (hold === 'send') sent.push(index);
			else if (hold === 'waiting') waiting.push(issueOf.get(String(item.json.id))!);
			else heldDismissed.push(String(item.json.id));
		});
		const outputs = remapPairedItems(await run(sent.map((index) => items[index])), sent);

		const failures = outputs[ISSUES_OUTPUT] ?? [];
		const failedItems = new Set(failures.map((f) => firstItem(f)));
		if (!dryRun) {
			const written = WRITTEN[resource];
			const failed = failures
				.filter((f) => typeof f.json.appId === 'string' && f.json.appId !== '' && written.includes(String(f.json.resource)))
				.map((f) => ({ resource: String(f.json.resource), appId: String(f.json.appId), qboId: typeof f.json.qboId === 'string' ? f.json.qboId : undefined, code: String(f.json.code ?? 'issue'), message: String(f.json.reason ?? ''), fix: String(f.json.fix ?? ''), fingerprint: prints[firstItem(f)] ?? '' }));
			const succeeded = sent.filter((index) => !failedItems.has(index)).map((index) => String(items[index].json.id ?? ''));
			const touched = new Set([...failed.map((f) => f.appId), ...succeeded]);
			if (touched.size) {
				await store.updateIssues({ workflowId: workflow.id }, (current) => {
					const byAppId = new Map(current.filter((i) => touched.has(i.appId) && written.includes(i.resource)).map((i) => [`${i.resource}|${i.appId}`, i]));
					const failedIds = new Set(failed.map((f) => f.appId));
					return [
						...failed.map((f) => recordFailure(byAppId.get(`${f.resource}|${f.appId}`), f, workflow, now)),
						...[...byAppId.values()].filter((i) => !failedIds.has(i.appId) && i.status !== 'resolved').map((i) => recordSuccess(i, now)),
					];
				});
			}
		}
		const heldTimes = [...waiting.map((i) => i.appId), ...heldDismissed].map((id) => updatedAtOf(items.find((item) => String(item.json.id) === id)?.json ?? {}));
		for (const summary of outputs[SUMMARY_OUTPUT] ?? []) {
			// Past the records held back too: they are read again by id when their retry is due.
			const safeCursor = [summary.json.safeCursor as string | null | undefined, ...heldTimes].filter((t): t is string => !!t && !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
			Object.assign(summary.json, {
				...(safeCursor && summary.json.safeCursor !== undefined ? { safeCursor } : {}),
				issuesWaiting: waiting.length,
				...(waiting.length ? { waiting: waiting.map((i) => ({ appId: i.appId, code: i.code, attempts: i.attempts, nextRetryAt: i.nextRetryAt })) } : {}),
				issuesDismissed: heldDismissed.length,
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
