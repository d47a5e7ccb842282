/**
 * Change data capture (quickbooks-api-notes.md §5): full payloads of objects changed since `changedSince`,
 * deletions as `status: "Deleted"` stubs, at most 30 days back and at most 1000 objects in one
 * response (the oldest changes first, so a client that narrows its window can always catch up).
 */
import { fault, faults } from './fault';
import { catalog } from './catalog';
import type { Entity } from './entities/types';
import type { Realm } from './realm';

export const CDC_MAX_OBJECTS = 1000;
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

export function changeDataCapture(
	realm: Realm,
	entitiesParam: string | undefined,
	changedSince: string | undefined,
): Entity {
	if (!entitiesParam)
		throw faults.required('entities', 'Required parameter entities is missing in the request');
	if (!changedSince)
		throw faults.required(
			'changedSince',
			'Required parameter changedSince is missing in the request',
		);
	const since = Date.parse(changedSince);
	if (Number.isNaN(since))
		throw faults.business(`changedSince "${changedSince}" is not a date-time.`, 'changedSince');
	// The fault code for a look-back beyond 30 days is not confirmed; 4001 (invalid query) is used.
	if (realm.clock.now() - since > THIRTY_DAYS_MS) {
		throw fault(
			400,
			'4001',
			'Invalid query',
			'QueryValidationError: changedSince cannot be more than 30 days in the past.',
			'changedSince',
		);
	}
	// Entity names in `entities` are matched case-insensitively, as client libraries send them either way.
	const specs = entitiesParam
		.split(',')
		.map((n) => n.trim())
		.filter(Boolean)
		.map((name) => {
			const spec =
				catalog[name] ??
				Object.values(catalog).find((s) => s.name.toLowerCase() === name.toLowerCase());
			if (!spec) throw faults.business(`CDC does not know the entity "${name}".`, 'entities');
			if (!spec.cdc)
				throw faults.unsupported(`Change data capture is not supported for ${spec.name}.`);
			return spec;
		});
	const changes: Array<{ name: string; at: number; entity: Entity }> = [];
	for (const spec of specs) {
		for (const entity of realm.all(spec.name)) {
			const at = Date.parse(entity.MetaData?.LastUpdatedTime);
			if (at >= since) changes.push({ name: spec.name, at, entity });
		}
		for (const t of realm.tombstones.filter((t) => t.name === spec.name && t.at >= since)) {
			changes.push({
				name: spec.name,
				at: t.at,
				entity: {
					domain: 'QBO',
					status: 'Deleted',
					Id: t.id,
					MetaData: { LastUpdatedTime: t.lastUpdated },
				},
			});
		}
	}
	changes.sort((a, b) => a.at - b.at);
	const kept = changes.slice(0, CDC_MAX_OBJECTS);
	const responses = specs.map((spec) => {
		const rows = kept.filter((c) => c.name === spec.name).map((c) => c.entity);
		return rows.length === 0
			? {}
			: { [spec.name]: rows, startPosition: 1, maxResults: rows.length };
	});
	return { CDCResponse: [{ QueryResponse: responses }] };
}
