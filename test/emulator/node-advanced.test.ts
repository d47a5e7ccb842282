/** The QuickBooks Sync node's Advanced operations against the QBO emulator. */
import type { QboEmulator } from '../emulators/qbo';
import { startNodeAgainstEmulator } from './client';

let emulator: QboEmulator;
let realmId: string;
let harness: Awaited<ReturnType<typeof startNodeAgainstEmulator>>;

beforeAll(async () => {
	harness = await startNodeAgainstEmulator();
	({ emulator, realmId } = harness);
});
afterAll(() => emulator.stop());

const run = (parameters: Record<string, unknown>, continueOnFail = false) => harness.run('advanced', parameters, continueOnFail);

it('Query returns every matching row, inactive ones when asked, with escaped values', async () => {
	const [all] = await run({ operation: 'query', query: 'SELECT * FROM Customer WHERE Active IN (true, false)', returnAll: true });
	expect(all.length).toBe(emulator.admin.realm(realmId).all('Customer').length);
	const [amy] = await run({ operation: 'query', query: 'SELECT * FROM Customer WHERE DisplayName = ?', values: { value: [{ value: "Amy's Bird Sanctuary" }] }, returnAll: true });
	expect(amy.map((i) => i.json.DisplayName)).toEqual(["Amy's Bird Sanctuary"]);
	const error = await run({ operation: 'query', query: 'SELECT * FROM Customer WHERE Notes = ?', values: { value: [{ value: 'x' }] }, returnAll: true }).catch((e: Error) => e);
	expect((error as Error).message).toMatch(/4001/);
});

it('Change Data Capture reports a deletion made in QuickBooks', async () => {
	const since = new Date(Math.floor(emulator.admin.clock.now() / 1000) * 1000 - 1000).toISOString();
	const realm = emulator.admin.realm(realmId);
	const inv = realm.all('Invoice').find((i) => !i.LinkedTxn)!;
	realm.delete('Invoice', { Id: inv.Id, SyncToken: inv.SyncToken });
	const [out] = await run({ operation: 'changeDataCapture', entities: ['Invoice'], changedSince: since });
	expect(out.map((i) => i.json)).toContainEqual(expect.objectContaining({ entity: 'Invoice', id: inv.Id, deleted: true }));
});
