/** Rules shared by several entities: lengths, required fields, references, names, money. */
import { faults } from '../fault';
import type { Entity, WriteContext } from './types';

export function valueAt(entity: Entity, path: string): unknown {
	let current: unknown = entity;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Entity)[part];
	}
	return current;
}

export function checkLengths(entity: Entity, limits: Record<string, number>): void {
	for (const [path, max] of Object.entries(limits)) {
		const value = valueAt(entity, path);
		if (typeof value === 'string' && value.length > max)
			throw faults.length(path, max, value.length);
	}
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

export function requireField(entity: Entity, path: string): unknown {
	const value = valueAt(entity, path);
	if (isBlank(value)) throw faults.required(path);
	return value;
}

/** DisplayName and the name parts must not contain a colon, tab or newline (§2.1). The fault code
 * QBO uses for this is not confirmed; a business validation fault (6000) naming the field is the
 * stricter choice because a client cannot mistake it for a transient error. */
export function checkNameCharacters(entity: Entity, fields: string[], extraForbidden = ''): void {
	for (const field of fields) {
		const value = entity[field];
		if (typeof value !== 'string') continue;
		const bad = [':', '\t', '\n', ...extraForbidden].find((ch) => value.includes(ch));
		if (bad !== undefined) {
			const shown = bad === '\t' ? 'a tab' : bad === '\n' ? 'a new line' : `"${bad}"`;
			throw faults.business(`${field} cannot contain ${shown}.`, field);
		}
	}
}

/** QBO keeps names trimmed; the trimmed name is what must be unique (the "trailing space" clash). */
export function trimNames(entity: Entity, fields: string[]): void {
	for (const field of fields)
		if (typeof entity[field] === 'string') entity[field] = entity[field].trim();
}

export function money(value: number): number {
	return Math.round(value * 100) / 100;
}

export function toNumber(value: unknown, element: string): number {
	if (value === undefined || value === null || value === '') return 0;
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n))
		throw faults.business(`${element} must be a number; got ${JSON.stringify(value)}.`, element);
	return n;
}

export function checkEnum(entity: Entity, field: string, allowed: string[]): void {
	const value = entity[field];
	if (value !== undefined && !allowed.includes(value))
		throw faults.invalidEnum(field, String(value));
}

export interface ResolveOptions {
	/** Reads of a transaction's own history may name inactive objects; new writes may not (610). */
	allowInactive?: boolean;
	required?: boolean;
}

/** Follows a `{ value }` reference to a stored object, with QBO's 610 when it is missing or inactive. */
export function resolveRef(
	ctx: WriteContext,
	type: string,
	ref: unknown,
	element: string,
	options: ResolveOptions = {},
): Entity | undefined {
	if (ref === undefined || ref === null) {
		if (options.required) throw faults.required(element);
		return undefined;
	}
	const id = typeof ref === 'object' ? String((ref as Entity).value ?? '') : String(ref);
	if (id === '') {
		if (options.required) throw faults.required(element);
		return undefined;
	}
	if (ctx.hiddenIds?.get(type)?.has(id)) throw faults.inactiveReference(element);
	const target = ctx.realm.get(type, id);
	if (!target) throw faults.inactiveReference(element);
	if (target.Active === false && !options.allowInactive) throw faults.inactiveReference(element);
	return target;
}

/** References are returned with the target's name, as QBO does. */
export function refTo(entity: Entity, nameField = 'DisplayName'): { value: string; name: string } {
	return { value: entity.Id, name: entity.FullyQualifiedName ?? entity[nameField] ?? entity.Name };
}

export function checkEmail(entity: Entity, path: string): void {
	const value = valueAt(entity, path);
	if (value === undefined || value === null || value === '') return;
	const text = String(value);
	// QBO's stated rule is only "must contain @ and ." (§2.1).
	if (!text.includes('@') || !text.includes('.')) {
		throw faults.business(
			`${path} "${text}" is not a valid e-mail address; it must contain "@" and ".".`,
			path,
		);
	}
}
