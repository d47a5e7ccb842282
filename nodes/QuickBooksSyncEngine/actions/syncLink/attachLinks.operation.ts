import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getQboConnection } from '../../../shared/qbo/transport';
import { withStoredLink } from '../../../shared/state/links';
import type { EngineOutputs } from '../common';
import { withState } from '../sync-state';

export const description: INodeProperties[] = [
	{
		displayName: 'App Resource',
		name: 'appResource',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'customers',
		description:
			"The app resource these records are, as in the app's URLs (customers, locations, items, invoices…). Records of two resources merged (customers and their locations): an expression that gives each record's.",
		displayOptions: { show: { resource: ['syncLink'], operation: ['attachLinks'] } },
	},
];

/**
 * Puts the links stored in n8n back on app records that cannot hold them (qboId, qboSyncToken,
 * sync.fingerprint / syncedAt / error), one read of the store per resource. A link the record itself
 * holds wins. Place it after the app listing, before the engine.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	// n8n's "always output data" placeholder (an empty listing) is an empty item: passed on as it is.
	const placeholder = (item: INodeExecutionData) => Object.keys(item.json).length === 0;
	const wanted = items.map((item, index) => {
		if (placeholder(item)) return undefined;
		const resource = String(this.getNodeParameter('appResource', index, '') ?? '').trim();
		if (!resource)
			throw new NodeOperationError(this.getNode(), 'App Resource is empty', {
				description:
					"Name the app resource of these records (customers, locations, items, invoices…) as in the app's URLs. Nothing was read.",
				itemIndex: index,
			});
		const id = item.json.id;
		if (id === undefined || id === null || id === '')
			throw new NodeOperationError(this.getNode(), `Record ${index + 1} (${resource}) has no id`, {
				description:
					'Every app record needs its "id" for its link to be found: map it in "Map to the app contract". Nothing was read.',
				itemIndex: index,
			});
		return { resource, appId: String(id) };
	});
	const records = wanted.filter((w): w is { resource: string; appId: string } => w !== undefined);
	if (!records.length)
		return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	const { realmId } = await getQboConnection.call(this);
	const links = await withState(this, async ({ store }) => {
		const byResource = new Map<string, Awaited<ReturnType<typeof store.getLinks>>>();
		for (const resource of new Set(records.map((w) => w.resource))) {
			byResource.set(
				resource,
				await store.getLinks(
					realmId,
					resource,
					records.filter((w) => w.resource === resource).map((w) => w.appId),
				),
			);
		}
		return byResource;
	});
	return [
		items.map((item, index) => {
			const want = wanted[index];
			return {
				json: (want
					? withStoredLink(item.json, links.get(want.resource)?.get(want.appId))
					: item.json) as IDataObject,
				pairedItem: { item: index },
			};
		}),
	];
}
