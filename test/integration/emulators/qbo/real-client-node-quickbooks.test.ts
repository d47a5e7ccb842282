/**
 * The emulator driven by an independent client from the npm registry: node-quickbooks, the most used
 * Node.js QuickBooks client, unmodified; only its two Intuit URLs are aimed at the emulator. What it
 * sends is what real QuickBooks takes from it every day:
 * - lower-case entities and keywords, `startposition … maxresults …` (its `criteriaToString`), and
 *   a sandbox request log of QBO answering exactly that (github.com/mcohen01/node-quickbooks/issues/209);
 * - lower-case resource paths (`/customer`, `/invoice?operation=delete`), `minorversion` and
 *   `format=json` on every call, Basic-authenticated refresh at Intuit's token endpoint (quickbooks-api-notes.md §9);
 * - `/cdc?entities=…&changedSince=…` and `/batch` with `BatchItemRequest` (quickbooks-api-notes.md §5, §6).
 * Before the emulator took queries in any case and order, every find of this client failed with 4000.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const QuickBooks = require('node-quickbooks');

import { DEFAULT_CLIENT, type QboEmulator } from '../../../emulators/qbo';
import { startWithClient } from '../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let emulator: QboEmulator;
let realmId: string;
let client: Json;

/** node-quickbooks' callback API as promises; a QuickBooks fault rejects with the fault body (from the HTTP answer when the client drops it). */
function call(method: string, ...args: unknown[]): Promise<Json> {
	return new Promise((resolve, reject) => {
		client[method](...args, (error: Json | null, body: Json, response?: Json) =>
			error ? reject(body ?? response?.data ?? error.response?.data ?? error) : resolve(body),
		);
	});
}

beforeAll(async () => {
	({ emulator, realmId } = await startWithClient());
	QuickBooks.V3_ENDPOINT_BASE_URL = `${emulator.url}/v3/company/`;
	QuickBooks.TOKEN_URL = `${emulator.url}/oauth2/v1/tokens/bearer`;
	const grant = emulator.admin.token(realmId);
	// consumerKey, consumerSecret, token, tokenSecret, realmId, useSandbox, debug, minorversion, oauthversion, refreshToken
	client = new QuickBooks(
		DEFAULT_CLIENT.clientId,
		DEFAULT_CLIENT.clientSecret,
		grant.access_token,
		false,
		realmId,
		true,
		false,
		75,
		'2.0',
		grant.refresh_token,
	);
});
afterAll(() => emulator.stop());

const displayNames = (body: Json) =>
	((body.QueryResponse?.Customer ?? []) as Json[]).map((c) => c.DisplayName);

describe('node-quickbooks against the emulator', () => {
	it('finds by criteria, counts, and sorts with lower-case queries and startposition before maxresults', async () => {
		expect(displayNames(await call('findCustomers', { DisplayName: 'Cool Cars' }))).toEqual([
			'Cool Cars',
		]);
		expect(
			displayNames(
				await call('findCustomers', [{ field: 'DisplayName', value: 'Cool Cars', operator: '=' }]),
			),
		).toEqual(['Cool Cars']);
		const services = await call('findItems', [
			{ field: 'Type', value: 'Service' },
			{ field: 'desc', value: 'Name' },
			{ field: 'limit', value: 3 },
		]);
		expect((services.QueryResponse.Item as Json[]).map((i) => i.Name)).toEqual([
			'Trimming',
			'Services',
			'Pest Control',
		]);
		const all = (await call('findCustomers', { fetchAll: true })).QueryResponse.Customer as Json[];
		// Its count: `{ count: true }` turns the query into `select count(*) from customer …`.
		expect((await call('findCustomers', { count: true })).QueryResponse.totalCount).toBe(
			all.length,
		);
		const log = emulator.admin.log.filter((e) => e.endpoint === 'GET /query');
		expect(log.every((e) => e.status === 200)).toBe(true);
	});

	it('pages with fetchAll past 1 000 rows (startposition 1, 1001, …)', async () => {
		const realm = emulator.admin.realm(realmId);
		for (let i = 0; i < 1_205; i++)
			realm.create('Customer', { DisplayName: `Bulk ${String(i).padStart(4, '0')}` });
		const found = (
			await call('findCustomers', [
				{ field: 'DisplayName', value: 'Bulk%', operator: 'LIKE' },
				{ field: 'fetchAll', value: true },
			])
		).QueryResponse.Customer as Json[];
		expect(found).toHaveLength(1_205);
		expect(new Set(found.map((c) => c.Id)).size).toBe(1_205);
	});

	it('creates, reads, updates (sparse, with the SyncToken it holds) and deletes', async () => {
		const created = await call('createCustomer', {
			DisplayName: 'Node Client Co',
			PrimaryPhone: { FreeFormNumber: '555-0100' },
		});
		expect(created).toMatchObject({ DisplayName: 'Node Client Co', SyncToken: '0' });
		const updated = await call('updateCustomer', {
			Id: created.Id,
			SyncToken: created.SyncToken,
			PrimaryPhone: { FreeFormNumber: '555-0199' },
		});
		expect(updated).toMatchObject({
			SyncToken: '1',
			DisplayName: 'Node Client Co',
			PrimaryPhone: { FreeFormNumber: '555-0199' },
		});
		expect((await call('getCustomer', created.Id)).PrimaryPhone.FreeFormNumber).toBe('555-0199');
		await expect(
			call('updateCustomer', { Id: created.Id, SyncToken: '0', CompanyName: 'Stale' }),
		).rejects.toMatchObject({ Fault: { Error: [expect.objectContaining({ code: '5010' })] } });

		const item = (await call('findItems', { Name: 'Design' })).QueryResponse.Item[0];
		const invoice = await call('createInvoice', {
			CustomerRef: { value: created.Id },
			Line: [
				{
					Amount: 75,
					DetailType: 'SalesItemLineDetail',
					SalesItemLineDetail: { ItemRef: { value: item.Id } },
				},
			],
		});
		expect(invoice.TotalAmt).toBe(75);
		// Given an id, node-quickbooks reads the invoice for its SyncToken, then posts the delete.
		const deleted = await call('deleteInvoice', invoice.Id);
		expect(deleted.Invoice).toMatchObject({ Id: invoice.Id, status: 'Deleted' });
		expect((await call('findInvoices', { Id: invoice.Id })).QueryResponse).toEqual({});
	});

	it('runs a batch of writes and a query, answered item by item', async () => {
		const body = await call('batch', [
			{ bId: '1', operation: 'create', Customer: { DisplayName: 'Batch One' } },
			{ bId: '2', operation: 'create', Customer: { DisplayName: 'Cool Cars' } },
			{ bId: '3', Query: "select * from customer where DisplayName = 'Batch One'" },
		]);
		const byId = Object.fromEntries((body.BatchItemResponse as Json[]).map((r) => [r.bId, r]));
		expect(byId['1'].Customer.DisplayName).toBe('Batch One');
		expect(byId['2'].Fault.Error[0].code).toBe('6240');
		// Items do not see each other's effects (quickbooks-api-notes.md §6).
		expect(byId['3'].QueryResponse).toEqual({});
	});

	it('reads changes with CDC', async () => {
		emulator.admin.clock.advance(60_000);
		const since = new Date(emulator.admin.clock.now() - 1_000);
		await call('createCustomer', { DisplayName: 'Changed Lately' });
		const body = await call('changeDataCapture', ['Customer', 'Invoice'], since);
		const customers = body.CDCResponse[0].QueryResponse.flatMap(
			(r: Json) => (r.Customer ?? []) as Json[],
		);
		expect(customers.map((c: Json) => c.DisplayName)).toEqual(['Changed Lately']);
	});

	it('refreshes its token at the token endpoint and keeps working with the new one', async () => {
		const before = client.token;
		const refreshed = await new Promise<Json>((resolve, reject) =>
			client.refreshAccessToken((error: unknown, body: Json) =>
				error ? reject(error) : resolve(body),
			),
		);
		expect(refreshed).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		expect(client.token).not.toBe(before);
		expect((await call('getCompanyInfo', realmId)).CompanyName).toBe('Sandbox Company_US_1');
	});
});
