/** The request each resource's generic operations send (nock): get, get many, update, delete, void, (de)activate. */
import nock from 'nock';
import { BASE, HOST, runNode } from '../../../support/recorded-qbo';

const run = runNode;

const cases: Array<[string, string, string[]]> = [
	['vendor', 'Vendor', ['get', 'getAll', 'update', 'deactivate', 'reactivate']],
	['item', 'Item', ['get', 'getAll', 'update', 'deactivate', 'reactivate']],
	['payment', 'Payment', ['get', 'getAll', 'update', 'delete', 'void']],
	['bill', 'Bill', ['get', 'getAll', 'update', 'delete']],
	['billPayment', 'BillPayment', ['get', 'getAll', 'update', 'delete', 'void']],
	['purchase', 'Purchase', ['get', 'getAll', 'update', 'delete']],
	['creditMemo', 'CreditMemo', ['get', 'getAll', 'update', 'delete']],
];

const WRITES: Array<[string, Record<string, unknown>, Record<string, string>]> = [
	['update', { Memo: 'x', Id: '77', SyncToken: '5', sparse: true }, {}],
	['delete', { Id: '77', SyncToken: '5' }, { operation: 'delete' }],
	['void', { Id: '77', SyncToken: '5', sparse: true }, { operation: 'update', include: 'void' }],
	['deactivate', { Active: false, Id: '77', SyncToken: '5', sparse: true }, {}],
	['reactivate', { Active: true, Id: '77', SyncToken: '5', sparse: true }, {}],
];

describe.each(cases)('%s', (resource, entity, operations) => {
	const path = `${BASE}/${entity.toLowerCase()}`;
	const record = { Id: '77', SyncToken: '5' };

	it('get reads by ID', async () => {
		nock(HOST)
			.get(`${path}/77`)
			.query({ minorversion: '75' })
			.reply(200, { [entity]: record });
		const [[out]] = await run(resource, { operation: 'get', recordId: '77' });
		expect(out.json).toEqual(record);
	});

	it('get many pages an escaped query', async () => {
		let sql = '';
		nock(HOST)
			.post(`${BASE}/query`, (b) => ((sql = String(b)), true))
			.query(true)
			.reply(200, { QueryResponse: { [entity]: [record] } });
		const [out] = await run(resource, {
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { where: "Id = '77'" },
		});
		expect(out).toHaveLength(1);
		expect(sql).toBe(`SELECT * FROM ${entity} WHERE Id = '77' STARTPOSITION 1 MAXRESULTS 5`);
	});

	it.each(WRITES.filter(([operation]) => operations.includes(operation)))(
		'%s sends the expected body with the known SyncToken',
		async (operation, expected, query) => {
			let body: unknown;
			let qs: Record<string, string> = {};
			nock(HOST)
				.post(path, (b) => ((body = b), true))
				.query((q) => ((qs = q as Record<string, string>), true))
				.reply(200, { [entity]: { ...record, SyncToken: '6' } });
			await run(resource, {
				operation,
				recordId: '77',
				knownSyncVersion: '5',
				changes: '{"Memo":"x"}',
			});
			expect(body).toEqual(expected);
			expect(qs).toMatchObject(query);
		},
	);
});
