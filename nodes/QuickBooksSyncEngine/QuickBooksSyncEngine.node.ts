import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../QuickBooksSync/transport';
import { pushCustomers, type NamedRef } from '../shared/sync/customer-push';
import { pushItems } from '../shared/sync/item-push';
import { pullCustomers } from '../shared/sync/customer-pull';
import { pullItems } from '../shared/sync/item-pull';
import { engineProperties } from './description';

function namedRefs(context: IExecuteFunctions, name: string): NamedRef[] {
	const raw = context.getNodeParameter(name, 0, '[]') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = raw.trim() ? JSON.parse(raw) : [];
		} catch {
			value = undefined;
		}
	}
	if (!Array.isArray(value) || value.some((r) => !r || typeof r !== 'object' || typeof (r as IDataObject).id !== 'string' || typeof (r as IDataObject).name !== 'string')) {
		throw new NodeOperationError(context.getNode(), `"${name === 'appTaxRates' ? 'App Tax Rates' : 'App Payment Terms'}" must be a JSON list of { "id": "...", "name": "..." }`, { description: 'Use an expression over the node that lists them, e.g. {{ $(\'Get terms\').all().map(i => ({ id: i.json.id, name: i.json.name })) }}, or leave [] to not sync them.' });
	}
	return value as NamedRef[];
}

export class QuickBooksSyncEngine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Engine',
		name: 'quickBooksSyncEngine',
		icon: { light: 'file:quickBooksSync.svg', dark: 'file:quickBooksSync.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Syncs app records with QuickBooks Online: matching, fingerprints, conflict rules, deterministic request ids, one outcome per record',
		defaults: { name: 'QuickBooks Sync Engine' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		// App Creates: records to POST to the app (pulls), each with the link to write under the id the app gives it.
		outputNames: ['App Writes', 'Issues', 'Summary', 'App Creates'],
		credentials: [{ name: 'quickBooksSyncOAuth2Api', required: true, displayOptions: { show: { operation: ['push', 'pull'] } } }],
		properties: engineProperties,
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const resource = this.getNodeParameter('resource', 0) as string;
		const items = this.getInputData();
		// The cursor per workflow and resource: an accelerator only (a lost one re-reads, never duplicates).
		const key = `cursor:${resource}`;
		const cursors = () => this.getWorkflowStaticData('global') as IDataObject;
		if (operation === 'getCursor') {
			return [[{ json: { resource, cursor: (cursors()[key] as string | undefined) ?? (this.getNodeParameter('startFrom', 0) as string) }, pairedItem: { item: 0 } }], [], [], []];
		}
		if (operation === 'commitCursor') {
			const candidates = items.map((_, i) => String(this.getNodeParameter('cursor', i, '') ?? '')).filter((v) => !Number.isNaN(Date.parse(v)));
			const previous = cursors()[key] as string | undefined;
			const newest = [...candidates, ...(previous ? [previous] : [])].sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
			if (newest && newest !== previous) cursors()[key] = newest;
			return [[], [], [{ json: { resource, cursor: newest ?? null, previous: previous ?? null, moved: newest !== previous }, pairedItem: items.map((_, item) => ({ item })) }], []];
		}

		const { realmId } = await getQboConnection.call(this);
		const records = items.map((item) => item.json as Record<string, unknown>);
		if (operation === 'pull') {
			const since = String(this.getNodeParameter('since', 0, '') ?? '').trim() || undefined;
			const createInApp = this.getNodeParameter('createInApp', 0, true) as boolean;
			const now = () => new Date().toISOString();
			const pulling =
				resource === 'item'
					? pullItems(qboCaller(this), records, { realmId, since, createInApp, now })
					: pullCustomers(qboCaller(this), records, {
							realmId,
							since,
							createInApp,
							appTerms: namedRefs(this, 'pullAppTerms'),
							appTaxRates: [],
							defaultTerms: String(this.getNodeParameter('defaultTerms', 0, '') ?? '').trim() || undefined,
							now,
						});
			const pulled = await pulling.catch((error: Error) => {
				throw new NodeOperationError(this.getNode(), error, { description: 'Nothing was written to the app; the next run reads the same changes again.' });
			});
			const all = items.map((_, item) => ({ item }));
			const out = (list: object[]) => list.map((json) => ({ json: json as IDataObject, pairedItem: all }));
			return [out(pulled.appChanges.filter((c) => c.method !== 'POST')), out(pulled.issues), out([pulled.summary]), out(pulled.appChanges.filter((c) => c.method === 'POST'))];
		}
		const common = { realmId, createMissing: this.getNodeParameter('createMissing', 0) as boolean, dryRun: this.getNodeParameter('dryRun', 0) as boolean, now: () => new Date().toISOString() };
		const text = (name: string) => String(this.getNodeParameter(name, 0, '') ?? '').trim() || undefined;
		const run =
			resource === 'item'
				? pushItems(qboCaller(this), records, {
						...common,
						matchBy: this.getNodeParameter('itemMatchBy', 0) as 'skuThenName' | 'sku' | 'name',
						requireSku: this.getNodeParameter('requireSku', 0, false) as boolean,
						defaults: { income: text('defaultIncomeAccount'), expense: text('defaultExpenseAccount'), asset: text('defaultAssetAccount') },
						today: () => new Date().toISOString().slice(0, 10),
					})
				: pushCustomers(qboCaller(this), records, {
						...common,
						matchBy: this.getNodeParameter('matchBy', 0) as 'emailThenName' | 'email' | 'name',
						requireEmail: this.getNodeParameter('requireEmail', 0, false) as boolean,
						appTerms: namedRefs(this, 'appTerms'),
						appTaxRates: namedRefs(this, 'appTaxRates'),
					});
		const result = await run.catch((error: Error) => {
			throw new NodeOperationError(this.getNode(), error, { description: 'Nothing after the failed request was written; the next run retries (request ids make repeats safe).' });
		});
		return [
			result.appWrites.map(({ item, ...write }) => ({ json: write as unknown as IDataObject, pairedItem: { item } })),
			result.issues.map(({ item, ...issue }) => ({ json: issue as unknown as IDataObject, pairedItem: { item } })),
			[{ json: result.summary as IDataObject, pairedItem: items.map((_, item) => ({ item })) }],
			[],
		];
	}
}
