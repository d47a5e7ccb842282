/**
 * A fingerprint of the fields a sync writes, the same whichever system they are read from: both
 * sides are first mapped onto one neutral shape (see the entity mappers), then written as canonical
 * JSON (keys sorted, empty values dropped, numbers to 2 decimals, times as UTC) and hashed. Equal
 * fingerprints mean "nothing to sync"; the fingerprint stored at the last write tells which side
 * changed since (and recognises a change that is only our own write coming back: the echo).
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';

export type Fingerprint = string;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function canonical(value: unknown): unknown {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number')
		return Number.isFinite(value) ? Math.round(value * 100) / 100 : undefined;
	if (typeof value === 'string' && ISO_TIME.test(value)) {
		const at = DateTime.fromISO(value, { setZone: true });
		return at.isValid ? at.toUTC().toISO() : value;
	}
	if (Array.isArray(value)) return value.map(canonical);
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.map(([key, v]) => [key, canonical(v)] as const)
			.filter(
				([, v]) =>
					v !== undefined &&
					!(
						typeof v === 'object' &&
						v !== null &&
						!Array.isArray(v) &&
						Object.keys(v).length === 0
					),
			)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return Object.fromEntries(entries);
	}
	return value;
}

export function canonicalJson(fields: Record<string, unknown>): string {
	return JSON.stringify(canonical(fields) ?? {});
}

export function fingerprint(fields: Record<string, unknown>): Fingerprint {
	return `sha256:${createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex').slice(0, 40)}`;
}
