/**
 * Checks made before any QBO call, so a bad record gets a clear error naming the field and the
 * fix, and QuickBooks is not called for it (quickbooks-api-notes.md §2.1 name rules and field limits).
 */
export class QboValidationError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

export interface NameCheck {
	value: string;
	/** Set when leading or trailing spaces were removed (QBO would clash on them, 6240). */
	trimmedFrom?: string;
}

/** DisplayName and name parts: no colon, tab or newline; trimmed; within the length QBO accepts. */
export function checkName(field: string, raw: unknown, max: number): NameCheck {
	const text = String(raw ?? '');
	const value = text.trim();
	if (value === '')
		throw new QboValidationError(field, `${field} is empty. QuickBooks needs a name.`);
	const bad = [':', '\t', '\n', '\r'].find((ch) => value.includes(ch));
	if (bad) {
		const shown = bad === ':' ? 'a colon (:)' : bad === '\t' ? 'a tab' : 'a line break';
		throw new QboValidationError(
			field,
			`${field} "${value.replace(/[\t\n\r]/g, ' ')}" contains ${shown}, which QuickBooks does not allow in names. Remove it (a dash works in place of a colon).`,
		);
	}
	checkLength(field, value, max);
	return value === text ? { value } : { value, trimmedFrom: text };
}

export function checkLength(field: string, value: unknown, max: number): void {
	if (typeof value === 'string' && value.length > max) {
		throw new QboValidationError(
			field,
			`${field} is ${value.length} characters long; QuickBooks allows at most ${max}. Shorten it.`,
		);
	}
}

/** QBO's rule for e-mail is only "must contain @ and ." (§2.1); a little stricter here to catch typos. */
export function checkEmail(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
		throw new QboValidationError(
			field,
			`${field} "${text}" is not an e-mail address (expected name@example.com).`,
		);
	checkLength(field, text, 100);
	return text;
}

/** A JSON object from a JSON field (text or already parsed); empty means {}. */
export function parseJsonObject(field: string, value: unknown): Record<string, unknown> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return {};
	let parsed: unknown = value;
	let syntaxError: string | undefined;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
	}
	if (syntaxError !== undefined)
		throw new QboValidationError(
			field,
			`${field} is not valid JSON (${syntaxError}). Write an object such as {"PrivateNote": "..."}.`,
		);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new QboValidationError(
			field,
			`${field} must be a JSON object such as {"PrivateNote": "..."}, not ${Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed)}.`,
		);
	return parsed as Record<string, unknown>;
}

function parseTime(field: string, value: unknown): Date | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const at = new Date(String(value));
	if (Number.isNaN(at.getTime()))
		throw new QboValidationError(
			field,
			`${field} "${String(value)}" is not a date; use e.g. 2026-11-22 or 2026-11-22T08:00:00Z.`,
		);
	return at;
}

/** A calendar date for QBO (YYYY-MM-DD), or undefined when empty. */
export function isoDate(field: string, value: unknown): string | undefined {
	return parseTime(field, value)?.toISOString().slice(0, 10);
}

/** A point in time for QBO queries and CDC (ISO 8601 UTC), or undefined when empty. */
export function isoDateTime(field: string, value: unknown): string | undefined {
	return parseTime(field, value)?.toISOString();
}
