/** Emulator: the query language, CDC, batch and requestid (quickbooks-api-notes.md §3, §4, §5, §6). */
import type { QboEmulator } from '../../../emulators/qbo';
import { faultOf, startWithClient, type QboTestClient } from '../../../support/emulator-client';

let emulator: QboEmulator;
let qbo: QboTestClient;
let realmId: string;

beforeAll(async () => {
	({ emulator, client: qbo, realmId } = await startWithClient());
});
afterAll(() => emulator.stop());

const rows = (res: { json: { QueryResponse: Record<string, unknown> } }, entity: string) =>
	(res.json.QueryResponse[entity] ?? []) as Array<Record<string, unknown>>;

describe('query', () => {
	it("pages 100 by default, up to 1000, 1-based; outside 1..1000 is 4001 with QBO's text", async () => {
		for (let i = 0; i < 120; i++)
			emulator.admin
				.realm(realmId)
				.create('Customer', { DisplayName: `Paging ${String(i).padStart(3, '0')}` });
		const first = await qbo.query("select * from Customer where DisplayName like 'Paging%'");
		expect(rows(first, 'Customer')).toHaveLength(100);
		expect(first.json.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 100 });
		const second = await qbo.query(
			"select * from Customer where DisplayName like 'Paging%' orderby DisplayName startposition 101 maxresults 1000",
		);
		expect(rows(second, 'Customer').map((c) => c.DisplayName)).toEqual(
			Array.from({ length: 20 }, (_, i) => `Paging ${100 + i}`),
		);
		const tooBig = await qbo.query('select * from Customer maxresults 1500');
		expect(faultOf(tooBig)).toMatchObject({
			code: '4001',
			Detail: 'QueryValidationError: value 1500 is too large. Max allowed value is 1000',
		});
		expect(faultOf(await qbo.query('select * from Customer maxresults 0'))!.Detail).toBe(
			'QueryValidationError: value 0 is too small. Min allowed value is 1',
		);
		expect(
			(await qbo.query("select count(*) from Customer where DisplayName like 'Paging%'")).json
				.QueryResponse,
		).toEqual({ totalCount: 120 });
	});

	it('takes keywords and the entity in any case and the paging clauses in either order, as the live service does (quickbooks-api-notes.md §4)', async () => {
		const canonical = await qbo.query(
			"select * from Customer where DisplayName like 'Paging%' orderby DisplayName startposition 3 maxresults 2",
		);
		const names = rows(canonical, 'Customer').map((c) => c.DisplayName);
		expect(names).toEqual(['Paging 002', 'Paging 003']);
		for (const sql of [
			"SELECT * FROM customer WHERE DisplayName LIKE 'Paging%' ORDERBY DisplayName MAXRESULTS 2 STARTPOSITION 3",
			"Select *\n  From CUSTOMER\twhere DisplayName like 'Paging%' OrderBy DisplayName maxresults 2 startposition 3",
		]) {
			const res = await qbo.query(sql);
			expect(res.status).toBe(200);
			expect(rows(res, 'Customer').map((c) => c.DisplayName)).toEqual(names);
		}
		expect(
			(await qbo.query("SELECT COUNT(*) FROM customer WHERE DisplayName LIKE 'Paging%'")).json
				.QueryResponse,
		).toEqual({ totalCount: 120 });
		expect(
			faultOf(await qbo.query('select * from Customer maxresults 2 maxresults 3')),
		).toMatchObject({ code: '4000', Detail: expect.stringContaining('MAXRESULTS is given twice') });
		expect(
			faultOf(await qbo.query('select * from Customer maxresults 0 startposition 1'))!.code,
		).toBe('4001');
	});

	it('an empty result is an empty QueryResponse', async () => {
		expect(
			(await qbo.query("select * from Customer where DisplayName = 'Nobody At All'")).json
				.QueryResponse,
		).toEqual({});
	});

	it('backslash escapes let a value hold quotes, backslashes and percent signs without changing the query', async () => {
		const name = `O'Brien \\ "x" %`;
		await qbo.create('Customer', { DisplayName: name });
		await qbo.create('Customer', { DisplayName: `O'Brien \\ "x" and more` });
		const escaped = name.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
		const exact = await qbo.query(`select * from Customer where DisplayName = '${escaped}'`);
		expect(rows(exact, 'Customer').map((c) => c.DisplayName)).toEqual([name]);
		const injected = await qbo.query(
			`select * from Customer where DisplayName = 'x' or DisplayName like '%'`,
		);
		expect(faultOf(injected)!.code).toBe('4000');
		const unterminated = await qbo.query(`select * from Customer where DisplayName = 'O'Brien'`);
		expect(faultOf(unterminated)!.code).toBe('4000');
	});

	it('supports = < > <= >= IN LIKE, ORDERBY ASC/DESC; OR and projections are faults', async () => {
		const inList = await qbo.query(
			"select * from Customer where DisplayName in ('Cool Cars', 'Mark Cho') orderby DisplayName desc",
		);
		expect(rows(inList, 'Customer').map((c) => c.DisplayName)).toEqual(['Mark Cho', 'Cool Cars']);
		const later = rows(
			await qbo.query("select * from Item where Type = 'Service' and Name >= 'P' orderby Name"),
			'Item',
		).map((i) => i.Name);
		expect(later).toEqual(['Pest Control', 'Services', 'Trimming']);
		const before = rows(
			await qbo.query("select * from Item where Type = 'Service' and Name < 'G'"),
			'Item',
		).map((i) => i.Name);
		expect(before.sort()).toEqual(['Concrete', 'Design']);
		expect(faultOf(await qbo.query('select DisplayName from Customer'))!.code).toBe('4000');
		expect(
			faultOf(await qbo.query("select * from Customer where DisplayName = 'a' OR Active = true"))!
				.Detail,
		).toMatch(/OR is not supported/);
		expect(faultOf(await qbo.query('select * from Customers'))).toMatchObject({
			code: '4000',
			Detail: expect.stringContaining('Invalid context declaration : Customers'),
		});
		expect(faultOf(await qbo.query("select * from Customer where Notes = 'x'"))).toMatchObject({
			code: '4001',
		});
	});

	it('leaves inactive names out unless Active is filtered', async () => {
		const all = await qbo.query(
			"select count(*) from Customer where Active in (true, false) and DisplayName like 'Old Mill%'",
		);
		expect(all.json.QueryResponse.totalCount).toBe(1);
		expect(
			(await qbo.query("select count(*) from Customer where DisplayName like 'Old Mill%'")).json
				.QueryResponse.totalCount,
		).toBe(0);
	});

	it('filters on MetaData.LastUpdatedTime and accepts POST with application/text', async () => {
		emulator.admin.clock.advance(5_000);
		const since = new Date(emulator.admin.clock.now()).toISOString();
		emulator.admin.clock.advance(2_000);
		await qbo.create('Customer', { DisplayName: 'Fresh Change' });
		const res = await qbo.post(
			'query',
			`select * from Customer where MetaData.LastUpdatedTime >= '${since}'`,
			{ contentType: 'application/text' },
		);
		expect(rows(res, 'Customer').map((c) => c.DisplayName)).toEqual(['Fresh Change']);
	});
});

describe('change data capture', () => {
	it('returns full payloads and deletions as status "Deleted" stubs', async () => {
		emulator.admin.clock.advance(10_000);
		const since = new Date(emulator.admin.clock.now()).toISOString();
		emulator.admin.clock.advance(1_000);
		const c = await qbo.create('Customer', { DisplayName: 'CDC Person' });
		const item = await qbo.one("select * from Item where Name = 'Design'");
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: c.Id },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 5,
					SalesItemLineDetail: { ItemRef: { value: item.Id } },
				},
			],
		});
		await qbo.post(
			'invoice',
			{ Id: inv.Id, SyncToken: inv.SyncToken },
			{ query: { operation: 'delete' } },
		);
		const res = await qbo.get('cdc', {
			query: { entities: 'Customer,Invoice', changedSince: since },
		});
		const [customers, invoices] = res.json.CDCResponse[0].QueryResponse;
		expect(customers.Customer.map((x: { DisplayName: string }) => x.DisplayName)).toEqual([
			'CDC Person',
		]);
		expect(invoices.Invoice).toEqual([
			{
				domain: 'QBO',
				status: 'Deleted',
				Id: inv.Id,
				MetaData: { LastUpdatedTime: expect.any(String) },
			},
		]);
	});

	it('caps a response at 1000 objects, oldest first, so a narrower window catches up', async () => {
		// LastUpdatedTime has whole seconds, so the window starts on a whole second.
		const since = new Date(
			Math.floor((emulator.admin.clock.now() + 1000) / 1000) * 1000,
		).toISOString();
		const realm = emulator.admin.realm(realmId);
		for (let i = 0; i < 1200; i++) {
			if (i % 100 === 0) emulator.admin.clock.advance(1_000);
			realm.create('Vendor', { DisplayName: `Bulk Vendor ${i}` });
		}
		const res = await qbo.get('cdc', { query: { entities: 'Vendor', changedSince: since } });
		const vendors = res.json.CDCResponse[0].QueryResponse[0].Vendor;
		expect(vendors).toHaveLength(1000);
		expect(vendors[0].DisplayName).toBe('Bulk Vendor 0');
		const lastSeen = vendors[999].MetaData.LastUpdatedTime;
		const rest = await qbo.get('cdc', { query: { entities: 'Vendor', changedSince: lastSeen } });
		expect(rest.json.CDCResponse[0].QueryResponse[0].Vendor.at(-1).DisplayName).toBe(
			'Bulk Vendor 1199',
		);
	});

	it('refuses a look-back beyond 30 days and entities CDC does not serve', async () => {
		const old = new Date(emulator.admin.clock.now() - 31 * 24 * 3600 * 1000).toISOString();
		expect(
			faultOf(await qbo.get('cdc', { query: { entities: 'Customer', changedSince: old } })),
		).toMatchObject({ code: '4001', element: 'changedSince' });
		const recent = new Date(emulator.admin.clock.now() - 1000).toISOString();
		expect(
			faultOf(await qbo.get('cdc', { query: { entities: 'TaxCode', changedSince: recent } }))!.code,
		).toBe('500');
	});
});

describe('batch', () => {
	it('answers per bId with item faults next to successes; items do not see each other', async () => {
		emulator.admin.resetLog();
		const res = await qbo.post('batch', {
			BatchItemRequest: [
				{ bId: 'b1', operation: 'create', Vendor: { DisplayName: 'Batch Vendor One' } },
				{ bId: 'b2', operation: 'create', Customer: { DisplayName: 'Cool Cars' } },
				{ bId: 'b3', Query: "select * from Vendor where DisplayName = 'Batch Vendor One'" },
				{
					bId: 'b4',
					operation: 'update',
					Customer: { Id: '1', SyncToken: '999', sparse: true, Notes: 'x' },
				},
			],
		});
		expect(res.status).toBe(200);
		const items = res.json.BatchItemResponse;
		expect(items.map((i: { bId: string }) => i.bId)).toEqual(['b1', 'b2', 'b3', 'b4']);
		// Metered as Intuit does, item by item, successes only: the query is CorePlus, the one write that succeeded Core.
		expect(emulator.admin.counters).toMatchObject({ total: 1, corePlus: 1, core: 1 });
		expect(items[0].Vendor.DisplayName).toBe('Batch Vendor One');
		expect(items[1].Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240' }] });
		expect(items[2].QueryResponse).toEqual({});
		expect(items[3].Fault.Error[0].code).toBe('5010');
	});

	it('an item cannot update an object created earlier in the same batch', async () => {
		const res = await qbo.post('batch', {
			BatchItemRequest: [
				{ bId: 'c1', operation: 'create', Class: { Name: 'Batch Class' } },
				{
					bId: 'c2',
					operation: 'update',
					Class: {
						Id: String(emulator.admin.realm(realmId).all('Class').length + 1),
						SyncToken: '0',
						sparse: true,
						Name: 'Renamed',
					},
				},
			],
		});
		expect(res.json.BatchItemResponse[1].Fault.Error[0].code).toBe('610');
	});

	it('more than 30 items is 1040; an empty batch is "Batch Request is Empty"', async () => {
		const items = Array.from({ length: 31 }, (_, i) => ({
			bId: `q${i}`,
			Query: 'select * from Term',
		}));
		const res = await qbo.post('batch', { BatchItemRequest: items });
		expect(res.status).toBe(400);
		expect(faultOf(res)).toMatchObject({
			code: '1040',
			Message: 'Batch size exceeds allowed limit',
		});
		expect(faultOf(await qbo.post('batch', { BatchItemRequest: [] }))).toMatchObject({
			code: '400',
			Message: 'MalformedRequest',
			Detail: 'Batch Request is Empty',
		});
	});

	it('voids through update + optionsData "void" and deletes', async () => {
		const item = await qbo.one("select * from Item where Name = 'Design'");
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: '2' },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 75,
					SalesItemLineDetail: { ItemRef: { value: item.Id } },
				},
			],
		});
		const res = await qbo.post('batch', {
			BatchItemRequest: [
				{
					bId: 'v',
					operation: 'update',
					optionsData: 'void',
					Invoice: { Id: inv.Id, SyncToken: inv.SyncToken },
				},
			],
		});
		expect(res.json.BatchItemResponse[0].Invoice).toMatchObject({
			TotalAmt: 0,
			PrivateNote: 'Voided',
		});
	});
});

describe('requestid', () => {
	it('a repeated requestid replays the first answer with no second effect', async () => {
		const body = { DisplayName: 'Idempotent Customer' };
		const first = await qbo.post('customer', body, {
			query: { requestid: 'field-app:cust-77:v1' },
		});
		const second = await qbo.post('customer', body, {
			query: { requestid: 'field-app:cust-77:v1' },
		});
		expect(second.status).toBe(200);
		expect(second.json.Customer).toEqual(first.json.Customer);
		expect(
			(await qbo.query("select count(*) from Customer where DisplayName = 'Idempotent Customer'"))
				.json.QueryResponse.totalCount,
		).toBe(1);
		expect(
			emulator.admin.log
				.filter((e) => e.requestId === 'field-app:cust-77:v1')
				.map((e) => e.replayed ?? false),
		).toEqual([false, true]);
		const fresh = await qbo.post('customer', body, {
			query: { requestid: 'field-app:cust-77:v2' },
		});
		expect(faultOf(fresh)!.code).toBe('6240');
	});

	it('a fault is replayed too, and a requestid over 50 characters is refused', async () => {
		const a = await qbo.post(
			'customer',
			{ DisplayName: 'Cool Cars' },
			{ query: { requestid: 'dup-name-1' } },
		);
		const b = await qbo.post(
			'customer',
			{ DisplayName: 'A Different Name' },
			{ query: { requestid: 'dup-name-1' } },
		);
		expect(faultOf(b)).toEqual(faultOf(a));
		expect(
			faultOf(
				await qbo.post('customer', { DisplayName: 'Y' }, { query: { requestid: 'r'.repeat(51) } }),
			),
		).toMatchObject({ code: '2050', element: 'requestid' });
	});

	it('in a batch with requestid, bIds are limited to 10 characters', async () => {
		const res = await qbo.post(
			'batch',
			{ BatchItemRequest: [{ bId: 'eleven-char', Query: 'select * from Term' }] },
			{ query: { requestid: 'batch-1' } },
		);
		expect(faultOf(res)).toMatchObject({ code: '2050', element: 'bId' });
	});
});
