/**
 * What a two-way run hands back: the pull's app writes in order (`POST` with its link, `PATCH`
 * with the version, `PUT …/sync`), plus the links of the records written to QuickBooks, the
 * issues (also shown on the app record), every conflict with its winner and why, and a summary
 * that counts each system's writes apart. A dry run lists every write and makes none.
 */
import type { QboJson } from '../../qbo/caller';
import type { Outcome } from './applier';
import type { Conflict } from './decide';
import type { ResourceName } from '../contract/schemas';
import type { Fingerprint } from './fingerprint';
import type { PlannedAction } from './planner';
import { PullReport, type PullResult } from './pull-report';
import type { Raw } from './app-record';

export class TwoWayReport extends PullReport {
	private readonly quickBooks: Record<string, number>;
	private readonly conflicts: Array<Record<string, unknown>> = [];
	private readonly planned: Array<Record<string, unknown>> = [];

	constructor(
		app: Raw[],
		now: () => string,
		private readonly dryRun: boolean,
		/** What QuickBooks' "inactive" is called for this entity: documents are deleted, not deactivated. */
		private readonly deactivatedAs = 'deactivated',
	) {
		super(app, now);
		this.quickBooks = { created: 0, updated: 0, [deactivatedAs]: 0 };
	}

	private conflict(
		resource: ResourceName,
		appId: string,
		qboId: string | undefined,
		conflict: Conflict | undefined,
	): void {
		if (conflict)
			this.conflicts.push({
				resource,
				appId,
				...(qboId ? { qboId } : {}),
				winner: conflict.winner,
				why: conflict.why,
			});
	}

	override action<F>(resource: ResourceName, action: PlannedAction<F>): void {
		if (action.kind === 'updateApp')
			this.conflict(resource, action.appId, action.qboId, action.conflict);
		super.action(resource, action);
		// Users see why the record did not sync on the record itself (written once, not again on every run).
		if (action.kind === 'issue' && action.appId) {
			const syncError = `${action.reason} ${action.fix}`.slice(0, 2000);
			const shown = ((this.appById.get(action.appId)?.sync ?? {}) as Raw).error;
			if (shown !== syncError)
				this.result.appChanges.push({
					method: 'PUT',
					path: `/v1/${resource}/${action.appId}/sync`,
					resource,
					appId: action.appId,
					...(action.qboId ? { qboId: action.qboId } : {}),
					body: { syncError },
				});
		}
	}

	/**
	 * An app record that was never in QuickBooks and stays out of it (inactive or deleted): its
	 * fingerprint is stored so that later runs know it is unchanged and do not read QuickBooks for it.
	 */
	seen(resource: ResourceName, appId: string, fingerprint: Fingerprint): void {
		this.counts.unchanged++;
		this.result.appChanges.push({
			method: 'PUT',
			path: `/v1/${resource}/${appId}/sync`,
			resource,
			appId,
			body: { fingerprint, syncedAt: this.now(), syncError: null },
		});
	}

	/** A QuickBooks write made (or, in a dry run, planned) for an app record; `linkExtra` adds to its link (QuickBooks' number). */
	applied(
		resource: ResourceName,
		outcome: Outcome,
		linkExtra: (written: QboJson) => Record<string, unknown> = () => ({}),
	): void {
		const action = outcome.action;
		if (outcome.status === 'issue') {
			const qboId = 'qboId' in action ? action.qboId : undefined;
			return this.action(resource, {
				kind: 'issue',
				appId: 'appId' in action ? action.appId : undefined,
				...(qboId ? { qboId } : {}),
				code: outcome.code,
				reason: outcome.reason,
				fix: outcome.fix,
			});
		}
		if (
			outcome.status !== 'written' ||
			(action.kind !== 'createInQuickBooks' && action.kind !== 'updateQuickBooks')
		)
			return this.action(resource, action);
		if (action.kind === 'createInQuickBooks') this.quickBooks.created++;
		else {
			this.quickBooks[action.deactivate ? this.deactivatedAs : 'updated']++;
			this.conflict(resource, action.appId, action.qboId, action.conflict);
		}
		if (this.dryRun) {
			this.planned.push({
				resource,
				appId: action.appId,
				write: action.kind,
				body: action.body,
				...('qboId' in action ? { qboId: action.qboId } : {}),
			});
			return;
		}
		const qboId = String(outcome.qbo.Id);
		this.result.appChanges.push({
			method: 'PUT',
			path: `/v1/${resource}/${action.appId}/sync`,
			resource,
			appId: action.appId,
			qboId,
			body: {
				...this.linkBody(qboId, String(outcome.qbo.SyncToken), action.fingerprint),
				...linkExtra(outcome.qbo),
			},
		});
	}

	override finish(resource: ResourceName, since: string | undefined): PullResult {
		const result = super.finish(resource, since);
		const {
			created,
			updated,
			deleted,
			linked,
			unchanged,
			issues,
			quickBooksRecords,
			safeCursor,
			skipped,
		} = result.summary;
		result.summary = {
			resource,
			direction: 'twoWay',
			dryRun: this.dryRun,
			quickBooksRecords,
			app: { created, updated, ...(deleted ? { deleted } : {}) },
			quickBooks: { ...this.quickBooks },
			linked,
			unchanged,
			issues,
			conflicts: this.conflicts,
			...(skipped ? { skipped } : {}),
			safeCursor,
		};
		if (this.dryRun) {
			// Nothing is written in either system: every write is listed instead.
			const appWrites = result.appChanges.map(({ method, path, body }) => ({
				write: method,
				path,
				body,
			}));
			result.summary.plannedWrites = [...this.planned, ...appWrites];
			result.appChanges = [];
		}
		return result;
	}
}
