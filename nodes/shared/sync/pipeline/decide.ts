/**
 * What to do with a linked pair: compare the fingerprints of both sides with the one stored at the
 * last sync. Equal sides: nothing to do (this is also how our own write coming back, the echo, is
 * recognised). One side changed since the last sync: copy it over. Both changed, or never synced:
 * the conflict policy decides; "most recent edit" compares the two modification times in UTC
 * (QBO writes local offsets, the app UTC) and a tie goes to QuickBooks, the books of record.
 */
import { DateTime } from 'luxon';

import type { Fingerprint } from './fingerprint';

export type Direction = 'push' | 'pull' | 'twoWay';
export type ConflictPolicy = 'app' | 'quickbooks' | 'latest';

export interface PairState {
	app: Fingerprint;
	quickbooks: Fingerprint;
	/** Stored on the app record at the last sync (`sync.fingerprint`). */
	lastSynced?: Fingerprint | null;
	appUpdatedAt: string;
	quickbooksUpdatedAt: string;
}

export interface Conflict {
	winner: 'app' | 'quickbooks';
	why: string;
}

export type Decision =
	| { action: 'unchanged'; relink: boolean }
	| { action: 'push'; conflict?: Conflict }
	| { action: 'pull'; conflict?: Conflict };

export function toMillis(value: string): number {
	const at = DateTime.fromISO(value, { setZone: true });
	if (!at.isValid) throw new Error(`"${value}" is not an ISO-8601 date and time`);
	return at.toMillis();
}

export function resolveConflict(
	policy: ConflictPolicy,
	appUpdatedAt: string,
	quickbooksUpdatedAt: string,
): Conflict {
	if (policy === 'app')
		return { winner: 'app', why: 'both changed; the app is set to win conflicts' };
	if (policy === 'quickbooks')
		return { winner: 'quickbooks', why: 'both changed; QuickBooks is set to win conflicts' };
	const app = toMillis(appUpdatedAt);
	const qbo = toMillis(quickbooksUpdatedAt);
	const when = `app ${new Date(app).toISOString()}, QuickBooks ${new Date(qbo).toISOString()}`;
	// QBO keeps whole seconds: edits within the same second count as a tie.
	if (Math.floor(app / 1000) > Math.floor(qbo / 1000))
		return { winner: 'app', why: `both changed; the app's edit is the most recent (${when})` };
	if (Math.floor(app / 1000) < Math.floor(qbo / 1000))
		return {
			winner: 'quickbooks',
			why: `both changed; QuickBooks' edit is the most recent (${when})`,
		};
	return {
		winner: 'quickbooks',
		why: `both changed in the same second (${when}); a tie goes to QuickBooks`,
	};
}

export function decide(direction: Direction, policy: ConflictPolicy, pair: PairState): Decision {
	if (pair.app === pair.quickbooks)
		return { action: 'unchanged', relink: pair.lastSynced !== pair.app };
	if (direction === 'push') return { action: 'push' };
	if (direction === 'pull') return { action: 'pull' };
	if (pair.lastSynced === pair.app) return { action: 'pull' };
	if (pair.lastSynced === pair.quickbooks) return { action: 'push' };
	const conflict = resolveConflict(policy, pair.appUpdatedAt, pair.quickbooksUpdatedAt);
	return conflict.winner === 'app' ? { action: 'push', conflict } : { action: 'pull', conflict };
}
