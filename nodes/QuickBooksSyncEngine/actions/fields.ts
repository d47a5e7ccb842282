/** Parameters several engine operations show, each under its own resource and operation. */
import type { INodeProperties } from 'n8n-workflow';

type Show = { show: Record<string, string[]> };

export const showFor = (resource: string, operation: string): Show => ({
	show: { resource: [resource], operation: [operation] },
});

export function customerMatchField(displayOptions: Show): INodeProperties {
	return {
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: [
			{ name: 'Billing E-Mail, Then Name', value: 'emailThenName' },
			{ name: 'Billing E-Mail Only', value: 'email' },
			{ name: 'Name Only', value: 'name' },
		],
		default: 'emailThenName',
		description:
			'How an app customer without a QuickBooks link finds its QuickBooks customer (service locations match by name under their customer)',
		displayOptions,
	};
}

export function createMissingField(
	displayOptions: Show,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name: 'createMissing',
		type: 'boolean',
		default: true,
		description,
		displayOptions,
	};
}

export function createInAppField(displayOptions: Show): INodeProperties {
	return {
		displayName: 'Create Missing App Records',
		name: 'createInApp',
		type: 'boolean',
		default: true,
		description: 'Whether QuickBooks records that match no app record are created in the app',
		displayOptions,
	};
}

export function dryRunField(displayOptions: Show): INodeProperties {
	return {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only list, in the summary, every write the sync would make, and make none',
		displayOptions,
	};
}

export function sinceField(displayOptions: Show): INodeProperties {
	return {
		displayName: 'Changed Since',
		name: 'since',
		type: 'string',
		default: '',
		placeholder: "={{ $('Get Cursor').first().json.cursor }}",
		description: 'Only QuickBooks records changed at or after this time (the cursor); empty: all',
		displayOptions,
	};
}

/** The app's terms and tax rates, so that they sync by name. */
export function appListsFields(displayOptions: Show): INodeProperties[] {
	return [
		{
			displayName: 'App Payment Terms',
			name: 'appTerms',
			type: 'json',
			default: '[]',
			description:
				"The app's terms as [{ ID, name }] (e.g. an expression over a GET /v1/terms node); terms then sync by name. Empty: terms are not synced.",
			displayOptions,
		},
		{
			displayName: 'App Tax Rates',
			name: 'appTaxRates',
			type: 'json',
			default: '[]',
			description:
				"The app's tax rates as [{ ID, name }]; a customer's tax rate then syncs as the QuickBooks tax code of that name. Empty: tax is not synced.",
			displayOptions,
		},
	];
}

export function conflictPolicyField(displayOptions: Show): INodeProperties {
	return {
		displayName: 'When Both Sides Changed',
		name: 'conflictPolicy',
		type: 'options',
		options: [
			{
				name: 'Most Recent Edit Wins',
				value: 'latest',
				description:
					'Compares the two modification times in UTC; the same second goes to QuickBooks',
			},
			{ name: 'The App Wins', value: 'app' },
			{ name: 'QuickBooks Wins', value: 'quickbooks' },
		],
		default: 'latest',
		description:
			'Which side wins when a record changed in both systems since the last sync; the summary lists every conflict with its winner',
		displayOptions,
	};
}

/** The date range of a history import; both ends included. */
export function dateRangeFields(displayOptions: Show): INodeProperties[] {
	return [
		{
			displayName: 'From Date',
			name: 'dateFrom',
			type: 'string',
			required: true,
			default: '',
			placeholder: '2025-01-01',
			description: 'The first transaction date imported (YYYY-MM-DD)',
			displayOptions,
		},
		{
			displayName: 'To Date',
			name: 'dateTo',
			type: 'string',
			required: true,
			default: '',
			placeholder: '2025-12-31',
			description: 'The last transaction date imported (YYYY-MM-DD)',
			displayOptions,
		},
	];
}
