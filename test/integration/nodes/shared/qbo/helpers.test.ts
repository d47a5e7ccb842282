/**
 * The node's pure QBO helpers (nodes/shared/qbo) against the QBO emulator: paging at the page
 * edges, CDC past the 1000 cap with deletions, batch with partial failure, sparse update with a
 * stale SyncToken, and query escaping.
 */
import type { QboEmulator } from '../../../../emulators/qbo';
import { writeBatch } from '../../../../../nodes/shared/qbo/batch';
import { readChanges } from '../../../../../nodes/shared/qbo/cdc';
import { queryAll } from '../../../../../nodes/shared/qbo/paging';
import { buildQuery } from '../../../../../nodes/shared/qbo/query';
import { sparseUpdate } from '../../../../../nodes/shared/qbo/sparse-update';
import { emulatorCall, startWithClient } from '../../../../support/emulator-client';

let emulator: QboEmulator;
let realmId: string;
let token: string;
let calls: string[] = [];

const { call } = emulatorCall(() => ({ emulator, realmId, token }), (calls = []));

beforeEach(async () => {
	({ emulator, realmId } = await startWithClient({ realms: [{ seed: 'empty' }] }));
	token = emulator.admin.token(realmId).access_token as string;
	calls.length = 0;
});
afterEach(() => emulator.stop());

function seedVendors(n: number, prefix = 'Vendor'): void {
	const realm = emulator.admin.realm(realmId);
	for (let i = 0; i < n; i++)
		realm.create('Vendor', { DisplayName: `${prefix} ${String(i).padStart(4, '0')}` });
}

describe('queryAll pages past 1000 rows and stops on a short page', () => {
	it.each([
		[999, 1],
		[1000, 2],
		[1001, 2],
		[2500, 3],
	])('%i rows take %i requests', async (rows, requests) => {
		seedVendors(rows);
		const all = await queryAll(call, { entity: 'Vendor', orderBy: { field: 'DisplayName' } });
		expect(all).toHaveLength(rows);
		expect(new Set(all.map((v) => v.Id)).size).toBe(rows);
		expect(calls).toHaveLength(requests);
	});

	it('stops at a limit', async () => {
		seedVendors(50);
		expect(await queryAll(call, { entity: 'Vendor' }, { limit: 7, pageSize: 5 })).toHaveLength(7);
		expect(calls).toHaveLength(2);
	});
});

describe('query escaping', () => {
	it('finds exactly the record named O\'Brien \\ "x" %, and nothing else', async () => {
		const name = `O'Brien \\ "x" %`;
		emulator.admin.realm(realmId).create('Customer', { DisplayName: name });
		emulator.admin.realm(realmId).create('Customer', { DisplayName: "O'Brien" });
		const rows = await queryAll(call, {
			entity: 'Customer',
			where: [{ field: 'DisplayName', operator: '=', value: name }],
		});
		expect(rows.map((r) => r.DisplayName)).toEqual([name]);
		expect(
			buildQuery({
				entity: 'Customer',
				where: [{ field: 'DisplayName', operator: '=', value: name }],
			}),
		).toBe(`SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien \\\\ "x" %'`);
	});
});

describe('change data capture reader', () => {
	it('reads more than 1000 changes and the deletions among them', async () => {
		const since = new Date(Math.floor(emulator.admin.clock.now() / 1000) * 1000).toISOString();
		const realm = emulator.admin.realm(realmId);
		for (let i = 0; i < 1500; i++) {
			if (i % 250 === 0) emulator.admin.clock.advance(1_000);
			realm.create('Customer', { DisplayName: `CDC Customer ${i}` });
		}
		const income = realm.all('Account').find((a) => a.AccountType === 'Income')!;
		const expense = realm.all('Account').find((a) => a.Name === 'Job Expenses')!;
		const item = realm.create('Item', {
			Name: 'CDC Item',
			Type: 'Service',
			IncomeAccountRef: { value: income.Id },
			ExpenseAccountRef: { value: expense.Id },
		});
		const invoices = Array.from({ length: 3 }, () =>
			realm.create('Invoice', {
				CustomerRef: { value: '1' },
				Line: [
					{
						DetailType: 'SalesItemLineDetail',
						Amount: 5,
						SalesItemLineDetail: { ItemRef: { value: item.Id } },
					},
				],
			}),
		);
		realm.delete('Invoice', { Id: invoices[1].Id, SyncToken: invoices[1].SyncToken });
		const { changes, newest } = await readChanges(call, ['Customer', 'Invoice'], since, {
			nowMs: emulator.admin.clock.now(),
		});
		expect(changes.filter((c) => c.entity === 'Customer')).toHaveLength(1500);
		expect(changes.filter((c) => c.entity === 'Invoice')).toEqual([
			expect.objectContaining({ id: invoices[0].Id, deleted: false }),
			expect.objectContaining({ id: invoices[2].Id, deleted: false }),
			expect.objectContaining({ id: invoices[1].Id, deleted: true, object: undefined }),
		]);
		expect(newest).toBeDefined();
	});

	it('refuses a window older than 30 days with the fix', async () => {
		const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
		await expect(readChanges(call, ['Customer'], old)).rejects.toThrow(/Do a full read/);
	});
});

describe('batch writer', () => {
	it('splits into requests of 30 and maps each fault back to its input', async () => {
		const ops = Array.from({ length: 65 }, (_, i) => ({
			operation: 'create' as const,
			entity: 'Customer',
			body: { DisplayName: i === 40 ? 'Batch 0' : `Batch ${i}` },
		}));
		const results = await writeBatch(call, ops);
		expect(calls).toEqual(['POST batch', 'POST batch', 'POST batch']);
		expect(results).toHaveLength(65);
		expect(results.filter((r) => !r.ok).map((r) => r.index)).toEqual([40]);
		const failed = results[40];
		expect(failed.ok === false && failed.fault.errors[0].code).toBe('6240');
		expect(results[64]).toMatchObject({ ok: true, entity: { DisplayName: 'Batch 64' } });
	});
});

describe('sparse update', () => {
	it('with a stale SyncToken: reads again, re-applies the change once, and succeeds', async () => {
		const c = emulator.admin.realm(realmId).create('Customer', { DisplayName: 'Stale Target' });
		emulator.admin
			.realm(realmId)
			.update('Customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'someone else' });
		const updated = await sparseUpdate(call, {
			entity: 'Customer',
			id: c.Id,
			changes: { CompanyName: 'Ours' },
			syncToken: '0',
		});
		expect(updated).toMatchObject({ CompanyName: 'Ours', Notes: 'someone else', SyncToken: '2' });
		expect(calls).toEqual(['POST customer', 'GET customer/' + c.Id, 'POST customer']);
	});

	it('reads the SyncToken when none is known; a known one skips the read', async () => {
		const c = emulator.admin.realm(realmId).create('Customer', { DisplayName: 'Token Reader' });
		await sparseUpdate(call, { entity: 'Customer', id: c.Id, changes: { Notes: 'a' } });
		expect(calls).toEqual(['GET customer/' + c.Id, 'POST customer']);
		calls.length = 0;
		await sparseUpdate(call, {
			entity: 'Customer',
			id: c.Id,
			changes: { Notes: 'b' },
			syncToken: '1',
		});
		expect(calls).toEqual(['POST customer']);
	});
});
