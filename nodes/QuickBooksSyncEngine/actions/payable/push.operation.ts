import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { PayableSettingsError, pushPayables } from '../../../shared/sync/payables/push';
import type { CostCodesAs, ProjectsAs } from '../../../shared/sync/payables/mapping';
import { recordList, type EngineOutputs, runPush } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { dryRunField, showFor } from '../fields';

const show = showFor('payable', 'push');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: the app's payables changed since the cursor and the vendors they name. Each becomes a QuickBooks Bill or Expense by its type; a payable with a line whose project or cost code is not linked writes nothing and is reported with the line. Outputs: 1 app writes (links), 2 issues with their fix, 3 summary; 4 (App Creates) stays empty: a push creates nothing in the app.",
		name: 'payableNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Default Purchase Account',
		name: 'defaultPurchaseAccount',
		type: 'string',
		default: '',
		placeholder: 'Checking',
		description:
			'The QuickBooks Bank or Credit Card account (name or ID) expenses are paid from when the payable names none; another type stops the run before any write',
		displayOptions: show,
	},
	{
		displayName: 'Default Expense Account',
		name: 'defaultExpenseAccount',
		type: 'string',
		default: '',
		placeholder: 'Job Expenses',
		description: 'The QuickBooks account (name or ID) a line is booked to when it names none',
		displayOptions: show,
	},
	{
		displayName: 'Projects As',
		name: 'projectsAs',
		type: 'options',
		options: [
			{
				name: 'Sub-Customers',
				value: 'customer',
				description: "A line's project is its QuickBooks customer (job costing)",
			},
			{ name: 'Classes', value: 'class' },
		],
		default: 'customer',
		description:
			"How a line's project is kept in QuickBooks: as the project's sub-customer, or as a class",
		displayOptions: show,
	},
	{
		displayName: 'Cost Codes As',
		name: 'costCodesAs',
		type: 'options',
		options: [
			{ name: 'Classes', value: 'class' },
			{
				name: 'Items',
				value: 'item',
				description: 'A line with a cost code becomes an item line of that QuickBooks item',
			},
		],
		default: 'class',
		description:
			"How a line's cost code is kept in QuickBooks: as a class, or as an item line of that item",
		displayOptions: show,
	},
	{
		displayName: 'Create Missing Vendors',
		name: 'createMissingVendors',
		type: 'boolean',
		default: true,
		description:
			'Whether app vendors QuickBooks lacks (by name) are created there; otherwise their payables are reported',
		displayOptions: show,
	},
	{
		displayName: 'App Projects',
		name: 'appProjects',
		type: 'json',
		default: '[]',
		description: "The app's projects (GET /v1/projects), with their QuickBooks links",
		displayOptions: show,
	},
	{
		displayName: 'App Cost Codes',
		name: 'appCostCodes',
		type: 'json',
		default: '[]',
		description: "The app's cost codes (GET /v1/cost-codes), with their QuickBooks links",
		displayOptions: show,
	},
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	return await runPush(
		this,
		items,
		async (call, records, { realmId, retryRounds, dryRun, now }) =>
			await pushPayables(call, records, {
				realmId,
				retryRounds,
				defaultPurchaseAccount: optionalText(this, 'defaultPurchaseAccount'),
				defaultExpenseAccount: optionalText(this, 'defaultExpenseAccount'),
				projectsAs: this.getNodeParameter('projectsAs', 0, 'customer') as ProjectsAs,
				costCodesAs: this.getNodeParameter('costCodesAs', 0, 'class') as CostCodesAs,
				createMissingVendors: this.getNodeParameter('createMissingVendors', 0, true) as boolean,
				appProjects: recordList(this, 'appProjects', 'App Projects'),
				appCostCodes: recordList(this, 'appCostCodes', 'App Cost Codes'),
				dryRun,
				now,
			}),
		'QuickBooks writes made before the failure carry deterministic request ids and the app id in their private note; the next run links them without writing twice.',
		PayableSettingsError,
	);
}
