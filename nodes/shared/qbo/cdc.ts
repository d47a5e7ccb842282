/**
 * Change data capture that never loses a change to QBO's cap of 1000 objects per response
 * (quickbooks-api-notes.md §5). A full answer is split per entity; an entity that still fills a response is
 * read again from the newest change seen (overlapping, de-duplicated), and because QBO does not
 * document which 1000 objects a capped answer holds, its live objects are also read with a paged
 * query on MetaData.LastUpdatedTime, which has no cap. Deletions come only from CDC stubs.
 */
import type { QboCall, QboJson } from './caller';
import { queryAll, withInactive } from './paging';
import type { QueryCondition } from './query';

export const CDC_CAP = 1000;
export const CDC_MAX_DAYS = 30;

export interface Change {
	entity: string;
	id: string;
	deleted: boolean;
	lastUpdated: string;
	/** The full object; absent for deletions. */
	object?: QboJson;
}

export interface ChangeSet {
	changes: Change[];
	/** The newest LastUpdatedTime seen, for the next `since` (overlap a little: times have whole seconds). */
	newest?: string;
}

function toChanges(body: QboJson): Change[] {
	const out: Change[] = [];
	for (const response of body.CDCResponse?.[0]?.QueryResponse ?? []) {
		for (const [entity, rows] of Object.entries(response as QboJson)) {
			if (!Array.isArray(rows)) continue;
			for (const row of rows as QboJson[]) {
				const deleted = row.status === 'Deleted';
				out.push({
					entity,
					id: String(row.Id),
					deleted,
					lastUpdated: String(row.MetaData?.LastUpdatedTime ?? ''),
					object: deleted ? undefined : row,
				});
			}
		}
	}
	return out;
}

const cdc = async (call: QboCall, entities: string[], since: string) =>
	toChanges(
		await call({
			method: 'GET',
			path: 'cdc',
			qs: { entities: entities.join(','), changedSince: since },
		}),
	);

/** How many objects of these entities changed since then, from one read (up to QuickBooks' cap: enough to know whether any did). */
export async function countChanges(
	call: QboCall,
	entities: string[],
	since: string,
): Promise<number> {
	return (await cdc(call, entities, since)).length;
}

/** Keeps the newest version of each object. */
function merge(into: Map<string, Change>, changes: Change[]): void {
	for (const c of changes) {
		const key = `${c.entity}:${c.id}`;
		const known = into.get(key);
		if (!known || Date.parse(c.lastUpdated) >= Date.parse(known.lastUpdated)) into.set(key, c);
	}
}

export function checkWindow(since: string, nowMs: number): void {
	const at = Date.parse(since);
	if (Number.isNaN(at))
		throw new Error(`"${since}" is not a date and time; use ISO 8601, e.g. 2026-11-01T00:00:00Z.`);
	if (nowMs - at > CDC_MAX_DAYS * 86_400_000) {
		throw new Error(
			`QuickBooks keeps changes for ${CDC_MAX_DAYS} days; "${since}" is older. Do a full read (Get Many) instead, then use change data capture from now on.`,
		);
	}
}

async function readEntity(
	call: QboCall,
	entity: string,
	since: string,
	cap: number,
): Promise<Change[]> {
	const found = new Map<string, Change>();
	let windowStart = since;
	let capped = false;
	for (;;) {
		const page = await cdc(call, [entity], windowStart);
		merge(found, page);
		if (page.length < cap) break;
		capped = true;
		const newest = page.reduce(
			(max, c) => (Date.parse(c.lastUpdated) > Date.parse(max) ? c.lastUpdated : max),
			windowStart,
		);
		if (Date.parse(newest) <= Date.parse(windowStart)) break; // 1000+ changes in one second: the query below covers live objects
		windowStart = newest;
	}
	if (capped) {
		const where: QueryCondition[] = [
			{ field: 'MetaData.LastUpdatedTime', operator: '>=', value: since },
		];
		where.push(...withInactive(entity));
		const live = await queryAll(call, {
			entity,
			where,
			orderBy: { field: 'MetaData.LastUpdatedTime' },
		});
		merge(
			found,
			live.map((object) => ({
				entity,
				id: String(object.Id),
				deleted: false,
				lastUpdated: String(object.MetaData?.LastUpdatedTime ?? ''),
				object,
			})),
		);
	}
	return [...found.values()];
}

export async function readChanges(
	call: QboCall,
	entities: string[],
	since: string,
	options: { nowMs?: number; cap?: number } = {},
): Promise<ChangeSet> {
	if (entities.length === 0) throw new Error('Choose at least one entity for change data capture.');
	checkWindow(since, options.nowMs ?? Date.now());
	const cap = options.cap ?? CDC_CAP;
	const found = new Map<string, Change>();
	const first = await cdc(call, entities, since);
	if (first.length < cap) merge(found, first);
	else for (const entity of entities) merge(found, await readEntity(call, entity, since, cap));
	const changes = [...found.values()].sort(
		(a, b) => Date.parse(a.lastUpdated) - Date.parse(b.lastUpdated),
	);
	return { changes, newest: changes.at(-1)?.lastUpdated };
}
