/** Which changes a trigger emits: entities and operations chosen in the node. */
import { OPERATIONS, WEBHOOK_ENTITIES, type EntityChange, type Operation } from './intuit-events';

/** The entities this package syncs: the default choice of both triggers. */
export const DEFAULT_ENTITIES = [
	'Account',
	'Bill',
	'BillPayment',
	'CreditMemo',
	'Customer',
	'Invoice',
	'Item',
	'Payment',
	'Purchase',
	'Term',
	'Vendor',
];

export const ENTITY_CHOICES = WEBHOOK_ENTITIES.map((name) => ({
	name: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
	value: name,
}));
export const OPERATION_CHOICES = OPERATIONS.map((op) => ({ name: op, value: op }));

export interface ChangeFilter {
	entities: string[];
	operations: Operation[];
}

export function matches(change: EntityChange, filter: ChangeFilter): boolean {
	return filter.entities.includes(change.entity) && filter.operations.includes(change.operation);
}

export function checkFilter(filter: ChangeFilter): void {
	if (filter.entities.length === 0) throw new Error('Choose at least one entity under "Entities".');
	if (filter.operations.length === 0)
		throw new Error('Choose at least one operation under "Operations".');
}
