import type { INodeProperties } from 'n8n-workflow';

import * as companyCheck from './actions/company/checkCurrencies.operation';
import * as creditTwoWay from './actions/credit/twoWay.operation';
import * as customerPull from './actions/customer/pull.operation';
import * as customerPush from './actions/customer/push.operation';
import * as customerTwoWay from './actions/customer/twoWay.operation';
import * as cursor from './actions/cursor/cursor.operation';
import * as inventoryValuePush from './actions/inventoryValue/push.operation';
import * as invoiceImport from './actions/invoice/import.operation';
import * as invoicePush from './actions/invoice/push.operation';
import * as itemPull from './actions/item/pull.operation';
import * as payablePush from './actions/payable/push.operation';
import * as paymentImport from './actions/payment/import.operation';
import * as paymentSync from './actions/payment/sync.operation';
import * as purchaseOrderPush from './actions/purchaseOrder/push.operation';
import * as itemPush from './actions/item/push.operation';
import * as taxTermPull from './actions/taxTerm/pull.operation';
import { scopeField } from './actions/syncIssue/fields';
import * as dismissIssues from './actions/syncIssue/dismissIssues.operation';
import * as listIssues from './actions/syncIssue/listIssues.operation';
import * as retryIssues from './actions/syncIssue/retryIssues.operation';
import * as attachLinks from './actions/syncLink/attachLinks.operation';

const op = {
	push: {
		name: 'Push to QuickBooks',
		value: 'push',
		action: 'Push app records',
		description:
			'The app is master: create, update and deactivate QuickBooks records to match the input',
	},
	pull: {
		name: 'Pull From QuickBooks',
		value: 'pull',
		action: 'Pull records into the app',
		description:
			'QuickBooks is master: create and update app records to match QuickBooks; app edits never go back',
	},
	twoWay: {
		name: 'Two-Way',
		value: 'twoWay',
		action: 'Sync both ways',
		description:
			'Edits on either side reach the other; when both changed, the conflict rule decides',
	},
	import: {
		name: 'Import History',
		value: 'import',
		action: 'Import past records from QuickBooks',
		description:
			'Past records dated within a range are created in the app; a re-run adds only what is missing',
	},
	sync: {
		name: 'Sync',
		value: 'sync',
		action: 'Sync payments one way',
		description: 'Record payments on the other side, in the direction chosen',
	},
	checkCurrencies: {
		name: 'Check Currencies',
		value: 'checkCurrencies',
		action: 'Check the currencies of both companies',
		description:
			"Stop before syncing when the app's home currency is not QuickBooks', or multicurrency is needed and off",
	},
	getCursor: {
		name: 'Get Cursor',
		value: 'getCursor',
		action: 'Get the sync cursor',
		description: "Where the last committed run ended, for the app listing's updatedSince",
	},
	listIssues: {
		name: 'List Issues',
		value: 'listIssues',
		action: 'List sync issues',
		description: 'The records the sync could not write, across runs: open, dismissed or resolved',
	},
	retryIssues: {
		name: 'Retry Issues',
		value: 'retryIssues',
		action: 'Retry sync issues',
		description: "Send these records again at their workflow's next run, changed or not",
	},
	dismissIssues: {
		name: 'Dismiss Issues',
		value: 'dismissIssues',
		action: 'Dismiss sync issues',
		description: 'Stop retrying and reporting these records until they change',
	},
	attachLinks: {
		name: 'Attach Stored Links',
		value: 'attachLinks',
		action: 'Attach links stored in n8n',
		description:
			'For an app that cannot keep links on its records: put the QuickBooks IDs and fingerprints kept in n8n back on them, before the sync',
	},
	storeLinks: {
		name: 'Store Links',
		value: 'storeLinks',
		action: 'Store links in n8n',
		description:
			"For an app that cannot keep links on its records: keep the engine's link writes in n8n instead of sending them to the app",
	},
	commitCursor: {
		name: 'Commit Cursor',
		value: 'commitCursor',
		action: 'Commit the sync cursor',
		description: 'Move the cursor forward once the app writes succeeded',
	},
};

/** The Operation dropdown of one resource; its first operation is the default. */
function operationsOf(
	resource: string,
	options: Array<(typeof op)[keyof typeof op]>,
): INodeProperties {
	// The default is set, from the options: n8n's lint rule only recognises a literal one.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options,
		default: options[0].value,
		displayOptions: { show: { resource: [resource] } },
	};
}

export const engineProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Credit Memo and Refund', value: 'credit' },
			{ name: 'Customer and Location', value: 'customer' },
			{ name: 'Inventory Value', value: 'inventoryValue' },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Item', value: 'item' },
			{ name: 'Payable (Vendor Bill)', value: 'payable' },
			{ name: 'Payment', value: 'payment' },
			{ name: 'Purchase Order', value: 'purchaseOrder' },
			{ name: 'Sync Issue', value: 'syncIssue' },
			{ name: 'Sync Link', value: 'syncLink' },
			{ name: 'Tax Rate and Term', value: 'taxTerm' },
		],
		default: 'customer',
	},
	operationsOf('company', [op.checkCurrencies]),
	operationsOf('credit', [op.twoWay, op.getCursor, op.commitCursor]),
	operationsOf('customer', [op.push, op.pull, op.twoWay, op.getCursor, op.commitCursor]),
	operationsOf('item', [op.push, op.pull, op.getCursor, op.commitCursor]),
	operationsOf('taxTerm', [op.pull]),
	operationsOf('inventoryValue', [op.push]),
	operationsOf('invoice', [op.push, op.import, op.getCursor, op.commitCursor]),
	operationsOf('payable', [op.push, op.getCursor, op.commitCursor]),
	operationsOf('purchaseOrder', [op.push, op.getCursor, op.commitCursor]),
	operationsOf('payment', [op.sync, op.import, op.getCursor, op.commitCursor]),
	operationsOf('syncIssue', [op.listIssues, op.retryIssues, op.dismissIssues]),
	operationsOf('syncLink', [op.attachLinks, op.storeLinks]),
	...companyCheck.description,
	...creditTwoWay.description,
	...customerPush.description,
	...customerPull.description,
	...customerTwoWay.description,
	...itemPush.description,
	...itemPull.description,
	...taxTermPull.description,
	...inventoryValuePush.description,
	...invoicePush.description,
	...invoiceImport.description,
	...payablePush.description,
	...paymentSync.description,
	...paymentImport.description,
	...purchaseOrderPush.description,
	...cursor.description,
	scopeField,
	...listIssues.description,
	...retryIssues.description,
	...dismissIssues.description,
	...attachLinks.description,
];
