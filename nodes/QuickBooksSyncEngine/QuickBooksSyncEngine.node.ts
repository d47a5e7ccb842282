import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { OUTPUTS, outputCount, SUBTITLE } from './canvas';
import { engineProperties } from './description';

export class QuickBooksSyncEngine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Engine',
		name: 'quickBooksSyncEngine',
		icon: {
			light: 'file:../shared/icons/quickBooksSync.svg',
			dark: 'file:../shared/icons/quickBooksSync.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description:
			'Syncs app records with QuickBooks Online: matching, fingerprints, conflict rules, deterministic request ids, one outcome per record',
		defaults: { name: 'QuickBooks Sync Engine' },
		inputs: [NodeConnectionTypes.Main],
		// App Creates: records to POST to the app (pulls), each with the link to write under the id the app gives it.
		outputs: OUTPUTS,
		credentials: [
			{
				name: 'quickBooksSyncOAuth2Api',
				required: true,
				displayOptions: {
					show: {
						operation: [
							'push',
							'pull',
							'twoWay',
							'sync',
							'import',
							'checkCurrencies',
							'attachLinks',
							'storeLinks',
						],
					},
				},
			},
		],
		properties: engineProperties,
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outputs = await router.call(this);
		return outputs.slice(0, outputCount(this.getNodeParameter('operation', 0) as string));
	}
}
