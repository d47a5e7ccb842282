/**
 * Links kept in n8n for an app that cannot store them on its records (app contract, section 2: its
 * records would get a new `updatedAt` and come back as changes). What `PUT /v1/{resource}/{id}/sync`
 * would have written is stored per QuickBooks company, app resource and app id, and put back on the
 * records before the engine sees them, so the engine works exactly as with an app that keeps them.
 * Losing this store costs re-reads and re-links by natural key, never a duplicate (deterministic
 * request ids and the matchers see to that).
 */

/** The fields of a link write; `null` clears one, a field left out keeps what is stored. */
export const LINK_FIELDS = [
	'qboId',
	'qboSyncToken',
	'qboDocNumber',
	'fingerprint',
	'syncedAt',
	'syncError',
] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
export type LinkBody = Partial<Record<LinkField, string | null>>;

export interface LinkWrite {
	resource: string;
	appId: string;
	body: LinkBody;
}

export type StoredLink = Record<LinkField, string | null> & {
	resource: string;
	appId: string;
	updatedAt: string;
};

/** A link write the store refuses: names the record and the field. */
export class LinkWriteError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'LinkWriteError';
	}
}

const SYNC_PATH = /^\/v1\/([A-Za-z][\w-]*)\/([^/?#]+)\/sync$/;

/**
 * The link write an engine output item stands for, or undefined when it is another app write (a
 * transition, a PATCH, a create). Two shapes: `PUT /v1/{resource}/{id}/sync` with its body (App
 * Writes), and an App Create merged with the app's answer (`resource`, the new `id`, `link`).
 */
export function linkWriteOf(json: Record<string, unknown>): LinkWrite | undefined {
	const path = typeof json.path === 'string' ? SYNC_PATH.exec(json.path) : null;
	if (path && (json.method ?? 'PUT') === 'PUT')
		return checked({
			resource: path[1],
			appId: decodeURIComponent(path[2]),
			body: json.body as LinkBody,
		});
	if (
		json.link !== undefined &&
		typeof json.resource === 'string' &&
		json.id !== undefined &&
		json.id !== null
	) {
		return checked({
			resource: json.resource,
			appId: String(json.id),
			body: json.link as LinkBody,
		});
	}
	return undefined;
}

function checked(write: LinkWrite): LinkWrite {
	const what = `The link of ${write.resource} ${write.appId}`;
	if (!write.body || typeof write.body !== 'object' || Array.isArray(write.body)) {
		throw new LinkWriteError(
			`${what} has no body`,
			"Connect the engine's App Writes (or App Creates merged with the app's answer) to Store Links unchanged.",
		);
	}
	const known = Object.keys(write.body).filter((field) =>
		(LINK_FIELDS as readonly string[]).includes(field),
	);
	if (!known.length)
		throw new LinkWriteError(
			`${what} sets none of ${LINK_FIELDS.join(', ')}`,
			"Connect the engine's App Writes (or App Creates merged with the app's answer) to Store Links unchanged.",
		);
	for (const field of known) {
		const value = write.body[field as LinkField];
		if (value !== null && typeof value !== 'string')
			throw new LinkWriteError(
				`${what}: ${field} is ${JSON.stringify(value)}, not text or null`,
				`Send ${field} as the engine gave it.`,
			);
	}
	return write;
}

/** The stored link after a write: given fields replace, `null` clears, others stay. */
export function mergeLink(stored: StoredLink | undefined, write: LinkWrite, now: Date): StoredLink {
	const next: StoredLink = {
		resource: write.resource,
		appId: write.appId,
		qboId: null,
		qboSyncToken: null,
		qboDocNumber: null,
		fingerprint: null,
		syncedAt: null,
		syncError: null,
		...stored,
		updatedAt: now.toISOString(),
	};
	for (const field of LINK_FIELDS) if (field in write.body) next[field] = write.body[field] ?? null;
	// Two overlapping runs may store their writes out of order: a SyncToken of the same QuickBooks
	// record never goes back (an older one would only cost a stale-object retry, but need not).
	if (
		stored?.qboId &&
		stored.qboId === next.qboId &&
		Number(stored.qboSyncToken) > Number(next.qboSyncToken)
	)
		next.qboSyncToken = stored.qboSyncToken;
	return next;
}

/**
 * The record as the engine expects it from an app that keeps links: the stored link fills what the
 * record leaves empty; a link the app itself holds wins.
 */
export function withStoredLink(
	record: Record<string, unknown>,
	link: StoredLink | undefined,
): Record<string, unknown> {
	if (!link || (record.qboId !== undefined && record.qboId !== null && record.qboId !== ''))
		return record;
	const sync = (record.sync && typeof record.sync === 'object' ? record.sync : {}) as Record<
		string,
		unknown
	>;
	// A document QuickBooks numbered shows QuickBooks' number; the app's own stays as appNumber (app contract, section 2).
	const numbered = link.qboDocNumber
		? { number: link.qboDocNumber, appNumber: record.appNumber ?? record.number ?? null }
		: {};
	return {
		...record,
		...numbered,
		qboId: link.qboId,
		qboSyncToken: link.qboSyncToken,
		sync: {
			...sync,
			fingerprint: sync.fingerprint ?? link.fingerprint,
			syncedAt: sync.syncedAt ?? link.syncedAt,
			error: sync.error ?? link.syncError,
		},
	};
}
