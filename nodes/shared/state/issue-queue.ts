/**
 * The issue queue's rules, apart from where it is stored. A record the sync could not write is kept
 * as one issue per workflow, resource and app record. The cursor moves past it. A record QuickBooks
 * refused is sent again only when it changed in the app (another fingerprint), when someone asks for
 * a retry, or when its back-off has passed (a day, then two, four, at most a week: a refusal
 * QuickBooks repeats costs metered reads each time, and most need a person to act). Dismissed issues
 * stay quiet until the record changes; resolved ones are kept 30 days as history.
 */
export type IssueStatus = 'open' | 'dismissed' | 'resolved';

export interface IssueRecord {
	/** `<workflowId>|<resource>|<appId>`: one issue per record and workflow, whatever its code. */
	key: string;
	workflowId: string;
	workflowName: string;
	resource: string;
	appId: string;
	qboId: string | null;
	code: string;
	message: string;
	fix: string;
	firstSeen: string;
	lastSeen: string;
	attempts: number;
	/** The app record's fingerprint when it failed: the same record is not sent again until this changes. */
	fingerprint: string;
	status: IssueStatus;
	nextRetryAt: string;
	retryRequested: boolean;
	note: string | null;
	resolvedAt: string | null;
}

export interface IssueFailure {
	resource: string;
	appId: string;
	qboId?: string;
	code: string;
	message: string;
	fix: string;
	fingerprint: string;
}

export interface IssueFilter {
	workflowId?: string;
	resources?: string[];
	statuses?: IssueStatus[];
	keys?: string[];
}

const DAY_MS = 24 * 3600_000;
const MAX_BACKOFF_DAYS = 7;
export const RESOLVED_KEPT_DAYS = 30;

export const issueKey = (workflowId: string, resource: string, appId: string): string =>
	`${workflowId}|${resource}|${appId}`;

const HOUR_MS = 3600_000;

/** After `attempts` refusals of an unchanged record: 1, 2, 4 days, then a week. */
export function nextRetryAfter(attempts: number, now: Date): string {
	const days = Math.min(MAX_BACKOFF_DAYS, 2 ** Math.max(0, attempts - 1));
	return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** A failure of this run, on top of what was stored for the record (if anything). */
export function recordFailure(
	current: IssueRecord | undefined,
	failure: IssueFailure,
	workflow: { id: string; name: string },
	now: Date,
): IssueRecord {
	const at = now.toISOString();
	const sameAttempt = current && current.status !== 'resolved';
	const attempts = sameAttempt ? current.attempts + 1 : 1;
	return {
		key: issueKey(workflow.id, failure.resource, failure.appId),
		workflowId: workflow.id,
		workflowName: workflow.name,
		resource: failure.resource,
		appId: failure.appId,
		qboId: failure.qboId ?? current?.qboId ?? null,
		code: failure.code,
		message: failure.message,
		fix: failure.fix,
		firstSeen: sameAttempt ? current.firstSeen : at,
		lastSeen: at,
		attempts,
		fingerprint: failure.fingerprint,
		// A dismissed record that changed and fails again is news: it opens again.
		status:
			current?.status === 'dismissed' && current.fingerprint === failure.fingerprint
				? 'dismissed'
				: 'open',
		nextRetryAt: nextRetryAfter(attempts, now),
		retryRequested: false,
		note: sameAttempt ? current.note : null,
		resolvedAt: null,
	};
}

/** The record was written (or found equal): its issue, if open or dismissed, is resolved. */
export function recordSuccess(current: IssueRecord, now: Date): IssueRecord {
	return { ...current, status: 'resolved', resolvedAt: now.toISOString(), retryRequested: false };
}

export type Hold = 'send' | 'waiting' | 'dismissed';

/**
 * Whether QuickBooks refused the write (its error codes are numbers; a fault without one is named by
 * its type). Other issues are found before any write (a contract error, an unlinked parent or cost
 * code): their fix is often made on another app record, so they are looked at again on every run,
 * which costs no QuickBooks write.
 */
export const refusedByQuickBooks = (code: string): boolean =>
	/^\d+$/.test(code) || /fault$/i.test(code);

const due = (issue: IssueRecord, now: Date) =>
	issue.retryRequested ||
	!refusedByQuickBooks(issue.code) ||
	Date.parse(issue.nextRetryAt) <= now.getTime();

/** Whether a record that arrived in this run goes to QuickBooks, given its stored issue. */
export function holdFor(
	issue: IssueRecord | undefined,
	recordFingerprint: string,
	now: Date,
): Hold {
	if (!issue || issue.status === 'resolved' || issue.fingerprint !== recordFingerprint)
		return 'send';
	if (issue.status === 'dismissed') return 'dismissed';
	return due(issue, now) ? 'send' : 'waiting';
}

/** Open issues whose record should be read again now (a retry asked for, found before writing, or the back-off passed). */
export function dueForRetry(issues: IssueRecord[], now: Date): IssueRecord[] {
	return issues.filter((i) => i.status === 'open' && due(i, now));
}

/**
 * A refusal that says QuickBooks wrote nothing (a validation or business rule: codes 600 to 9999,
 * not the authorisation and throttle ones), so its retry may be sent as a new request. A severe
 * one (10000+, a system fault) may have been written before it failed: its retry keeps the first
 * requestid, and QuickBooks answers with what it did then (never a second invoice).
 */
export function definiteRefusal(code: string): boolean {
	const n = /^\d+$/.test(code) ? Number(code) : Number.NaN;
	return n >= 600 && n < 10_000 && ![3001, 3100, 3200].includes(n);
}

/**
 * Per app resource, the QuickBooks lists where the fix of a refusal is usually made: a name held by
 * a vendor or employee (6240), an inactive customer or item on a document (610), an inactive
 * account, term or payment method. Not the list the resource's own push writes (its writes would
 * look like fixes). Both the hourly look and Sync Issue → Retry after a QuickBooks change use it.
 */
export const FIX_LISTS: Readonly<Record<string, readonly string[]>> = {
	customers: ['Vendor', 'Employee', 'Term'],
	locations: ['Vendor', 'Employee', 'Term'],
	items: ['Account'],
	invoices: ['Customer', 'Item', 'Term', 'Class', 'Department'],
	payments: ['Customer', 'PaymentMethod', 'Account'],
	payables: ['Vendor', 'Account', 'Item', 'Customer', 'Class'],
	'purchase-orders': ['Vendor', 'Item', 'Account', 'Customer'],
};

/** The lists whose change may fix a refusal of these app resources. */
export const fixListsOf = (resources: readonly string[]): string[] => [
	...new Set(resources.flatMap((resource) => FIX_LISTS[resource] ?? [])),
];

/** Refusals waiting for their back-off: nothing in the app changed and no retry was asked for. */
export function waitingRefusals(issues: IssueRecord[], now: Date): IssueRecord[] {
	return issues.filter((i) => i.status === 'open' && refusedByQuickBooks(i.code) && !due(i, now));
}

/** QuickBooks keeps change data capture for 30 days; a little less, so a check near the edge is not refused. */
const CHANGE_WINDOW_MS = 29 * DAY_MS;
/** Each look starts a little before the last one: QuickBooks' clock and ours differ, and a change may show late. */
const CHECK_OVERLAP_MS = 2 * 60_000;

/**
 * When to look in QuickBooks (one change-data-capture read) for a change that may fix a waiting
 * refusal, and since when: at most once an hour, only while refusals wait, from the last check or
 * the oldest refusal (less two minutes), never further back than QuickBooks keeps changes.
 * Undefined: not now.
 */
export function quickBooksCheckSince(
	waiting: IssueRecord[],
	lastCheck: string | undefined,
	now: Date,
): string | undefined {
	if (!waiting.length) return undefined;
	const oldest = Math.min(...waiting.map((i) => Date.parse(i.lastSeen)));
	const last = lastCheck ? Date.parse(lastCheck) : Number.NaN;
	const from = Number.isNaN(last) ? oldest : Math.max(last, oldest);
	if (now.getTime() - from < HOUR_MS) return undefined;
	return new Date(
		Math.max(from - CHECK_OVERLAP_MS, now.getTime() - CHANGE_WINDOW_MS),
	).toISOString();
}

export function matchesFilter(issue: IssueRecord, filter: IssueFilter): boolean {
	return (
		(!filter.workflowId || issue.workflowId === filter.workflowId) &&
		(!filter.resources?.length || filter.resources.includes(issue.resource)) &&
		(!filter.statuses?.length || filter.statuses.includes(issue.status)) &&
		(!filter.keys?.length || filter.keys.includes(issue.key))
	);
}

/** Resolved issues older than the history window are dropped. */
export function expired(issue: IssueRecord, now: Date): boolean {
	return (
		issue.status === 'resolved' &&
		!!issue.resolvedAt &&
		now.getTime() - Date.parse(issue.resolvedAt) > RESOLVED_KEPT_DAYS * DAY_MS
	);
}

/** Newest first, as the console and the list operation show them. */
export const byLastSeen = (a: IssueRecord, b: IssueRecord): number =>
	b.lastSeen.localeCompare(a.lastSeen);

/** Cursors only move forward: the later of two ISO timestamps (an unreadable one never wins). */
export function laterCursor(stored: string | undefined, candidate: string): string {
	if (!stored || Number.isNaN(Date.parse(stored))) return candidate;
	return Date.parse(candidate) > Date.parse(stored) ? candidate : stored;
}
