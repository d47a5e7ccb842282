/**
 * What a pull hands back to the template, the same for every entity: the app writes in order
 * (`POST` with the link to write under the id the app gives the new record, `PATCH` with the
 * record's version, `PUT …/sync`), the issues with their fix, and a summary whose cursor never
 * passes a QuickBooks record with an issue.
 */
import type { QboJson } from '../qbo/caller';
import type { ResourceName } from './contract';
import type { PlannedAction } from './planner';
import type { Raw } from './push-report';

export interface AppChange {
	method: 'POST' | 'PATCH' | 'PUT';
	path: string;
	resource: ResourceName;
	appId?: string;
	qboId: string;
	body: Record<string, unknown>;
	/** For a POST: the `PUT /v1/{resource}/{new id}/sync` body to write once the app answered with the id. */
	link?: Record<string, unknown>;
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
	private readonly result: PullResult = { appChanges: [], issues: [], summary: {} };
	private readonly counts = { created: 0, updated: 0, linked: 0, unchanged: 0, issues: 0 };
	private readonly blockedAt: string[] = [];
	private readonly appById: Map<string, Raw>;
	private updatedAt = new Map<string, string>();
	private read = 0;

	constructor(
		app: Raw[],
		private readonly now: () => string,
	) {
		this.appById = new Map(app.map((r) => [String(r.id), r]));
	}

	/** The QuickBooks records this run read (for the cursor). */
	changed(records: QboJson[]): void {
		this.read += records.length;
		for (const q of records) this.updatedAt.set(String(q.Id), String(q.MetaData?.LastUpdatedTime ?? ''));
	}

	invalid(resource: ResourceName, raw: Raw, problem: string): void {
		this.counts.issues++;
		this.result.issues.push({ resource, ...(typeof raw.id === 'string' ? { appId: raw.id } : {}), code: 'invalid_record', reason: `an input item is not a valid app ${resource} record: ${problem}`, fix: "Map the app's fields onto the app contract before the engine." });
	}

	action<F>(resource: ResourceName, action: PlannedAction<F>): void {
		const link = (qboId: string, syncToken: string, fingerprint: string) => ({ qboId, qboSyncToken: syncToken, fingerprint, syncedAt: this.now(), syncError: null });
		const out = this.result.appChanges;
		if (action.kind === 'issue') {
			this.counts.issues++;
			this.result.issues.push({ resource, ...(action.appId ? { appId: action.appId } : {}), ...(action.qboId ? { qboId: action.qboId } : {}), code: action.code, reason: action.reason, fix: action.fix });
			for (const id of action.candidates ?? (action.qboId ? [action.qboId] : [])) this.blockedAt.push(this.updatedAt.get(id) ?? '');
		} else if (action.kind === 'createInApp') {
			this.counts.created++;
			out.push({ method: 'POST', path: `/v1/${resource}`, resource, qboId: action.qboId, body: action.body, link: link(action.qboId, action.syncToken, action.fingerprint) });
		} else if (action.kind === 'updateApp') {
			this.counts.updated++;
			out.push({ method: 'PATCH', path: `/v1/${resource}/${action.appId}`, resource, appId: action.appId, qboId: action.qboId, body: { ...action.body, version: this.appById.get(action.appId)?.version } });
			out.push({ method: 'PUT', path: `/v1/${resource}/${action.appId}/sync`, resource, appId: action.appId, qboId: action.qboId, body: link(action.qboId, action.syncToken, action.fingerprint) });
		} else if (action.kind === 'link') {
			this.counts.linked++;
			out.push({ method: 'PUT', path: `/v1/${resource}/${action.appId}/sync`, resource, appId: action.appId, qboId: action.qboId, body: link(action.qboId, action.syncToken, action.fingerprint) });
		} else if (action.kind === 'unchanged') {
			this.counts.unchanged++;
		}
	}

	finish(resource: ResourceName, since: string | undefined): PullResult {
		const sorted = (list: string[]) => list.filter((t) => !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b));
		const cursor = this.blockedAt.length ? sorted(this.blockedAt)[0] : (sorted([...this.updatedAt.values()]).at(-1) ?? since ?? null);
		this.result.summary = { resource, direction: 'pull', quickBooksRecords: this.read, ...this.counts, safeCursor: cursor && !Number.isNaN(Date.parse(cursor)) ? new Date(Date.parse(cursor)).toISOString() : cursor };
		return this.result;
	}
}
