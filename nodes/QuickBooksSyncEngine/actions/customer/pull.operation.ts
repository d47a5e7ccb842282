import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pullCustomers } from '../../../shared/sync/customers/pull';
import { namedRefs, now, type EngineOutputs, runPull } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { createInAppField, dryRunField, showFor, sinceField } from '../fields';

const show = showFor('customer', 'pull');

export const description: INodeProperties[] = [
	{
		displayName:
			'Input: every app customer and location (links live on the app records). Output 1 lists the app writes in order: POST (with "link": the PUT /v1/{resource}/{new ID}/sync body to write with the ID the app answers), PATCH with the version, PUT …/sync. QuickBooks customers changed since "Changed Since" are read.',
		name: 'pullNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	sinceField(show),
	createInAppField(show),
	{
		displayName: 'Default Terms',
		name: 'defaultTerms',
		type: 'string',
		default: '',
		placeholder: 'Due on receipt',
		description: 'Terms (by name) for a customer that has none in QuickBooks; empty: none',
		displayOptions: show,
	},
	{
		displayName: 'App Payment Terms',
		name: 'pullAppTerms',
		type: 'json',
		default: '[]',
		description:
			"The app's terms as [{ ID, name }]: QuickBooks terms are written to the app by name",
		displayOptions: show,
	},
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	return await runPull(
		this,
		items,
		async (call, records, realmId) =>
			await pullCustomers(call, records, {
				realmId,
				since: optionalText(this, 'since'),
				createInApp: this.getNodeParameter('createInApp', 0, true) as boolean,
				appTerms: namedRefs(this, 'pullAppTerms'),
				appTaxRates: [],
				defaultTerms: optionalText(this, 'defaultTerms'),
				now,
			}),
		'Nothing was written to the app; the next run reads the same changes again.',
	);
}
