/**
 * The app's records: ids, `version` (optimistic concurrency), ISO-8601 UTC timestamps, soft
 * deletion, the QuickBooks link slots, and keyset paging ordered by (updatedAt, id).
 */
import type { ResourceName } from './schemas';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AppRecord = Record<string, any> & {
	id: string;
	version: number;
	createdAt: string;
	updatedAt: string;
	deletedAt: string | null;
	qboId: string | null;
	qboSyncToken: string | null;
	sync: { fingerprint: string | null; syncedAt: string | null; error: string | null };
};

export class AppError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export const PREFIX: Record<ResourceName, string> = {
	customers: 'cus',
	locations: 'loc',
	items: 'itm',
	vendors: 'ven',
	'tax-rates': 'tax',
	terms: 'trm',
	projects: 'prj',
	'cost-codes': 'cc',
	invoices: 'inv',
	payments: 'pay',
	'credit-memos': 'cm',
	refunds: 'rf',
	'purchase-orders': 'po',
	payables: 'pab',
	'sales-orders': 'so',
};

export interface ChangeEvent {
	resource: ResourceName;
	action: 'created' | 'updated' | 'deleted';
	record: AppRecord;
}

export interface ListOptions {
	updatedSince?: string;
	/** With updatedSince: these records too, whatever their updatedAt. */
	alsoIds?: string[];
	cursor?: string;
	limit: number;
	includeDeleted: boolean;
	filters: Record<string, string>;
}

export const MAX_PAGE = 500;

export class Store {
	tables = new Map<ResourceName, Map<string, AppRecord>>();
	counters = new Map<string, number>();
	/** The company settings (GET /v1/company): home currency and the currencies records may use. */
	company: { name: string; homeCurrency: string; currencies: string[] } = {
		name: 'Field App Demo',
		homeCurrency: 'USD',
		currencies: ['USD'],
	};
	/** Never goes backwards, even if the wall clock does; ties are ordered by id when paging. */
	private lastStamp = 0;

	constructor(private readonly emit: (event: ChangeEvent) => void) {}

	now(): string {
		const ms = Math.max(Date.now(), this.lastStamp);
		this.lastStamp = ms;
		return new Date(ms).toISOString();
	}

	table(resource: ResourceName): Map<string, AppRecord> {
		let table = this.tables.get(resource);
		if (!table) this.tables.set(resource, (table = new Map()));
		return table;
	}

	next(key: string, start = 0): number {
		const n = (this.counters.get(key) ?? start) + 1;
		this.counters.set(key, n);
		return n;
	}

	get(resource: ResourceName, id: string): AppRecord | undefined {
		return this.table(resource).get(id);
	}

	/** A live (not deleted) record, or 404 naming the resource and id. */
	require(resource: ResourceName, id: string, field?: string): AppRecord {
		const found = this.get(resource, id);
		if (!found || found.deletedAt) {
			if (field)
				throw new AppError(
					400,
					'validation_failed',
					`${field}: ${resource} "${id}" does not exist.`,
					{ field },
				);
			throw new AppError(404, 'not_found', `No ${resource} record with id "${id}".`);
		}
		return found;
	}

	all(resource: ResourceName): AppRecord[] {
		return [...this.table(resource).values()].filter((r) => !r.deletedAt);
	}

	insert(resource: ResourceName, data: Record<string, unknown>, silent = false): AppRecord {
		const stamp = this.now();
		const record: AppRecord = {
			id: `${PREFIX[resource]}_${String(this.next(resource)).padStart(4, '0')}`,
			...data,
			version: 1,
			createdAt: stamp,
			updatedAt: stamp,
			deletedAt: null,
			qboId: null,
			qboSyncToken: null,
			sync: { fingerprint: null, syncedAt: null, error: null },
		};
		this.table(resource).set(record.id, record);
		if (!silent) this.emit({ resource, action: 'created', record });
		return record;
	}

	/** Writes a change: version + 1, new updatedAt, a webhook event. */
	save(
		resource: ResourceName,
		record: AppRecord,
		action: 'updated' | 'deleted' = 'updated',
	): AppRecord {
		const saved = { ...record, version: record.version + 1, updatedAt: this.now() };
		this.table(resource).set(saved.id, saved);
		this.emit({ resource, action, record: saved });
		return saved;
	}

	/** Writes the QuickBooks link and sync bookkeeping without a new version, updatedAt or event (no echo). */
	saveSyncSlots(resource: ResourceName, record: AppRecord): AppRecord {
		this.table(resource).set(record.id, record);
		return record;
	}

	list(
		resource: ResourceName,
		options: ListOptions,
	): { data: AppRecord[]; nextCursor: string | null } {
		let after: [string, string] | undefined;
		if (options.cursor) {
			const decoded = Buffer.from(options.cursor, 'base64url').toString('utf8').split('|');
			if (decoded.length !== 2 || Number.isNaN(Date.parse(decoded[0])))
				throw new AppError(
					400,
					'invalid_cursor',
					'cursor is not one this API returned; start again without it.',
					{ field: 'cursor' },
				);
			after = decoded as [string, string];
		}
		if (options.updatedSince !== undefined && Number.isNaN(Date.parse(options.updatedSince))) {
			throw new AppError(
				400,
				'validation_failed',
				`updatedSince "${options.updatedSince}" is not an ISO-8601 timestamp.`,
				{ field: 'updatedSince' },
			);
		}
		const since = options.updatedSince ? new Date(options.updatedSince).toISOString() : undefined;
		const also = new Set(options.alsoIds ?? []);
		// Deletions are part of change listings (updatedSince) so a sync sees them.
		const withDeleted = options.includeDeleted || since !== undefined;
		const rows = [...this.table(resource).values()]
			.filter((r) => withDeleted || !r.deletedAt)
			.filter((r) => !since || r.updatedAt >= since || also.has(r.id))
			.filter((r) => Object.entries(options.filters).every(([k, v]) => String(r[k]) === v))
			.sort((a, b) =>
				a.updatedAt === b.updatedAt
					? a.id.localeCompare(b.id)
					: a.updatedAt.localeCompare(b.updatedAt),
			)
			.filter(
				(r) => !after || r.updatedAt > after[0] || (r.updatedAt === after[0] && r.id > after[1]),
			);
		const data = rows.slice(0, options.limit);
		const last = data.at(-1);
		const nextCursor =
			rows.length > options.limit && last
				? Buffer.from(`${last.updatedAt}|${last.id}`).toString('base64url')
				: null;
		return { data, nextCursor };
	}

	dump(): Record<string, unknown> {
		return {
			tables: Object.fromEntries([...this.tables].map(([k, t]) => [k, [...t.values()]])),
			counters: Object.fromEntries(this.counters),
			company: this.company,
		};
	}

	load(dump: {
		tables?: Record<string, AppRecord[]>;
		counters?: Record<string, number>;
		company?: Store['company'];
	}): void {
		if (dump.company) this.company = dump.company;
		this.tables.clear();
		this.counters.clear();
		for (const [resource, records] of Object.entries(dump.tables ?? {})) {
			if (!(resource in PREFIX))
				throw new AppError(400, 'validation_failed', `Unknown resource "${resource}" in the dump.`);
			for (const r of records) this.table(resource as ResourceName).set(r.id, r);
		}
		for (const [k, v] of Object.entries(dump.counters ?? {})) this.counters.set(k, v);
	}
}
