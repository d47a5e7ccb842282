/** The transport's retries, throttle waits and requestid, against nock (quickbooks-api-notes.md §1.3, §3, §8). */
import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';
import { qboRequest } from '../../../../../nodes/shared/qbo/transport';
import { requestIdFor } from '../../../../../nodes/shared/qbo/request-id';
import { fakeExecuteFunctions } from '../../../../support/fake-execute-functions';
import { fakeClock } from '../../../../support/instant-retries';

const REALM = '9130357766900456';
const HOST = 'https://sandbox-quickbooks.api.intuit.com';
const credentials = {
	environment: 'sandbox',
	customBaseUrl: '',
	realmId: '',
	clientSecret: 'client-secret-abc',
	oauthTokenData: {
		access_token: 'access-token-abc',
		refresh_token: 'refresh-token-abc',
		callbackQueryString: { realmId: REALM },
	},
};
const THROTTLED_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse time="2016-12-07T15:27:09.527-08:00" xmlns="http://schema.intuit.com/finance/v3"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>`;

const context = () => fakeExecuteFunctions({ parameters: {}, credentials });
const createCustomer = (idempotencyKey?: string) =>
	qboRequest.call(context(), {
		method: 'POST',
		path: 'customer',
		body: { DisplayName: 'Acme' },
		idempotencyKey,
	});

describe('transport retries', () => {
	it("waits and retries a 429 with QBO's XML body, sending the same requestid every time", async () => {
		const ids: string[] = [];
		nock(HOST)
			.post(`/v3/company/${REALM}/customer`)
			.query((q) => (ids.push(String(q.requestid)), q.minorversion === '75'))
			.times(2)
			.reply(429, THROTTLED_XML, { 'content-type': 'application/xml' })
			.post(`/v3/company/${REALM}/customer`)
			.query((q) => (ids.push(String(q.requestid)), true))
			.reply(200, { Customer: { Id: '58', SyncToken: '0', DisplayName: 'Acme' } });
		const result = await createCustomer();
		expect(result.body.Customer).toMatchObject({ Id: '58' });
		expect(ids).toHaveLength(3);
		expect(new Set(ids).size).toBe(1);
		expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
		// throttled waits start at 4 s and double (jitter at its midpoint): 3 s, then 6 s
		expect(fakeClock.waits).toEqual([3000, 6000]);
	});

	it('honours Retry-After on a 429 when QBO sends one', async () => {
		nock(HOST)
			.post(`/v3/company/${REALM}/customer`)
			.query(true)
			.reply(429, THROTTLED_XML, { 'retry-after': '7' });
		nock(HOST)
			.post(`/v3/company/${REALM}/customer`)
			.query(true)
			.reply(200, { Customer: { Id: '1' } });
		await createCustomer();
		expect(fakeClock.waits).toEqual([7000]);
	});

	it('a key gives a deterministic requestid, so a later execution repeating the write is not duplicated', async () => {
		const seen: string[] = [];
		nock(HOST)
			.post(`/v3/company/${REALM}/customer`)
			.query((q) => (seen.push(String(q.requestid)), true))
			.times(2)
			.reply(200, { Customer: { Id: '1' } });
		await createCustomer('field-app:cus_0007:v3');
		await createCustomer('field-app:cus_0007:v3');
		expect(seen).toEqual([
			requestIdFor('field-app:cus_0007:v3'),
			requestIdFor('field-app:cus_0007:v3'),
		]);
		expect(seen[0]).toHaveLength(32);
		expect(requestIdFor('field-app:cus_0007:v4')).not.toBe(seen[0]);
	});

	it('backs off exponentially on 5xx and connection resets, then succeeds', async () => {
		nock(HOST)
			.get(`/v3/company/${REALM}/customer/1`)
			.query(true)
			.reply(500, {
				Fault: {
					Error: [
						{
							Message: 'An application error has occurred',
							Detail: 'System Failure Error',
							code: '10000',
						},
					],
					type: 'SystemFault',
				},
			});
		nock(HOST)
			.get(`/v3/company/${REALM}/customer/1`)
			.query(true)
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		nock(HOST).get(`/v3/company/${REALM}/customer/1`).query(true).reply(503, '<html>503</html>');
		nock(HOST)
			.get(`/v3/company/${REALM}/customer/1`)
			.query(true)
			.reply(200, { Customer: { Id: '1' } });
		const result = await qboRequest.call(context(), { method: 'GET', path: 'customer/1' });
		expect(result.body.Customer).toEqual({ Id: '1' });
		expect(fakeClock.waits).toEqual([750, 1500, 3000]);
	});

	it('never retries a validation fault, and reads are sent without requestid', async () => {
		let calls = 0;
		nock(HOST)
			.post(`/v3/company/${REALM}/customer`)
			.query(() => (calls++, true))
			.reply(400, {
				Fault: {
					Error: [
						{
							Message: 'Duplicate Name Exists Error',
							Detail: 'The name supplied already exists.',
							code: '6240',
						},
					],
					type: 'ValidationFault',
				},
			});
		const error = await createCustomer().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(calls).toBe(1);
		expect(fakeClock.waits).toEqual([]);
		let query: Record<string, string> = {};
		nock(HOST)
			.get(`/v3/company/${REALM}/customer/9`)
			.query((q) => ((query = q as Record<string, string>), true))
			.reply(200, { Customer: { Id: '9' } });
		await qboRequest.call(context(), { method: 'GET', path: 'customer/9' });
		expect(query).toEqual({ minorversion: '75' });
	});

	it('gives up after the allowed attempts and says so, with no token in the message', async () => {
		nock(HOST).post(`/v3/company/${REALM}/customer`).query(true).times(6).reply(429, THROTTLED_XML);
		const error = (await createCustomer().catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toContain('3001');
		expect(error.message).toMatch(/Gave up after 6 attempts over \d+ s\./);
		expect(fakeClock.waits.every((w) => w <= 60_000)).toBe(true);
		expect(JSON.stringify(error)).not.toMatch(
			/access-token-abc|refresh-token-abc|client-secret-abc/,
		);
	});

	it("retries a 401 once more after n8n's own refresh, then reports the reconnect fix", async () => {
		const gateway = {
			fault: {
				error: [
					{
						message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
						detail: 'Token expired',
						code: '3200',
					},
				],
				type: 'AUTHENTICATION',
			},
		};
		nock(HOST).get(`/v3/company/${REALM}/customer/1`).query(true).times(2).reply(401, gateway);
		const error = (await qboRequest
			.call(context(), { method: 'GET', path: 'customer/1' })
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toContain('3200');
		expect(error.message).toMatch(/Reconnect/i);
		nock(HOST).get(`/v3/company/${REALM}/customer/1`).query(true).reply(401, gateway);
		nock(HOST)
			.get(`/v3/company/${REALM}/customer/1`)
			.query(true)
			.reply(200, { Customer: { Id: '1' } });
		expect(
			(await qboRequest.call(context(), { method: 'GET', path: 'customer/1' })).body.Customer,
		).toEqual({ Id: '1' });
	});
});

describe('transport throttle', () => {
	it('spaces calls so no more than 10 start in one second for a company', async () => {
		const starts: number[] = [];
		nock(HOST)
			.get(`/v3/company/${REALM}/customer/1`)
			.query(() => (starts.push(fakeClock.now), true))
			.times(25)
			.reply(200, { Customer: { Id: '1' } });
		for (let i = 0; i < 25; i++)
			await qboRequest.call(context(), { method: 'GET', path: 'customer/1' });
		// QuickBooks' window is 1 s; the throttle holds it 1.1 s so that network jitter cannot turn the boundary call into a 429.
		for (let i = 10; i < starts.length; i++)
			expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(1100);
		expect(starts.at(-1)! - starts[0]).toBeLessThan(2300);
	});
});
