/**
 * The store for queue mode (workers are separate processes): small tables in a Postgres
 * database, n8n's own by default. A cursor moves forward in one statement (GREATEST of the two), and
 * issue updates take a transaction-scoped advisory lock, so concurrent executions on any number of
 * workers apply them one after another.
 */
import { Pool, type PoolClient, type PoolConfig } from 'pg';

import {
	matchesFilter,
	RESOLVED_KEPT_DAYS,
	type IssueFilter,
	type IssueRecord,
} from './issue-queue';
import { mergeLink, type LinkWrite, type StoredLink } from './links';
import { STATE_SETTING, StateStoreError, type SyncStateStore } from './store';

/** Any fixed numbers: the locks all issue (and all link) updates of this package queue on. */
const ISSUE_LOCK = 461_900_118;
const LINK_LOCK = 461_900_119;

const SCHEMA = [
	`CREATE TABLE IF NOT EXISTS quickbooks_sync_cursors (workflow_id text NOT NULL, resource text NOT NULL, cursor_at timestamptz NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (workflow_id, resource))`,
	`CREATE TABLE IF NOT EXISTS quickbooks_sync_issues (key text PRIMARY KEY, workflow_id text NOT NULL, resource text NOT NULL, status text NOT NULL, last_seen timestamptz NOT NULL, issue jsonb NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS quickbooks_sync_issues_by_workflow ON quickbooks_sync_issues (workflow_id, status)`,
	`CREATE TABLE IF NOT EXISTS quickbooks_sync_facts (key text PRIMARY KEY, value jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
	`CREATE TABLE IF NOT EXISTS quickbooks_sync_links (realm_id text NOT NULL, resource text NOT NULL, app_id text NOT NULL, link jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (realm_id, resource, app_id))`,
];

class PostgresStateStore implements SyncStateStore {
	private ready: Promise<void> | undefined;

	constructor(
		private readonly pool: Pool,
		readonly description: string,
	) {}

	async getCursor(workflowId: string, resource: string): Promise<string | undefined> {
		const { rows } = await this.query<{ cursor_at: Date }>(
			'SELECT cursor_at FROM quickbooks_sync_cursors WHERE workflow_id = $1 AND resource = $2',
			[workflowId, resource],
		);
		return rows[0]?.cursor_at.toISOString();
	}

	async advanceCursor(workflowId: string, resource: string, candidate: string): Promise<string> {
		const { rows } = await this.query<{ cursor_at: Date }>(
			`INSERT INTO quickbooks_sync_cursors AS c (workflow_id, resource, cursor_at) VALUES ($1, $2, $3)
			 ON CONFLICT (workflow_id, resource) DO UPDATE SET cursor_at = GREATEST(c.cursor_at, excluded.cursor_at), updated_at = now()
			 RETURNING cursor_at`,
			[workflowId, resource, candidate],
		);
		// Postgres keeps microseconds; the app's own timestamp string is what the next listing should get back.
		const stored = rows[0].cursor_at.toISOString();
		return Date.parse(stored) === Date.parse(candidate) ? candidate : stored;
	}

	async listIssues(filter: IssueFilter): Promise<IssueRecord[]> {
		const { rows } = await this.query<{ issue: IssueRecord }>(...selectIssues(filter, false));
		return rows.map((r) => r.issue).filter((i) => matchesFilter(i, filter));
	}

	async updateIssues(
		filter: IssueFilter,
		change: (current: IssueRecord[]) => IssueRecord[],
	): Promise<IssueRecord[]> {
		return await this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1)', [ISSUE_LOCK]);
			const { rows } = await client.query<{ issue: IssueRecord }>(...selectIssues(filter, true));
			const changed = change(rows.map((r) => r.issue).filter((i) => matchesFilter(i, filter)));
			for (const issue of changed) {
				await client.query(
					`INSERT INTO quickbooks_sync_issues (key, workflow_id, resource, status, last_seen, issue) VALUES ($1, $2, $3, $4, $5, $6)
					 ON CONFLICT (key) DO UPDATE SET status = excluded.status, last_seen = excluded.last_seen, issue = excluded.issue`,
					[
						issue.key,
						issue.workflowId,
						issue.resource,
						issue.status,
						issue.lastSeen,
						JSON.stringify(issue),
					],
				);
			}
			// Resolved issues past the history window go, as in the file store.
			if (changed.length)
				await client.query(
					`DELETE FROM quickbooks_sync_issues WHERE status = 'resolved' AND (issue->>'resolvedAt')::timestamptz < now() - interval '${RESOLVED_KEPT_DAYS} days'`,
				);
			return changed;
		});
	}

	async getFact(key: string): Promise<{ value: unknown; at: string } | undefined> {
		const { rows } = await this.query<{ value: unknown; at: Date }>(
			'SELECT value, at FROM quickbooks_sync_facts WHERE key = $1',
			[key],
		);
		return rows[0] ? { value: rows[0].value, at: rows[0].at.toISOString() } : undefined;
	}

	async putFact(key: string, value: unknown): Promise<void> {
		await this.query(
			'INSERT INTO quickbooks_sync_facts (key, value, at) VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at',
			[key, JSON.stringify(value)],
		);
	}

	async getLinks(
		realmId: string,
		resource: string,
		appIds: string[],
	): Promise<Map<string, StoredLink>> {
		if (!appIds.length) return new Map();
		const { rows } = await this.query<{ link: StoredLink }>(
			'SELECT link FROM quickbooks_sync_links WHERE realm_id = $1 AND resource = $2 AND app_id = ANY($3)',
			[realmId, resource, appIds],
		);
		return new Map(rows.map((r) => [r.link.appId, r.link]));
	}

	async putLinks(realmId: string, writes: LinkWrite[]): Promise<StoredLink[]> {
		if (!writes.length) return [];
		return await this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1)', [LINK_LOCK]);
			const current = new Map<string, StoredLink>();
			for (const resource of new Set(writes.map((w) => w.resource))) {
				const ids = writes.filter((w) => w.resource === resource).map((w) => w.appId);
				const { rows } = await client.query<{ link: StoredLink }>(
					'SELECT link FROM quickbooks_sync_links WHERE realm_id = $1 AND resource = $2 AND app_id = ANY($3)',
					[realmId, resource, ids],
				);
				for (const { link } of rows) current.set(`${resource}|${link.appId}`, link);
			}
			const now = new Date();
			const written = writes.map((write) => {
				const link = mergeLink(current.get(`${write.resource}|${write.appId}`), write, now);
				current.set(`${write.resource}|${write.appId}`, link);
				return link;
			});
			const last = [...current.values()];
			// One statement for the whole run's links, however many.
			await client.query(
				`INSERT INTO quickbooks_sync_links (realm_id, resource, app_id, link, updated_at)
				 SELECT $1, r, a, l, now() FROM unnest($2::text[], $3::text[], $4::jsonb[]) AS t(r, a, l)
				 ON CONFLICT (realm_id, resource, app_id) DO UPDATE SET link = excluded.link, updated_at = excluded.updated_at`,
				[
					realmId,
					last.map((l) => l.resource),
					last.map((l) => l.appId),
					last.map((l) => JSON.stringify(l)),
				],
			);
			return written;
		});
	}

	private async schema(): Promise<void> {
		this.ready ??= this.transaction(async (client) => {
			await client.query('SELECT pg_advisory_xact_lock($1)', [ISSUE_LOCK]);
			for (const statement of SCHEMA) await client.query(statement);
		}, false).catch((error: Error) => {
			this.ready = undefined;
			throw error;
		});
		await this.ready;
	}

	private async query<R extends object>(text: string, values: unknown[]): Promise<{ rows: R[] }> {
		await this.schema();
		return await this.pool.query<R>(text, values).catch((error: Error) => {
			throw this.failure(error);
		});
	}

	private async transaction<T>(
		work: (client: PoolClient) => Promise<T>,
		withSchema = true,
	): Promise<T> {
		if (withSchema) await this.schema();
		const client = await this.pool.connect().catch((error: Error) => {
			throw this.failure(error);
		});
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error instanceof StateStoreError ? error : this.failure(error as Error);
		} finally {
			client.release();
		}
	}

	private failure(error: Error): StateStoreError {
		return new StateStoreError(
			`The sync state store (${this.description}) failed: ${error.message}`,
			`Check that the database is running and reachable from every n8n process (main, workers, webhook processes), and that ${STATE_SETTING} (or n8n's DB_POSTGRESDB_* settings) name it; nothing was written.`,
		);
	}
}

function selectIssues(filter: IssueFilter, lock: boolean): [string, unknown[]] {
	const where: string[] = [];
	const values: unknown[] = [];
	const add = (sql: string, value: unknown) => {
		values.push(value);
		where.push(sql.replace('?', `$${values.length}`));
	};
	if (filter.workflowId) add('workflow_id = ?', filter.workflowId);
	if (filter.resources?.length) add('resource = ANY(?)', filter.resources);
	if (filter.statuses?.length) add('status = ANY(?)', filter.statuses);
	if (filter.keys?.length) add('key = ANY(?)', filter.keys);
	return [
		`SELECT issue FROM quickbooks_sync_issues${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen DESC${lock ? ' FOR UPDATE' : ''}`,
		values,
	];
}

const pools = new Map<string, PostgresStateStore>();

/** One pool per database in this process (a few connections: the store's statements are short). */
export function postgresStateStore(config: PoolConfig, description: string): SyncStateStore {
	const id = JSON.stringify(config);
	let store = pools.get(id);
	if (!store) {
		const pool = new Pool({
			max: 3,
			idleTimeoutMillis: 10_000,
			connectionTimeoutMillis: 5_000,
			...config,
		});
		pool.on('error', () => undefined); // an idle connection dropped by the server: the next query reconnects
		pools.set(id, (store = new PostgresStateStore(pool, description)));
	}
	return store;
}
