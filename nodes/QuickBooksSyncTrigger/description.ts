import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_ENTITIES, ENTITY_CHOICES, OPERATION_CHOICES } from '../shared/webhooks/filters';
import { OPERATIONS } from '../shared/webhooks/intuit-events';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Intuit webhook subscriptions live in the Intuit Developer portal, not in n8n: open your app → Webhooks, paste this node's Production URL (shown above) as the endpoint, tick the entities chosen below, and copy the verifier token into the credential. Publish the workflow for deliveries to arrive.",
		name: 'portalNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Entities',
		name: 'entities',
		type: 'multiOptions',
		options: ENTITY_CHOICES,
		default: [...DEFAULT_ENTITIES],
		required: true,
		description:
			'Changes to these QuickBooks entities are emitted; others in the same delivery are acknowledged and skipped',
	},
	{
		displayName: 'Operations',
		name: 'operations',
		type: 'multiOptions',
		options: OPERATION_CHOICES,
		default: [...OPERATIONS],
		required: true,
		description: 'Which kinds of change are emitted',
	},
	{
		displayName: 'Companies',
		name: 'companies',
		type: 'options',
		options: [
			{ name: "The QuickBooks Credential's Company", value: 'credential' },
			{ name: 'Every Company of the Intuit App', value: 'all' },
			{ name: 'These Company IDs', value: 'list' },
		],
		default: 'credential',
		description:
			'One Intuit app can be connected to several companies and Intuit sends their changes to the same URL. Changes of other companies are acknowledged and skipped.',
	},
	{
		displayName: 'Company IDs',
		name: 'realmIds',
		type: 'string',
		default: '',
		placeholder: '9341452212345678, 9341452287654321',
		description: 'Company (realm) IDs, separated by commas',
		displayOptions: { show: { companies: ['list'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Catch Up With Change Data Capture',
				name: 'catchUp',
				type: 'boolean',
				default: false,
				description:
					"Whether each delivery also reads QuickBooks' change data capture from the last change emitted, so changes made while n8n was down or a delivery was lost are emitted too (credential's company only; records included). Stops with an error that says what to resync when the gap is beyond QuickBooks' 30 days.",
			},
			{
				displayName: 'De-Duplicate Retried Deliveries',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description:
					"Whether a change already emitted (same CloudEvent ID, or same company, entity, ID, operation and time) is skipped when Intuit delivers it again. Remembered in n8n's database across restarts.",
			},
			{
				displayName: 'Fetch Full Records',
				name: 'fetchRecords',
				type: 'boolean',
				default: false,
				description:
					"Whether each change carries the QuickBooks record in 'record' (read in batches, credential's company only). Deletions carry only their ID.",
			},
			{
				displayName: 'Resume From',
				name: 'resumeFrom',
				type: 'dateTime',
				default: '',
				description:
					'With catch-up: start reading changes at this time instead of the saved position, once after each change of this setting (use it after a full resync)',
			},
		],
	},
];
