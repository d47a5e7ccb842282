/** The QuickBooks Sync node's Advanced operations against the QBO emulator. */
import { QuickBooksSync } from '../../../../nodes/QuickBooksSync/QuickBooksSync.node';
import type { QboEmulator } from '../../../emulators/qbo';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';
import { startNodeAgainstEmulator, engineCredentials } from '../../../support/emulator-client';

let emulator: QboEmulator;
let realmId: string;
let harness: Awaited<ReturnType<typeof startNodeAgainstEmulator>>;

beforeAll(async () => {
	harness = await startNodeAgainstEmulator();
	({ emulator, realmId } = harness);
});
afterAll(() => emulator.stop());

const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
	harness.run('advanced', parameters, continueOnFail);

it('Query returns every matching row, inactive ones when asked, with escaped values', async () => {
	const [all] = await run({
		operation: 'query',
		query: 'SELECT * FROM Customer WHERE Active IN (true, false)',
		returnAll: true,
	});
	expect(all.length).toBe(emulator.admin.realm(realmId).all('Customer').length);
	const [amy] = await run({
		operation: 'query',
		query: 'SELECT * FROM Customer WHERE DisplayName = ?',
		values: { value: [{ value: "Amy's Bird Sanctuary" }] },
		returnAll: true,
	});
	expect(amy.map((i) => i.json.DisplayName)).toEqual(["Amy's Bird Sanctuary"]);
	const error = await run({
		operation: 'query',
		query: 'SELECT * FROM Customer WHERE Notes = ?',
		values: { value: [{ value: 'x' }] },
		returnAll: true,
	}).catch((e: Error) => e);
	expect((error as Error).message).toMatch(/4001/);
});

it('Change Data Capture reports a deletion made in QuickBooks', async () => {
	const since = new Date(Math.floor(emulator.admin.clock.now() / 1000) * 1000 - 1000).toISOString();
	const realm = emulator.admin.realm(realmId);
	const inv = realm.all('Invoice').find((i) => !i.LinkedTxn)!;
	realm.delete('Invoice', { Id: inv.Id, SyncToken: inv.SyncToken });
	const [out] = await run({
		operation: 'changeDataCapture',
		entities: ['Invoice'],
		changedSince: since,
	});
	expect(out.map((i) => i.json)).toContainEqual(
		expect.objectContaining({ entity: 'Invoice', id: inv.Id, deleted: true }),
	);
});

it('Batch writes 65 input items in 3 requests and maps a failure to its item', async () => {
	const items = Array.from({ length: 65 }, (_, i) => ({
		json: { name: i === 40 ? 'Cool Cars' : `Batch Node ${i}` },
	}));
	const before = emulator.admin.counters.byEndpoint['POST /batch'] ?? 0;
	const parameters = items.map((item) => ({
		resource: 'advanced',
		operation: 'batch',
		batchEntity: 'Customer',
		batchOperation: 'create',
		batchRecord: JSON.stringify({ DisplayName: item.json.name }),
	}));
	const credentials = engineCredentials(emulator, realmId);
	const [out] = await new QuickBooksSync().execute.call(
		fakeExecuteFunctions({ parameters, credentials, items }),
	);
	expect(out).toHaveLength(65);
	expect(emulator.admin.counters.byEndpoint['POST /batch'] - before).toBe(3);
	expect(out[40]).toMatchObject({
		json: { error: expect.stringContaining('6240') },
		pairedItem: { item: 40 },
	});
	expect(out[64]).toMatchObject({
		json: { DisplayName: 'Batch Node 64' },
		pairedItem: { item: 64 },
	});
});
