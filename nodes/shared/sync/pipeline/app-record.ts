/**
 * An app record as every flow reads it: the plain record (the app contract's shape), its link to
 * QuickBooks and the fingerprint of its last sync, whether it changed since, and the contract's
 * checks. Money is kept to the cent on both sides.
 */
import { recordSchema, type ResourceName } from '../contract/schemas';
import { fingerprint } from './fingerprint';
import type { AppSide } from './planner';

export type Raw = Record<string, unknown>;

/** The QuickBooks id an app record is linked to (`qboId`), if any. */
export const linkOf = (record: Raw | undefined): string | undefined =>
	record && typeof record.qboId === 'string' && record.qboId !== '' ? record.qboId : undefined;

/** The fingerprint stored on an app record at its last sync (`sync.fingerprint`), if any. */
export const storedFingerprint = (record: Raw): string | undefined =>
	((record.sync as Raw | undefined)?.fingerprint as string | null | undefined) ?? undefined;

/**
 * A linked record whose fields are what the last sync wrote, with no error since: nothing to send,
 * so nothing to read either. The cursor hands the record at its boundary to every run again
 * (`updatedSince` is inclusive), and without this each such run paid metered reads for it.
 */
export function unchangedSinceLastSync(record: Raw, fields: object): boolean {
	const stored = storedFingerprint(record);
	return (
		!!linkOf(record) &&
		!record.deletedAt &&
		!(record.sync as Raw | undefined)?.error &&
		stored !== undefined &&
		stored === fingerprint(fields as Record<string, unknown>)
	);
}

/** Money to the cent, as both systems keep it. */
export const roundMoney = (n: number): number => Math.round(n * 100) / 100;

/** An app record as the planner sees it: its link and the fingerprint stored at the last sync. */
export function appSide<F>(record: Raw, fields: F): AppSide<F> {
	const sync = (record.sync ?? {}) as Raw;
	return {
		id: String(record.id),
		fields,
		updatedAt: String(record.updatedAt ?? ''),
		link: (record.qboId as string | null) ?? null,
		lastSynced: (sync.fingerprint as string | null) ?? null,
		deleted: !!record.deletedAt,
	};
}

/** The app contract's record checks: a bad record is an issue naming the field; the rest go on. */
export function invalidRecords(
	input: Raw[],
	resourceOf: (raw: Raw) => ResourceName,
): Map<Raw, string> {
	const problems = new Map<Raw, string>();
	for (const raw of input) {
		const checked = recordSchema(resourceOf(raw)).safeParse(raw);
		if (!checked.success)
			problems.set(
				raw,
				checked.error.issues
					.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
					.join('; '),
			);
	}
	return problems;
}
