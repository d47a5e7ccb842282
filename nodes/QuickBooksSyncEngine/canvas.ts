/** How the engine node shows itself on the canvas: its subtitle and the outputs each operation has. */
import { NodeConnectionTypes } from 'n8n-workflow';

export const OPERATION_LABELS: Record<string, string> = {
	push: 'Push to QuickBooks',
	pull: 'Pull from QuickBooks',
	twoWay: 'Two-way',
	import: 'Import history',
	sync: 'Sync one way',
	checkCurrencies: 'Check currencies',
	getCursor: 'Get cursor',
	commitCursor: 'Commit cursor',
	listIssues: 'List issues',
	retryIssues: 'Retry issues',
	dismissIssues: 'Dismiss issues',
	attachLinks: 'Attach stored links',
	storeLinks: 'Store links',
};
export const RESOURCE_LABELS: Record<string, string> = {
	company: 'company',
	credit: 'credit memos and refunds',
	customer: 'customers and locations',
	inventoryValue: 'inventory value',
	invoice: 'invoices',
	item: 'items',
	payable: 'payables',
	payment: 'payments',
	purchaseOrder: 'purchase orders',
	syncIssue: 'sync issues',
	syncLink: 'links kept in n8n',
	taxTerm: 'tax rates and terms',
};
/** "Push to QuickBooks: invoices" on the canvas instead of the internal "push: invoice". */
export const SUBTITLE = `={{ (${JSON.stringify(OPERATION_LABELS)})[$parameter["operation"]] + ": " + (${JSON.stringify(RESOURCE_LABELS)})[$parameter["resource"]] }}`;

/**
 * The outputs an operation has, so the canvas shows only those: a cursor operation passes its one item
 * on, a push (and the currency check) creates nothing in the app. Only trailing outputs are left out,
 * so every connection keeps its index.
 */
const output = (displayName: string) => ({ type: NodeConnectionTypes.Main, displayName });
const ALL_OUTPUTS = ['App Writes', 'Issues', 'Summary', 'App Creates'].map(output);
/** Operations whose outputs are not the sync's four (a push has no App Creates: the first three). */
const OUTPUTS_OF: Record<string, Array<ReturnType<typeof output>>> = {
	getCursor: [output('Cursor')],
	commitCursor: [output('Cursor')],
	listIssues: [output('Issues')],
	retryIssues: [output('Issues')],
	dismissIssues: [output('Issues')],
	attachLinks: [output('Records')],
	storeLinks: [output('Stored'), output('For the App')],
	push: ALL_OUTPUTS.slice(0, 3),
	checkCurrencies: ALL_OUTPUTS.slice(0, 3),
};
export function outputCount(operation: string): number {
	return (OUTPUTS_OF[operation] ?? ALL_OUTPUTS).length;
}
export const OUTPUTS: `={{${string}}}` = `={{ (${JSON.stringify(OUTPUTS_OF)})[$parameter["operation"]] ?? ${JSON.stringify(ALL_OUTPUTS)} }}`;
