/**
 * Customers QuickBooks → app (QuickBooks is master) between the two emulators: the sandbox
 * company's customers land in an empty app, sub-customers as service locations of their parent on
 * the next run, inactive ones inactive, a customer without terms with the default terms; the next
 * run writes nothing; an edit in QuickBooks follows; an app edit does not go back.
 */
import type { QboCall } from '../../../../../../nodes/shared/qbo/caller';
import { pullCustomers, type AppChange } from '../../../../../../nodes/shared/sync/customers/pull';
import { startFieldApp, type FieldAppEmulator } from '../../../../../emulators/field-app';
import type { QboEmulator } from '../../../../../emulators/qbo';
import {
	emulatorCall,
	engineCredentials,
	fieldAppCall,
	startWithClient,
} from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let qbo: QboEmulator;
let realmId: string;
let token: string;
let app: FieldAppEmulator;
let call: QboCall;
let cursor: string | undefined;

const appCall = fieldAppCall(() => app);
const list = async (resource: string) =>
	(await appCall('GET', `/v1/${resource}?limit=500&includeDeleted=true`)).data as Json[];

/** What the template's HTTP nodes do: each change in order; a POST's link once the app gave the id. */
async function apply(changes: AppChange[]) {
	for (const change of changes) {
		const answer = await appCall(change.method, change.path, change.body);
		if (change.method === 'POST' && change.link)
			await appCall('PUT', `/v1/${change.resource}/${answer.id}/sync`, change.link);
	}
}

async function pull(options: { defaultTerms?: string } = {}) {
	const terms = (await list('terms')).map((t) => ({ id: t.id, name: t.name }));
	const result = await pullCustomers(
		call,
		[...(await list('customers')), ...(await list('locations'))],
		{
			realmId,
			since: cursor,
			createInApp: true,
			appTerms: terms,
			appTaxRates: [],
			defaultTerms: options.defaultTerms,
			now: () => new Date().toISOString(),
		},
	);
	await apply(result.appChanges);
	cursor = (result.summary.safeCursor as string | null) ?? cursor;
	return result;
}

beforeAll(async () => {
	({ emulator: qbo, realmId } = await startWithClient());
	token = qbo.admin.token(realmId).access_token as string;
	({ call } = emulatorCall(() => ({ emulator: qbo, realmId, token })));
	app = await startFieldApp({ port: 0, seed: false });
	for (const [name, dueDays] of [
		['Net 30', 30],
		['Net 15', 15],
		['Due on receipt', 0],
	] as const)
		await appCall('POST', '/v1/terms', { name, dueDays });
});
afterAll(async () => {
	await app.stop();
	await qbo.stop();
});

describe('customers QuickBooks → app', () => {
	it("runs as the engine node's Pull operation with the same outputs", async () => {
		const { QuickBooksSyncEngine } = await import(
			'../../../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node'
		);
		const { fakeExecuteFunctions } = await import('../../../../../support/fake-execute-functions');
		const credentials = engineCredentials(qbo, realmId);
		const [updates, issues, [summary], changes] = await new QuickBooksSyncEngine().execute.call(
			fakeExecuteFunctions({
				parameters: {
					resource: 'customer',
					operation: 'pull',
					since: '',
					createInApp: true,
					defaultTerms: '',
					pullAppTerms: '[]',
				},
				credentials,
				items: [{ json: {} }],
			}),
		);
		expect(summary.json).toMatchObject({
			direction: 'pull',
			created: qbo.admin
				.realm(realmId)
				.all('Customer')
				.filter((c) => !c.ParentRef).length,
		});
		expect(changes[0].json).toMatchObject({
			method: 'POST',
			path: '/v1/customers',
			link: { qboId: expect.any(String), fingerprint: expect.stringMatching(/^sha256:/) },
		});
		expect(updates).toEqual([]); // an empty app: only creates
		// Sub-customers whose parent this run brings in wait for the next run: listed, not issues.
		expect(issues).toEqual([]);
		expect(summary.json.waiting).toEqual(
			qbo.admin
				.realm(realmId)
				.all('Customer')
				.filter((c) => c.ParentRef)
				.map((c) =>
					expect.objectContaining({
						resource: 'locations',
						qboId: c.Id,
						reason: expect.stringContaining('becomes a service location on the next run'),
					}),
				),
		);
	});

	it('creates the QuickBooks customers in the app, then the sub-customers as locations of their parent', async () => {
		const qboCustomers = qbo.admin.realm(realmId).all('Customer');
		const parents = qboCustomers.filter((c) => !c.ParentRef);
		const first = await pull({ defaultTerms: 'Due on receipt' });
		expect(first.summary).toMatchObject({ created: parents.length });
		expect(first.issues).toEqual([]);
		expect(first.summary.waiting).toHaveLength(qboCustomers.length - parents.length);
		const second = await pull({ defaultTerms: 'Due on receipt' });
		expect(second.summary).toMatchObject({
			created: qboCustomers.length - parents.length,
			issues: 0,
		});

		const customers = await list('customers');
		const locations = await list('locations');
		expect(customers).toHaveLength(parents.length);
		expect(locations).toHaveLength(qboCustomers.length - parents.length);
		for (const q of parents) {
			const c = customers.find((x) => x.qboId === q.Id);
			expect(c).toMatchObject({
				name: q.DisplayName,
				active: q.Active !== false,
				...(q.PrimaryEmailAddr?.Address ? { billingEmail: q.PrimaryEmailAddr.Address } : {}),
			});
			if (!q.SalesTermRef)
				expect((await list('terms')).find((t) => t.id === c?.termsId)?.name).toBe('Due on receipt');
		}
		for (const q of qboCustomers.filter((c) => c.ParentRef)) {
			const l = locations.find((x) => x.qboId === q.Id);
			expect(l?.customerId).toBe(customers.find((c) => c.qboId === q.ParentRef.value)?.id);
		}
	});

	it('writes nothing on the next run', async () => {
		const result = await pull({ defaultTerms: 'Due on receipt' });
		expect(result.appChanges).toEqual([]);
	});

	it('follows an edit in QuickBooks, including making a customer inactive; an app edit does not go back', async () => {
		const [target, other] = qbo.admin
			.realm(realmId)
			.all('Customer')
			.filter((c) => !c.ParentRef && c.Active !== false);
		qbo.admin.clock.advance(2000);
		qbo.admin.realm(realmId).update('Customer', {
			Id: target.Id,
			SyncToken: target.SyncToken,
			sparse: true,
			Notes: 'Edited in QuickBooks',
			Active: false,
		});
		const appOther = (await list('customers')).find((c) => c.qboId === other.Id)!;
		await appCall('PATCH', `/v1/customers/${appOther.id}`, {
			version: appOther.version,
			notes: 'Edited in the app',
		});
		const before = qbo.admin.counters.byEndpoint['POST /customer'] ?? 0;
		const result = await pull({ defaultTerms: 'Due on receipt' });
		// (The app edit may be overwritten by QuickBooks' version when that record is read again: QuickBooks is master.)
		expect(result.summary).toMatchObject({ created: 0 });
		expect(result.appChanges.some((c) => c.method === 'PATCH' && c.qboId === target.Id)).toBe(true);
		expect((await list('customers')).find((c) => c.qboId === target.Id)).toMatchObject({
			notes: 'Edited in QuickBooks',
			active: false,
		});
		expect(qbo.admin.counters.byEndpoint['POST /customer'] ?? 0).toBe(before);
		expect(qbo.admin.realm(realmId).get('Customer', other.Id)?.Notes ?? '').not.toBe(
			'Edited in the app',
		);
	});
});

describe('items QuickBooks → app', () => {
	it('creates the QuickBooks items in the app with types, accounts and inactive ones; the next run writes nothing', async () => {
		const { pullItems } = await import('../../../../../../nodes/shared/sync/items/pull');
		const run = async () => {
			const result = await pullItems(call, await list('items'), {
				realmId,
				createInApp: true,
				now: () => new Date().toISOString(),
			});
			await apply(result.appChanges);
			return result;
		};
		const realm = qbo.admin.realm(realmId);
		const service = realm.all('Item').find((i) => i.Type === 'Service' && i.Active !== false)!;
		realm.update('Item', {
			Id: service.Id,
			SyncToken: service.SyncToken,
			sparse: true,
			Active: false,
		});
		const sellable = realm
			.all('Item')
			.filter((i) => ['Service', 'NonInventory', 'Inventory'].includes(i.Type));
		const first = await run();
		expect(first.summary).toMatchObject({ created: sellable.length, issues: 0 });
		const items = await list('items');
		expect(items).toHaveLength(sellable.length);
		const mapped = items.find((i) => i.qboId === service.Id);
		expect(mapped).toMatchObject({ name: service.Name, type: 'service', active: false });
		expect(mapped?.accounts.income).toBe(
			realm.get('Account', service.IncomeAccountRef.value)?.FullyQualifiedName ??
				realm.get('Account', service.IncomeAccountRef.value)?.Name,
		);
		const inventory = realm.all('Item').find((i) => i.Type === 'Inventory');
		if (inventory)
			expect(items.find((i) => i.qboId === inventory.Id)).toMatchObject({
				type: 'inventory',
				accounts: { asset: expect.any(String) },
			});
		expect((await run()).appChanges).toEqual([]);
	});
});
