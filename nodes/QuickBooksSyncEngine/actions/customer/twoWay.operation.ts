import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../shared/qbo/transport';
import { twoWayCustomers } from '../../../shared/sync/customers/two-way';
import type { ConflictPolicy } from '../../../shared/sync/pipeline/decide';
import { namedRefs, now, orFail, pullOutputs, type EngineOutputs } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import {
	appListsFields,
	conflictPolicyField,
	createInAppField,
	createMissingField,
	customerMatchField,
	dryRunField,
	showFor,
	sinceField,
} from '../fields';

const show = showFor('customer', 'twoWay');

export const description: INodeProperties[] = [
	{
		displayName:
			'Input: every app customer and location (links and the fingerprint of the last sync live on the app records). An edit on either side reaches the other; when both changed, the conflict rule decides. Our own writes coming back are recognised and skipped. Outputs as for Pull: 1 PATCH / PUT, 2 issues, 3 summary (with every conflict and its winner), 4 POST.',
		name: 'twoWayNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	conflictPolicyField(show),
	sinceField(show),
	customerMatchField(show),
	createMissingField(
		show,
		'Create Missing QuickBooks Records',
		'Whether app customers that match no QuickBooks customer are created there (otherwise they are reported)',
	),
	createInAppField(show),
	...appListsFields(show),
	dryRunField(show),
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const { realmId } = await getQboConnection.call(this);
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const result = await orFail(
		this,
		twoWayCustomers(
			qboCaller(this),
			items.map((i) => i.json),
			{
				realmId,
				since: optionalText(this, 'since'),
				conflictPolicy: this.getNodeParameter('conflictPolicy', 0, 'latest') as ConflictPolicy,
				matchBy: this.getNodeParameter('matchBy', 0) as 'emailThenName' | 'email' | 'name',
				createInQuickBooks: this.getNodeParameter('createMissing', 0, true) as boolean,
				createInApp: this.getNodeParameter('createInApp', 0, true) as boolean,
				dryRun,
				appTerms: namedRefs(this, 'appTerms'),
				appTaxRates: namedRefs(this, 'appTaxRates'),
				now,
			},
		),
		'QuickBooks writes made before the failure carry deterministic request ids; nothing was written to the app, and the next run links them without writing twice.',
	);
	return pullOutputs(items, result, dryRun);
}
