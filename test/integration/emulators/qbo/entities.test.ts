/** Emulator: writes, SyncToken, and the name / reference / length rules users hit (quickbooks-api-notes.md §2, §3, §8). */
import type { QboEmulator } from '../../../emulators/qbo';
import { faultOf, startWithClient, type QboTestClient } from '../../../support/emulator-client';

let emulator: QboEmulator;
let qbo: QboTestClient;

beforeAll(async () => {
	({ emulator, client: qbo } = await startWithClient());
});
afterAll(() => emulator.stop());

describe('create, read, update, SyncToken', () => {
	it('creates with SyncToken "0", bumps it on update and answers a stale token with 5010 and QBO\'s text', async () => {
		const created = await qbo.create('Customer', {
			DisplayName: 'Stale Test Co',
			PrimaryEmailAddr: { Address: 'a@b.co' },
		});
		expect(created).toMatchObject({
			SyncToken: '0',
			domain: 'QBO',
			sparse: false,
			Active: true,
			Level: 0,
			FullyQualifiedName: 'Stale Test Co',
		});
		expect(created.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
		const updated = await qbo.post('customer', {
			Id: created.Id,
			SyncToken: '0',
			sparse: true,
			Notes: 'first',
		});
		expect(updated.json.Customer.SyncToken).toBe('1');
		const stale = await qbo.post('customer', {
			Id: created.Id,
			SyncToken: '0',
			sparse: true,
			Notes: 'second',
		});
		expect(stale.status).toBe(400);
		expect(faultOf(stale)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
		expect(faultOf(stale)!.Detail).toMatch(
			/^Stale Object Error : You and API API were working on this at the same time\./,
		);
		expect((await qbo.get(`customer/${created.Id}`)).json.Customer.Notes).toBe('first');
	});

	it('sparse update keeps fields it was not sent; full update sets omitted writable fields to null', async () => {
		const c = await qbo.create('Customer', {
			DisplayName: 'Sparse vs Full',
			Notes: 'keep me',
			CompanyName: 'SVF Ltd',
		});
		const sparse = (
			await qbo.post('customer', {
				Id: c.Id,
				SyncToken: c.SyncToken,
				sparse: true,
				CompanyName: 'SVF Inc',
			})
		).json.Customer;
		expect(sparse).toMatchObject({ Notes: 'keep me', CompanyName: 'SVF Inc' });
		const full = (
			await qbo.post('customer', {
				Id: c.Id,
				SyncToken: sparse.SyncToken,
				DisplayName: 'Sparse vs Full',
			})
		).json.Customer;
		expect(full.Notes).toBeUndefined();
		expect(full.CompanyName).toBeUndefined();
	});

	it('a sparse update cannot remove DisplayName', async () => {
		const c = await qbo.create('Customer', { DisplayName: 'Keeps Its Name' });
		const res = await qbo.post('customer', {
			Id: c.Id,
			SyncToken: c.SyncToken,
			sparse: true,
			DisplayName: '',
		});
		expect(faultOf(res)).toMatchObject({ code: '2020', element: 'DisplayName' });
	});

	it('needs Id and SyncToken to update or delete', async () => {
		expect(
			faultOf(await qbo.post('customer', { Id: '1', sparse: true, Notes: 'x' })),
		).toMatchObject({ code: '2020', element: 'SyncToken' });
		const inv = await qbo.one("select * from Invoice where DocNumber = '1003'");
		const res = await qbo.post('invoice', { Id: inv.Id }, { query: { operation: 'delete' } });
		expect(faultOf(res)).toMatchObject({ code: '2020', element: 'SyncToken' });
	});

	it('reads a missing transaction as 610 "Another user has deleted this transaction"', async () => {
		const res = await qbo.get('invoice/99999');
		expect(res.status).toBe(400);
		expect(faultOf(res)).toMatchObject({
			code: '610',
			Detail: 'Object Not Found : Another user has deleted this transaction.',
		});
	});

	it('treats URIs as case sensitive', async () => {
		const res = await qbo.get('Customer/1');
		expect(faultOf(res)).toMatchObject({ code: '500', Message: 'Unsupported Operation' });
	});
});

describe('delete, inactivate, void', () => {
	it('name lists cannot be deleted; they are made inactive and disappear from default queries', async () => {
		const c = await qbo.create('Customer', { DisplayName: 'Soon Inactive' });
		const del = await qbo.post(
			'customer',
			{ Id: c.Id, SyncToken: c.SyncToken },
			{ query: { operation: 'delete' } },
		);
		expect(faultOf(del)!.code).toBe('500');
		expect(faultOf(del)!.Detail).toMatch(/Active to false/);
		await qbo.post('customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false });
		expect(
			(await qbo.query("select * from Customer where DisplayName = 'Soon Inactive'")).json
				.QueryResponse,
		).toEqual({});
		const withInactive = await qbo.query(
			"select * from Customer where DisplayName = 'Soon Inactive' and Active IN (true, false)",
		);
		expect(withInactive.json.QueryResponse.Customer[0].Active).toBe(false);
	});

	it('a customer with an open balance cannot be made inactive', async () => {
		const cool = await qbo.one("select * from Customer where DisplayName = 'Cool Cars'");
		expect(cool.Balance).toBe(330);
		const res = await qbo.post('customer', {
			Id: cool.Id,
			SyncToken: cool.SyncToken,
			sparse: true,
			Active: false,
		});
		expect(faultOf(res)).toMatchObject({ code: '6000', Message: 'Delete List Has Balance Error' });
	});

	it('transactions are hard-deleted with a status "Deleted" answer', async () => {
		const customer = await qbo.one("select * from Customer where DisplayName = 'Mark Cho'");
		const item = await qbo.one("select * from Item where Name = 'Design'");
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: customer.Id },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 75,
					SalesItemLineDetail: { ItemRef: { value: item.Id } },
				},
			],
		});
		const res = await qbo.post(
			'invoice',
			{ Id: inv.Id, SyncToken: inv.SyncToken },
			{ query: { operation: 'delete' } },
		);
		expect(res.json.Invoice).toEqual({ domain: 'QBO', status: 'Deleted', Id: inv.Id });
		expect(faultOf(await qbo.get(`invoice/${inv.Id}`))!.code).toBe('610');
	});

	it('voids an invoice with operation=void: it stays, with every amount zeroed', async () => {
		const customer = await qbo.one("select * from Customer where DisplayName = 'John Melton'");
		const item = await qbo.one("select * from Item where Name = 'Design'");
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: customer.Id },
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 150,
					SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 75 },
				},
			],
		});
		const voided = (
			await qbo.post(
				'invoice',
				{ Id: inv.Id, SyncToken: inv.SyncToken },
				{ query: { operation: 'void' } },
			)
		).json.Invoice;
		expect(voided).toMatchObject({
			TotalAmt: 0,
			Balance: 0,
			SyncToken: '1',
			PrivateNote: 'Voided',
		});
		expect(voided.Line[0].Amount).toBe(0);
		const wrongWay = await qbo.post(
			'invoice',
			{ Id: inv.Id, SyncToken: '1' },
			{ query: { operation: 'update', include: 'void' } },
		);
		expect(faultOf(wrongWay)!.Detail).toMatch(/operation=void/);
	});
});

describe('names: one name space, characters, lengths', () => {
	it("DisplayName is unique across Customer, Vendor and Employee (6240 with QBO's text)", async () => {
		const res = await qbo.post('vendor', { DisplayName: "Amy's Bird Sanctuary" });
		expect(res.status).toBe(400);
		expect(faultOf(res)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
		expect(faultOf(res)!.Detail).toBe(
			'The name supplied already exists. : Another customer, vendor or employee is already using this \nname. Please use a different name.',
		);
		expect(
			faultOf(await qbo.post('employee', { GivenName: 'Cool', FamilyName: 'Cars' }))!.code,
		).toBe('6240');
		expect((await qbo.post('employee', { GivenName: 'Unique', FamilyName: 'Person' })).status).toBe(
			200,
		);
		expect(
			faultOf(await qbo.post('customer', { GivenName: 'Emily', FamilyName: 'Platt' }))!.code,
		).toBe('6240');
	});

	it('names are trimmed, so a trailing space clashes with the existing name (case-insensitively)', async () => {
		expect(faultOf(await qbo.post('customer', { DisplayName: 'Cool Cars ' }))!.code).toBe('6240');
		expect(faultOf(await qbo.post('customer', { DisplayName: 'cool cars' }))!.code).toBe('6240');
		const trimmed = await qbo.create('Customer', { DisplayName: '  Padded Name  ' });
		expect(trimmed.DisplayName).toBe('Padded Name');
	});

	it('rejects a colon, tab or newline in names, naming the field', async () => {
		for (const bad of ['A:B', 'A\tB', 'A\nB']) {
			const res = await qbo.post('customer', { DisplayName: bad });
			expect(faultOf(res)).toMatchObject({ code: '6000', element: 'DisplayName' });
		}
		expect(
			faultOf(await qbo.post('customer', { DisplayName: 'Ok', GivenName: 'X:Y' })),
		).toMatchObject({ element: 'GivenName' });
	});

	it('builds DisplayName from the name parts, and needs one of them', async () => {
		const c = await qbo.create('Customer', { GivenName: 'Ada', FamilyName: 'Lovelace' });
		expect(c.DisplayName).toBe('Ada Lovelace');
		expect(faultOf(await qbo.post('customer', { CompanyName: 'Only A Company' }))).toMatchObject({
			code: '2020',
			element: 'DisplayName',
		});
	});

	it('over-long strings are 2050 with Min/Max/Supplied and thousands separators', async () => {
		const res = await qbo.post('customer', { DisplayName: 'Long Notes', Notes: 'n'.repeat(2016) });
		expect(faultOf(res)).toEqual({
			code: '2050',
			Message: 'String length is either shorter or longer than supported by specification',
			Detail:
				'String length specified does not match the supported length. Min:0 Max:2,000 supported. Supplied length:2,016',
			element: 'Notes',
		});
		expect(faultOf(await qbo.post('customer', { DisplayName: 'x'.repeat(501) }))).toMatchObject({
			code: '2050',
			element: 'DisplayName',
		});
	});

	it('e-mail must contain "@" and "."', async () => {
		const res = await qbo.post('customer', {
			DisplayName: 'Bad Mail',
			PrimaryEmailAddr: { Address: 'nobody-at-example' },
		});
		expect(faultOf(res)).toMatchObject({ code: '6000', element: 'PrimaryEmailAddr.Address' });
	});
});

describe('sub-customers', () => {
	it('nests with ParentRef, Level and FullyQualifiedName, up to four levels below the top', async () => {
		let parent = await qbo.create('Customer', { DisplayName: 'Level0 Corp' });
		for (let level = 1; level <= 4; level++) {
			parent = await qbo.create('Customer', {
				DisplayName: `Site L${level}`,
				Job: true,
				ParentRef: { value: parent.Id },
			});
			expect(parent.Level).toBe(level);
		}
		expect(parent.FullyQualifiedName).toBe('Level0 Corp:Site L1:Site L2:Site L3:Site L4');
		const tooDeep = await qbo.post('customer', {
			DisplayName: 'Site L5',
			Job: true,
			ParentRef: { value: parent.Id },
		});
		expect(faultOf(tooDeep)).toMatchObject({ code: '6000', element: 'ParentRef' });
	});

	it('Job=true needs ParentRef; BillWithParent needs a parent', async () => {
		expect(
			faultOf(await qbo.post('customer', { DisplayName: 'Orphan Job', Job: true })),
		).toMatchObject({ code: '2020', element: 'ParentRef' });
		expect(
			faultOf(await qbo.post('customer', { DisplayName: 'Orphan Bill', BillWithParent: true })),
		).toMatchObject({ element: 'BillWithParent' });
	});

	it("renaming a parent renames its sub-customers' FullyQualifiedName", async () => {
		const p = await qbo.create('Customer', { DisplayName: 'Rename Parent' });
		const child = await qbo.create('Customer', {
			DisplayName: 'Rename Child',
			Job: true,
			ParentRef: { value: p.Id },
		});
		await qbo.post('customer', {
			Id: p.Id,
			SyncToken: p.SyncToken,
			sparse: true,
			DisplayName: 'Renamed Parent',
		});
		const after = (await qbo.get(`customer/${child.Id}`)).json.Customer;
		expect(after.FullyQualifiedName).toBe('Renamed Parent:Rename Child');
		expect(after.SyncToken).toBe('1');
	});
});

describe('references', () => {
	it('a reference to an inactive or missing object is 610', async () => {
		const inactive = await qbo.one(
			"select * from Customer where DisplayName = 'Old Mill Bakery' and Active = false",
		);
		const item = await qbo.one("select * from Item where Name = 'Design'");
		const line = [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: 75,
				SalesItemLineDetail: { ItemRef: { value: item.Id } },
			},
		];
		const res = await qbo.post('invoice', { CustomerRef: { value: inactive.Id }, Line: line });
		expect(faultOf(res)).toMatchObject({
			code: '610',
			Message: 'Object Not Found',
			element: 'CustomerRef',
		});
		expect(faultOf(res)!.Detail).toMatch(/has been made inactive/);
		const missing = await qbo.post('invoice', {
			CustomerRef: { value: '1' },
			Line: [{ ...line[0], SalesItemLineDetail: { ItemRef: { value: '4242' } } }],
		});
		expect(faultOf(missing)).toMatchObject({
			code: '610',
			element: 'Line[0].SalesItemLineDetail.ItemRef',
		});
	});

	it('required fields are 2020 with the element', async () => {
		expect(faultOf(await qbo.post('invoice', { Line: [] }))).toMatchObject({
			code: '2020',
			element: 'CustomerRef',
		});
		expect(faultOf(await qbo.post('invoice', { CustomerRef: { value: '1' } }))).toMatchObject({
			code: '2020',
			element: 'Line',
		});
		expect(
			faultOf(
				await qbo.post('invoice', {
					CustomerRef: { value: '1' },
					Line: [
						{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '5' } } },
					],
				}),
			),
		).toMatchObject({
			code: '2020',
			element: 'Line[0].Amount',
		});
	});
});
