/**
 * Searches behind the resource locators (customer, item, vendor, account, invoice): QBO's LIKE
 * with the typed text (escaped), 100 results a page, inactive records left out.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { buildQuery, type QueryCondition } from '../../shared/qbo/query';
import { qboRequest } from '../../shared/qbo/transport';

const PAGE = 100;

async function search(
	context: ILoadOptionsFunctions,
	entity: string,
	field: string,
	label: (row: IDataObject) => string,
	filter?: string,
	token?: string,
	extra: QueryCondition[] = [],
): Promise<INodeListSearchResult> {
	const start = Number(token ?? 1);
	const where: QueryCondition[] = [...extra];
	if (filter) where.push({ field, operator: 'LIKE', value: `%${filter}%` });
	const query = buildQuery({
		entity,
		where,
		orderBy: { field },
		startPosition: start,
		maxResults: PAGE,
	});
	const { body } = await qboRequest.call(context, { method: 'POST', path: 'query', body: query });
	const rows = ((body.QueryResponse as IDataObject)?.[entity] as IDataObject[]) ?? [];
	return {
		results: rows.map((row) => ({ name: label(row), value: String(row.Id) })),
		paginationToken: rows.length === PAGE ? String(start + PAGE) : undefined,
	};
}

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	token?: string,
) {
	return await search(
		this,
		'Customer',
		'DisplayName',
		(r) => String(r.FullyQualifiedName ?? r.DisplayName),
		filter,
		token,
	);
}

export async function searchVendors(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, 'Vendor', 'DisplayName', (r) => String(r.DisplayName), filter, token);
}

export async function searchItems(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(
		this,
		'Item',
		'Name',
		(r) => `${String(r.FullyQualifiedName ?? r.Name)}${r.Sku ? ` (${String(r.Sku)})` : ''}`,
		filter,
		token,
	);
}

export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(
		this,
		'Account',
		'Name',
		(r) => `${String(r.FullyQualifiedName ?? r.Name)} · ${String(r.AccountType)}`,
		filter,
		token,
	);
}

export async function searchInvoices(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	const label = (r: IDataObject) =>
		`${String(r.DocNumber ?? `#${String(r.Id)}`)} · ${String((r.CustomerRef as IDataObject)?.name ?? '')} · ${String(r.TotalAmt)}`;
	return await search(this, 'Invoice', 'DocNumber', label, filter, token);
}
