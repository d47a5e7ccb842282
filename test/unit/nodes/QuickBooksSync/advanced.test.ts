/** Advanced → Query and Change Data Capture (nock). */
import nock from 'nock';
import { QuickBooksSync } from '../../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';
import { HOST, REALM, credentials, runNode } from '../../../support/recorded-qbo';

const run = (parameters: Record<string, unknown>) => runNode('advanced', parameters);

describe('Advanced → Query', () => {
	it('binds ? values with escaping, pages 1000 at a time and outputs one item per row', async () => {
		const bodies: string[] = [];
		const page = (n: number, from: number) =>
			Array.from({ length: n }, (_, i) => ({ Id: String(from + i) }));
		nock(HOST)
			.post(`/v3/company/${REALM}/query`, (body) => (bodies.push(String(body)), true))
			.query({ minorversion: '75' })
			.reply(200, {
				QueryResponse: { Customer: page(1000, 1), startPosition: 1, maxResults: 1000 },
			})
			.post(`/v3/company/${REALM}/query`, (body) => (bodies.push(String(body)), true))
			.query({ minorversion: '75' })
			.reply(200, {
				QueryResponse: { Customer: page(3, 1001), startPosition: 1001, maxResults: 3 },
			});
		const [out] = await run({
			operation: 'query',
			query: 'SELECT * FROM Customer WHERE DisplayName = ? AND Active IN (true, false)',
			values: { value: [{ value: `O'Brien \\ "x" %` }] },
			returnAll: true,
		});
		expect(out).toHaveLength(1003);
		expect(out[1002]).toEqual({ json: { Id: '1003' }, pairedItem: { item: 0 } });
		expect(bodies).toEqual([
			`SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien \\\\ "x" %' AND Active IN (true, false) STARTPOSITION 1 MAXRESULTS 1000`,
			`SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien \\\\ "x" %' AND Active IN (true, false) STARTPOSITION 1001 MAXRESULTS 1000`,
		]);
	});

	it('says how many values are missing before calling QuickBooks', async () => {
		const error = await run({
			operation: 'query',
			query: 'SELECT * FROM Invoice WHERE TxnDate >= ? AND DocNumber = ?',
			values: { value: [{ value: '2026-01-01' }] },
			returnAll: true,
		}).catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'The query has more ? placeholders than the 1 values given.',
		);
	});

	it('respects a limit', async () => {
		let body = '';
		nock(HOST)
			.post(`/v3/company/${REALM}/query`, (b) => ((body = String(b)), true))
			.query(true)
			.reply(200, { QueryResponse: { Item: [{ Id: '1' }, { Id: '2' }] } });
		const [out] = await run({
			operation: 'query',
			query: 'SELECT * FROM Item',
			returnAll: false,
			limit: 2,
		});
		expect(out).toHaveLength(2);
		expect(body).toBe('SELECT * FROM Item STARTPOSITION 1 MAXRESULTS 2');
	});
});

describe('Advanced → Change Data Capture', () => {
	it('outputs changed records and deletions', async () => {
		const since = new Date(Date.now() - 3_600_000).toISOString();
		nock(HOST)
			.get(`/v3/company/${REALM}/cdc`)
			.query({ entities: 'Customer,Invoice', changedSince: since, minorversion: '75' })
			.reply(200, {
				CDCResponse: [
					{
						QueryResponse: [
							{
								Customer: [
									{
										Id: '7',
										DisplayName: 'Acme',
										MetaData: { LastUpdatedTime: '2026-11-22T01:00:00-08:00' },
									},
								],
								startPosition: 1,
								maxResults: 1,
							},
							{
								Invoice: [
									{
										domain: 'QBO',
										status: 'Deleted',
										Id: '65',
										MetaData: { LastUpdatedTime: '2026-11-22T01:00:05-08:00' },
									},
								],
								startPosition: 1,
								maxResults: 1,
							},
						],
					},
				],
			});
		const [out] = await run({
			operation: 'changeDataCapture',
			entities: ['Customer', 'Invoice'],
			changedSince: since,
		});
		expect(out.map((i) => i.json)).toEqual([
			{
				entity: 'Customer',
				id: '7',
				deleted: false,
				lastUpdated: '2026-11-22T01:00:00-08:00',
				record: {
					Id: '7',
					DisplayName: 'Acme',
					MetaData: { LastUpdatedTime: '2026-11-22T01:00:00-08:00' },
				},
			},
			{ entity: 'Invoice', id: '65', deleted: true, lastUpdated: '2026-11-22T01:00:05-08:00' },
		]);
	});

	it('refuses a window beyond 30 days with what to do instead', async () => {
		const error = await run({
			operation: 'changeDataCapture',
			entities: ['Customer'],
			changedSince: '2020-01-01T00:00:00Z',
		}).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/keeps changes for 30 days.*Do a full read/);
	});
});

describe('Advanced → Batch', () => {
	it('sends 31 input items as 30 + 1 and maps faults back by bId', async () => {
		const sizes: number[] = [];
		nock(HOST)
			.post(
				`/v3/company/${REALM}/batch`,
				(b: { BatchItemRequest: unknown[] }) => (sizes.push(b.BatchItemRequest.length), true),
			)
			.query(true)
			.reply(200, (_uri, body: { BatchItemRequest: Array<{ bId: string; Vendor: object }> }) => ({
				BatchItemResponse: body.BatchItemRequest.map((item) =>
					item.bId === '3'
						? {
								bId: '3',
								Fault: {
									type: 'ValidationFault',
									Error: [{ code: '6240', Message: 'Duplicate Name Exists Error', Detail: 'dup' }],
								},
							}
						: { bId: item.bId, Vendor: item.Vendor },
				),
			}))
			.post(
				`/v3/company/${REALM}/batch`,
				(b: { BatchItemRequest: unknown[] }) => (sizes.push(b.BatchItemRequest.length), true),
			)
			.query(true)
			.reply(200, { BatchItemResponse: [{ bId: '0', Vendor: { DisplayName: 'V30' } }] });
		const items = Array.from({ length: 31 }, (_, i) => ({ json: { i } }));
		const parameters = items.map((_, i) => ({
			resource: 'advanced',
			operation: 'batch',
			batchEntity: 'Vendor',
			batchOperation: 'create',
			batchRecord: JSON.stringify({ DisplayName: `V${i}` }),
		}));
		const [out] = await new QuickBooksSync().execute.call(
			fakeExecuteFunctions({ parameters, credentials, items }),
		);
		expect(sizes).toEqual([30, 1]);
		expect(out).toHaveLength(31);
		expect(out[3]).toEqual({
			json: {
				error: '6240 Duplicate Name Exists Error: dup',
				qbo: {
					fault: {
						type: 'ValidationFault',
						errors: [
							{ code: '6240', message: 'Duplicate Name Exists Error', detail: 'dup', element: '' },
						],
					},
				},
			},
			pairedItem: { item: 3 },
		});
		expect(out[30]).toEqual({ json: { DisplayName: 'V30' }, pairedItem: { item: 30 } });
	});
});

describe('Advanced → Batch when things go wrong', () => {
	const vendorItems = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { i } }));
	const batchParams = (
		n: number,
		record = (i: number) => JSON.stringify({ DisplayName: `V${i}` }),
	) =>
		Array.from({ length: n }, (_, i) => ({
			resource: 'advanced',
			operation: 'batch',
			batchEntity: 'Vendor',
			batchOperation: 'create',
			batchRecord: record(i),
		}));

	it('a request that keeps failing does not hide the written items: the rest say they were not written', async () => {
		nock(HOST)
			.post(`/v3/company/${REALM}/batch`)
			.query(true)
			.reply(200, (_uri, body: { BatchItemRequest: Array<{ bId: string; Vendor: object }> }) => ({
				BatchItemResponse: body.BatchItemRequest.map((item) => ({
					bId: item.bId,
					Vendor: item.Vendor,
				})),
			}));
		nock(HOST)
			.post(`/v3/company/${REALM}/batch`)
			.query(true)
			.times(5)
			.reply(503, 'Service Unavailable');
		const [out] = await new QuickBooksSync().execute.call(
			fakeExecuteFunctions({ parameters: batchParams(65), credentials, items: vendorItems(65) }),
		);
		expect(out).toHaveLength(65);
		expect(out.slice(0, 30).every((item) => !item.json.error)).toBe(true);
		expect(out[30].json.error).toMatch(
			/^The batch request with this item failed; it was not written: QuickBooks answered HTTP 503/,
		);
		expect(out[64].json.error).toMatch(/^Not sent: an earlier batch request failed/);
		expect(out[64].pairedItem).toEqual({ item: 64 });
	});

	it('an invalid entry stops the node before anything is sent, or with continue-on-fail is reported while the rest are sent', async () => {
		const params = batchParams(3, (i) =>
			i === 1 ? '{"DisplayName": ' : JSON.stringify({ DisplayName: `V${i}` }),
		);
		const error = await new QuickBooksSync().execute
			.call(fakeExecuteFunctions({ parameters: params, credentials, items: vendorItems(3) }))
			.catch((e: Error) => e);
		expect((error as Error).message).toMatch(/^Item 1: Record \(JSON\) is not valid JSON/);
		let sent = 0;
		nock(HOST)
			.post(
				`/v3/company/${REALM}/batch`,
				(b: { BatchItemRequest: unknown[] }) => ((sent = b.BatchItemRequest.length), true),
			)
			.query(true)
			.reply(200, {
				BatchItemResponse: [
					{ bId: '0', Vendor: { DisplayName: 'V0' } },
					{ bId: '1', Vendor: { DisplayName: 'V2' } },
				],
			});
		const [out] = await new QuickBooksSync().execute.call(
			fakeExecuteFunctions({
				parameters: params,
				credentials,
				items: vendorItems(3),
				continueOnFail: true,
			}),
		);
		expect(sent).toBe(2);
		expect(out.map((item) => [item.pairedItem, item.json.DisplayName ?? 'error'])).toEqual([
			[{ item: 0 }, 'V0'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'V2'],
		]);
	});
});
