import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pullItems } from '../../../shared/sync/items/pull';
import { now, type EngineOutputs, runPull } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import { createInAppField, dryRunField, showFor, sinceField } from '../fields';

const show = showFor('item', 'pull');

export const description: INodeProperties[] = [
	{
		displayName:
			'Input: every app item (links live on the app records). Output 1: PATCH with the version and PUT …/sync; output 4: POST with "link", the PUT /v1/items/{new ID}/sync body to write with the ID the app answers. QuickBooks items changed since "Changed Since" are read, inactive ones included.',
		name: 'itemPullNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	sinceField(show),
	createInAppField(show),
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
			await pullItems(call, records, {
				realmId,
				since: optionalText(this, 'since'),
				createInApp: this.getNodeParameter('createInApp', 0, true) as boolean,
				now,
			}),
		'Nothing was written to the app; the next run reads the same changes again.',
	);
}
