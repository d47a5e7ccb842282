/**
 * `requestid` for writes (quickbooks-api-notes.md §3): QBO replays the first answer to a repeated id instead of
 * writing twice. A caller's key (source system + record id + version) gives the same id every
 * time, so a write retried by a later execution is still not duplicated; without a key a random
 * id is used, kept across the retries of that one write. 32 characters: within the 50 allowed,
 * and within the 36 allowed on batch requests.
 */
import { createHash, randomUUID } from 'node:crypto';

export function requestIdFor(idempotencyKey?: string): string {
	if (idempotencyKey === undefined || idempotencyKey === '') return randomUUID().replace(/-/g, '');
	return createHash('sha256').update(idempotencyKey, 'utf8').digest('base64url').slice(0, 32);
}
