/**
 * One QBO company: its objects, id sequences, deletions (for CDC), remembered `requestid`
 * responses and the write pipeline every endpoint shares (create, full and sparse update,
 * delete, void) with SyncToken checks (quickbooks-api-notes.md §3).
 */
import type { Clock } from './clock';
import { faults } from './fault';
import { catalog, specFor } from './catalog';
import { checkLengths } from './entities/common';
import type { Entity, EntitySpec, WriteContext } from './entities/types';

export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Void' | 'Emailed' | 'Merge';

export interface ChangeEvent {
	realmId: string;
	name: string;
	id: string;
	operation: ChangeOperation;
	lastUpdated: string;
	at: number;
}

export interface Tombstone {
	name: string;
	id: string;
	at: number;
	lastUpdated: string;
}

export interface StoredResponse {
	status: number;
	contentType: string;
	body: string;
}

export interface RealmOptions {
	/** QBO's UI setting "Warn if duplicate number is used" cannot be read through the API; on by default (stricter). */
	warnDuplicateDocNumber: boolean;
	/** Sandbox companies may send 40 e-mails a day (§1.1). */
	emailsPerDay: number;
	/** The combined rate used when Automated Sales Tax computes tax. */
	automatedSalesTaxRate: number;
}

export interface RealmDump {
	realmId: string;
	options: RealmOptions;
	tables: Record<string, Entity[]>;
	counters: Record<string, number>;
	tombstones: Tombstone[];
	docNumbers: Record<string, number>;
}

export class Realm {
	private tables = new Map<string, Map<string, Entity>>();
	private counters = new Map<string, number>();
	readonly docNumbers = new Map<string, number>();
	tombstones: Tombstone[] = [];
	readonly requestIds = new Map<string, StoredResponse>();
	emails = { day: '', count: 0 };
	/** Balance recomputations that must run after a delete or void is stored. */
	afterWrite: Array<() => void> = [];
	/** Set while a seed is loaded, so seeding does not deliver webhooks. */
	silent = false;

	constructor(
		readonly id: string,
		readonly clock: Clock,
		readonly options: RealmOptions,
		private readonly emit: (event: ChangeEvent) => void,
	) {}

	get(type: string, id: string): Entity | undefined {
		return this.tables.get(type)?.get(String(id));
	}

	all(type: string): Entity[] {
		return [...(this.tables.get(type)?.values() ?? [])];
	}

	singleton(type: 'CompanyInfo' | 'Preferences'): Entity {
		const found = this.all(type)[0];
		if (!found) throw new Error(`realm ${this.id} has no ${type}`);
		return found;
	}

	preference(path: string): unknown {
		let current: unknown = this.singleton('Preferences');
		for (const part of path.split('.')) current = (current as Entity | undefined)?.[part];
		return current;
	}

	nextId(type: string): string {
		const next = (this.counters.get(type) ?? 0) + 1;
		this.counters.set(type, next);
		return String(next);
	}

	private table(type: string): Map<string, Entity> {
		let table = this.tables.get(type);
		if (!table) this.tables.set(type, (table = new Map()));
		return table;
	}

	/**
	 * Name index for the uniqueness rules, so a create does not scan every name in the company.
	 * Customer, Vendor and Employee share one name space (DisplayName); other lists use Name per type.
	 */
	private names = new Map<string, Set<string>>();

	private nameKey(type: string, entity: Entity): string | undefined {
		const people = type === 'Customer' || type === 'Vendor' || type === 'Employee';
		const name = people ? entity.DisplayName : entity.Name;
		return typeof name === 'string'
			? `${people ? 'People' : type}|${name.trim().toLowerCase()}`
			: undefined;
	}

	/** Objects (as "Type:Id") holding this name: group "People" for Customer/Vendor/Employee, else the type. */
	holdersOfName(group: string, name: string): string[] {
		return [...(this.names.get(`${group}|${name.trim().toLowerCase()}`) ?? [])];
	}

	private store(type: string, entity: Entity): void {
		const table = this.table(type);
		const old = table.get(entity.Id);
		const oldKey = old && this.nameKey(type, old);
		if (oldKey) this.names.get(oldKey)?.delete(`${type}:${old.Id}`);
		table.set(entity.Id, entity);
		const key = this.nameKey(type, entity);
		if (key) {
			let holders = this.names.get(key);
			if (!holders) this.names.set(key, (holders = new Set()));
			holders.add(`${type}:${entity.Id}`);
		}
	}

	/** Stores a changed object with a new SyncToken and LastUpdatedTime and announces it. */
	touch(type: string, entity: Entity, operation: ChangeOperation = 'Update'): Entity {
		entity.SyncToken = String(Number(entity.SyncToken ?? -1) + 1);
		entity.MetaData = { ...entity.MetaData, LastUpdatedTime: this.clock.stamp() };
		this.store(type, entity);
		this.announce(type, entity.Id, operation);
		return entity;
	}

	announce(type: string, id: string, operation: ChangeOperation): void {
		if (this.silent) return;
		this.emit({
			realmId: this.id,
			name: type,
			id,
			operation,
			lastUpdated: this.clock.stamp(),
			at: this.clock.now(),
		});
	}

	create(type: string, body: Entity, ctx: WriteContext = { realm: this }): Entity {
		const spec = specFor(type);
		if (!spec.creatable)
			throw faults.unsupported(
				`Operation Create is not supported for ${type}. Use the tax service.`,
			);
		const input = withoutReadOnly(spec, body);
		checkLengths(input, spec.limits);
		const entity = spec.rules.prepare(ctx, input, undefined);
		const now = this.clock.stamp();
		const stored: Entity = {
			...entity,
			domain: 'QBO',
			sparse: false,
			Id: this.nextId(type),
			SyncToken: '0',
			MetaData: { CreateTime: now, LastUpdatedTime: now },
		};
		this.store(type, stored);
		spec.rules.afterSave?.(ctx, stored, undefined);
		this.announce(type, stored.Id, 'Create');
		return this.get(type, stored.Id)!;
	}

	/** Full update replaces every writable field (omitted ones become null); sparse keeps what is not sent. */
	update(type: string, body: Entity, ctx: WriteContext = { realm: this }): Entity {
		const spec = specFor(type);
		const existing = this.existingFor(spec, body, ctx);
		const sparse = body.sparse === true || body.sparse === 'true';
		const incoming = withoutReadOnly(spec, body);
		for (const field of ['DisplayName', 'PrintOnCheckName']) {
			if (
				sparse &&
				field in incoming &&
				(incoming[field] === null || incoming[field] === '') &&
				field in existing
			) {
				throw faults.required(
					field,
					`Required parameter ${field} is missing in the request. It cannot be removed with a sparse update.`,
				);
			}
		}
		const kept: Entity = {};
		for (const field of spec.readOnly) if (field in existing) kept[field] = existing[field];
		const merged = sparse ? { ...withoutReadOnly(spec, existing), ...incoming } : incoming;
		checkLengths(merged, spec.limits);
		const prepared = spec.rules.prepare(ctx, { ...merged }, existing);
		const updated: Entity = {
			...kept,
			...prepared,
			domain: 'QBO',
			sparse: false,
			Id: existing.Id,
			SyncToken: existing.SyncToken,
		};
		updated.MetaData = existing.MetaData;
		this.touch(type, updated, 'Update');
		spec.rules.afterSave?.(ctx, this.get(type, existing.Id)!, existing);
		return this.get(type, existing.Id)!;
	}

	delete(type: string, body: Entity, ctx: WriteContext = { realm: this }): Entity {
		const spec = specFor(type);
		if (spec.kind !== 'transaction') {
			throw faults.unsupported(
				`Operation Delete is not supported for ${type}: name-list objects cannot be deleted. Make it inactive with an update that sets Active to false.`,
			);
		}
		const existing = this.existingFor(spec, body, ctx);
		spec.rules.beforeDelete?.(ctx, existing);
		this.table(type).delete(existing.Id);
		const key = this.nameKey(type, existing);
		if (key) this.names.get(key)?.delete(`${type}:${existing.Id}`);
		const at = this.clock.now();
		this.tombstones.push({ name: type, id: existing.Id, at, lastUpdated: this.clock.stamp(at) });
		this.announce(type, existing.Id, 'Delete');
		this.runAfterWrite();
		return { domain: 'QBO', status: 'Deleted', Id: existing.Id };
	}

	void(type: string, body: Entity, ctx: WriteContext = { realm: this }): Entity {
		const spec = specFor(type);
		if (!spec.rules.void) throw faults.unsupported(`Operation Void is not supported for ${type}.`);
		const existing = this.existingFor(spec, body, ctx);
		const voided = spec.rules.void(ctx, structuredClone(existing));
		this.touch(type, voided, 'Void');
		this.runAfterWrite();
		return this.get(type, existing.Id)!;
	}

	private runAfterWrite(): void {
		const tasks = this.afterWrite.splice(0);
		for (const task of tasks) task();
	}

	/** Id and SyncToken are both required; an older SyncToken is QBO's 5010 (§3). */
	private existingFor(spec: EntitySpec, body: Entity, ctx: WriteContext): Entity {
		if (body.Id === undefined || body.Id === null || body.Id === '') throw faults.required('Id');
		if (body.SyncToken === undefined || body.SyncToken === null || body.SyncToken === '')
			throw faults.required('SyncToken');
		const id = String(body.Id);
		const existing = ctx.hiddenIds?.get(spec.name)?.has(id) ? undefined : this.get(spec.name, id);
		if (!existing)
			throw spec.kind === 'transaction'
				? faults.deletedTransaction()
				: faults.inactiveReference('Id');
		if (String(body.SyncToken) !== existing.SyncToken) throw faults.stale(spec.name);
		return existing;
	}

	/** Stores an object exactly as given (seed and admin load); no rules, no events. */
	put(type: string, entity: Entity): void {
		this.store(type, entity);
		const numeric = Number(entity.Id);
		if (Number.isInteger(numeric) && numeric > (this.counters.get(type) ?? 0))
			this.counters.set(type, numeric);
	}

	dump(): RealmDump {
		const tables: Record<string, Entity[]> = {};
		for (const [type, table] of this.tables) tables[type] = [...table.values()];
		return {
			realmId: this.id,
			options: this.options,
			tables,
			counters: Object.fromEntries(this.counters),
			tombstones: this.tombstones,
			docNumbers: Object.fromEntries(this.docNumbers),
		};
	}

	load(dump: RealmDump): void {
		this.tables.clear();
		this.names.clear();
		this.counters.clear();
		this.docNumbers.clear();
		this.requestIds.clear();
		for (const [type, entities] of Object.entries(dump.tables ?? {})) {
			if (!catalog[type]) throw new Error(`unknown entity type "${type}" in the dump`);
			for (const entity of entities) this.put(type, entity);
		}
		for (const [type, n] of Object.entries(dump.counters ?? {})) this.counters.set(type, n);
		for (const [type, n] of Object.entries(dump.docNumbers ?? {})) this.docNumbers.set(type, n);
		this.tombstones = dump.tombstones ?? [];
		Object.assign(this.options, dump.options ?? {});
	}
}

function withoutReadOnly(spec: EntitySpec, body: Entity): Entity {
	const copy: Entity = structuredClone(body);
	for (const field of [
		'Id',
		'SyncToken',
		'MetaData',
		'domain',
		'sparse',
		'status',
		...spec.readOnly,
	])
		delete copy[field];
	return copy;
}
