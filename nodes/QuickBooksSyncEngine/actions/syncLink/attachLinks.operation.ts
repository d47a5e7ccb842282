import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { getQboConnection } from '../../../QuickBooksSync/transport';
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
		description: "The app resource these records are, as in the app's URLs (customers, locations, items, invoices…). Records of two resources merged (customers and their locations): an expression that gives each record's.",
		displayOptions: { show: { resource: ['syncLink'], operation: ['attachLinks'] } },
	},
];

/**
 * Puts the links stored in n8n back on app records that cannot hold them (qboId, qboSyncToken,
 * sync.fingerprint / syncedAt / error), one read of the store per resource. A link the record itself
 * holds wins. Place it after the app listing, before the engine.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<EngineOutputs> {
	const wanted = items.map((item, index) => {
		const resource = String(this.getNodeParameter('appResource', index, '') ?? '').trim();
		if (!resource) throw new NodeOperationError(this.getNode(), 'App Resource is empty', { description: "Name the app resource of these records (customers, locations, items, invoices…) as in the app's URLs. Nothing was read.", itemIndex: index });
		const id = item.json.id;
		if (id === undefined || id === null || id === '') throw new NodeOperationError(this.getNode(), `Record ${index + 1} (${resource}) has no id`, { description: 'Every app record needs its "id" for its link to be found: map it in "Map to the app contract". Nothing was read.', itemIndex: index });
		return { resource, appId: String(id) };
	});
	if (!items.length) return [[]];
	const { realmId } = await getQboConnection.call(this);
	const links = await withState(this, async ({ store }) => {
		const byResource = new Map<string, Awaited<ReturnType<typeof store.getLinks>>>();
		for (const resource of new Set(wanted.map((w) => w.resource))) {
			byResource.set(resource, await store.getLinks(realmId, resource, wanted.filter((w) => w.resource === resource).map((w) => w.appId)));
		}
		return byResource;
	});
	return [items.map((item, index) => ({ json: withStoredLink(item.json, links.get(wanted[index].resource)?.get(wanted[index].appId)) as IDataObject, pairedItem: { item: index } }))];
}
