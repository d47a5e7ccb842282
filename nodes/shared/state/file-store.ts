/**
 * The store of a single n8n process (regular mode, the default): one JSON file in n8n's user folder.
 * Every execution of every workflow runs in this process, so updates are serialised here and written
 * through (temporary file, then rename) before they are acknowledged: overlapping executions see
 * each other's cursors and issues, and a restart or a crash loses nothing acknowledged. A file
 * another process changed (`n8n execute` runs in its own) is read again. It is not for queue mode,
 * whose workers run executions side by side in other processes (there the Postgres store is used).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import {
	expired,
	laterCursor,
	matchesFilter,
	type IssueFilter,
	type IssueRecord,
} from './issue-queue';
import { mergeLink, type LinkWrite, type StoredLink } from './links';
import { STATE_SETTING, StateStoreError, stateStoreError, type SyncStateStore } from './store';

interface StateFile {
	format: 'quickbooks-sync-state/1';
	cursors: Record<string, Record<string, string>>;
	issues: Record<string, IssueRecord>;
	facts?: Record<string, { value: unknown; at: string }>;
	/** `<realm>|<resource>` → app id → link. */
	links?: Record<string, Record<string, StoredLink>>;
}

const emptyFile = (): StateFile => ({
	format: 'quickbooks-sync-state/1',
	cursors: {},
	issues: {},
	facts: {},
});

class FileStateStore implements SyncStateStore {
	readonly description: string;
	private state: StateFile | undefined;
	private stamp = '';
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly file: string) {
		this.description = `the state file ${file}`;
	}

	async getCursor(workflowId: string, resource: string): Promise<string | undefined> {
		return await this.serialized(async (state) => state.cursors[workflowId]?.[resource]);
	}

	async advanceCursor(workflowId: string, resource: string, candidate: string): Promise<string> {
		return await this.serialized(async (state) => {
			const cursors = (state.cursors[workflowId] ??= {});
			const next = laterCursor(cursors[resource], candidate);
			if (next !== cursors[resource]) {
				cursors[resource] = next;
				await this.save(state);
			}
			return next;
		});
	}

	async listIssues(filter: IssueFilter): Promise<IssueRecord[]> {
		return await this.serialized(async (state) =>
			Object.values(state.issues).filter((i) => matchesFilter(i, filter)),
		);
	}

	async updateIssues(
		filter: IssueFilter,
		change: (current: IssueRecord[]) => IssueRecord[],
	): Promise<IssueRecord[]> {
		return await this.serialized(async (state) => {
			const changed = change(Object.values(state.issues).filter((i) => matchesFilter(i, filter)));
			const now = new Date();
			for (const issue of changed) state.issues[issue.key] = issue;
			for (const [key, issue] of Object.entries(state.issues))
				if (expired(issue, now)) delete state.issues[key];
			if (changed.length) await this.save(state);
			return changed;
		});
	}

	async getFact(key: string): Promise<{ value: unknown; at: string } | undefined> {
		return await this.serialized(async (state) => state.facts?.[key]);
	}

	async putFact(key: string, value: unknown): Promise<void> {
		await this.serialized(async (state) => {
			(state.facts ??= {})[key] = { value, at: new Date().toISOString() };
			await this.save(state);
		});
	}

	async getLinks(
		realmId: string,
		resource: string,
		appIds: string[],
	): Promise<Map<string, StoredLink>> {
		return await this.serialized(async (state) => {
			const stored = state.links?.[`${realmId}|${resource}`] ?? {};
			return new Map(appIds.filter((id) => stored[id]).map((id) => [id, stored[id]]));
		});
	}

	async putLinks(realmId: string, writes: LinkWrite[]): Promise<StoredLink[]> {
		if (!writes.length) return [];
		return await this.serialized(async (state) => {
			const now = new Date();
			const links = (state.links ??= {});
			const written = writes.map((write) => {
				const byId = (links[`${realmId}|${write.resource}`] ??= {});
				return (byId[write.appId] = mergeLink(byId[write.appId], write, now));
			});
			await this.save(state);
			return written;
		});
	}

	/** One operation at a time, on the state as last written. */
	private async serialized<T>(task: (state: StateFile) => Promise<T>): Promise<T> {
		const run = this.queue.then(async () => task(await this.load()));
		this.queue = run.catch(() => undefined);
		return await run;
	}

	private async load(): Promise<StateFile> {
		// Another process may have written it (`n8n execute` runs in a process of its own): read it again when it changed.
		const stamp = await fs.stat(this.file).then(
			(s) => `${s.mtimeMs}:${s.size}`,
			() => 'none',
		);
		if (this.state && stamp === this.stamp) return this.state;
		this.stamp = stamp;
		const text = await fs.readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return undefined;
			throw new StateStoreError(
				`The sync state file ${this.file} cannot be read: ${error.message}`,
				`Give n8n read and write access to it, or set ${STATE_SETTING}=file:<another path>.`,
			);
		});
		if (text === undefined) return (this.state = emptyFile());
		let parsed: StateFile;
		try {
			parsed = JSON.parse(text) as StateFile;
		} catch {
			parsed = {} as StateFile;
		}
		if (
			parsed.format !== 'quickbooks-sync-state/1' ||
			typeof parsed.cursors !== 'object' ||
			typeof parsed.issues !== 'object'
		) {
			throw new StateStoreError(
				`The sync state file ${this.file} is not one this package wrote (damaged or foreign content).`,
				`Move it away to start with no stored cursors or issues (the next runs read everything again and re-link; nothing is written twice), or set ${STATE_SETTING}=file:<another path>.`,
			);
		}
		return (this.state = parsed);
	}

	private async save(state: StateFile): Promise<void> {
		const temporary = `${this.file}.${process.pid}.tmp`;
		try {
			await fs.mkdir(path.dirname(this.file), { recursive: true });
			await fs.writeFile(temporary, JSON.stringify(state));
			await fs.rename(temporary, this.file);
			const written = await fs.stat(this.file);
			this.stamp = `${written.mtimeMs}:${written.size}`;
		} catch (error) {
			this.state = undefined; // read again: what is on disk is the truth
			throw stateStoreError(
				`The sync state file ${this.file} cannot be written: ${(error as Error).message}`,
				`Give n8n write access to its folder, or set ${STATE_SETTING}=file:<another path>.`,
			);
		}
	}
}

const stores = new Map<string, FileStateStore>();

/** One store per file in this process, so every execution shares its queue. */
export function fileStateStore(file: string): SyncStateStore {
	const resolved = path.resolve(file);
	let store = stores.get(resolved);
	if (!store) stores.set(resolved, (store = new FileStateStore(resolved)));
	return store;
}
