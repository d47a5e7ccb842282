/**
 * What a pull hands back to the template, the same for every entity: the app writes in order
 * (`POST` with the link to write under the id the app gives the new record, `PATCH` with the
 * record's version, `PUT …/sync`), the issues with their fix, and a summary whose cursor never
 * passes a QuickBooks record with an issue.
 */
import type { QboJson } from '../../qbo/caller';
import type { ResourceName } from '../contract/schemas';
import type { PlannedAction } from './planner';
import type { Raw } from './app-record';

export interface AppChange {
	method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	path: string;
	resource: ResourceName;
	appId?: string;
	/** The QuickBooks record the write is about (none for an issue shown on a record that has no link). */
	qboId?: string;
	body: Record<string, unknown>;
	/** For a POST: the `PUT /v1/{resource}/{new id}/sync` body to write once the app answered with the id. */
	link?: Record<string, unknown>;
	/** For a POST: a write to make after the link, at `/v1/{resource}/{new id}{then.path}` (an imported invoice moves to unpaid). */
	then?: { method: 'POST'; path: string; body: Record<string, unknown> };
}

export interface PullIssue {
	resource: ResourceName;
	appId?: string;
	qboId?: string;
	code: string;
	reason: string;
	fix: string;
}

export interface PullResult {
	appChanges: AppChange[];
	issues: PullIssue[];
	summary: Record<string, unknown>;
}

export class PullReport {
	protected readonly result: PullResult = { appChanges: [], issues: [], summary: {} };
	protected readonly counts = {
		created: 0,
		updated: 0,
		linked: 0,
		unchanged: 0,
		issues: 0,
		deleted: 0,
	};
	private readonly blockedAt: string[] = [];
	protected readonly appById: Map<string, Raw>;
	private updatedAt = new Map<string, string>();
	/** QuickBooks ids linked from input records that failed the contract's checks: never created in the app a second time. */
	private readonly heldByInvalid = new Set<string>();
	private readonly skipped: Array<Record<string, unknown>> = [];
	private readonly waiting: Array<Record<string, unknown>> = [];
	private read = 0;
	private covered?: string;

	constructor(
		app: Raw[],
		protected readonly now: () => string,
	) {
		this.appById = new Map(app.map((r) => [String(r.id), r]));
	}

	/** The QuickBooks records this run read (for the cursor). */
	changed(records: QboJson[]): void {
		this.read += records.length;
		for (const q of records)
			this.updatedAt.set(String(q.Id), String(q.MetaData?.LastUpdatedTime ?? ''));
	}

	/**
	 * Every QuickBooks change before this time was read (a run that reads everything changed since
	 * the cursor, deletions included): the cursor may move here even when nothing changed.
	 */
	coveredUntil(time: string): void {
		this.covered = time;
	}

	invalid(resource: ResourceName, raw: Raw, problem: string): void {
		this.counts.issues++;
		if (typeof raw.qboId === 'string') this.heldByInvalid.add(raw.qboId);
		this.result.issues.push({
			resource,
			...(typeof raw.id === 'string' ? { appId: raw.id } : {}),
			code: 'invalid_record',
			reason: `an input item is not a valid app ${resource} record: ${problem}`,
			fix: "Map the app's fields onto the app contract before the engine.",
		});
	}

	/** A QuickBooks record left out on purpose, counted as unchanged and listed with the reason in the summary. */
	skip(resource: ResourceName, qboId: string, reason: string): void {
		this.counts.unchanged++;
		this.skipped.push({ resource, qboId, reason });
	}

	/**
	 * A QuickBooks record that waits for the next run, which needs a record this run creates (a
	 * sub-customer whose parent arrives now): listed in the summary, not an issue; the cursor stays
	 * before it so the next run reads it again.
	 */
	wait(resource: ResourceName, qboId: string, reason: string): void {
		this.waiting.push({ resource, qboId, reason });
		this.blockedAt.push(this.updatedAt.get(qboId) ?? '');
	}

	/**
	 * An app record to delete (with its version), e.g. a payment voided or changed in QuickBooks;
	 * with `fingerprint`, the deleted record's fingerprint is stored, so later runs know it is handled.
	 */
	remove(
		resource: ResourceName,
		appId: string,
		version: number,
		qboId: string,
		fingerprint?: string,
	): void {
		this.counts.deleted++;
		this.result.appChanges.push({
			method: 'DELETE',
			path: `/v1/${resource}/${appId}?version=${version}`,
			resource,
			appId,
			qboId,
			body: {},
		});
		if (fingerprint)
			this.result.appChanges.push({
				method: 'PUT',
				path: `/v1/${resource}/${appId}/sync`,
				resource,
				appId,
				qboId,
				body: { fingerprint, syncedAt: this.now(), syncError: null },
			});
	}

	/** The `PUT …/sync` body that links an app record to its QuickBooks record. */
	protected linkBody(
		qboId: string,
		syncToken: string,
		fingerprint: string,
	): Record<string, unknown> {
		return { qboId, qboSyncToken: syncToken, fingerprint, syncedAt: this.now(), syncError: null };
	}

	action<F>(resource: ResourceName, action: PlannedAction<F>): void {
		const link = (qboId: string, syncToken: string, fingerprint: string) =>
			this.linkBody(qboId, syncToken, fingerprint);
		const out = this.result.appChanges;
		if (action.kind === 'issue') {
			this.counts.issues++;
			this.result.issues.push({
				resource,
				...(action.appId ? { appId: action.appId } : {}),
				...(action.qboId ? { qboId: action.qboId } : {}),
				code: action.code,
				reason: action.reason,
				fix: action.fix,
			});
			for (const id of action.candidates ?? (action.qboId ? [action.qboId] : []))
				this.blockedAt.push(this.updatedAt.get(id) ?? '');
		} else if (action.kind === 'createInApp' && this.heldByInvalid.has(action.qboId)) {
			// Its app record exists but is invalid (reported above): fixed, it is updated; it is not created twice.
			this.counts.unchanged++;
		} else if (action.kind === 'createInApp') {
			this.counts.created++;
			out.push({
				method: 'POST',
				path: `/v1/${resource}`,
				resource,
				qboId: action.qboId,
				body: action.body,
				link: { ...link(action.qboId, action.syncToken, action.fingerprint), ...action.linkExtra },
				...(action.then ? { then: action.then } : {}),
			});
		} else if (action.kind === 'updateApp') {
			this.counts.updated++;
			out.push({
				method: 'PATCH',
				path: `/v1/${resource}/${action.appId}`,
				resource,
				appId: action.appId,
				qboId: action.qboId,
				body: { ...action.body, version: this.appById.get(action.appId)?.version },
			});
			out.push({
				method: 'PUT',
				path: `/v1/${resource}/${action.appId}/sync`,
				resource,
				appId: action.appId,
				qboId: action.qboId,
				body: link(action.qboId, action.syncToken, action.fingerprint),
			});
		} else if (action.kind === 'link') {
			this.counts.linked++;
			out.push({
				method: 'PUT',
				path: `/v1/${resource}/${action.appId}/sync`,
				resource,
				appId: action.appId,
				qboId: action.qboId,
				body: link(action.qboId, action.syncToken, action.fingerprint),
			});
		} else if (action.kind === 'unchanged') {
			this.counts.unchanged++;
		}
	}

	finish(resource: ResourceName, since: string | undefined): PullResult {
		const sorted = (list: string[]) =>
			list
				.filter((t) => !Number.isNaN(Date.parse(t)))
				.sort((a, b) => Date.parse(a) - Date.parse(b));
		const cursor = this.blockedAt.length
			? sorted(this.blockedAt)[0]
			: (sorted([...this.updatedAt.values(), ...(this.covered ? [this.covered] : [])]).at(-1) ??
				since ??
				null);
		this.result.summary = {
			resource,
			direction: 'pull',
			quickBooksRecords: this.read,
			...this.counts,
			...(this.skipped.length ? { skipped: this.skipped } : {}),
			...(this.waiting.length ? { waiting: this.waiting } : {}),
			safeCursor:
				cursor && !Number.isNaN(Date.parse(cursor))
					? new Date(Date.parse(cursor)).toISOString()
					: cursor,
		};
		return this.result;
	}
}
