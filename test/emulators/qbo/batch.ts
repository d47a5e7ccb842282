/**
 * POST /batch (quickbooks-api-notes.md §6): at most 30 items (1040 beyond), each answered by `bId`, a fault on
 * one item does not fail the others, and items cannot see each other's effects: an object created
 * earlier in the same batch cannot be read, updated or referenced by a later item.
 */
import { fault, QboFault, type FaultError } from './fault';
import { catalog } from './catalog';
import type { Entity, WriteContext } from './entities/types';
import { performWrite, type WriteOperation } from './operations';
import { runQuery } from './query';
import type { Realm } from './realm';
import { changeDataCapture } from './cdc';

export const BATCH_MAX_ITEMS = 30;

export function validateBatch(
	body: Entity,
	maxItems: number,
	requestId: string | undefined,
): Entity[] {
	const items = body?.BatchItemRequest;
	if (!Array.isArray(items) || items.length === 0)
		throw fault(400, '400', 'MalformedRequest', 'Batch Request is Empty');
	if (items.length > maxItems) {
		throw fault(
			400,
			'1040',
			'Batch size exceeds allowed limit',
			`Batch size exceeds allowed limit. Maximum allowed: ${maxItems}. Supplied: ${items.length}`,
		);
	}
	const seen = new Set<string>();
	for (const item of items) {
		const bId = String(item?.bId ?? '');
		if (bId === '')
			throw fault(
				400,
				'2020',
				'Required param missing, need to supply the required value for the API',
				'Required parameter bId is missing in the request',
				'bId',
			);
		if (seen.has(bId))
			throw fault(
				400,
				'2010',
				'Request has invalid or unsupported property',
				`Duplicate bId "${bId}" in the batch request.`,
				'bId',
			);
		// "for each batch ID, only 10 characters are allowed when RequestID is also specified" (§3).
		if (requestId && bId.length > 10) {
			throw fault(
				400,
				'2050',
				'String length is either shorter or longer than supported by specification',
				`String length specified does not match the supported length. Min:1 Max:10 supported. Supplied length:${bId.length}`,
				'bId',
			);
		}
		seen.add(bId);
	}
	return items;
}

/** Items run one after another; ids created by earlier items stay hidden from later ones. */
export function runBatch(realm: Realm, items: Entity[]): Entity[] {
	const hiddenIds = new Map<string, Set<string>>();
	const ctx: WriteContext = { realm, hiddenIds };
	return items.map((item) => {
		const bId = String(item.bId);
		try {
			if (typeof item.Query === 'string') return { bId, ...runQuery(realm, item.Query, hiddenIds) };
			if (item.CDCQuery)
				return {
					bId,
					...changeDataCapture(realm, item.CDCQuery.entities, item.CDCQuery.changedSince),
				};
			const entityName = Object.keys(item).find((k) => catalog[k]);
			if (!entityName)
				throw fault(
					400,
					'2010',
					'Request has invalid or unsupported property',
					'The batch item has no entity payload, Query or CDCQuery.',
					'BatchItemRequest',
				);
			const spec = catalog[entityName];
			const operation = batchOperation(item);
			const result = performWrite(realm, spec, operation, item[entityName], ctx);
			if (operation === 'create') {
				let ids = hiddenIds.get(entityName);
				if (!ids) hiddenIds.set(entityName, (ids = new Set()));
				ids.add(result.Id);
			}
			return { bId, [entityName]: result };
		} catch (error) {
			if (!(error instanceof QboFault)) throw error;
			return {
				bId,
				Fault: {
					type: error.type,
					Error: error.errors.map((e: FaultError) => ({ ...e, element: e.element ?? '' })),
				},
			};
		}
	});
}

/** `operation` is create|update|delete; a void is `update` with `optionsData: "void"` (Intuit 2023 blog, §3). */
function batchOperation(item: Entity): WriteOperation {
	const op = String(item.operation ?? '');
	if (op === 'update' && String(item.optionsData ?? '').toLowerCase() === 'void') return 'void';
	if (op === 'void') return 'void';
	if (op === 'create' || op === 'update' || op === 'delete') return op;
	throw fault(
		400,
		'2170',
		'Invalid Enumeration',
		`Invalid Enumeration : operation "${op}". Use create, update or delete.`,
		'operation',
	);
}
