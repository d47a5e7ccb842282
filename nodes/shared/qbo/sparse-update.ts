/**
 * Sparse update with QBO's SyncToken (quickbooks-api-notes.md §3): reads the object when no SyncToken is
 * known, sends only the changed fields, and on a stale token (5010) reads again, re-applies
 * the same change and tries once more.
 */
import { faultCodesOf, type QboCall, type QboJson } from './caller';

export interface SparseUpdate {
	entity: string;
	id: string;
	changes: QboJson;
	/** A SyncToken the caller already knows (skips the read). */
	syncToken?: string;
	idempotencyKey?: string;
}

export async function readSyncToken(call: QboCall, entity: string, id: string): Promise<string> {
	const body = await call({
		method: 'GET',
		path: `${entity.toLowerCase()}/${encodeURIComponent(id)}`,
	});
	return String(body[entity].SyncToken);
}

export async function sparseUpdate(call: QboCall, update: SparseUpdate): Promise<QboJson> {
	const send = async (syncToken: string, attempt: number) =>
		await call({
			method: 'POST',
			path: update.entity.toLowerCase(),
			body: { ...update.changes, Id: update.id, SyncToken: syncToken, sparse: true },
			// A retry after 5010 is a different write (new SyncToken), so it gets its own requestid.
			idempotencyKey: update.idempotencyKey ? `${update.idempotencyKey}#${attempt}` : undefined,
		});
	const token = update.syncToken ?? (await readSyncToken(call, update.entity, update.id));
	const first = await send(token, 1).then(
		(body) => ({ body, error: undefined }),
		(error: unknown) => ({ body: undefined, error }),
	);
	if (first.body) return first.body[update.entity];
	// The transport's own error (with its QBO fault) goes to the caller unchanged unless it is 5010.
	if (!faultCodesOf(first.error).includes('5010')) throw first.error;
	return (await send(await readSyncToken(call, update.entity, update.id), 2))[update.entity];
}
