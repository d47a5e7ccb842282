/**
 * Turns both sides of one entity into a plan: one action per record, each with what to write, a
 * deterministic `requestid` (company + entity + record + fingerprint: a re-run or an overlapping
 * run of the same change cannot create twice) and, for issues, the reason and the fix. The plan
 * is what a dry run outputs; the applier carries it out.
 */
import { requestIdFor } from '../../qbo/request-id';
import type { QboJson } from '../../qbo/caller';
import { decide, type ConflictPolicy, type Conflict, type Direction } from './decide';
import { fingerprint, type Fingerprint } from './fingerprint';
import { matchAll, type MatchKey, type MatchResult } from './matcher';

/** Something in a record that cannot be written, with where it is and how to fix it. */
export interface FieldProblem {
	field: string;
	reason: string;
	fix: string;
}

/** An app record in the neutral shape of its entity. */
export interface AppSide<F> {
	id: string;
	fields: F;
	updatedAt: string;
	/** The linked QBO id (`qboId`). */
	link?: string | null;
	/** `sync.fingerprint` written at the last sync. */
	lastSynced?: Fingerprint | null;
	deleted?: boolean;
}

/** A QBO record in the neutral shape of its entity. */
export interface QboSide<F> {
	id: string;
	syncToken: string;
	fields: F;
	updatedAt: string;
}

export interface EntityAdapter<F> {
	/** QBO entity name: Customer, Item. */
	entity: string;
	describeApp(record: AppSide<F>): string;
	describeQbo(record: QboSide<F>): string;
	/** Natural keys, in the order tried. */
	keys: Array<MatchKey<F, F>>;
	requireFirstKey?: boolean;
	/** The name that must be unique in QBO. */
	name(fields: F): string;
	/** What QBO would refuse, checked before any write. */
	problems(fields: F): FieldProblem[];
	/** `create` is set for a new QBO record (some fields, like an inventory item's opening quantity, go only on creation). */
	toQbo(fields: F, create?: { appId: string }): QboJson;
	toApp(fields: F): Record<string, unknown>;
	isActive(fields: F): boolean;
}

export type PlannedAction<F> =
	| {
			kind: 'createInQuickBooks';
			appId: string;
			body: QboJson;
			requestId: string;
			fingerprint: Fingerprint;
			fields: F;
	  }
	| {
			kind: 'updateQuickBooks';
			appId: string;
			qboId: string;
			syncToken: string;
			body: QboJson;
			requestId: string;
			fingerprint: Fingerprint;
			deactivate: boolean;
			conflict?: Conflict;
	  }
	/** `then`: a write to make on the new record once it is linked (its path below `/v1/{resource}/{new id}`), e.g. a status transition. */
	| {
			kind: 'createInApp';
			qboId: string;
			syncToken: string;
			body: Record<string, unknown>;
			fingerprint: Fingerprint;
			linkExtra?: Record<string, unknown>;
			then?: { method: 'POST'; path: string; body: Record<string, unknown> };
	  }
	| {
			kind: 'updateApp';
			appId: string;
			qboId: string;
			syncToken: string;
			body: Record<string, unknown>;
			fingerprint: Fingerprint;
			conflict?: Conflict;
	  }
	/** Already equal: only the link and fingerprint are (re)written on the app record. */
	| {
			kind: 'link';
			appId: string;
			qboId: string;
			syncToken: string;
			fingerprint: Fingerprint;
			matchedBy?: string;
	  }
	| { kind: 'unchanged'; appId?: string; qboId?: string; reason: string }
	| {
			kind: 'issue';
			appId?: string;
			qboId?: string;
			code: string;
			reason: string;
			fix: string;
			candidates?: string[];
	  };

export interface PlanOptions extends IdempotencyScope {
	direction: Direction;
	conflictPolicy: ConflictPolicy;
	/** Pushes: create QBO records for app records that match none (otherwise they are issues). */
	createInQuickBooks: boolean;
	/** Pulls: create app records for QBO records that match none. */
	createInApp: boolean;
}

/** Whose writes a requestid belongs to; see requestIdOf. */
export interface IdempotencyScope {
	realmId: string;
	/**
	 * Per app record id: which retry of a write QuickBooks refused this is, when the record is sent
	 * again unchanged. QuickBooks answers a repeated requestid with its first answer (quickbooks-api-notes.md §3: the
	 * same response as the original request), so without it a retry would only replay the refusal.
	 */
	retryRounds?: Readonly<Record<string, number>>;
}

/**
 * The requestid of a write: the same for the same company, entity, record and fingerprint, so a
 * re-run or an overlapping run is answered from QuickBooks' memory instead of writing twice; a retry
 * of a refused write (retryRounds) gets its own, the same for every run that retries it.
 */
export function requestIdOf(
	scope: IdempotencyScope,
	entity: string,
	appId: string,
	print: Fingerprint,
	issueId = appId,
): string {
	const round = scope.retryRounds?.[issueId];
	return requestIdFor(
		`${scope.realmId}:${entity}:${appId}:${print}${round ? `:retry-${round}` : ''}`,
	);
}

/** The issue of a record whose own fields QuickBooks would refuse, with each field's fix. */
export function problemsIssue<F>(
	adapter: EntityAdapter<F>,
	record: AppSide<F>,
	problems: FieldProblem[],
): PlannedAction<F> {
	return {
		kind: 'issue',
		appId: record.id,
		code: 'refused',
		reason: `${adapter.describeApp(record)} cannot be written to QuickBooks: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
		fix: problems.map((p) => p.fix).join(' '),
	};
}

export function matchOptions<F>(adapter: EntityAdapter<F>, allowCreate: boolean) {
	return {
		linkOf: (r: AppSide<F>) => r.link ?? undefined,
		idOf: (t: QboSide<F>) => t.id,
		keys: adapter.keys.map((k) => ({
			label: k.label,
			source: (r: AppSide<F>) => k.source(r.fields),
			target: (t: QboSide<F>) => k.target(t.fields),
		})),
		requireFirstKey: adapter.requireFirstKey,
		allowCreate,
		uniqueName: {
			source: (r: AppSide<F>) => adapter.name(r.fields),
			target: (t: QboSide<F>) => adapter.name(t.fields),
		},
		describe: adapter.describeApp,
		describeTarget: adapter.describeQbo,
	};
}

/** What becomes of an app record QuickBooks has no match for: created, unless inactive or refused. */
export function creation<F extends object>(
	adapter: EntityAdapter<F>,
	record: AppSide<F>,
	scope: IdempotencyScope,
): PlannedAction<F> {
	if (!adapter.isActive(record.fields))
		return {
			kind: 'unchanged',
			appId: record.id,
			reason: `${adapter.describeApp(record)} is inactive or deleted in the app and was never in QuickBooks: not created`,
		};
	const problems = adapter.problems(record.fields);
	if (problems.length) return problemsIssue(adapter, record, problems);
	const print = fingerprint(record.fields as Record<string, unknown>);
	return {
		kind: 'createInQuickBooks',
		appId: record.id,
		body: adapter.toQbo(record.fields, { appId: record.id }),
		requestId: requestIdOf(scope, adapter.entity, record.id, print),
		fingerprint: print,
		fields: record.fields,
	};
}

/** One action per app record (pushes and two-way) and one per unmatched QBO record (pulls and two-way). */
export function plan<F extends object>(
	adapter: EntityAdapter<F>,
	app: AppSide<F>[],
	quickbooks: QboSide<F>[],
	options: PlanOptions,
): Array<PlannedAction<F>> {
	const pushes = options.direction !== 'pull';
	const matches: Array<MatchResult<QboSide<F>>> = matchAll(
		app,
		quickbooks,
		matchOptions(adapter, pushes ? options.createInQuickBooks : false),
	);
	const actions: Array<PlannedAction<F>> = [];
	const pairedQbo = new Set<string>();

	app.forEach((record, i) => {
		const match = matches[i];
		if (match.kind === 'issue') {
			// A pull does not need an app record to match: its QBO record is handled below (created or reported).
			if (!pushes && match.issue.code === 'not_found')
				return void actions.push({
					kind: 'unchanged',
					appId: record.id,
					reason: `${adapter.describeApp(record)} is not in QuickBooks; a pull leaves it as it is`,
				});
			actions.push({ kind: 'issue', appId: record.id, ...match.issue });
			if (match.issue.candidates) for (const id of match.issue.candidates) pairedQbo.add(id);
			return;
		}
		const appPrint = fingerprint(record.fields as Record<string, unknown>);
		if (match.kind === 'new') return void actions.push(creation(adapter, record, options));
		const target = match.target;
		pairedQbo.add(target.id);
		const qboPrint = fingerprint(target.fields as Record<string, unknown>);
		const decision = decide(options.direction, options.conflictPolicy, {
			app: appPrint,
			quickbooks: qboPrint,
			lastSynced: match.kind === 'linked' ? record.lastSynced : undefined,
			appUpdatedAt: record.updatedAt,
			quickbooksUpdatedAt: target.updatedAt,
		});
		if (decision.action === 'unchanged') {
			const needsLink = match.kind === 'matched' || decision.relink;
			actions.push(
				needsLink
					? {
							kind: 'link',
							appId: record.id,
							qboId: target.id,
							syncToken: target.syncToken,
							fingerprint: appPrint,
							...(match.kind === 'matched' ? { matchedBy: match.by } : {}),
						}
					: {
							kind: 'unchanged',
							appId: record.id,
							qboId: target.id,
							reason: 'the same in both systems',
						},
			);
			return;
		}
		if (decision.action === 'push') {
			const problems = adapter.problems(record.fields);
			if (problems.length) return void actions.push(problemsIssue(adapter, record, problems));
			const deactivate = !adapter.isActive(record.fields) && adapter.isActive(target.fields);
			actions.push({
				kind: 'updateQuickBooks',
				appId: record.id,
				qboId: target.id,
				syncToken: target.syncToken,
				body: adapter.toQbo(record.fields),
				requestId: requestIdOf(options, adapter.entity, record.id, appPrint),
				fingerprint: appPrint,
				deactivate,
				...(decision.conflict ? { conflict: decision.conflict } : {}),
			});
			return;
		}
		actions.push({
			kind: 'updateApp',
			appId: record.id,
			qboId: target.id,
			syncToken: target.syncToken,
			body: adapter.toApp(target.fields),
			fingerprint: qboPrint,
			...(decision.conflict ? { conflict: decision.conflict } : {}),
		});
	});

	if (options.direction !== 'push') {
		for (const target of quickbooks) {
			if (pairedQbo.has(target.id)) continue;
			if (!options.createInApp) {
				actions.push({
					kind: 'unchanged',
					qboId: target.id,
					reason: `${adapter.describeQbo(target)} has no app record and creating app records is off`,
				});
				continue;
			}
			actions.push({
				kind: 'createInApp',
				qboId: target.id,
				syncToken: target.syncToken,
				body: adapter.toApp(target.fields),
				fingerprint: fingerprint(target.fields as Record<string, unknown>),
			});
		}
	}
	return actions;
}
