import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getQboConnection, startMeter } from '../../shared/qbo/transport';
import { engineProperties } from '../description';

import type { EngineOutputs } from './common';
import * as customerPull from './customer/pull.operation';
import * as customerPush from './customer/push.operation';
import * as customerTwoWay from './customer/twoWay.operation';
import * as companyCheck from './company/checkCurrencies.operation';
import * as creditTwoWay from './credit/twoWay.operation';
import { commitCursor, getCursor } from './cursor/cursor.operation';
import * as inventoryValuePush from './inventoryValue/push.operation';
import * as invoiceImport from './invoice/import.operation';
import * as invoicePush from './invoice/push.operation';
import * as itemPull from './item/pull.operation';
import * as payablePush from './payable/push.operation';
import * as paymentImport from './payment/import.operation';
import * as paymentSync from './payment/sync.operation';
import * as purchaseOrderPush from './purchaseOrder/push.operation';
import * as itemPush from './item/push.operation';
import * as taxTermPull from './taxTerm/pull.operation';
import * as dismissIssues from './syncIssue/dismissIssues.operation';
import * as listIssues from './syncIssue/listIssues.operation';
import * as retryIssues from './syncIssue/retryIssues.operation';
import * as attachLinks from './syncLink/attachLinks.operation';
import * as storeLinks from './syncLink/storeLinks.operation';
import { queuesIssues, withIssueQueue } from './issue-queue';

type Operation = (
	this: IExecuteFunctions,
	items: ReturnType<IExecuteFunctions['getInputData']>,
) => Promise<EngineOutputs>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	company: { checkCurrencies: companyCheck.execute },
	credit: { twoWay: creditTwoWay.execute },
	customer: {
		push: customerPush.execute,
		pull: customerPull.execute,
		twoWay: customerTwoWay.execute,
	},
	item: { push: itemPush.execute, pull: itemPull.execute },
	taxTerm: { pull: taxTermPull.execute },
	inventoryValue: { push: inventoryValuePush.execute },
	invoice: { push: invoicePush.execute, import: invoiceImport.execute },
	payable: { push: payablePush.execute },
	payment: { sync: paymentSync.execute, import: paymentImport.execute },
	purchaseOrder: { push: purchaseOrderPush.execute },
	syncIssue: {
		listIssues: listIssues.execute,
		retryIssues: retryIssues.execute,
		dismissIssues: dismissIssues.execute,
	},
	syncLink: { attachLinks: attachLinks.execute, storeLinks: storeLinks.execute },
};

export async function router(this: IExecuteFunctions): Promise<EngineOutputs> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	checkChoices(this, resource, operation);
	const items = this.getInputData();
	if (operation === 'getCursor') return await getCursor.call(this, items, resource);
	if (operation === 'commitCursor') return await commitCursor.call(this, items, resource);
	const run = OPERATIONS[resource]?.[operation];
	if (!run)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not available for the resource "${resource}"`,
			{
				description:
					'Pick the operation again in the node; templates made for a newer version of this package may need an update.',
			},
		);
	// The state operations make no QuickBooks call: no meter, no issue queue.
	if (resource === 'syncIssue' || resource === 'syncLink') return await run.call(this, items);
	const meter = startMeter(this);
	const outputs = queuesIssues(this, resource, operation)
		? await withIssueQueue(this, resource, items, async (sent) => await run.call(this, sent))
		: await run.call(this, items);
	// Every summary says what the run spent: QuickBooks bills reads (CorePlus), not writes (Core).
	for (const summary of outputs[SUMMARY_OUTPUT] ?? []) Object.assign(summary.json, meter.summary);
	await stampIdempotencyKeys(this, outputs[APP_CREATES_OUTPUT] ?? []);
	return outputs;
}

const SUMMARY_OUTPUT = 2;
const APP_CREATES_OUTPUT = 3;

/**
 * Each app create carries an `Idempotency-Key` derived from the QuickBooks record it copies, for the
 * template's POST: two overlapping pulls then create that record once in the app (the app answers the
 * second POST with the first record; app contract, section 3).
 */
async function stampIdempotencyKeys(
	context: IExecuteFunctions,
	creates: INodeExecutionData[],
): Promise<void> {
	if (!creates.length) return;
	const { realmId } = await getQboConnection.call(context);
	for (const create of creates) {
		if (create.json.method === 'POST' && typeof create.json.qboId === 'string')
			create.json.idempotencyKey = `quickbooks-sync:${realmId}:${String(create.json.resource)}:${create.json.qboId}`;
	}
}

/**
 * A choice set by an expression (e.g. from a Settings node) must be one the dropdown offers: a wrong
 * one stops the run before any read, naming the setting and its allowed values.
 */
function checkChoices(context: IExecuteFunctions, resource: string, operation: string): void {
	const shown = (p: INodeProperties) => {
		const show = p.displayOptions?.show ?? {};
		return (
			(!show.resource || show.resource.includes(resource)) &&
			(!show.operation || show.operation.includes(operation))
		);
	};
	for (const property of engineProperties.filter(
		(p) => p.type === 'options' && p.name !== 'resource' && p.name !== 'operation' && shown(p),
	)) {
		const value = context.getNodeParameter(property.name, 0, undefined) as unknown;
		const options = (property.options ?? []) as Array<{ name: string; value: unknown }>;
		if (value === undefined || options.some((o) => o.value === value)) continue;
		throw new NodeOperationError(
			context.getNode(),
			`"${property.displayName}" is "${String(value)}", which is not one of its choices: ${options.map((o) => `${o.name} (${String(o.value)})`).join(', ')}`,
			{
				description: `${property.description ? `${property.description.replace(/\.$/, '')}. ` : ''}Pick one in the node's "${property.displayName}" dropdown, or make the expression give one of the values in brackets. Nothing was read or written.`,
			},
		);
	}
}
