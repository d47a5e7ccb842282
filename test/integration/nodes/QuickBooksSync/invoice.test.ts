/** The QuickBooks Sync node's Invoice operations against the QBO emulator. */
import { startNodeAgainstEmulator } from '../../../support/emulator-client';

let harness: Awaited<ReturnType<typeof startNodeAgainstEmulator>>;
beforeAll(async () => {
	harness = await startNodeAgainstEmulator();
});
afterAll(() => harness.emulator.stop());
const run = (parameters: Record<string, unknown>, continueOnFail = false) =>
	harness.run('invoice', parameters, continueOnFail);
const cleanups: Array<() => void> = [];
const afterThis = (cleanup: () => void) => cleanups.push(cleanup);
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const line = (
	itemId: string,
	quantity: number,
	rate: number,
	extra: Record<string, unknown> = {},
) => ({ itemId, quantity, rate, ...extra });

describe('Invoice', () => {
	it('creates with lines, tax code and memo; a $0 invoice is allowed', async () => {
		const [[inv]] = await run({
			operation: 'create',
			customerId: '16',
			lines: { line: [line('2', 2, 75), line('11', 10, 20, { taxCode: 'TAX' })] },
			additionalFields: { taxCodeId: '2', customerMemo: 'Thanks!' },
			simplify: true,
		});
		expect(inv.json).toMatchObject({
			customerId: '16',
			total: 364.5,
			balance: 364.5,
			docNumber: expect.any(String),
		});
		const [[zero]] = await run({
			operation: 'create',
			customerId: '16',
			lines: { line: [line('2', 1, 0)] },
			simplify: true,
		});
		expect(zero.json).toMatchObject({ total: 0, balance: 0 });
	});

	it('checks lines before calling QuickBooks', async () => {
		const error = await run({
			operation: 'create',
			customerId: '16',
			lines: { line: [{ quantity: 1, rate: 5 }] },
		}).catch((e: Error) => e);
		expect((error as Error).message).toBe('Item 0: Line 1 has no Item ID.');
	});

	it('the same idempotency key never creates a second invoice', async () => {
		const params = {
			operation: 'create',
			customerId: '14',
			lines: { line: [line('2', 1, 75)] },
			idempotencyKey: 'fieldapp:inv_0042:v1',
			simplify: true,
		};
		const [[first]] = await run(params);
		const [[again]] = await run(params);
		expect(again.json.id).toBe(first.json.id);
		const [all] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: '14' },
			simplify: true,
		});
		expect(all.filter((i) => i.json.id === first.json.id)).toHaveLength(1);
	});

	it('upserts by DocNumber with custom numbers on: created, then updated with new lines', async () => {
		harness.emulator.admin.setPreferences(harness.realmId, {
			SalesFormsPrefs: { CustomTxnNumbers: true },
		});
		afterThis(() =>
			harness.emulator.admin.setPreferences(harness.realmId, {
				SalesFormsPrefs: { CustomTxnNumbers: false },
			}),
		);
		const [[created]] = await run({
			operation: 'upsert',
			docNumber: 'FA-1001',
			customerId: '2',
			lines: { line: [line('2', 1, 75)] },
			simplify: true,
		});
		expect(created.json).toMatchObject({ upsert: 'created', docNumber: 'FA-1001', total: 75 });
		const [[updated]] = await run({
			operation: 'upsert',
			docNumber: 'FA-1001',
			customerId: '2',
			lines: { line: [line('2', 2, 75)] },
			simplify: true,
		});
		expect(updated.json).toMatchObject({ upsert: 'updated', id: created.json.id, total: 150 });
	});

	it('gets, lists open invoices, updates sparsely, voids and deletes', async () => {
		const [[inv]] = await run({
			operation: 'create',
			customerId: '24',
			lines: { line: [line('2', 1, 75)] },
			simplify: true,
		});
		const [[got]] = await run({ operation: 'get', invoiceId: inv.json.id, simplify: true });
		expect(got.json.total).toBe(75);
		const [open] = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: '24', openOnly: true },
			simplify: true,
		});
		expect(open.map((i) => i.json.id)).toContain(inv.json.id);
		const [[memo]] = await run({
			operation: 'update',
			invoiceId: inv.json.id,
			updateFields: { privateNote: 'from the app' },
		});
		expect(memo.json).toMatchObject({ PrivateNote: 'from the app', TotalAmt: 75 });
		const [[voided]] = await run({ operation: 'void', invoiceId: inv.json.id, simplify: true });
		expect(voided.json).toMatchObject({ total: 0, balance: 0 });
		const [[gone]] = await run({ operation: 'delete', invoiceId: inv.json.id });
		expect(gone.json).toEqual({ domain: 'QBO', status: 'Deleted', Id: inv.json.id });
	});

	it('sends by e-mail and downloads the PDF as binary', async () => {
		const [[inv]] = await run({
			operation: 'create',
			customerId: '1',
			lines: { line: [line('2', 1, 75)] },
			simplify: true,
		});
		const [[sent]] = await run({
			operation: 'send',
			invoiceId: inv.json.id,
			sendTo: 'birds@example.com',
			simplify: true,
		});
		expect(sent.json.emailStatus).toBe('EmailSent');
		const [[file]] = await run({
			operation: 'pdf',
			invoiceId: inv.json.id,
			binaryPropertyName: 'invoice',
		});
		const pdf = Buffer.from(file.binary!.invoice.data, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf).toContain(`Invoice ${inv.json.docNumber}`);
		expect(file.binary!.invoice.mimeType).toBe('application/pdf');
	});
});
