import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pushItems } from '../../../shared/sync/items/push';
import { type EngineOutputs, runPush } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { createMissingField, dryRunField, showFor } from '../fields';

const show = showFor('item', 'push');

const account = (
	name: string,
	displayName: string,
	placeholder: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
	displayOptions: show,
});

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: one item per app item in the app contract's shape. Equipment becomes an Inventory item; accounts come from the item, else from the defaults below. Outputs: 1 the app writes to make, 2 issues with their fix, 3 a summary; 4 (App Creates) stays empty: a push creates nothing in the app.",
		name: 'itemNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Match Items By',
		name: 'itemMatchBy',
		type: 'options',
		options: [
			{ name: 'SKU, Then Name', value: 'skuThenName' },
			{ name: 'SKU Only', value: 'sku' },
			{ name: 'Name Only', value: 'name' },
		],
		default: 'skuThenName',
		description: 'How an app item without a QuickBooks link finds its QuickBooks item',
		displayOptions: show,
	},
	{
		displayName: 'Require SKU',
		name: 'requireSku',
		type: 'boolean',
		default: false,
		description: 'Whether an item without a SKU is reported instead of matched by name or created',
		displayOptions: { show: { ...show.show, itemMatchBy: ['skuThenName', 'sku'] } },
	},
	createMissingField(
		show,
		'Create Missing Records',
		'Whether app records that match no QuickBooks record are created there (otherwise they are reported)',
	),
	dryRunField(show),
	account(
		'defaultIncomeAccount',
		'Default Income Account',
		'Sales of Product Income',
		'QuickBooks account name or ID, for items that name none',
	),
	account(
		'defaultExpenseAccount',
		'Default Expense Account',
		'Cost of Goods Sold',
		'QuickBooks account name or ID, for items that name none',
	),
	account(
		'defaultAssetAccount',
		'Default Inventory Asset Account',
		'Inventory Asset',
		'QuickBooks account name or ID, for inventory and equipment items that name none',
	),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	return await runPush(
		this,
		items,
		async (call, records, { realmId, retryRounds, dryRun, now }) =>
			await pushItems(call, records, {
				realmId,
				retryRounds,
				createMissing: this.getNodeParameter('createMissing', 0) as boolean,
				dryRun,
				now,
				matchBy: this.getNodeParameter('itemMatchBy', 0) as 'skuThenName' | 'sku' | 'name',
				requireSku: this.getNodeParameter('requireSku', 0, false) as boolean,
				defaults: {
					income: optionalText(this, 'defaultIncomeAccount'),
					expense: optionalText(this, 'defaultExpenseAccount'),
					asset: optionalText(this, 'defaultAssetAccount'),
				},
				today: () => new Date().toISOString().slice(0, 10),
			}),
		'Nothing after the failed request was written; the next run retries (request ids make repeats safe).',
	);
}
