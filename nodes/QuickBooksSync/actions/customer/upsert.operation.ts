import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QueryCondition } from '../../../shared/qbo/query';
import { qboRequest } from '../../../shared/qbo/transport';
import { customerBody, customerFieldOptions, customerOutput, simplifyField } from './fields';
import { applyChanges } from './update.operation';
import { additionalFields } from '../generic/fields';
import { findForUpsert } from '../generic/upsert';

const show = { resource: ['customer'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		default: 'displayName',
		options: [
			{
				name: 'Display Name',
				value: 'displayName',
				description: 'Names are unique in QuickBooks (compared without leading/trailing spaces)',
			},
			{
				name: 'Email',
				value: 'email',
				description: 'The customer’s primary e-mail; two matches stop with an error',
			},
			{
				name: 'Other Field',
				value: 'field',
				description: 'Any filterable Customer property, e.g. CompanyName',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Match Field',
		name: 'matchField',
		type: 'string',
		default: 'CompanyName',
		displayOptions: { show: { ...show, matchOn: ['field'] } },
	},
	{
		displayName: 'Match Value',
		name: 'matchValue',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show, matchOn: ['field'] } },
	},
	additionalFields(show, customerFieldOptions),
	simplifyField(['upsert']),
];

/** Finds the customer (inactive ones too) and updates it sparsely, or creates it. Output says which. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { body, warnings } = customerBody(
		this,
		itemIndex,
		this.getNodeParameter('displayName', itemIndex) as string,
		fields,
	);
	const matchOn = this.getNodeParameter('matchOn', itemIndex) as string;
	const condition: QueryCondition =
		matchOn === 'email'
			? {
					field: 'PrimaryEmailAddr',
					operator: '=',
					value: String(body.PrimaryEmailAddr?.Address ?? ''),
				}
			: matchOn === 'field'
				? {
						field: this.getNodeParameter('matchField', itemIndex) as string,
						operator: '=',
						value: this.getNodeParameter('matchValue', itemIndex) as string,
					}
				: { field: 'DisplayName', operator: '=', value: String(body.DisplayName) };
	if (condition.value === '') {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: there is no value to match on (${matchOn}). Fill it in or match on Display Name.`,
			{ itemIndex },
		);
	}
	const match = await findForUpsert(this, itemIndex, {
		entity: 'Customer',
		label: 'customer',
		condition,
		inactiveToo: true,
		fix: 'Match on a unique field such as Display Name, or merge them in QuickBooks.',
	});
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
	if (match) {
		const updated = await applyChanges(
			this,
			itemIndex,
			{ ...body, ...(match.Active === false ? { Active: true } : {}) },
			warnings,
			String(match.Id),
		);
		return [{ ...updated, json: { ...updated.json, upsert: 'updated' } }];
	}
	const created = await qboRequest.call(this, {
		method: 'POST',
		path: 'customer',
		body,
		itemIndex,
	});
	const out = customerOutput(created.body.Customer as IDataObject, itemIndex, simplify, warnings);
	return [{ ...out, json: { ...out.json, upsert: 'created' } }];
}
