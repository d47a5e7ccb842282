import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { engineProperties } from './description';

export const OPERATION_LABELS: Record<string, string> = { push: 'Push to QuickBooks', pull: 'Pull from QuickBooks', twoWay: 'Two-way', import: 'Import history', sync: 'Sync one way', checkCurrencies: 'Check currencies', getCursor: 'Get cursor', commitCursor: 'Commit cursor' };
export const RESOURCE_LABELS: Record<string, string> = { company: 'company', credit: 'credit memos and refunds', customer: 'customers and locations', inventoryValue: 'inventory value', invoice: 'invoices', item: 'items', payable: 'payables', payment: 'payments', purchaseOrder: 'purchase orders', taxTerm: 'tax rates and terms' };
/** "Push to QuickBooks: invoices" on the canvas instead of the internal "push: invoice". */
const SUBTITLE = `={{ (${JSON.stringify(OPERATION_LABELS)})[$parameter["operation"]] + ": " + (${JSON.stringify(RESOURCE_LABELS)})[$parameter["resource"]] }}`;

export class QuickBooksSyncEngine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Engine',
		name: 'quickBooksSyncEngine',
		icon: { light: 'file:quickBooksSync.svg', dark: 'file:quickBooksSync.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description: 'Syncs app records with QuickBooks Online: matching, fingerprints, conflict rules, deterministic request ids, one outcome per record',
		defaults: { name: 'QuickBooks Sync Engine' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		// App Creates: records to POST to the app (pulls), each with the link to write under the id the app gives it.
		outputNames: ['App Writes', 'Issues', 'Summary', 'App Creates'],
		credentials: [{ name: 'quickBooksSyncOAuth2Api', required: true, displayOptions: { show: { operation: ['push', 'pull', 'twoWay', 'sync', 'import', 'checkCurrencies'] } } }],
		properties: engineProperties,
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
