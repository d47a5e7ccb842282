/**
 * Change data capture from a per-company watermark, for the webhook trigger's catch-up and the
 * polling trigger. The watermark is the newest LastUpdatedTime emitted; each read starts a little
 * before it (QBO's times have whole seconds and a change can become visible after a later one),
 * and the versions already emitted inside that overlap are remembered so none is emitted twice.
 * The caller saves the returned cursor only together with the emitted changes.
 */
import type { QboCall, QboJson } from '../qbo/caller';
import { CDC_MAX_DAYS, readChanges, type Change } from '../qbo/cdc';
import type { EntityChange, Operation } from './intuit-events';

export interface RealmCursor {
	/** ISO-8601: changes up to here were emitted. */
	since: string;
	/** Versions emitted at or after `since - OVERLAP_MS`, as `entity:id:lastUpdated:deleted`. */
	seen: string[];
	/**
	 * A cursor that starts at a point in time (activation, backfill, "Resume From") has emitted
	 * nothing yet: changes before this time are not emitted although the overlap reads them.
	 */
	emitFrom?: string;
}

/** How far before the watermark each read starts. Not from Intuit (it documents no visibility lag): a safe margin. */
export const OVERLAP_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

/** CDC does not cover these (quickbooks-api-notes.md §5): they can only come from webhook events. */
export const NOT_IN_CDC = new Set([
	'JournalCode',
	'TaxAgency',
	'TimeActivity',
	'TaxCode',
	'TaxRate',
]);

export class CatchUpGapError extends Error {
	constructor(
		readonly realmId: string,
		readonly since: string,
		readonly entities: string[],
		nowMs: number,
	) {
		const days = Math.floor((nowMs - Date.parse(since)) / DAY_MS);
		const lostFrom = since;
		const lostTo = new Date(nowMs - CDC_MAX_DAYS * DAY_MS).toISOString();
		super(
			`Company ${realmId}: the last change read was at ${since}, ${days} days ago, and QuickBooks keeps changes for only ${CDC_MAX_DAYS} days. ` +
				`Changes to ${entities.join(', ')} made between ${lostFrom} and ${lostTo} can no longer be read as changes. ` +
				`To resync: run a full read of those entities (QuickBooks Sync → Get Many, or the sync template's full sync), then set this trigger's "Resume From" to a time within the last ${CDC_MAX_DAYS} days (for example now) and save.`,
		);
	}
}

const versionKey = (c: Change) => `${c.entity}:${c.id}:${c.lastUpdated}:${c.deleted ? 'D' : 'U'}`;

/**
 * CDC has no operation: a deletion is a stub; an object created after the cursor (and never
 * emitted before) is a creation, even if it was edited again before this read; the rest are updates.
 */
function operationOf(change: Change, sinceMs: number, emittedBefore: Set<string>): Operation {
	if (change.deleted) return 'Delete';
	const created = Date.parse((change.object as QboJson | undefined)?.MetaData?.CreateTime ?? '');
	const isNew =
		!Number.isNaN(created) &&
		Math.floor(created / 1000) >= Math.floor(sinceMs / 1000) &&
		!emittedBefore.has(`${change.entity}:${change.id}`);
	return isNew ? 'Create' : 'Update';
}

function toIso(value: string, fallback: string): string {
	const at = Date.parse(value);
	return Number.isNaN(at) ? fallback : new Date(at).toISOString();
}

/**
 * QBO stamps changes with its own clock. A change made just after activation must not be skipped
 * because QBO's clock is a little behind n8n's: a start emits from a few seconds earlier.
 */
export const CLOCK_SKEW_MS = 10_000;

export function initialCursor(nowMs: number, backfillDays = 0): RealmCursor {
	const since = new Date(nowMs - backfillDays * DAY_MS).toISOString();
	return { since, seen: [], emitFrom: new Date(Date.parse(since) - CLOCK_SKEW_MS).toISOString() };
}

/** Whole seconds, as QBO stamps changes: a change in the same second as `emitFrom` is emitted. */
const secondOf = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The changes after the cursor, oldest first, and the cursor to save once they are emitted.
 * `hints` (webhook events of this delivery) give the exact operation and event id where they match.
 */
export async function readSince(
	call: QboCall,
	options: {
		realmId: string;
		entities: string[];
		cursor: RealmCursor;
		nowMs: number;
		hints?: EntityChange[];
	},
): Promise<{ changes: EntityChange[]; cursor: RealmCursor }> {
	const { realmId, cursor, nowMs } = options;
	const entities = options.entities.filter((e) => !NOT_IN_CDC.has(e));
	const sinceMs = Date.parse(cursor.since);
	if (Number.isNaN(sinceMs))
		throw new Error(
			`The saved watermark "${cursor.since}" is not a date; set "Resume From" to restart.`,
		);
	if (nowMs - sinceMs > CDC_MAX_DAYS * DAY_MS)
		throw new CatchUpGapError(realmId, cursor.since, entities, nowMs);
	if (entities.length === 0) return { changes: [], cursor };
	// Never ask for more than 30 days back, even with the overlap.
	const readFrom = Math.max(sinceMs - OVERLAP_MS, nowMs - CDC_MAX_DAYS * DAY_MS + 60_000);
	const { changes } = await readChanges(call, entities, new Date(readFrom).toISOString(), {
		nowMs,
	});
	const seen = new Set(cursor.seen);
	const emitFrom = cursor.emitFrom ? secondOf(cursor.emitFrom) : -Infinity;
	const fresh = changes.filter(
		(c) => !seen.has(versionKey(c)) && secondOf(c.lastUpdated) >= emitFrom,
	);

	const emittedBefore = new Set(cursor.seen.map((key) => key.split(':').slice(0, 2).join(':')));
	const hints = new Map(
		(options.hints ?? [])
			.filter((h) => h.realmId === realmId)
			.map((h) => [`${h.entity}:${h.id}`, h]),
	);
	const emitted: EntityChange[] = fresh.map((c) => {
		const occurredAt = toIso(c.lastUpdated, new Date(nowMs).toISOString());
		const hint = hints.get(`${c.entity}:${c.id}`);
		return {
			realmId,
			entity: c.entity,
			id: c.id,
			operation:
				hint && (hint.operation === 'Delete') === c.deleted
					? hint.operation
					: operationOf(c, sinceMs, emittedBefore),
			occurredAt,
			eventId: hint?.eventId ?? `cdc:${realmId}:${versionKey(c)}`,
			...(hint?.deletedId ? { deletedId: hint.deletedId } : {}),
			...(c.object ? { record: c.object } : {}),
		};
	});

	// The read covered everything up to now: even without changes the watermark moves to now less
	// the overlap, so a quiet company never drifts past the 30-day window.
	const newestChange = Math.max(
		...changes.map((c) => Date.parse(c.lastUpdated)).filter((n) => !Number.isNaN(n)),
		-Infinity,
	);
	const newestMs = Math.max(sinceMs, newestChange, nowMs - OVERLAP_MS);
	const keepFrom = newestMs - OVERLAP_MS;
	const keep = changes.filter((c) => Date.parse(c.lastUpdated) >= keepFrom).map(versionKey);
	return {
		changes: emitted,
		cursor: { since: new Date(newestMs).toISOString(), seen: [...new Set(keep)] },
	};
}
