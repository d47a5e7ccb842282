/**
 * Which store this process uses, from its environment, so templates never change with it:
 *   QUICKBOOKS_SYNC_STATE unset   regular mode: a file in n8n's user folder; queue mode: n8n's own Postgres
 *   file | file:<path>            the file store (one n8n process only)
 *   n8n-database                  n8n's Postgres (DB_POSTGRESDB_*), tables quickbooks_sync_*
 *   postgres://user:pw@host/db    another Postgres database
 * Queue mode runs executions on worker processes, so a file there would split the state: refused.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PoolConfig } from 'pg';

import { fileStateStore } from './file-store';
import { postgresStateStore } from './postgres-store';
import { STATE_SETTING, StateStoreError, stateStoreError, type SyncStateStore } from './store';

type Env = Record<string, string | undefined>;

const queueMode = (env: Env) => env.EXECUTIONS_MODE === 'queue';

export function defaultStateFile(env: Env): string {
	return path.join(env.N8N_USER_FOLDER || homedir(), '.n8n', 'quickbooks-sync-state.json');
}

/** n8n's own database settings (the same every n8n process has), `_FILE` variants included. */
function n8nDatabase(env: Env): PoolConfig {
	const setting = (name: string, fallback?: string) => {
		const file = env[`${name}_FILE`];
		return file ? readFileSync(file, 'utf8').trim() : (env[name] ?? fallback);
	};
	if ((env.DB_TYPE ?? 'sqlite') !== 'postgresdb') {
		throw new StateStoreError(
			`${STATE_SETTING} is "n8n-database" (or n8n runs in queue mode), but n8n's database is ${env.DB_TYPE ?? 'sqlite'}, not Postgres.`,
			`Set ${STATE_SETTING}=postgres://user:password@host:5432/database on every n8n process, or ${STATE_SETTING}=file when n8n runs as a single process.`,
		);
	}
	const schema = setting('DB_POSTGRESDB_SCHEMA', 'public');
	return {
		host: setting('DB_POSTGRESDB_HOST', 'localhost'),
		port: Number(setting('DB_POSTGRESDB_PORT', '5432')),
		database: setting('DB_POSTGRESDB_DATABASE', 'n8n'),
		user: setting('DB_POSTGRESDB_USER', 'postgres'),
		password: setting('DB_POSTGRESDB_PASSWORD', ''),
		...(env.DB_POSTGRESDB_SSL_ENABLED === 'true'
			? { ssl: { rejectUnauthorized: env.DB_POSTGRESDB_SSL_REJECT_UNAUTHORIZED !== 'false' } }
			: {}),
		...(schema && schema !== 'public' ? { options: `-c search_path=${schema}` } : {}),
	};
}

export function stateStoreFor(env: Env): SyncStateStore {
	const setting = (env[STATE_SETTING] ?? '').trim();
	if (!setting) {
		if (!queueMode(env)) return fileStateStore(defaultStateFile(env));
		const db = n8nDatabase(env);
		return postgresStateStore(db, `n8n's database ${db.host}:${db.port}/${db.database}`);
	}
	if (setting === 'file' || setting.startsWith('file:')) {
		if (queueMode(env)) {
			throw new StateStoreError(
				`${STATE_SETTING} is "${setting}", but n8n runs in queue mode: each worker would keep its own file, and runs on one worker would not see the others' cursors and issues.`,
				`Remove ${STATE_SETTING} (n8n's own Postgres is then used) or set it to a postgres:// URL, on every n8n process.`,
			);
		}
		return fileStateStore(
			setting === 'file' ? defaultStateFile(env) : setting.slice('file:'.length),
		);
	}
	if (setting === 'n8n-database') {
		const db = n8nDatabase(env);
		return postgresStateStore(db, `n8n's database ${db.host}:${db.port}/${db.database}`);
	}
	if (/^postgres(ql)?:\/\//.test(setting)) {
		let url: URL;
		try {
			url = new URL(setting);
		} catch {
			throw stateStoreError(
				`${STATE_SETTING} is not a readable postgres:// URL.`,
				`Write it as postgres://user:password@host:5432/database (percent-encode special characters in the password).`,
			);
		}
		return postgresStateStore(
			{ connectionString: setting },
			`Postgres ${url.hostname}:${url.port || 5432}${url.pathname}`,
		);
	}
	throw new StateStoreError(
		`${STATE_SETTING} is "${setting.slice(0, 40)}", which is not a state store this package knows.`,
		`Use file, file:<path>, n8n-database or postgres://user:password@host:5432/database, on every n8n process, then restart n8n.`,
	);
}
