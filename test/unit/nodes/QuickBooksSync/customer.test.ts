/** Customer operations against recorded QBO answers (nock). */
import nock from 'nock';
import { requestIdFor } from '../../../../nodes/shared/qbo/request-id';
import { BASE, HOST, runNode } from '../../../support/recorded-qbo';

const run = (parameters: Record<string, unknown>) => runNode('customer', parameters);
const customer = {
	Id: '58',
	SyncToken: '0',
	DisplayName: 'Acme',
	Active: true,
	PrimaryEmailAddr: { Address: 'ap@acme.example' },
	MetaData: { LastUpdatedTime: '2026-11-22T01:00:00-08:00' },
};

it('create sends the mapped body with a requestid from the idempotency key', async () => {
	let sent: unknown;
	nock(HOST)
		.post(`${BASE}/customer`, (body) => ((sent = body), true))
		.query({ minorversion: '75', requestid: requestIdFor('fieldapp:cus_1:v2') })
		.reply(200, { Customer: customer });
	const [[out]] = await run({
		operation: 'create',
		displayName: 'Acme',
		additionalFields: {
			email: 'ap@acme.example',
			billCity: 'Reno',
			rawJson: '{"PreferredDeliveryMethod":"Email"}',
		},
		idempotencyKey: 'fieldapp:cus_1:v2',
		simplify: true,
	});
	expect(sent).toEqual({
		DisplayName: 'Acme',
		PrimaryEmailAddr: { Address: 'ap@acme.example' },
		BillAddr: { City: 'Reno' },
		PreferredDeliveryMethod: 'Email',
	});
	expect(out.json).toMatchObject({
		id: '58',
		displayName: 'Acme',
		email: 'ap@acme.example',
		active: true,
	});
});

it('a bad e-mail stops the item before any request', async () => {
	const error = await run({
		operation: 'create',
		displayName: 'Acme',
		additionalFields: { email: 'ap-at-acme' },
	}).catch((e: Error) => e);
	expect((error as Error).message).toBe(
		'Item 0: Email "ap-at-acme" is not an e-mail address (expected name@example.com).',
	);
});

it('get many builds an escaped query and pages', async () => {
	let sql = '';
	nock(HOST)
		.post(`${BASE}/query`, (body) => ((sql = String(body)), true))
		.query(true)
		.reply(200, { QueryResponse: { Customer: [customer] } });
	const [out] = await run({
		operation: 'getAll',
		returnAll: true,
		filters: { displayName: "O'Brien%", includeInactive: true },
	});
	expect(out).toHaveLength(1);
	expect(sql).toBe(
		"SELECT * FROM Customer WHERE DisplayName LIKE 'O\\'Brien%' AND Active IN (true, false) STARTPOSITION 1 MAXRESULTS 1000",
	);
});

it('deactivate reads the SyncToken, then sends a sparse Active=false', async () => {
	let sent: unknown;
	nock(HOST).get(`${BASE}/customer/58`).query(true).reply(200, { Customer: customer });
	nock(HOST)
		.post(`${BASE}/customer`, (body) => ((sent = body), true))
		.query(true)
		.reply(200, { Customer: { ...customer, Active: false, SyncToken: '1' } });
	const [[out]] = await run({ operation: 'deactivate', customerId: '58' });
	expect(sent).toEqual({ Active: false, Id: '58', SyncToken: '0', sparse: true });
	expect(out.json.Active).toBe(false);
});

it('upsert updates the single match by name, reactivating it if inactive', async () => {
	let sent: unknown;
	nock(HOST)
		.post(`${BASE}/query`)
		.query(true)
		.reply(200, { QueryResponse: { Customer: [{ ...customer, Active: false }] } });
	nock(HOST)
		.get(`${BASE}/customer/58`)
		.query(true)
		.reply(200, { Customer: { ...customer, Active: false } });
	nock(HOST)
		.post(`${BASE}/customer`, (body) => ((sent = body), true))
		.query(true)
		.reply(200, { Customer: { ...customer, SyncToken: '1' } });
	const [[out]] = await run({
		operation: 'upsert',
		displayName: 'Acme',
		matchOn: 'displayName',
		additionalFields: {},
	});
	expect(sent).toEqual({
		DisplayName: 'Acme',
		Active: true,
		Id: '58',
		SyncToken: '0',
		sparse: true,
	});
	expect(out.json.upsert).toBe('updated');
});

it('get reads by ID; update sends only the changed fields with the known version; reactivate sets Active', async () => {
	nock(HOST).get(`${BASE}/customer/58`).query(true).reply(200, { Customer: customer });
	const [[got]] = await run({ operation: 'get', customerId: '58', simplify: true });
	expect(got.json).toMatchObject({ id: '58', displayName: 'Acme' });
	let sent: unknown;
	nock(HOST)
		.post(`${BASE}/customer`, (b) => ((sent = b), true))
		.query(true)
		.reply(200, { Customer: { ...customer, SyncToken: '4' } });
	await run({
		operation: 'update',
		customerId: '58',
		knownSyncVersion: '3',
		updateFields: { phone: '555-0100', notes: 'gate 4411' },
	});
	expect(sent).toEqual({
		PrimaryPhone: { FreeFormNumber: '555-0100' },
		Notes: 'gate 4411',
		Id: '58',
		SyncToken: '3',
		sparse: true,
	});
	nock(HOST)
		.post(`${BASE}/customer`, (b) => ((sent = b), true))
		.query(true)
		.reply(200, { Customer: customer });
	await run({ operation: 'reactivate', customerId: '58', knownSyncVersion: '4' });
	expect(sent).toEqual({ Active: true, Id: '58', SyncToken: '4', sparse: true });
});
