/**
 * Full records for webhook events: one paged query per entity with `Id IN (...)` (through the
 * transport, so throttling and retries apply), 100 ids per query to keep the statement short.
 * Name lists need `Active IN (true, false)` or inactive objects are left out (qbo-api.md §4).
 */
import type { QboCall, QboJson } from '../qbo/caller';
import { NAME_LISTS } from '../qbo/cdc';
import { queryAll } from '../qbo/paging';
import type { QueryCondition } from '../qbo/query';
import type { EntityChange } from './intuit-events';

const IDS_PER_QUERY = 100;

export async function attachRecords(call: QboCall, changes: EntityChange[]): Promise<{ missing: EntityChange[] }> {
	const wanted = new Map<string, Set<string>>();
	for (const c of changes) {
		if (c.operation === 'Delete' || c.record) continue;
		wanted.set(c.entity, (wanted.get(c.entity) ?? new Set()).add(c.id));
	}
	const found = new Map<string, QboJson>();
	for (const [entity, idSet] of wanted) {
		const ids = [...idSet];
		for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
			const where: QueryCondition[] = [{ field: 'Id', operator: 'IN', value: ids.slice(i, i + IDS_PER_QUERY) }];
			if (NAME_LISTS.has(entity)) where.push({ field: 'Active', operator: 'IN', value: [true, false] });
			for (const row of await queryAll(call, { entity, where })) found.set(`${entity}:${row.Id}`, row);
		}
	}
	const missing: EntityChange[] = [];
	for (const c of changes) {
		if (c.operation === 'Delete' || c.record) continue;
		const record = found.get(`${c.entity}:${c.id}`);
		if (record) c.record = record;
		else missing.push(c);
	}
	return { missing };
}
