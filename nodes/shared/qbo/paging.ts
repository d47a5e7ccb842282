/**
 * Reads every row of a query, 1000 at a time (QBO's maximum page, quickbooks-api-notes.md §4), stopping on the
 * first short page. STARTPOSITION is 1-based.
 */
import type { QboCall, QboJson } from './caller';
import {
	buildQuery,
	QBO_MAX_PAGE,
	QboQueryError,
	type QueryCondition,
	type QuerySpec,
} from './query';

/** Name lists leave inactive objects out of queries unless Active is filtered (quickbooks-api-notes.md §4). */
export const NAME_LISTS = new Set([
	'Customer',
	'Vendor',
	'Employee',
	'Item',
	'Account',
	'Class',
	'Department',
	'Term',
	'PaymentMethod',
]);

/** The condition that keeps inactive objects of a name list in a query's answer (none for other entities). */
export function withInactive(entity: string): QueryCondition[] {
	return NAME_LISTS.has(entity) ? [{ field: 'Active', operator: 'IN', value: [true, false] }] : [];
}

const IDS_PER_QUERY = 100;

/** Objects by id, inactive ones included: `Id IN (...)`, 100 ids a query to keep statements short. */
export async function queryByIds(call: QboCall, entity: string, ids: string[]): Promise<QboJson[]> {
	const unique = [...new Set(ids)];
	const rows: QboJson[] = [];
	for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
		rows.push(
			...(await queryAll(call, {
				entity,
				where: [
					{ field: 'Id', operator: 'IN', value: unique.slice(i, i + IDS_PER_QUERY) },
					...withInactive(entity),
				],
			})),
		);
	}
	return rows;
}

export interface QueryAllOptions {
	pageSize?: number;
	/** Stop after this many rows. */
	limit?: number;
}

export async function queryAll(
	call: QboCall,
	spec: Omit<QuerySpec, 'startPosition' | 'maxResults' | 'count'>,
	options: QueryAllOptions = {},
): Promise<QboJson[]> {
	const pageSize = Math.min(options.pageSize ?? QBO_MAX_PAGE, QBO_MAX_PAGE);
	const limit = options.limit ?? Number.POSITIVE_INFINITY;
	const rows: QboJson[] = [];
	for (let start = 1; rows.length < limit; start += pageSize) {
		const want = Math.min(pageSize, limit - rows.length);
		const query = buildQuery({ ...spec, startPosition: start, maxResults: want });
		const body = await call({ method: 'POST', path: 'query', body: query });
		const page: QboJson[] = body.QueryResponse?.[spec.entity] ?? [];
		rows.push(...page);
		if (page.length < want) break;
	}
	return rows;
}

/**
 * Pages a raw SELECT written by a user: STARTPOSITION / MAXRESULTS are appended page by page
 * unless the query sets them itself, in which case it runs once as written.
 */
export async function queryAllSql(
	call: QboCall,
	sql: string,
	options: QueryAllOptions = {},
): Promise<{ entity: string; rows: QboJson[] }> {
	const entity = /\bFROM\s+([A-Za-z]+)/i.exec(sql)?.[1];
	if (!entity || !/^\s*SELECT\b/i.test(sql))
		throw new QboQueryError(
			'The query must be a SELECT ... FROM <Entity> statement, e.g. SELECT * FROM Customer WHERE Active = true.',
		);
	const countOnly = /^\s*SELECT\s+COUNT\s*\(/i.test(sql);
	if (countOnly || /\b(STARTPOSITION|MAXRESULTS)\b/i.test(sql)) {
		const body = await call({ method: 'POST', path: 'query', body: sql });
		return {
			entity,
			rows: countOnly
				? [{ totalCount: body.QueryResponse?.totalCount ?? 0 }]
				: (body.QueryResponse?.[entity] ?? []),
		};
	}
	const pageSize = Math.min(options.pageSize ?? QBO_MAX_PAGE, QBO_MAX_PAGE);
	const limit = options.limit ?? Number.POSITIVE_INFINITY;
	const rows: QboJson[] = [];
	for (let start = 1; rows.length < limit; start += pageSize) {
		const want = Math.min(pageSize, limit - rows.length);
		const body = await call({
			method: 'POST',
			path: 'query',
			body: `${sql.trim()} STARTPOSITION ${start} MAXRESULTS ${want}`,
		});
		const page: QboJson[] = body.QueryResponse?.[entity] ?? [];
		rows.push(...page);
		if (page.length < want) break;
	}
	return { entity, rows };
}
