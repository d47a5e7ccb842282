/**
 * Reads every row of a query, 1000 at a time (QBO's maximum page, qbo-api.md §4), stopping on the
 * first short page. STARTPOSITION is 1-based.
 */
import type { QboCall, QboJson } from './caller';
import { buildQuery, QBO_MAX_PAGE, type QuerySpec } from './query';

export interface QueryAllOptions {
	pageSize?: number;
	/** Stop after this many rows. */
	limit?: number;
}

export async function queryAll(call: QboCall, spec: Omit<QuerySpec, 'startPosition' | 'maxResults' | 'count'>, options: QueryAllOptions = {}): Promise<QboJson[]> {
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
