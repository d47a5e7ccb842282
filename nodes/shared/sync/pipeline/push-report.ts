/**
 * What a push hands back to the template, the same for every entity: one outcome per input record
 * as the app writes to make (the link and fingerprint, or the error users should see, through
 * `PUT /v1/{resource}/{id}/sync`), the issues with their fix, and a summary with the cursor the
 * next run may start from. A dry run lists every write in the summary and makes none.
 */
import type { QboJson } from '../../qbo/caller';
import type { Outcome } from './applier';
import type { ResourceName } from '../contract/schemas';
import type { PlannedAction } from './planner';
import { invalidRecords, type Raw } from './app-record';

export interface AppWrite {
	/** Index of the input item it is for. */
	item: number;
	/** PUT …/sync for links and errors; POST …/transition for a status the sync moves the record to. */
	method: 'PUT' | 'POST';
	path: string;
	resource: ResourceName;
	appId: string;
	body: Record<string, unknown>;
}

export interface SyncIssue {
	item: number;
	resource: ResourceName;
	appId?: string;
	qboId?: string;
	code: string;
	reason: string;
	fix: string;
}

export interface PushResult {
	appWrites: AppWrite[];
	issues: SyncIssue[];
	summary: Record<string, unknown>;
}

/** A dry run's outcome: what would be written, nothing sent. */
export function asPlanned<F>(action: PlannedAction<F>): Outcome {
	if (action.kind === 'issue')
		return { status: 'issue', action, reason: action.reason, fix: action.fix, code: action.code };
	if (action.kind === 'unchanged') return { status: 'unchanged', action };
	return {
		status: 'written',
		action,
		qbo: {
			Id: 'qboId' in action ? action.qboId : '(new)',
			SyncToken: 'syncToken' in action ? action.syncToken : '0',
		} as QboJson,
	};
}

export class PushReport {
	private readonly appWrites: AppWrite[] = [];
	private readonly issues: SyncIssue[] = [];
	private readonly planned: Array<Record<string, unknown>> = [];
	private readonly counts = {
		created: 0,
		updated: 0,
		deactivated: 0,
		linked: 0,
		unchanged: 0,
		issues: 0,
	};
	/** Records left out on purpose, listed with the reason (e.g. a $0 invoice), so nothing is skipped silently. */
	private readonly skipped: Array<Record<string, unknown>> = [];
	private readonly extraSummary: Record<string, unknown> = {};
	private readonly position: Map<Raw, number>;

	constructor(
		everything: Raw[],
		private readonly settings: { dryRun: boolean; now: () => string },
	) {
		this.position = new Map(everything.map((raw, i) => [raw, i]));
	}

	private link(
		item: number,
		resource: ResourceName,
		appId: string,
		body: Record<string, unknown>,
	): void {
		if (!this.settings.dryRun)
			this.appWrites.push({
				item,
				method: 'PUT',
				path: `/v1/${resource}/${appId}/sync`,
				resource,
				appId,
				body,
			});
	}

	issue(
		resource: ResourceName,
		raw: Raw,
		code: string,
		reason: string,
		fix: string,
		qboId?: string,
	): void {
		const item = this.position.get(raw) ?? 0;
		this.counts.issues++;
		const appId = typeof raw.id === 'string' ? raw.id : undefined;
		this.issues.push({
			item,
			resource,
			...(appId ? { appId } : {}),
			...(qboId ? { qboId } : {}),
			code,
			reason,
			fix,
		});
		// Users see why the record did not sync on the record itself: written once, not again on
		// every run while the record still shows the same reason.
		const syncError = `${reason} ${fix}`.slice(0, 2000);
		const shown = ((raw.sync ?? {}) as Raw).error;
		if (appId && shown !== syncError) this.link(item, resource, appId, { syncError });
	}

	invalid(raw: Raw, resource: ResourceName, problem: string): void {
		this.issue(
			resource,
			raw,
			'invalid_record',
			`input item ${this.position.get(raw) ?? 0} is not a valid app ${resource} record: ${problem}`,
			"Map the app's fields onto the app contract (docs/app-contract.md) in the field-mapping node before the engine.",
		);
	}

	/** The records that pass the app contract's checks; each other one is an issue naming its fields. */
	valid(records: Raw[], resource: ResourceName): Raw[] {
		const problems = invalidRecords(records, () => resource);
		for (const [raw, problem] of problems) this.invalid(raw, resource, problem);
		return records.filter((raw) => !problems.has(raw));
	}

	/** The input item a record came in as. */
	itemOf(raw: Raw): number {
		return this.position.get(raw) ?? 0;
	}

	/** An app write made on behalf of another step (e.g. the link of an item an invoice needed). */
	addWrite(write: AppWrite): void {
		if (!this.settings.dryRun) this.appWrites.push(write);
	}

	/** More to say in the summary (e.g. the items created for invoices). */
	addToSummary(fields: Record<string, unknown>): void {
		Object.assign(this.extraSummary, fields);
	}

	/** Records that need nothing (see unchangedSinceLastSync). */
	unchanged(count = 1): this {
		this.counts.unchanged += count;
		return this;
	}

	/** A record left out on purpose: counted as unchanged and listed with the reason in the summary. */
	skip(resource: ResourceName, raw: Raw, reason: string): void {
		this.counts.unchanged++;
		this.skipped.push({ resource, appId: String(raw.id), reason });
	}

	/**
	 * One record's outcome. `extra.link` adds fields to its link (e.g. QuickBooks' document number);
	 * `extra.then` are app writes that must follow the link (e.g. the status the sync moves it to).
	 */
	outcome(
		resource: ResourceName,
		raw: Raw,
		outcome: Outcome,
		extra: {
			link?: (written: QboJson | undefined) => Record<string, unknown>;
			then?: Array<{ method: 'POST'; path: string; body: Record<string, unknown> }>;
		} = {},
	): void {
		const appId = String(raw.id);
		const item = this.position.get(raw) ?? 0;
		const action = outcome.action;
		if (outcome.status === 'issue')
			return this.issue(
				resource,
				raw,
				outcome.code,
				outcome.reason,
				outcome.fix,
				'qboId' in action ? action.qboId : undefined,
			);
		const follow = () => {
			if (this.settings.dryRun) return;
			for (const write of extra.then ?? [])
				this.appWrites.push({ item, ...write, resource, appId });
		};
		if (action.kind === 'link') {
			// Equal in both systems, but the app record does not know it yet (found by natural key, or a stale fingerprint).
			this.counts.linked++;
			if (this.settings.dryRun)
				this.planned.push({ resource, appId, write: 'link', qboId: action.qboId });
			this.link(item, resource, appId, {
				qboId: action.qboId,
				qboSyncToken: action.syncToken,
				...extra.link?.(outcome.status === 'written' ? outcome.qbo : undefined),
				fingerprint: action.fingerprint,
				syncedAt: this.settings.now(),
				syncError: null,
			});
			return follow();
		}
		if (outcome.status === 'unchanged' || !('fingerprint' in action)) {
			this.counts.unchanged++;
			return;
		}
		if (action.kind === 'createInQuickBooks') this.counts.created++;
		else if (action.kind === 'updateQuickBooks')
			this.counts[action.deactivate ? 'deactivated' : 'updated']++;
		if (this.settings.dryRun) {
			this.planned.push({
				resource,
				appId,
				write: action.kind,
				...('body' in action ? { body: action.body } : {}),
				...('qboId' in action ? { qboId: action.qboId } : {}),
			});
			return;
		}
		this.link(item, resource, appId, {
			qboId: String(outcome.qbo.Id),
			qboSyncToken: String(outcome.qbo.SyncToken),
			...extra.link?.(outcome.qbo),
			fingerprint: action.fingerprint,
			syncedAt: this.settings.now(),
			syncError: null,
		});
		follow();
	}

	/** `deactivatedAs` names what QuickBooks' "inactive" is for the entity (invoices and payments are voided). */
	finish(
		resource: ResourceName,
		received: Raw[],
		options: { deactivatedAs?: string } = {},
	): PushResult {
		const { deactivated, ...counts } = this.counts;
		return {
			appWrites: this.appWrites,
			issues: this.issues,
			summary: {
				resource,
				direction: 'push',
				dryRun: this.settings.dryRun,
				records: received.length,
				...counts,
				[options.deactivatedAs ?? 'deactivated']: deactivated,
				...(this.skipped.length ? { skipped: this.skipped } : {}),
				...this.extraSummary,
				safeCursor: this.safeCursor(received),
				...(this.settings.dryRun ? { plannedWrites: this.planned } : {}),
			},
		};
	}

	/**
	 * How far the next run may skip: past every record handled. A record with an issue is kept in the
	 * issue queue and read again by id when its retry is due; one the queue cannot hold (no app id)
	 * holds the cursor instead, so it is read again.
	 */
	private safeCursor(received: Raw[]): string | null {
		const times = (records: Raw[]) =>
			records
				.map((r) => String(r.updatedAt ?? ''))
				.filter((t) => !Number.isNaN(Date.parse(t)))
				.sort((a, b) => Date.parse(a) - Date.parse(b));
		const withIssues = new Set(this.issues.filter((i) => !i.appId).map((i) => i.item));
		const blocked = times(received.filter((r) => withIssues.has(this.position.get(r) ?? -1)));
		if (blocked.length) return blocked[0]; // updatedSince is inclusive: that record is read again
		return times(received).at(-1) ?? null;
	}
}
