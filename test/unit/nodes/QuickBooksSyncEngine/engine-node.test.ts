/** What the QuickBooks Sync Engine node shows on the canvas: a readable subtitle for every resource and operation. */
import { QuickBooksSyncEngine } from '../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import {
	OPERATION_LABELS,
	outputCount,
	RESOURCE_LABELS,
} from '../../../../nodes/QuickBooksSyncEngine/canvas';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';

const properties = new QuickBooksSyncEngine().description.properties;
const valuesOf = (name: string) =>
	properties
		.filter((p) => p.name === name)
		.flatMap((p) => ((p.options ?? []) as Array<{ value: string }>).map((o) => o.value));

it('labels every resource and operation in the subtitle ("Push to QuickBooks: invoices", never "push: invoice")', () => {
	expect(valuesOf('resource').filter((r) => !RESOURCE_LABELS[r])).toEqual([]);
	expect([...new Set(valuesOf('operation'))].filter((o) => !OPERATION_LABELS[o])).toEqual([]);
	expect(new QuickBooksSyncEngine().description.subtitle).toContain('"push":"Push to QuickBooks"');
});

describe('a choice set by an expression that the dropdown does not offer', () => {
	const run = (parameters: Record<string, unknown>) => {
		let calls = 0;
		const context = fakeExecuteFunctions({
			parameters: parameters as never,
			credentials: {
				environment: 'sandbox',
				customBaseUrl: '',
				realmId: '',
				oauthTokenData: { access_token: 't', callbackQueryString: { realmId: '1' } },
			},
			items: [{ json: { id: 'cus_1', name: 'Amy' } }],
		});
		context.helpers.httpRequestWithAuthentication = (async () => (calls++, {})) as never;
		return { result: new QuickBooksSyncEngine().execute.call(context), calls: () => calls };
	};

	it('stops the run before any read, naming the setting and the values it takes', async () => {
		const { result, calls } = run({
			resource: 'customer',
			operation: 'push',
			matchBy: 'emailThenNmae',
			createMissing: true,
			dryRun: false,
		});
		await expect(result).rejects.toThrow(
			'"Match By" is "emailThenNmae", which is not one of its choices: Billing E-Mail, Then Name (emailThenName), Billing E-Mail Only (email), Name Only (name)',
		);
		expect(calls()).toBe(0);
	});

	it('says why payments take one direction only', async () => {
		const { result } = run({
			resource: 'payment',
			operation: 'sync',
			paymentDirection: 'both',
			dryRun: false,
		});
		await expect(result).rejects.toMatchObject({
			description: expect.stringContaining('Payments sync in one direction only'),
		});
	});
});

it('shows only the outputs an operation has, leaving out trailing ones only so connections keep their index', () => {
	const expression = String(new QuickBooksSyncEngine().description.outputs);
	const outputsFor = new Function(
		'$parameter',
		`return ${expression.replace(/^=\{\{/, '').replace(/\}\}$/, '')}`,
	) as (p: Record<string, string>) => Array<{ displayName: string }>;
	const names = (operation: string) => outputsFor({ operation }).map((o) => o.displayName);
	expect(names('push')).toEqual(['App Writes', 'Issues', 'Summary']);
	expect(names('checkCurrencies')).toEqual(['App Writes', 'Issues', 'Summary']);
	expect(names('getCursor')).toEqual(['Cursor']);
	expect(names('storeLinks')).toEqual(['Stored', 'For the App']);
	expect(names('attachLinks')).toEqual(['Records']);
	for (const operation of ['pull', 'twoWay', 'import', 'sync'])
		expect(names(operation)).toEqual(['App Writes', 'Issues', 'Summary', 'App Creates']);
	for (const operation of [...new Set(valuesOf('operation'))])
		expect(outputCount(operation)).toBe(names(operation).length);
});
