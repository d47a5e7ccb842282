/** How the engine node shows itself on the canvas: its subtitle and the outputs each operation has. */
import { NodeConnectionTypes } from 'n8n-workflow';

export const OPERATION_LABELS: Record<string, string> = { push: 'Push to QuickBooks', pull: 'Pull from QuickBooks', twoWay: 'Two-way', import: 'Import history', sync: 'Sync one way', checkCurrencies: 'Check currencies', getCursor: 'Get cursor', commitCursor: 'Commit cursor', listIssues: 'List issues', retryIssues: 'Retry issues', dismissIssues: 'Dismiss issues' };
export const RESOURCE_LABELS: Record<string, string> = { company: 'company', credit: 'credit memos and refunds', customer: 'customers and locations', inventoryValue: 'inventory value', invoice: 'invoices', item: 'items', payable: 'payables', payment: 'payments', purchaseOrder: 'purchase orders', syncIssue: 'sync issues', taxTerm: 'tax rates and terms' };
/** "Push to QuickBooks: invoices" on the canvas instead of the internal "push: invoice". */
export const SUBTITLE = `={{ (${JSON.stringify(OPERATION_LABELS)})[$parameter["operation"]] + ": " + (${JSON.stringify(RESOURCE_LABELS)})[$parameter["resource"]] }}`;

/**
 * The outputs an operation has, so the canvas shows only those: a cursor operation passes its one item
 * on, a push (and the currency check) creates nothing in the app. Only trailing outputs are left out,
 * so every connection keeps its index.
 */
const ALL_OUTPUTS = ['App Writes', 'Issues', 'Summary', 'App Creates'].map((displayName) => ({ type: NodeConnectionTypes.Main, displayName }));
const CURSOR_OPERATIONS = ['getCursor', 'commitCursor'];
const ISSUE_OPERATIONS = ['listIssues', 'retryIssues', 'dismissIssues'];
const NO_APP_CREATES = ['push', 'checkCurrencies'];
export function outputCount(operation: string): number {
	return CURSOR_OPERATIONS.includes(operation) || ISSUE_OPERATIONS.includes(operation) ? 1 : NO_APP_CREATES.includes(operation) ? 3 : 4;
}
export const OUTPUTS: `={{${string}}}` = `={{ ${JSON.stringify(CURSOR_OPERATIONS)}.includes($parameter["operation"]) ? ${JSON.stringify([{ type: NodeConnectionTypes.Main, displayName: 'Cursor' }])} : ${JSON.stringify(ISSUE_OPERATIONS)}.includes($parameter["operation"]) ? ${JSON.stringify([{ type: NodeConnectionTypes.Main, displayName: 'Issues' }])} : ${JSON.stringify(NO_APP_CREATES)}.includes($parameter["operation"]) ? ${JSON.stringify(ALL_OUTPUTS.slice(0, 3))} : ${JSON.stringify(ALL_OUTPUTS)} }}`;

