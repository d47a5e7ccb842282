/**
 * The workflows of the side-by-side bench. The built-in node's are built as its users build them
 * (one node per step, a loop for find-or-create); this package's are its templates as shipped, or
 * its QuickBooks Sync node for a plain read.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Json } from '../../e2e/template-harness';
import { builtinNode } from '../../support/builtin-quickbooks';

const manual = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A Code node that puts out the given items (the data the user's app would hand over). */
function codeNode(name: string, items: Json[], position: [number, number]): Json {
	return {
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
	};
}

const link = (to: string, index = 0) => ({ node: to, type: 'main', index });

function chain(id: string, name: string, nodes: Json[]): Json {
	const all = [manual, ...nodes];
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		nodes: all,
		connections: Object.fromEntries(
			all.slice(0, -1).map((n, i) => [n.name, { main: [[link(all[i + 1].name)]] }]),
		),
	};
}

/** (a) with the built-in node: one Update per customer (it reads each customer for its SyncToken first). */
export function builtinUpdatePhones(
	id: string,
	changes: Array<{ qboId: string; phone: string }>,
): Json {
	return chain(id, '(a) built-in: update phones', [
		codeNode('Phones to change', changes, [200, 0]),
		builtinNode(
			'Update customer',
			{
				resource: 'customer',
				operation: 'update',
				customerId: '={{ $json.qboId }}',
				updateFields: { PrimaryPhone: '={{ $json.phone }}' },
			},
			[400, 0],
		),
	]);
}

/**
 * (b) with the built-in node, as its users build find-or-create: Loop Over Items one at a time → Get
 * Many with a WHERE on the name and a limit of 1 (its filtered Return All returns nothing) → IF none
 * found → Create → back to the loop.
 */
export function builtinFindOrCreate(id: string, names: string[]): Json {
	const nodes: Json[] = [
		manual,
		codeNode(
			'Customers to sync',
			names.map((name) => ({ name })),
			[200, 0],
		),
		{
			id: 'loop',
			name: 'One at a time',
			type: 'n8n-nodes-base.splitInBatches',
			typeVersion: 3,
			position: [400, 0],
			parameters: { batchSize: 1, options: {} },
		},
		builtinNode(
			'Find by name',
			{
				resource: 'customer',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				filters: { query: "=WHERE DisplayName = '{{ $('One at a time').first().json.name }}'" },
			},
			[600, 0],
			{ alwaysOutputData: true },
		),
		{
			id: 'found',
			name: 'Found?',
			type: 'n8n-nodes-base.if',
			typeVersion: 1,
			position: [800, 0],
			parameters: {
				conditions: { string: [{ value1: '={{ $json.Id ?? "" }}', operation: 'isNotEmpty' }] },
			},
		},
		builtinNode(
			'Create customer',
			{
				resource: 'customer',
				operation: 'create',
				displayName: "={{ $('One at a time').first().json.name }}",
				additionalFields: {},
			},
			[1000, 100],
		),
	];
	return {
		id,
		name: '(b) built-in: find or create',
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: { main: [[link('Customers to sync')]] },
			'Customers to sync': { main: [[link('One at a time')]] },
			'One at a time': { main: [[], [link('Find by name')]] },
			'Find by name': { main: [[link('Found?')]] },
			'Found?': { main: [[link('One at a time')], [link('Create customer')]] },
			'Create customer': { main: [[link('One at a time')]] },
		},
	};
}

/** (c) with the built-in node: Get Many, Return All, with a WHERE filter. */
export function builtinFilteredList(id: string, where: string): Json {
	return chain(id, '(c) built-in: filtered list', [
		builtinNode(
			'Get many customers',
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { query: where } },
			[200, 0],
			{ alwaysOutputData: true },
		),
	]);
}

/** (c) with this package's QuickBooks Sync node: Get Many, Return All, Display Name with a wildcard. */
export function packageFilteredList(id: string, displayName: string): Json {
	return chain(id, '(c) this package: filtered list', [
		{
			id: 'get-many',
			name: 'Get many customers',
			type: 'n8n-nodes-quickbooks-sync.quickBooksSync',
			typeVersion: 1,
			position: [200, 0],
			alwaysOutputData: true,
			parameters: {
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				filters: { displayName },
				simplify: true,
			},
			credentials: { quickBooksSyncOAuth2Api: { id: '', name: 'QuickBooks' } },
		},
	]);
}

/** A template as shipped (workflows-templates/). */
export const template = (file: string): Json =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '../../../workflows-templates', file), 'utf8'));

/**
 * A template as shipped, under another id and name (one n8n holds several copies): its Sync Webhook
 * gets a path of its own, and its schedule is off so that only the bench starts runs.
 */
export function templateCopy(template: Json, id: string, name: string): Json {
	const copy = JSON.parse(JSON.stringify(template)) as Json;
	for (const node of copy.nodes as Json[]) {
		if (node.type.endsWith('.syncWebhook')) node.webhookId = `bench-${id}`;
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.disabled = true;
	}
	return { ...copy, id, name };
}
