import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { sparseUpdate } from '../../../shared/qbo/sparse-update';
import { asNodeError, qboCaller, qboRequest } from '../../../shared/qbo/transport';
import { buildBody } from '../generic/fields';
import { output } from '../generic/operations';
import { itemConfig } from './config';
import { itemBody } from './fields';
import { findForUpsert } from '../generic/upsert';

const show = { resource: ['item'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		default: 'name',
		options: [
			{ name: 'Name', value: 'name' },
			{
				name: 'SKU',
				value: 'sku',
				description: 'The SKU in Fields; an item without SKU is matched by name',
			},
		],
		displayOptions: { show },
	},
];

/** Updates the item matching the name or SKU (inactive ones too; reactivated) or creates it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const warnings: string[] = [];
	const fields = this.getNodeParameter('itemFields', itemIndex, {}) as IDataObject;
	const body = buildBody(this, itemIndex, () =>
		itemBody(
			this.getNodeParameter('name', itemIndex),
			this.getNodeParameter('itemType', itemIndex) as string,
			fields,
			warnings,
		),
	);
	const bySku = this.getNodeParameter('matchOn', itemIndex) === 'sku' && Boolean(body.Sku);
	const call = qboCaller(this, itemIndex);
	const match = await findForUpsert(this, itemIndex, {
		entity: 'Item',
		label: 'item',
		condition: bySku
			? { field: 'Sku', operator: '=', value: String(body.Sku) }
			: { field: 'Name', operator: '=', value: String(body.Name) },
		inactiveToo: true,
		fix: 'Make SKUs unique in QuickBooks.',
	});
	const extra = warnings.length > 0 ? { warnings } : {};
	if (match) {
		// QBO refuses a type change, and quantity is adjusted by transactions; the other fields are updated sparsely.
		const changes = Object.fromEntries(
			Object.entries(body).filter(
				([field]) => !['Type', 'TrackQtyOnHand', 'QtyOnHand', 'InvStartDate'].includes(field),
			),
		);
		try {
			const updated = await sparseUpdate(call, {
				entity: 'Item',
				id: String(match.Id),
				syncToken: String(match.SyncToken),
				changes: { ...changes, ...(match.Active === false ? { Active: true } : {}) },
			});
			return [output(this, itemConfig, updated, itemIndex, { ...extra, upsert: 'updated' })];
		} catch (error) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	const { body: answer } = await qboRequest.call(this, {
		method: 'POST',
		path: 'item',
		body,
		itemIndex,
	});
	return [
		output(this, itemConfig, answer.Item as IDataObject, itemIndex, {
			...extra,
			upsert: 'created',
		}),
	];
}
