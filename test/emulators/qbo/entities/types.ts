import type { Realm } from '../realm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Entity = Record<string, any>;

export type EntityKind = 'name' | 'list' | 'transaction' | 'singleton';

/** What an entity's rules see while one write is validated and applied. */
export interface WriteContext {
	realm: Realm;
	/** Ids created earlier in the same batch: batch items do not see each other's effects (quickbooks-api-notes.md §6). */
	hiddenIds?: Map<string, Set<string>>;
}

export interface EntityRules {
	/** Validates the request body and returns the entity to store (derived fields computed). Throws QboFault. */
	prepare(ctx: WriteContext, input: Entity, previous: Entity | undefined): Entity;
	/** Side effects on other records after the entity is stored (payments reduce invoice balances). */
	afterSave?(ctx: WriteContext, saved: Entity, previous: Entity | undefined): void;
	/** Undo side effects before a delete; throw to refuse it. */
	beforeDelete?(ctx: WriteContext, entity: Entity): void;
	/** The voided version of the entity, when QBO can void it. */
	void?(ctx: WriteContext, entity: Entity): Entity;
}

export interface EntitySpec {
	name: string;
	/** The URI segment; QBO URIs are case sensitive (quickbooks-api-notes.md §3). */
	path: string;
	kind: EntityKind;
	/** TaxCode and TaxRate are created through the tax service, not the entity endpoint (§2.9). */
	creatable: boolean;
	/** CDC does not serve TaxCode or TaxRate (§5). */
	cdc: boolean;
	voidable?: 'operation=void' | 'include=void';
	/** Fields a WHERE clause may use; anything else is a query validation fault (§4). */
	filterable: string[];
	/** Maximum string lengths by field path (2050 when exceeded). */
	limits: Record<string, number>;
	/** Fields the server owns; they are dropped from requests. */
	readOnly: string[];
	rules: EntityRules;
}
