import { DateTime } from 'luxon';
import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../shared/qbo/transport';
import {
	InventorySettingsError,
	pushInventoryValue,
} from '../../../shared/sync/inventory-value/push';
import { orFail, pushOutputs, type EngineOutputs } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { dryRunField, showFor } from '../fields';

const show = showFor('inventoryValue', 'push');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: the app's items and sales orders. One QuickBooks journal entry per month (INV-YYYY-MM) moves the inventory asset account to the app's stock at cost and books the month's cost of goods sold, both through the adjustment account. A re-run recomputes the same entry; nothing changed, nothing written.",
		name: 'inventoryNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Inventory Asset Account',
		name: 'inventoryAssetAccount',
		type: 'string',
		default: 'Inventory Asset',
		description:
			'The QuickBooks Other Current Asset account (name or ID) that holds the inventory value',
		displayOptions: show,
	},
	{
		displayName: 'Cost of Goods Sold Account',
		name: 'cogsAccount',
		type: 'string',
		default: 'Cost of Goods Sold',
		description:
			'The QuickBooks Cost of Goods Sold account (name or ID) the cost of what was sold is booked to',
		displayOptions: show,
	},
	{
		displayName: 'Adjustment Account',
		name: 'adjustmentAccount',
		type: 'string',
		default: '',
		placeholder: 'Inventory Adjustments',
		description:
			'A separate QuickBooks Cost of Goods Sold account (name or ID) that balances both (inFlow: "inFlow Adjustments")',
		displayOptions: show,
	},
	{
		displayName: 'Create the Adjustment Account',
		name: 'createAdjustmentAccount',
		type: 'boolean',
		default: false,
		description:
			'Whether to create the adjustment account (type Cost of Goods Sold) under the name above when QuickBooks has no account of that name, instead of stopping the run',
		displayOptions: show,
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'America/Los_Angeles',
		description: "The company's time zone, which decides the month (empty: the workflow's)",
		displayOptions: show,
	},
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const { realmId } = await getQboConnection.call(this);
	const zone = optionalText(this, 'timeZone') ?? this.getTimezone?.() ?? 'UTC';
	if (!DateTime.now().setZone(zone).isValid)
		throw new NodeOperationError(
			this.getNode(),
			`"Time Zone" is "${zone}", which is not a time zone`,
			{
				description:
					"Use an IANA name such as America/Los_Angeles, or leave it empty for the workflow's time zone.",
			},
		);
	const run = pushInventoryValue(
		qboCaller(this),
		items.map((i) => i.json),
		{
			realmId,
			inventoryAssetAccount: optionalText(this, 'inventoryAssetAccount') ?? '',
			cogsAccount: optionalText(this, 'cogsAccount') ?? '',
			adjustmentAccount: optionalText(this, 'adjustmentAccount') ?? '',
			createAdjustmentAccount: this.getNodeParameter(
				'createAdjustmentAccount',
				0,
				false,
			) as boolean,
			dryRun: this.getNodeParameter('dryRun', 0, false) as boolean,
			today: () => DateTime.now().setZone(zone).toISODate()!,
		},
	).catch((error: Error) => {
		if (error instanceof InventorySettingsError)
			throw new NodeOperationError(this.getNode(), error.message, {
				description: 'Nothing was written. Correct the setting and run again.',
			});
		throw error;
	});
	return pushOutputs(
		items,
		await orFail(
			this,
			run,
			"The month's entry carries a deterministic request id and its number; the next run finds it and writes nothing twice.",
		),
	);
}
