/** The write operations shared by the REST endpoints and the batch endpoint. */
import { faults } from './fault';
import type { EntitySpec, Entity, WriteContext } from './entities/types';
import type { Realm } from './realm';

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';

/**
 * POST /{entity}: no Id → create; Id → update; `operation=delete`; `operation=void` (invoices);
 * `operation=update&include=void` (payments, bill payments) (quickbooks-api-notes.md §3).
 */
export function writeOperation(
	spec: EntitySpec,
	body: Entity,
	operation: string | undefined,
	include: string | undefined,
): WriteOperation {
	if (operation === 'delete') return 'delete';
	if (operation === 'void') {
		if (spec.voidable !== 'operation=void') throw faults.unsupported(voidHint(spec));
		return 'void';
	}
	if (include === 'void') {
		if (spec.voidable !== 'include=void') throw faults.unsupported(voidHint(spec));
		return 'void';
	}
	if (operation && operation !== 'update' && operation !== 'create')
		throw faults.unsupported(`Operation ${operation} is not supported.`);
	return body.Id !== undefined && body.Id !== null && body.Id !== '' ? 'update' : 'create';
}

function voidHint(spec: EntitySpec): string {
	if (spec.voidable === 'operation=void')
		return `Void ${spec.name} with POST /${spec.path}?operation=void.`;
	if (spec.voidable === 'include=void')
		return `Void ${spec.name} with a sparse update: POST /${spec.path}?operation=update&include=void.`;
	return `Operation Void is not supported for ${spec.name}.`;
}

export function performWrite(
	realm: Realm,
	spec: EntitySpec,
	operation: WriteOperation,
	body: Entity,
	ctx: WriteContext,
): Entity {
	if (spec.kind === 'singleton') {
		if (operation !== 'update')
			throw faults.unsupported(`Operation ${operation} is not supported for ${spec.name}.`);
		const existing = realm.singleton(spec.name as 'CompanyInfo' | 'Preferences');
		return realm.update(spec.name, { ...body, Id: body.Id ?? existing.Id }, ctx);
	}
	switch (operation) {
		case 'create':
			return realm.create(spec.name, body, ctx);
		case 'update':
			return realm.update(spec.name, body, ctx);
		case 'delete':
			return realm.delete(spec.name, body, ctx);
		case 'void':
			return realm.void(spec.name, body, ctx);
	}
}
