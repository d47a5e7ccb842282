import type { INodeProperties } from 'n8n-workflow';

const push = { show: { resource: ['customer'], operation: ['push'] } };

export const engineProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Customer and Location', value: 'customer' }],
		default: 'customer',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Push to QuickBooks', value: 'push', action: 'Push app records', description: 'The app is master: create, update and deactivate QuickBooks records to match the input' },
			{ name: 'Get Cursor', value: 'getCursor', action: 'Get the sync cursor', description: 'Where the last committed run ended, for the app listing\'s updatedSince' },
			{ name: 'Commit Cursor', value: 'commitCursor', action: 'Commit the sync cursor', description: 'Move the cursor forward once the app writes succeeded' },
		],
		default: 'push',
	},
	{
		displayName:
			'Input: one item per app customer or service location in the app contract\'s shape (a location has customerId). Outputs: 1 the app writes to make (link bodies for PUT /v1/{resource}/{ID}/sync), 2 issues with their fix, 3 a summary.',
		name: 'pushNotice',
		type: 'notice',
		default: '',
		displayOptions: push,
	},
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		options: [
			{ name: 'Billing E-Mail, Then Name', value: 'emailThenName' },
			{ name: 'Billing E-Mail Only', value: 'email' },
			{ name: 'Name Only', value: 'name' },
		],
		default: 'emailThenName',
		description: 'How an app customer without a QuickBooks link finds its QuickBooks customer (service locations match by name under their customer)',
		displayOptions: push,
	},
	{
		displayName: 'Require Billing E-Mail',
		name: 'requireEmail',
		type: 'boolean',
		default: false,
		description: 'Whether a customer without a billing e-mail is reported instead of matched by name or created',
		displayOptions: { show: { ...push.show, matchBy: ['emailThenName', 'email'] } },
	},
	{
		displayName: 'Create Missing Customers',
		name: 'createMissing',
		type: 'boolean',
		default: true,
		description: 'Whether app records that match no QuickBooks customer are created there (otherwise they are reported)',
		displayOptions: push,
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only list, in the summary, every write the sync would make, and make none',
		displayOptions: push,
	},
	{
		displayName: 'App Payment Terms',
		name: 'appTerms',
		type: 'json',
		default: '[]',
		description: "The app's terms as [{ ID, name }] (e.g. an expression over a GET /v1/terms node); terms then sync by name. Empty: terms are not synced.",
		displayOptions: push,
	},
	{
		displayName: 'App Tax Rates',
		name: 'appTaxRates',
		type: 'json',
		default: '[]',
		description: "The app's tax rates as [{ ID, name }]; a customer's tax rate then syncs as the QuickBooks tax code of that name. Empty: tax is not synced.",
		displayOptions: push,
	},
	{
		displayName: 'Cursor',
		name: 'cursor',
		type: 'string',
		default: '',
		placeholder: '={{ $json.updatedAt }}',
		description: 'The newest updatedAt the run handled; the cursor only ever moves forward',
		displayOptions: { show: { operation: ['commitCursor'] } },
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'string',
		default: '1970-01-01T00:00:00.000Z',
		description: 'The cursor of a first run (no cursor committed yet): everything since then is read',
		displayOptions: { show: { operation: ['getCursor'] } },
	},
];
