/** The QuickBooks Sync node's Customer operations against the QBO emulator. */
import type { QboEmulator } from '../../../emulators/qbo';
import { startNodeAgainstEmulator } from '../../../support/emulator-client';

let emulator: QboEmulator;
let realmId: string;
let harness: Awaited<ReturnType<typeof startNodeAgainstEmulator>>;

beforeAll(async () => {
	harness = await startNodeAgainstEmulator();
	({ emulator, realmId } = harness);
});
afterAll(() => emulator.stop());

const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
	harness.run('customer', parameters, continueOnFail);
const writes = () =>
	emulator.admin.log.filter((e) => e.method === 'POST' && e.endpoint === 'POST /customer').length;

describe('Customer', () => {
	it('creates a sub-customer, trims the name and says so', async () => {
		const [[parent]] = await run({
			operation: 'create',
			displayName: 'Harbor Dental Group',
			additionalFields: { email: 'billing@harbordental.example' },
			simplify: true,
		});
		expect(parent.json).toMatchObject({
			displayName: 'Harbor Dental Group',
			email: 'billing@harbordental.example',
			active: true,
			level: 0,
		});
		const [[child]] = await run({
			operation: 'create',
			displayName: 'Clinic 2 ',
			additionalFields: { parentId: parent.json.id, billWithParent: true },
			simplify: true,
		});
		expect(child.json).toMatchObject({
			displayName: 'Clinic 2',
			fullyQualifiedName: 'Harbor Dental Group:Clinic 2',
			parentId: parent.json.id,
			level: 1,
		});
		expect(child.json.warnings).toEqual([
			'DisplayName: leading/trailing spaces removed ("Clinic 2 " → "Clinic 2"); QuickBooks treats them as the same name.',
		]);
	});

	it('rejects a colon before calling QuickBooks, naming the item and field', async () => {
		const before = writes();
		const error = await run({ operation: 'create', displayName: 'Freeman:Outlet' }).catch(
			(e: Error) => e,
		);
		expect((error as Error).message).toBe(
			'Item 0: DisplayName "Freeman:Outlet" contains a colon (:), which QuickBooks does not allow in names. Remove it (a dash works in place of a colon).',
		);
		expect(writes()).toBe(before);
	});

	it("a duplicate name comes back as QBO's 6240 with the fix, per item with continue-on-fail", async () => {
		const [out] = await run({ operation: 'create', displayName: 'Cool Cars' }, true);
		expect(out[0].json.error).toMatch(/6240/);
		expect(
			(out[0].json.qbo as { fault: { errors: Array<{ code: string }> } }).fault.errors[0].code,
		).toBe('6240');
	});

	it('gets one, and many with filters (inactive only when asked)', async () => {
		const [[one]] = await run({ operation: 'get', customerId: '1', simplify: true });
		expect(one.json.displayName).toBe("Amy's Bird Sanctuary");
		const [subs] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { parentId: '7' },
			simplify: true,
		});
		expect(subs.map((s) => s.json.displayName).sort()).toEqual([
			'0969 Ocean View Road',
			'55 Twin Lane',
		]);
		const [active] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { displayName: 'Old Mill%' },
		});
		expect(active).toHaveLength(0);
		const [withInactive] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { displayName: 'Old Mill%', includeInactive: true },
			simplify: true,
		});
		expect(withInactive.map((c) => c.json.active)).toEqual([false]);
		const [limited] = await run({ operation: 'getAll', returnAll: false, limit: 3 });
		expect(limited).toHaveLength(3);
	});

	it('updates only the fields given, and recovers once from a stale known version', async () => {
		const [[c]] = await run({
			operation: 'create',
			displayName: 'Update Me',
			additionalFields: { notes: 'keep' },
			simplify: true,
		});
		emulator.admin.realm(realmId).update('Customer', {
			Id: c.json.id,
			SyncToken: '0',
			sparse: true,
			CompanyName: 'Changed elsewhere',
		});
		const [[updated]] = await run({
			operation: 'update',
			customerId: c.json.id,
			updateFields: { phone: '555-0101' },
			knownSyncVersion: '0',
		});
		expect(updated.json).toMatchObject({
			Notes: 'keep',
			CompanyName: 'Changed elsewhere',
			PrimaryPhone: { FreeFormNumber: '555-0101' },
			SyncToken: '2',
		});
	});

	it('upserts by name (updated / created) and refuses an ambiguous e-mail match', async () => {
		const [[updated]] = await run({
			operation: 'upsert',
			displayName: 'Mark Cho',
			matchOn: 'displayName',
			additionalFields: { notes: 'Gate code 4411' },
			simplify: true,
		});
		expect(updated.json).toMatchObject({ upsert: 'updated', id: '16' });
		const [[created]] = await run({
			operation: 'upsert',
			displayName: 'Brand New Co',
			matchOn: 'displayName',
			simplify: true,
		});
		expect(created.json.upsert).toBe('created');
		const error = await run({
			operation: 'upsert',
			displayName: 'Freeman Outlet',
			matchOn: 'email',
			additionalFields: { email: 'Sporting_goods@intuit.com' },
		}).catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'Item 0: more than one QuickBooks customer matches PrimaryEmailAddr = "Sporting_goods@intuit.com" (IDs 7, 8, …). Match on a unique field such as Display Name, or merge them in QuickBooks.',
		);
	});

	it('deactivates and reactivates; a customer with a balance cannot be deactivated', async () => {
		const [[c]] = await run({ operation: 'create', displayName: 'Short Lived', simplify: true });
		const [[off]] = await run({ operation: 'deactivate', customerId: c.json.id });
		expect(off.json.Active).toBe(false);
		const [[on]] = await run({ operation: 'reactivate', customerId: c.json.id });
		expect(on.json.Active).toBe(true);
		const error = await run({ operation: 'deactivate', customerId: '3' }).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/6000.*Delete List Has Balance Error/);
	});
});
