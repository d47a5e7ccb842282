/**
 * QBO's query language (quickbooks-api-notes.md §4): SELECT * | count(*) FROM Entity [WHERE a op v AND …]
 * [ORDERBY f ASC|DESC] [STARTPOSITION n] [MAXRESULTS n]. No OR, no projections; `%` is the only
 * LIKE wildcard; backslash escapes; inactive names are left out unless the query filters on Active.
 * As the live service does, keywords and the entity name are taken in any case, and STARTPOSITION
 * and MAXRESULTS in either order: real clients send `from customer` (node-quickbooks) and
 * `MAXRESULTS 1000 STARTPOSITION 1` (n8n's built-in node).
 */
import { faults } from './fault';
import { catalog, specFor } from './catalog';
import type { Entity } from './entities/types';
import type { Realm } from './realm';

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; at: number };

function tokenize(sql: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < sql.length) {
		const ch = sql[i];
		if (/\s/.test(ch)) {
			i++;
		} else if (ch === "'") {
			let text = '';
			const at = i++;
			while (i < sql.length && sql[i] !== "'") {
				if (sql[i] === '\\' && i + 1 < sql.length) i++;
				text += sql[i++];
			}
			if (i >= sql.length)
				throw faults.queryParse(
					`Lexical error: the string starting at column ${at + 1} is not closed with a quote.`,
				);
			i++;
			tokens.push({ kind: 'string', text, at });
		} else if ((/[-\d]/.test(ch) && /[-\d.]/.test(sql[i + 1] ?? '')) || /\d/.test(ch)) {
			const at = i;
			let text = ch;
			i++;
			while (i < sql.length && /[\d.]/.test(sql[i])) text += sql[i++];
			tokens.push({ kind: 'number', text, at });
		} else if (/[A-Za-z_]/.test(ch)) {
			const at = i;
			let text = '';
			while (i < sql.length && /[A-Za-z0-9_.]/.test(sql[i])) text += sql[i++];
			tokens.push({ kind: 'word', text, at });
		} else {
			const two = sql.slice(i, i + 2);
			const text = ['<=', '>=', '!=', '<>'].includes(two) ? two : ch;
			tokens.push({ kind: 'symbol', text, at: i });
			i += text.length;
		}
	}
	return tokens;
}

interface Condition {
	field: string;
	op: string;
	values: Array<string | number | boolean>;
}

export interface ParsedQuery {
	entity: string;
	count: boolean;
	where: Condition[];
	orderBy: Array<{ field: string; desc: boolean }>;
	start: number;
	max: number;
}

const OPERATORS = ['=', '<', '>', '<=', '>=', 'LIKE', 'IN'];
const ENTITY_BY_LOWER_NAME = new Map(
	Object.keys(catalog).map((name) => [name.toLowerCase(), name]),
);

export function parseQuery(sql: string): ParsedQuery {
	const tokens = tokenize(sql.trim());
	let pos = 0;
	const peek = () => tokens[pos];
	const upper = (t?: Token) => (t?.kind === 'word' ? t.text.toUpperCase() : t?.text);
	const unexpected = (expected: string): never => {
		const t = peek();
		throw faults.queryParse(
			t
				? `Encountered "${t.text}" at line 1, column ${t.at + 1}. Was expecting ${expected}.`
				: `Encountered "<EOF>". Was expecting ${expected}.`,
		);
	};
	const expectWord = (word: string) => {
		if (upper(peek()) !== word) unexpected(`"${word}"`);
		pos++;
	};
	const integer = (name: string): number => {
		const t = peek();
		if (t?.kind !== 'number' || !/^-?\d+$/.test(t.text)) unexpected(`a whole number after ${name}`);
		pos++;
		return Number(t.text);
	};
	const value = (): string | number | boolean => {
		const t = peek();
		if (!t) return unexpected('a value');
		pos++;
		if (t.kind === 'string' || t.kind === 'number')
			return t.kind === 'number' ? Number(t.text) : t.text;
		if (t.kind === 'word' && ['TRUE', 'FALSE'].includes(t.text.toUpperCase()))
			return t.text.toUpperCase() === 'TRUE';
		pos--;
		return unexpected('a quoted value, a number, true or false');
	};

	expectWord('SELECT');
	let count = false;
	if (peek()?.text === '*') pos++;
	else if (upper(peek()) === 'COUNT') {
		pos++;
		for (const s of ['(', '*', ')']) {
			if (peek()?.text !== s) unexpected(`"${s}"`);
			pos++;
		}
		count = true;
	} else unexpected('"*" or "count(*)" (projections are not supported)');
	expectWord('FROM');
	const entityToken = peek();
	if (entityToken?.kind !== 'word') return unexpected('an entity name');
	pos++;
	const entity = ENTITY_BY_LOWER_NAME.get(entityToken.text.toLowerCase());
	if (!entity)
		throw faults.queryParse(
			`Invalid context declaration : ${entityToken.text}. Name one entity, e.g. Customer (not a plural).`,
		);
	const query: ParsedQuery = { entity, count, where: [], orderBy: [], start: 1, max: 100 };
	if (upper(peek()) === 'WHERE') {
		pos++;
		for (;;) {
			const field = peek();
			if (field?.kind !== 'word') unexpected('a property name');
			pos++;
			const opToken = peek();
			const op = upper(opToken) ?? '';
			if (!OPERATORS.includes(op)) unexpected(`one of ${OPERATORS.join(' ')}`);
			pos++;
			const values: Condition['values'] = [];
			if (op === 'IN') {
				if (peek()?.text !== '(') unexpected('"("');
				pos++;
				for (;;) {
					values.push(value());
					if (peek()?.text === ',') pos++;
					else break;
				}
				if (peek()?.text !== ')') unexpected('")"');
				pos++;
			} else values.push(value());
			query.where.push({ field: field!.text, op, values });
			if (upper(peek()) === 'AND') pos++;
			else if (upper(peek()) === 'OR') unexpected('"AND" (OR is not supported)');
			else break;
		}
	}
	if (upper(peek()) === 'ORDERBY' || upper(peek()) === 'ORDER') {
		if (upper(peek()) === 'ORDER') {
			pos++;
			expectWord('BY');
		} else pos++;
		for (;;) {
			const field = peek();
			if (field?.kind !== 'word') unexpected('a property name');
			pos++;
			let desc = false;
			if (['ASC', 'DESC'].includes(upper(peek()) ?? '')) desc = upper(tokens[pos++]) === 'DESC';
			query.orderBy.push({ field: field!.text, desc });
			if (peek()?.text === ',') pos++;
			else break;
		}
	}
	const paging = new Set<string>();
	while (['STARTPOSITION', 'MAXRESULTS'].includes(upper(peek()) ?? '')) {
		const keyword = upper(tokens[pos++])!;
		if (paging.has(keyword)) throw faults.queryParse(`${keyword} is given twice; give it once.`);
		paging.add(keyword);
		if (keyword === 'STARTPOSITION') query.start = integer(keyword);
		else query.max = integer(keyword);
	}
	if (peek()) unexpected('the end of the query');
	for (const [name, n] of [
		['STARTPOSITION', query.start],
		['MAXRESULTS', query.max],
	] as const) {
		if (n < 1) throw faults.invalidQuery(`value ${n} is too small. Min allowed value is 1`);
		if (name === 'MAXRESULTS' && n > 1000)
			throw faults.invalidQuery(`value ${n} is too large. Max allowed value is 1000`);
	}
	return query;
}

const DATE_FIELDS = /(^|\.)(CreateTime|LastUpdatedTime|TxnDate|DueDate|ShipDate|InvStartDate)$/;

function fieldValue(entity: Entity, parts: string[]): unknown {
	let raw: unknown = entity;
	for (const part of parts)
		raw = raw === null || typeof raw !== 'object' ? undefined : (raw as Entity)[part];
	if (raw && typeof raw === 'object') {
		if ('value' in raw) return (raw as Entity).value;
		if ('Address' in raw) return (raw as Entity).Address;
	}
	return raw;
}

function compare(field: string, a: unknown, b: string | number | boolean): number {
	if (a === undefined || a === null) return Number.NaN;
	if (DATE_FIELDS.test(field)) return Date.parse(String(a)) - Date.parse(String(b));
	if (typeof b === 'boolean' || typeof a === 'boolean') return String(a) === String(b) ? 0 : 1;
	const na = Number(a);
	const nb = Number(b);
	if (typeof a === 'number' || (field === 'Id' && Number.isFinite(na) && Number.isFinite(nb)))
		return na - nb;
	return String(a).toLowerCase().localeCompare(String(b).toLowerCase());
}

/** Compiles a condition once per query rather than once per row. */
function predicate(c: Condition): (entity: Entity) => boolean {
	const parts = c.field.split('.');
	if (c.op === 'LIKE') {
		const pattern = String(c.values[0])
			.toLowerCase()
			.split('%')
			.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*');
		const regex = new RegExp(`^${pattern}$`, 's');
		return (e) => {
			const actual = fieldValue(e, parts);
			return actual !== undefined && actual !== null && regex.test(String(actual).toLowerCase());
		};
	}
	if (c.op === 'IN')
		return (e) => c.values.some((v) => compare(c.field, fieldValue(e, parts), v) === 0);
	const test = {
		'=': (d: number) => d === 0,
		'<': (d: number) => d < 0,
		'>': (d: number) => d > 0,
		'<=': (d: number) => d <= 0,
		'>=': (d: number) => d >= 0,
	}[c.op]!;
	return (e) => {
		const d = compare(c.field, fieldValue(e, parts), c.values[0]);
		return !Number.isNaN(d) && test(d);
	};
}

/** `Id = 'n'` and `Id IN (…)` read the rows directly instead of scanning the table. */
function candidates(realm: Realm, q: ParsedQuery): Entity[] {
	const byId = q.where.find((c) => c.field === 'Id' && (c.op === '=' || c.op === 'IN'));
	if (!byId) return realm.all(q.entity);
	return byId.values
		.map((v) => realm.get(q.entity, String(v)))
		.filter((e): e is Entity => e !== undefined);
}

/** Runs a query. `hidden` ids (created earlier in the same batch) are invisible, as in QBO's batch (§6). */
export function runQuery(realm: Realm, sql: string, hidden?: Map<string, Set<string>>): Entity {
	const q = parseQuery(sql);
	const spec = specFor(q.entity);
	for (const c of [...q.where, ...q.orderBy]) {
		if (!spec.filterable.includes(c.field))
			throw faults.invalidQuery(`property '${c.field}' is not queryable for ${q.entity}`);
	}
	const tests = q.where.map(predicate);
	const hiddenHere = hidden?.get(q.entity);
	const activeOnly =
		(spec.kind === 'name' || spec.kind === 'list') && !q.where.some((c) => c.field === 'Active');
	const rows = candidates(realm, q).filter(
		(e) =>
			!hiddenHere?.has(e.Id) &&
			(!activeOnly || e.Active !== false) &&
			tests.every((test) => test(e)),
	);
	if (q.count) return { QueryResponse: { totalCount: rows.length } };
	const order = q.orderBy.length > 0 ? q.orderBy : [{ field: 'Id', desc: false }];
	const orderParts = order.map((o) => o.field.split('.'));
	rows.sort((a, b) => {
		for (const [i, o] of order.entries()) {
			const va = fieldValue(a, orderParts[i]);
			const d =
				va === undefined ? -1 : compare(o.field, va, fieldValue(b, orderParts[i]) as string);
			if (d !== 0 && !Number.isNaN(d)) return o.desc ? -d : d;
		}
		return Number(a.Id) - Number(b.Id);
	});
	const page = rows.slice(q.start - 1, q.start - 1 + q.max);
	if (page.length === 0) return { QueryResponse: {} };
	return { QueryResponse: { [q.entity]: page, startPosition: q.start, maxResults: page.length } };
}
