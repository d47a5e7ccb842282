import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../shared/qbo/transport';
import { syncCredits } from '../../../shared/sync/credits/two-way';
import type { ConflictPolicy } from '../../../shared/sync/pipeline/decide';
import { now, orFail, pullOutputs, type EngineOutputs } from '../common';
import { optionalText } from '../../../shared/node-parameters';
import {
	conflictPolicyField,
	createInAppField,
	createMissingField,
	dryRunField,
	showFor,
	sinceField,
} from '../fields';

const show = showFor('credit', 'twoWay');

export const description: INodeProperties[] = [
	{
		displayName:
			'Input: every app credit memo and refund (links live on them) and the customers, locations and items they name. Made, edited, voided or deleted on either side reaches the other; when both changed, the conflict rule decides. Outputs as for Pull: 1 PATCH / PUT / DELETE, 2 issues, 3 summary, 4 POST.',
		name: 'creditNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Refund From Account',
		name: 'refundAccount',
		type: 'string',
		default: '',
		placeholder: 'Checking',
		description:
			'The QuickBooks Bank account (name or ID) refunds are paid from; refunds are reported, not written, until it is set',
		displayOptions: show,
	},
	conflictPolicyField(show),
	sinceField(show),
	createMissingField(
		show,
		'Create Missing QuickBooks Records',
		'Whether app credit memos and refunds that QuickBooks lacks are created there',
	),
	createInAppField(show),
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
		syncCredits(
			qboCaller(this),
			items.map((i) => i.json),
			{
				realmId,
				since: optionalText(this, 'since'),
				conflictPolicy: this.getNodeParameter('conflictPolicy', 0, 'latest') as ConflictPolicy,
				createInQuickBooks: this.getNodeParameter('createMissing', 0, true) as boolean,
				createInApp: this.getNodeParameter('createInApp', 0, true) as boolean,
				refundAccount: optionalText(this, 'refundAccount'),
				dryRun,
				now,
			},
		),
		'QuickBooks writes made before the failure carry deterministic request ids and the app id in their private note; nothing was written to the app, and the next run links them without writing twice.',
	);
	return pullOutputs(items, result, dryRun);
}
