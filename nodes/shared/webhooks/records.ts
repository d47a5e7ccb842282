/**
 * Full records for webhook events: queried by id per entity (through the transport, so throttling
 * and retries apply), inactive ones included.
 */
import type { QboCall, QboJson } from '../qbo/caller';
import { queryByIds } from '../qbo/paging';
import type { EntityChange } from './intuit-events';

export async function attachRecords(
	call: QboCall,
	changes: EntityChange[],
): Promise<{ missing: EntityChange[] }> {
	const wanted = new Map<string, string[]>();
	for (const c of changes)
		if (c.operation !== 'Delete' && !c.record)
			wanted.set(c.entity, [...(wanted.get(c.entity) ?? []), c.id]);
	const found = new Map<string, QboJson>();
	for (const [entity, ids] of wanted)
		for (const row of await queryByIds(call, entity, ids)) found.set(`${entity}:${row.Id}`, row);
	const missing: EntityChange[] = [];
	for (const c of changes) {
		if (c.operation === 'Delete' || c.record) continue;
		const record = found.get(`${c.entity}:${c.id}`);
		if (record) c.record = record;
		else missing.push(c);
	}
	return { missing };
}
