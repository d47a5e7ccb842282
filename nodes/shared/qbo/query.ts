/**
 * Builds QBO queries (quickbooks-api-notes.md §4) so that no value can change the query: every string value
 * is quoted with backslash escapes for `\` and `'`, and property and entity names must be plain
 * identifiers. OR does not exist in QBO; several conditions are joined with AND.
 */
export type QueryOperator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';
export type QueryValue = string | number | boolean;

export interface QueryCondition {
	field: string;
	operator: QueryOperator;
	value: QueryValue | QueryValue[];
}

export interface QuerySpec {
	entity: string;
	where?: QueryCondition[];
	orderBy?: { field: string; descending?: boolean };
	startPosition?: number;
	maxResults?: number;
	count?: boolean;
}

export class QboQueryError extends Error {}

/** QBO's page limit: MAXRESULTS may be 1..1000. */
export const QBO_MAX_PAGE = 1000;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A value as a QBO literal: `'O\'Brien \\ "x" %'`; numbers and booleans as they are. */
export function quoteQueryValue(value: QueryValue): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value))
			throw new QboQueryError(`The query value ${value} is not a finite number.`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value !== 'string')
		throw new QboQueryError(
			`A query value must be text, a number or true/false; got ${JSON.stringify(value)}.`,
		);
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function identifier(name: string, what: string): string {
	if (!IDENTIFIER.test(name)) {
		throw new QboQueryError(
			`"${name}" is not a valid ${what}: use letters, digits and dots only (e.g. DisplayName, MetaData.LastUpdatedTime).`,
		);
	}
	return name;
}

export function buildQuery(spec: QuerySpec): string {
	const parts = [
		`SELECT ${spec.count ? 'COUNT(*)' : '*'} FROM ${identifier(spec.entity, 'entity name')}`,
	];
	const where = (spec.where ?? []).map((c) => {
		const field = identifier(c.field, 'property name');
		if (c.operator === 'IN') {
			const values = Array.isArray(c.value) ? c.value : [c.value];
			if (values.length === 0) throw new QboQueryError(`IN on ${field} needs at least one value.`);
			return `${field} IN (${values.map(quoteQueryValue).join(', ')})`;
		}
		if (Array.isArray(c.value))
			throw new QboQueryError(`Only IN takes a list of values; ${field} ${c.operator} got a list.`);
		return `${field} ${c.operator} ${quoteQueryValue(c.value)}`;
	});
	if (where.length > 0) parts.push(`WHERE ${where.join(' AND ')}`);
	if (spec.orderBy)
		parts.push(
			`ORDERBY ${identifier(spec.orderBy.field, 'property name')}${spec.orderBy.descending ? ' DESC' : ''}`,
		);
	if (spec.startPosition !== undefined)
		parts.push(`STARTPOSITION ${positiveInteger(spec.startPosition, 'startPosition')}`);
	if (spec.maxResults !== undefined) {
		const max = positiveInteger(spec.maxResults, 'maxResults');
		if (max > QBO_MAX_PAGE)
			throw new QboQueryError(
				`maxResults ${max} is above QuickBooks' limit of ${QBO_MAX_PAGE}; page instead.`,
			);
		parts.push(`MAXRESULTS ${max}`);
	}
	return parts.join(' ');
}

function positiveInteger(n: number, name: string): number {
	if (!Number.isInteger(n) || n < 1)
		throw new QboQueryError(`${name} must be a whole number of at least 1; got ${n}.`);
	return n;
}

/**
 * Fills `?` placeholders of a raw query with escaped values, so users can write
 * `SELECT * FROM Customer WHERE DisplayName = ?` and pass the name separately.
 */
export function bindQuery(sql: string, values: QueryValue[]): string {
	let index = 0;
	let inString = false;
	let out = '';
	for (let i = 0; i < sql.length; i++) {
		const ch = sql[i];
		if (ch === '\\' && inString) {
			out += ch + (sql[++i] ?? '');
			continue;
		}
		if (ch === "'") inString = !inString;
		if (ch === '?' && !inString) {
			if (index >= values.length)
				throw new QboQueryError(
					`The query has more ? placeholders than the ${values.length} values given.`,
				);
			out += quoteQueryValue(values[index++]);
			continue;
		}
		out += ch;
	}
	if (index < values.length)
		throw new QboQueryError(
			`The query has ${index} ? placeholders but ${values.length} values were given.`,
		);
	return out;
}
