/**
 * What a trigger remembers between deliveries: event ids already emitted (a bounded window, so
 * retried deliveries are emitted once) and a CDC cursor per company. It is saved in the
 * workflow's static data, i.e. n8n's own database, which survives restarts but keeps only the
 * last writer when executions overlap (measured: docs/sync-state.md). So work on one trigger is serialised in
 * this process, and the freshest copy (highest revision) of memory and database is used: an
 * overlapping delivery can then never read a state older than the one before it.
 */
import { initialCursor, type RealmCursor } from './catch-up';

export interface TriggerState {
	revision: number;
	/** Newest last. */
	seenEvents: string[];
	cursors: Record<string, RealmCursor>;
	/** "Resume From" as it was when it last moved a cursor, so one setting resets once. */
	resumedFrom?: string;
}

export const MAX_SEEN_EVENTS = 10_000;

export function emptyState(): TriggerState {
	return { revision: 0, seenEvents: [], cursors: {} };
}

function isState(value: unknown): value is TriggerState {
	const v = value as TriggerState | undefined;
	return (
		!!v &&
		typeof v.revision === 'number' &&
		Array.isArray(v.seenEvents) &&
		typeof v.cursors === 'object'
	);
}

/** A deep copy as plain JSON: n8n hands static data over as an observable proxy, which structuredClone refuses. */
export function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

const memory = new Map<string, TriggerState>();
const queues = new Map<string, Promise<unknown>>();

/** The freshest of what this process holds and what n8n stored. */
export function loadState(key: string, stored: unknown): TriggerState {
	const persisted = isState(stored) ? stored : undefined;
	const held = memory.get(key);
	const best = [held, persisted].filter(isState).sort((a, b) => b.revision - a.revision)[0];
	return best ? plainCopy(best) : emptyState();
}

export function saveState(key: string, state: TriggerState): TriggerState {
	const next = { ...state, revision: state.revision + 1 };
	memory.set(key, plainCopy(next));
	return next;
}

/** Runs tasks with the same key one after another in this process. */
export async function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(task, task);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, settled);
	try {
		return await run;
	} finally {
		if (queues.get(key) === settled) queues.delete(key);
	}
}

/** Splits ids into those never emitted and repeats (also repeats inside the same list). */
export function splitSeen(
	state: TriggerState,
	ids: string[],
): { fresh: Set<string>; repeated: string[] } {
	const seen = new Set(state.seenEvents);
	const fresh = new Set<string>();
	const repeated: string[] = [];
	for (const id of ids) {
		if (seen.has(id) || fresh.has(id)) repeated.push(id);
		else fresh.add(id);
	}
	return { fresh, repeated };
}

export function rememberEvents(
	state: TriggerState,
	ids: Iterable<string>,
	max = MAX_SEEN_EVENTS,
): void {
	state.seenEvents.push(...ids);
	if (state.seenEvents.length > max) state.seenEvents.splice(0, state.seenEvents.length - max);
}

/** Forgets what this process holds (tests that simulate a restart). */
/** Credential values a trigger read lately, by trigger and credential (kept seconds, see the QuickBooks Sync Trigger's delivery). */
export const recentCredentialReads = new Map<string, { value: string; readAt: number }>();

export function forgetProcessMemory(): void {
	memory.clear();
	recentCredentialReads.clear();
}

/**
 * The company's CDC cursor: a new "Resume From" replaces it once (after a resync); a company
 * never read starts a minute ago.
 */
export function cursorFor(
	state: TriggerState,
	resumeFrom: string | undefined,
	realmId: string,
	nowMs: number,
): RealmCursor {
	if (resumeFrom && resumeFrom !== state.resumedFrom) {
		const at = Date.parse(resumeFrom);
		if (Number.isNaN(at)) throw new Error(`"Resume From" (${resumeFrom}) is not a date and time.`);
		state.resumedFrom = resumeFrom;
		state.cursors[realmId] = initialCursor(at);
	}
	return state.cursors[realmId] ?? initialCursor(nowMs - 60_000);
}
