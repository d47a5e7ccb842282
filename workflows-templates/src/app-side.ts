/** The app side: the app's lists (read page by page, merged for the mapping node) and its writes. */
import {
	credential,
	node,
	APP_URL,
	type Extra,
	type Json,
	type Target,
	type TemplateNode,
} from './nodes';

type AppGetExtra = Extra & { query?: Json; paginate?: boolean };

/** A GET of the app's API with the app's key. */
export function appGet(name: string, path: string, extra: AppGetExtra = {}): TemplateNode {
	const { query, paginate, ...rest } = extra;
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			url: `${APP_URL}${path}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: paginate ? { pagination: { pagination: cursorPagination } } : {},
			...(query
				? {
						sendQuery: true,
						queryParameters: {
							parameters: Object.entries(query).map(([n, value]) => ({ name: n, value })),
						},
					}
				: {}),
		},
		{ credentials: credential.app, ...rest },
	);
}

/** Every record of an app list (deleted ones too), page by page: what a sync compares against. */
export function listEvery(name: string, path: string, extra: AppGetExtra): TemplateNode {
	return appGet(name, path, {
		query: { includeDeleted: 'true', limit: '100' },
		paginate: true,
		executeOnce: true,
		...extra,
	});
}

/** The records changed since the last run's cursor, plus the ones waiting for a retry (alsoIds). */
export function listChanged(name: string, path: string, extra: Extra): TemplateNode {
	return listEvery(name, path, {
		query: {
			updatedSince: "={{ $('Where the last run ended').first().json.cursor }}",
			alsoIds: "={{ $('Where the last run ended').first().json.retryIds }}",
			includeDeleted: 'true',
			limit: '100',
		},
		...extra,
	});
}

/** Every page of a list, following the contract's `nextCursor`. */
const cursorPagination = {
	parameters: {
		parameters: [{ type: 'qs', name: 'cursor', value: '={{ $response.body.nextCursor }}' }],
	},
	paginationCompleteWhen: 'other',
	completeExpression: '={{ !$response.body.nextCursor }}',
	limitPagesFetched: true,
	maxRequests: 1000,
	requestInterval: 0,
};

/** One app list feeding a merge, through its split. */
export interface ListSource {
	list: TemplateNode;
	split: string;
}
export const every = (name: string, path: string, split: string): ListSource => ({
	list: listEvery(name, path, { next: split }),
	split,
});
export const changed = (name: string, path: string, split: string): ListSource => ({
	list: listChanged(name, path, { next: split }),
	split,
});
/** A list read its own way (another query), feeding the merge through `split`. */
export const source = (list: TemplateNode, split: string): ListSource => ({
	list: { ...list, outputs: [[split]] },
	split,
});

/** Reads several app lists and merges their records into one stream for the mapping node. */
export function gather(name: string, sources: ListSource[], extra: Extra): TemplateNode[] {
	return [
		...sources.flatMap(({ list, split: splitName }, input) => [
			list,
			split(splitName, { next: input ? { node: name, input } : name }),
		]),
		merge(name, 3.2, { numberInputs: sources.length }, extra),
	];
}

/** A list's records as items (none is still an item, so the run goes on). */
export function split(name: string, extra: Extra): TemplateNode {
	return node(
		name,
		'n8n-nodes-base.splitOut',
		1,
		{ fieldToSplitOut: 'data', options: {} },
		{ alwaysOutputData: true, ...extra },
	);
}

export function merge(
	name: string,
	typeVersion: number,
	parameters: Json,
	extra: Extra,
): TemplateNode {
	return node(name, 'n8n-nodes-base.merge', typeVersion, parameters, extra);
}

/** The one node an admin edits to map another app onto the contract (docs/app-contract.md). */
export function mapToContract(extra: Extra): TemplateNode {
	return node(
		'Map to the app contract',
		'n8n-nodes-base.set',
		3.4,
		{ mode: 'manual', includeOtherFields: true, options: {}, assignments: { assignments: [] } },
		extra,
	);
}

/** The app call the engine describes on each item (`method`, `path`, `body`). */
export function appWrite(
	name: string,
	extra: Extra & { idempotencyKey?: boolean } = {},
): TemplateNode {
	const { idempotencyKey, ...rest } = extra;
	return node(
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			url: "={{ $('Settings').first().json.appBaseUrl + $json.path }}",
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {},
			method: '={{ $json.method }}',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json.body) }}',
			...(idempotencyKey
				? {
						sendHeaders: true,
						headerParameters: {
							parameters: [{ name: 'Idempotency-Key', value: "={{ $json.idempotencyKey ?? '' }}" }],
						},
					}
				: {}),
		},
		{ credentials: credential.app, ...rest },
	);
}

/** The nodes of a pull's app writes (the history import names them per document type). */
export interface PullNames {
	create: string;
	pair: string;
	link: string;
	update?: string;
	issues: string;
}
export const PULL_NAMES: PullNames = {
	create: 'Create in the app',
	pair: 'New records and their links',
	link: 'Link new records',
	update: 'Update the app',
	issues: 'Issues to fix',
};

/**
 * A pulling engine node's wires: output 0 updates, 1 issues, 2 the summary (and the cursor),
 * 3 creates. n8n runs sibling branches top to bottom, so the creates go first and the cursor
 * moves only after every write of the run.
 */
export function pullOutputs(summary: Target[], names: PullNames = PULL_NAMES): Extra {
	return {
		outputs: [
			names.update ? [names.update] : [],
			[names.issues],
			summary,
			[names.pair, names.create],
		],
		branchOrder: [3, 0, 1, 2],
	};
}

/**
 * A pull's app writes: each create (with the engine's Idempotency-Key) is paired with the link
 * the engine made for it and the link is written to the new record; updates go as they are.
 */
export function pullWrites(names: PullNames = PULL_NAMES, afterLinks?: Target): TemplateNode[] {
	return [
		appWrite(names.create, { idempotencyKey: true, next: { node: names.pair, input: 1 } }),
		merge(
			names.pair,
			3,
			{ mode: 'combine', combineBy: 'combineByPosition', options: {} },
			{ next: names.link },
		),
		node(
			names.link,
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				url: `${APP_URL}/v1/{{ $json.resource }}/{{ $json.id }}/sync`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				options: {},
				method: 'PUT',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json.link) }}',
			},
			{ credentials: credential.app, ...(afterLinks ? { next: afterLinks } : {}) },
		),
		...(names.update ? [appWrite(names.update)] : []),
	];
}
