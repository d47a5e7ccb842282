/** The sync engine's plan carried out against the QBO emulator: creates, links, duplicates, stale SyncTokens. */
import type { QboJson } from '../../../../../../nodes/shared/qbo/caller';
import { applyToQuickBooks } from '../../../../../../nodes/shared/sync/pipeline/applier';
import {
	appCustomerFields,
	appLocationFields,
	customerAdapter,
	qboCustomerFields,
	type CustomerFields,
} from '../../../../../../nodes/shared/sync/customers/mapping';
import {
	plan,
	type AppSide,
	type QboSide,
} from '../../../../../../nodes/shared/sync/pipeline/planner';
import { queryAll } from '../../../../../../nodes/shared/qbo/paging';
import type { QboEmulator } from '../../../../../emulators/qbo';
import { emulatorCall, startWithClient } from '../../../../../support/emulator-client';

let emulator: QboEmulator;
let realmId: string;
let token: string;

const requests: string[] = [];
const { call } = emulatorCall(() => ({ emulator, realmId, token }), requests);

const names = { termName: () => undefined, taxCodeName: () => undefined };
const ids = { termId: () => undefined, taxCodeId: () => undefined };
const adapter = customerAdapter({ matchBy: ['email', 'name'], qboIds: ids, appIds: ids });
const options = {
	realmId: '',
	direction: 'push' as const,
	conflictPolicy: 'latest' as const,
	createInQuickBooks: true,
	createInApp: false,
};
const fieldsOf = (qbo: QboJson) => qboCustomerFields(qbo, names);

const customer = (
	id: string,
	name: string,
	email: string,
	extra: Record<string, unknown> = {},
): AppSide<CustomerFields> => ({
	id,
	fields: appCustomerFields(
		{ id, name, billingEmail: email, notes: `Notes of ${name}`, active: true, ...extra },
		names,
	),
	updatedAt: '2026-11-22T06:00:00.000Z',
});

async function qboCustomers(): Promise<Array<QboSide<CustomerFields>>> {
	const rows = await queryAll(call, {
		entity: 'Customer',
		where: [{ field: 'Active', operator: 'IN', value: [true, false] }],
	});
	return rows.map((r) => ({
		id: String(r.Id),
		syncToken: String(r.SyncToken),
		fields: fieldsOf(r),
		updatedAt: String(r.MetaData.LastUpdatedTime),
	}));
}

beforeAll(async () => {
	({ emulator, realmId } = await startWithClient());
	token = emulator.admin.token(realmId).access_token as string;
	options.realmId = realmId;
});
afterAll(async () => await emulator.stop());
beforeEach(() => (requests.length = 0));

describe('applying a push of customers', () => {
	it('creates customers in one batch, then their locations as sub-customers; a second run only links', async () => {
		const app = [
			customer('cus_a', 'Applier Amy', 'amy@applier.example'),
			customer('cus_b', 'Applier Bob', 'bob@applier.example'),
		];
		const first = await applyToQuickBooks(call, plan(adapter, app, await qboCustomers(), options), {
			entity: 'Customer',
			fieldsOf,
			nameField: 'DisplayName',
		});
		expect(first.map((o) => o.status)).toEqual(['written', 'written']);
		expect(requests.filter((r) => r === 'POST batch')).toHaveLength(1);
		const amyId = String((first[0] as { qbo: QboJson }).qbo.Id);

		const location: AppSide<CustomerFields> = {
			id: 'loc_1',
			fields: appLocationFields(
				{ name: 'Applier Amy Yard', address: { line1: '1 Yard Rd' }, active: true },
				amyId,
			),
			updatedAt: '2026-11-22T06:00:00.000Z',
		};
		const [sub] = await applyToQuickBooks(
			call,
			plan(
				customerAdapter({ matchBy: ['name'], qboIds: ids, appIds: ids }),
				[location],
				await qboCustomers(),
				options,
			),
			{ entity: 'Customer', fieldsOf, nameField: 'DisplayName' },
		);
		expect(sub).toMatchObject({
			status: 'written',
			qbo: {
				ParentRef: { value: amyId },
				Job: true,
				FullyQualifiedName: 'Applier Amy:Applier Amy Yard',
			},
		});

		// Links and fingerprints lost (no qboId written back): the next run re-links by natural key and writes nothing.
		requests.length = 0;
		const again = plan(adapter, app, await qboCustomers(), options);
		expect(again.map((a) => a.kind)).toEqual(['link', 'link']);
		const outcomes = await applyToQuickBooks(call, again, {
			entity: 'Customer',
			fieldsOf,
			nameField: 'DisplayName',
		});
		expect(outcomes.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
		expect(requests.filter((r) => r.startsWith('POST') && r !== 'POST query')).toEqual([]);
	});

	it('never creates a customer twice when two runs overlap, whatever records each one holds', async () => {
		const a = customer('cus_o1', 'Overlap One', 'one@overlap.example');
		const b = customer('cus_o2', 'Overlap Two', 'two@overlap.example');
		const c = customer('cus_o3', 'Overlap Three', 'three@overlap.example');
		const before = await qboCustomers();
		// Both runs planned before either wrote: both plan creates.
		const runA = plan(adapter, [a, b], before, options);
		const runB = plan(adapter, [a, b, c], before, options);
		const [outA, outB] = await Promise.all([
			applyToQuickBooks(call, runA, { entity: 'Customer', fieldsOf, nameField: 'DisplayName' }),
			applyToQuickBooks(call, runB, { entity: 'Customer', fieldsOf, nameField: 'DisplayName' }),
		]);
		expect([...outA, ...outB].map((o) => o.status)).toEqual([
			'written',
			'written',
			'written',
			'written',
			'written',
		]);
		const after = await qboCustomers();
		for (const name of ['Overlap One', 'Overlap Two', 'Overlap Three'])
			expect(after.filter((q) => q.fields.name === name)).toHaveLength(1);
		const ids1 = outA.map((o) => String((o as { qbo: QboJson }).qbo.Id));
		const ids2 = outB.slice(0, 2).map((o) => String((o as { qbo: QboJson }).qbo.Id));
		expect(ids2).toEqual(ids1);
	});

	it('reports a name taken by a different QuickBooks customer with the fix, and writes the others', async () => {
		emulator.admin.realm(realmId).create('Customer', {
			DisplayName: 'Taken Name',
			PrimaryEmailAddr: { Address: 'someone@else.example' },
		});
		const clash = customer('cus_c1', 'Taken Name', 'mine@clash.example');
		const fine = customer('cus_c2', 'Free Name', 'free@clash.example');
		// Planned against a stale list that does not have the clashing customer yet, so QBO itself refuses it.
		const outcomes = await applyToQuickBooks(call, plan(adapter, [clash, fine], [], options), {
			entity: 'Customer',
			fieldsOf,
			nameField: 'DisplayName',
		});
		expect(outcomes.map((o) => o.status)).toEqual(['issue', 'written']);
		expect(outcomes[0]).toMatchObject({
			code: '6240',
			reason: expect.stringMatching(
				/QuickBooks already has customer \d+ named "Taken Name" with other details/,
			),
			fix: expect.stringContaining('Rename one of the two records'),
		});
	});

	it('writes an update again on the fresh version when the SyncToken went stale', async () => {
		const created = emulator.admin.realm(realmId).create('Customer', {
			DisplayName: 'Stale Token',
			PrimaryEmailAddr: { Address: 'stale@token.example' },
		});
		const [current] = (await qboCustomers()).filter((q) => q.id === String(created.Id));
		emulator.admin.realm(realmId).update('Customer', {
			Id: created.Id,
			SyncToken: created.SyncToken,
			sparse: true,
			CompanyName: 'Edited meanwhile',
		});
		const app = customer('cus_s1', 'Stale Token', 'stale@token.example', { notes: 'From the app' });
		const actions = plan(
			adapter,
			[{ ...app, link: String(created.Id), lastSynced: 'sha256:old' }],
			[current],
			options,
		);
		expect(actions[0].kind).toBe('updateQuickBooks');
		const [outcome] = await applyToQuickBooks(call, actions, {
			entity: 'Customer',
			fieldsOf,
			nameField: 'DisplayName',
		});
		expect(outcome).toMatchObject({
			status: 'written',
			note: expect.stringContaining('changed in QuickBooks'),
			qbo: { Notes: 'From the app', SyncToken: '2' },
		});
	});
});
