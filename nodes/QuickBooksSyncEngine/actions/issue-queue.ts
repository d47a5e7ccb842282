/**
 * The issue queue around a push: a record whose issue is still open and which has not changed since
 * (same fingerprint of the whole app record) is held back instead of being sent to QuickBooks again on
 * every run, until its back-off passes, someone asks for a retry, or it changes; a dismissed one stays
 * quiet until it changes. Each issue of the run is stored, each record written resolves its issue,
 * and the cursor moves past records with issues: they are read again by id (Get Cursor's retryIds),
 * not by holding the cursor back for everything after them.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { qboCaller } from '../../shared/qbo/transport';
import { countChanges } from '../../shared/qbo/cdc';
import { fingerprint } from '../../shared/sync/pipeline/fingerprint';
import {
	definiteRefusal,
	fixListsOf,
	holdFor,
	quickBooksCheckSince,
	recordFailure,
	recordSuccess,
	refusedByQuickBooks,
	waitingRefusals,
	type IssueRecord,
} from '../../shared/state/issue-queue';
import type { SyncStateStore } from '../../shared/state/store';
import type { EngineOutputs } from './common';
import { stateClock, withState, type StateContext } from './sync-state';

const ISSUES_OUTPUT = 1;
const SUMMARY_OUTPUT = 2;

/**
 * The app resources each push writes to QuickBooks: only their records are held back. The other
 * input records are context (an invoice push's customers and items); holding one back would make
 * the records that name it fail.
 */
const WRITTEN: Record<string, string[]> = {
	customer: ['customers', 'locations'],
	item: ['items'],
	invoice: ['invoices'],
	payable: ['payables'],
	purchaseOrder: ['purchase-orders'],
	payment: ['payments'],
};

const retryRounds = new WeakMap<IExecuteFunctions, Record<string, number>>();

/**
 * For the push operations' settings: which retry each record sent again unchanged after a QuickBooks
 * refusal is (its attempts so far), so the write gets a requestid of its own instead of QuickBooks'
 * replay of the refusal. Every run retrying the same attempt uses the same one.
 */
export const retryRoundsFor = (context: IExecuteFunctions): Readonly<Record<string, number>> =>
	retryRounds.get(context) ?? {};

/** The pushes whose input items are the app records they write to QuickBooks. */
export function queuesIssues(
	context: IExecuteFunctions,
	resource: string,
	operation: string,
): boolean {
	if (operation === 'push') return resource in WRITTEN;
	if (resource === 'payment' && operation === 'sync')
		return context.getNodeParameter('paymentDirection', 0, 'appToQuickBooks') === 'appToQuickBooks';
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

export async function withIssueQueue(
	context: IExecuteFunctions,
	resource: string,
	items: INodeExecutionData[],
	run: (items: INodeExecutionData[]) => Promise<EngineOutputs>,
): Promise<EngineOutputs> {
	const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
	return await withState(context, async ({ store, workflow }) => {
		const now = stateClock.now();
		const stored = await store.listIssues({
			workflowId: workflow.id,
			statuses: ['open', 'dismissed'],
			resources: WRITTEN[resource],
		});
		const issueOf = new Map(stored.map((i) => [i.appId, i]));
		const prints = items.map((item) => recordFingerprint(item.json));
		const sent: number[] = [];
		const waiting: IssueRecord[] = [];
		const heldDismissed: string[] = [];
		const rounds: Record<string, number> = {};
		items.forEach((item, index) => {
			const issue = issueOf.get(String(item.json.id ?? ''));
			const hold = holdFor(issue, prints[index], now);
			if (
				hold === 'send' &&
				issue?.status === 'open' &&
				issue.fingerprint === prints[index] &&
				definiteRefusal(issue.code)
			)
				rounds[issue.appId] = issue.attempts;
			if (hold === 'send') sent.push(index);
			else if (hold === 'waiting') waiting.push(issueOf.get(String(item.json.id))!);
			else heldDismissed.push(String(item.json.id));
		});
		retryRounds.set(context, rounds);
		const outputs = remapPairedItems(
			await run(sent.map((index) => items[index])).finally(() => retryRounds.delete(context)),
			sent,
		);

		const failures = outputs[ISSUES_OUTPUT] ?? [];
		const failedItems = new Set(failures.map((f) => firstItem(f)));
		if (!dryRun) {
			const written = WRITTEN[resource];
			const failed = failures
				.filter(
					(f) =>
						typeof f.json.appId === 'string' &&
						f.json.appId !== '' &&
						written.includes(String(f.json.resource)),
				)
				.map((f) => ({
					resource: String(f.json.resource),
					appId: String(f.json.appId),
					qboId: typeof f.json.qboId === 'string' ? f.json.qboId : undefined,
					code: String(f.json.code ?? 'issue'),
					message: String(f.json.reason ?? ''),
					fix: String(f.json.fix ?? ''),
					fingerprint: prints[firstItem(f)] ?? '',
				}));
			const succeeded = sent
				.filter((index) => !failedItems.has(index))
				.map((index) => String(items[index].json.id ?? ''));
			const touched = new Set([...failed.map((f) => f.appId), ...succeeded]);
			if (touched.size) {
				await store.updateIssues({ workflowId: workflow.id }, (current) => {
					const byAppId = new Map(
						current
							.filter((i) => touched.has(i.appId) && written.includes(i.resource))
							.map((i) => [`${i.resource}|${i.appId}`, i]),
					);
					const failedIds = new Set(failed.map((f) => f.appId));
					return [
						...failed.map((f) =>
							recordFailure(byAppId.get(`${f.resource}|${f.appId}`), f, workflow, now),
						),
						...[...byAppId.values()]
							.filter((i) => !failedIds.has(i.appId) && i.status !== 'resolved')
							.map((i) => recordSuccess(i, now)),
					];
				});
			}
		}
		// Every open issue of this workflow's records, not only this run's: a record the cursor moved
		// past still needs a fix, and the summary must not read as if all were written.
		const open = await store.listIssues({
			workflowId: workflow.id,
			statuses: ['open'],
			resources: WRITTEN[resource],
		});
		const check = dryRun
			? undefined
			: await checkQuickBooksForFixes(context, { store, workflow }, resource, open, now);
		const heldTimes = [...waiting.map((i) => i.appId), ...heldDismissed].map((id) =>
			updatedAtOf(items.find((item) => String(item.json.id) === id)?.json ?? {}),
		);
		for (const summary of outputs[SUMMARY_OUTPUT] ?? []) {
			// Past the records held back too: they are read again by id when their retry is due.
			const safeCursor = [summary.json.safeCursor as string | null | undefined, ...heldTimes]
				.filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)))
				.sort((a, b) => Date.parse(a) - Date.parse(b))
				.at(-1);
			Object.assign(summary.json, {
				...(safeCursor && summary.json.safeCursor !== undefined ? { safeCursor } : {}),
				issuesWaiting: waiting.length,
				...(waiting.length
					? {
							waiting: waiting.map((i) => ({
								appId: i.appId,
								code: i.code,
								attempts: i.attempts,
								nextRetryAt: i.nextRetryAt,
							})),
						}
					: {}),
				issuesDismissed: heldDismissed.length,
				issuesOpen: open.length,
				...(check ? { quickBooksCheck: check } : {}),
			});
			summary.pairedItem = items.map((_, item) => ({ item }));
		}
		return outputs;
	});
}

/**
 * A refused record waits days for its back-off, but the fix is often made in QuickBooks (the
 * employee renamed, the item made active again) while the record stays as it was. At most once an
 * hour, and only while refusals wait, one change-data-capture read of the lists where such fixes
 * are made: if any changed, the waiting refusals are read and sent again at the next run (Get
 * Cursor lists them in retryIds). Placed after a trigger, Sync Issue → Retry does the same at once.
 * A failed check never fails the run: its writes are done; the next run checks again.
 */
async function checkQuickBooksForFixes(
	context: IExecuteFunctions,
	{ store, workflow }: StateContext,
	resource: string,
	open: IssueRecord[],
	now: Date,
): Promise<IDataObject | undefined> {
	const lists = fixListsOf(WRITTEN[resource] ?? []);
	const waiting = waitingRefusals(open, now);
	const factKey = `quickbooks-fix-check|${workflow.id}|${resource}`;
	const lastCheck = waiting.length
		? ((await store.getFact(factKey))?.value as string | undefined)
		: undefined;
	const since = quickBooksCheckSince(waiting, lastCheck, now);
	if (!lists.length || !since) return undefined;
	let changes: number;
	try {
		changes = await countChanges(qboCaller(context), lists, since);
	} catch (error) {
		return { lists, since, failed: (error as Error).message };
	}
	await store.putFact(factKey, now.toISOString());
	const retried = changes ? await markForRetry(store, waiting) : 0;
	return { lists, since, changes, retryAtNextRun: retried };
}

async function markForRetry(store: SyncStateStore, waiting: IssueRecord[]): Promise<number> {
	const marked = await store.updateIssues({ keys: waiting.map((i) => i.key) }, (current) =>
		current
			.filter((i) => i.status === 'open' && refusedByQuickBooks(i.code) && !i.retryRequested)
			.map((i) => ({ ...i, retryRequested: true })),
	);
	return marked.length;
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
			const list = (Array.isArray(paired) ? paired : [paired]).map((p) =>
				typeof p === 'number' ? { item: back(p) } : { ...p, item: back(p.item) },
			);
			return { ...entry, pairedItem: Array.isArray(paired) ? list : list[0] };
		}),
	);
}
