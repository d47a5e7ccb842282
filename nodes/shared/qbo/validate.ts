/**
 * Checks made before any QBO call, so a bad record gets a clear error naming the field and the
 * fix, and QuickBooks is not called for it (qbo-api.md §2.1 name rules and field limits).
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
	if (value === '') throw new QboValidationError(field, `${field} is empty. QuickBooks needs a name.`);
	const bad = [':', '\t', '\n', '\r'].find((ch) => value.includes(ch));
	if (bad) {
		const shown = bad === ':' ? 'a colon (:)' : bad === '\t' ? 'a tab' : 'a line break';
		throw new QboValidationError(field, `${field} "${value.replace(/[\t\n\r]/g, ' ')}" contains ${shown}, which QuickBooks does not allow in names. Remove it (a dash works in place of a colon).`);
	}
	checkLength(field, value, max);
	return value === text ? { value } : { value, trimmedFrom: text };
}

export function checkLength(field: string, value: unknown, max: number): void {
	if (typeof value === 'string' && value.length > max) {
		throw new QboValidationError(field, `${field} is ${value.length} characters long; QuickBooks allows at most ${max}. Shorten it.`);
	}
}

/** QBO's rule for e-mail is only "must contain @ and ." (§2.1); a little stricter here to catch typos. */
export function checkEmail(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw new QboValidationError(field, `${field} "${text}" is not an e-mail address (expected name@example.com).`);
	checkLength(field, text, 100);
	return text;
}
