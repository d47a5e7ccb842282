/** Invoice operations against recorded QBO answers (nock). */
import nock from 'nock';
import { BASE, HOST, runNode } from '../../../support/recorded-qbo';

const run = (parameters: Record<string, unknown>) => runNode('invoice', parameters);
const invoice = {
	Id: '130',
	SyncToken: '3',
	DocNumber: '1037',
	CustomerRef: { value: '16', name: 'Mark Cho' },
	TxnDate: '2026-11-22',
	TotalAmt: 150,
	Balance: 150,
};

it('create maps lines, dates and memo', async () => {
	let sent: unknown;
	nock(HOST)
		.post(`${BASE}/invoice`, (b) => ((sent = b), true))
		.query(true)
		.reply(200, { Invoice: invoice });
	const [[out]] = await run({
		operation: 'create',
		customerId: '16',
		lines: {
			line: [
				{
					itemId: '2',
					description: 'Design work',
					quantity: 2,
					rate: 75,
					taxCode: 'NON',
					serviceDate: '2026-11-20T00:00:00.000Z',
				},
			],
		},
		additionalFields: {
			docNumber: 'FA-1001',
			txnDate: '2026-11-22T00:00:00.000Z',
			customerMemo: 'Thanks',
		},
		simplify: true,
	});
	expect(sent).toEqual({
		CustomerRef: { value: '16' },
		Line: [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: 150,
				Description: 'Design work',
				SalesItemLineDetail: {
					ItemRef: { value: '2' },
					Qty: 2,
					UnitPrice: 75,
					TaxCodeRef: { value: 'NON' },
					ServiceDate: '2026-11-20',
				},
			},
		],
		DocNumber: 'FA-1001',
		TxnDate: '2026-11-22',
		CustomerMemo: { value: 'Thanks' },
	});
	expect(out.json).toMatchObject({ id: '130', docNumber: '1037', total: 150, balance: 150 });
});

it('a DocNumber over 21 characters stops the item before any request', async () => {
	const error = await run({
		operation: 'create',
		customerId: '16',
		lines: { line: [{ itemId: '2', quantity: 1, rate: 1 }] },
		additionalFields: { docNumber: 'X'.repeat(22) },
	}).catch((e: Error) => e);
	expect((error as Error).message).toBe(
		'Item 0: Doc Number is 22 characters long; QuickBooks allows at most 21. Shorten it.',
	);
});

it('void reads the SyncToken and posts operation=void', async () => {
	let sent: unknown;
	nock(HOST).get(`${BASE}/invoice/130`).query(true).reply(200, { Invoice: invoice });
	nock(HOST)
		.post(`${BASE}/invoice`, (b) => ((sent = b), true))
		.query((q) => q.operation === 'void')
		.reply(200, { Invoice: { ...invoice, TotalAmt: 0, Balance: 0 } });
	const [[out]] = await run({ operation: 'void', invoiceId: '130' });
	expect(sent).toEqual({ Id: '130', SyncToken: '3' });
	expect(out.json.TotalAmt).toBe(0);
});

it('delete with a known version skips the read', async () => {
	nock(HOST)
		.post(`${BASE}/invoice`, { Id: '130', SyncToken: '3' })
		.query((q) => q.operation === 'delete')
		.reply(200, { Invoice: { domain: 'QBO', status: 'Deleted', Id: '130' } });
	const [[out]] = await run({ operation: 'delete', invoiceId: '130', knownSyncVersion: '3' });
	expect(out.json.status).toBe('Deleted');
});

it('send posts to /send with sendTo; pdf returns binary', async () => {
	nock(HOST)
		.post(`${BASE}/invoice/130/send`)
		.query((q) => q.sendTo === 'ap@acme.example')
		.reply(200, { Invoice: { ...invoice, EmailStatus: 'EmailSent' } });
	const [[sent]] = await run({
		operation: 'send',
		invoiceId: '130',
		sendTo: 'ap@acme.example',
		simplify: true,
	});
	expect(sent.json.emailStatus).toBe('EmailSent');
	nock(HOST)
		.get(`${BASE}/invoice/130/pdf`)
		.query(true)
		.reply(200, Buffer.from('%PDF-1.4 test'), { 'content-type': 'application/pdf' });
	const [[file]] = await run({ operation: 'pdf', invoiceId: '130', binaryPropertyName: 'data' });
	expect(Buffer.from(file.binary!.data.data, 'base64').toString()).toBe('%PDF-1.4 test');
	expect(file.json).toEqual({ invoiceId: '130', bytes: 13 });
});

it('get many filters open invoices of a customer', async () => {
	let sql = '';
	nock(HOST)
		.post(`${BASE}/query`, (b) => ((sql = String(b)), true))
		.query(true)
		.reply(200, { QueryResponse: { Invoice: [invoice] } });
	const [out] = await run({
		operation: 'getAll',
		returnAll: true,
		filters: { customerId: '16', openOnly: true },
	});
	expect(out).toHaveLength(1);
	expect(sql).toBe(
		"SELECT * FROM Invoice WHERE CustomerRef = '16' AND Balance > 0 STARTPOSITION 1 MAXRESULTS 1000",
	);
});

it('get reads by ID; update replaces lines sparsely; upsert creates when no invoice has the number', async () => {
	nock(HOST).get(`${BASE}/invoice/130`).query(true).reply(200, { Invoice: invoice });
	expect(
		(await run({ operation: 'get', invoiceId: '130', simplify: true }))[0][0].json,
	).toMatchObject({ id: '130', docNumber: '1037' });
	let sent: unknown;
	nock(HOST)
		.post(`${BASE}/invoice`, (b) => ((sent = b), true))
		.query(true)
		.reply(200, { Invoice: invoice });
	await run({
		operation: 'update',
		invoiceId: '130',
		knownSyncVersion: '3',
		lines: { line: [{ itemId: '2', quantity: 3, rate: 10 }] },
		updateFields: {},
	});
	expect(sent).toEqual({
		Line: [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: 30,
				SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 3, UnitPrice: 10 },
			},
		],
		Id: '130',
		SyncToken: '3',
		sparse: true,
	});
	let sql = '';
	nock(HOST)
		.post(`${BASE}/query`, (b) => ((sql = String(b)), true))
		.query(true)
		.reply(200, { QueryResponse: {} });
	nock(HOST)
		.post(`${BASE}/invoice`, (b) => ((sent = b), true))
		.query(true)
		.reply(200, { Invoice: { ...invoice, DocNumber: 'FA-9' } });
	const [[out]] = await run({
		operation: 'upsert',
		docNumber: 'FA-9',
		customerId: '16',
		lines: { line: [{ itemId: '2', quantity: 1, rate: 5 }] },
	});
	expect(sql).toBe("SELECT * FROM Invoice WHERE DocNumber = 'FA-9' STARTPOSITION 1 MAXRESULTS 2");
	expect(sent).toMatchObject({ CustomerRef: { value: '16' }, DocNumber: 'FA-9' });
	expect(out.json.upsert).toBe('created');
});

it('a date that is not a date, or raw JSON that is not JSON, is named before any request', async () => {
	const bad = (additionalFields: Record<string, unknown>) =>
		run({
			operation: 'create',
			customerId: '16',
			lines: { line: [{ itemId: '2', quantity: 1, rate: 1 }] },
			additionalFields,
		}).catch((e: Error) => e.message);
	expect(await bad({ txnDate: 'next tuesday' })).toBe(
		'Item 0: Transaction Date "next tuesday" is not a date; use e.g. 2026-11-22 or 2026-11-22T08:00:00Z.',
	);
	expect(await bad({ rawJson: '{"PrivateNote": ' })).toMatch(
		/^Item 0: Raw JSON is not valid JSON \(.+\)\. Write an object/,
	);
	expect(await bad({ rawJson: '[1]' })).toBe(
		'Item 0: Raw JSON must be a JSON object such as {"PrivateNote": "..."}, not a list.',
	);
});

it('sending twice on purpose sends twice (each call its own requestid)', async () => {
	const ids: string[] = [];
	nock(HOST)
		.post(`${BASE}/invoice/130/send`)
		.query((q) => (ids.push(String(q.requestid)), true))
		.times(2)
		.reply(200, { Invoice: invoice });
	await run({ operation: 'send', invoiceId: '130' });
	await run({ operation: 'send', invoiceId: '130' });
	expect(ids).toHaveLength(2);
	expect(ids[0]).not.toBe(ids[1]);
});
