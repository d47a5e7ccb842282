/** Emulator: QBO's throttles with the XML 429 body, and fault injection (quickbooks-api-notes.md §1, §8). */
import { startQboEmulator, type QboEmulator } from '../../../emulators/qbo';
import { faultOf, NO_LIMITS, QboTestClient } from '../../../support/emulator-client';

const THROTTLE_XML =
	/^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n<IntuitResponse time="[^"]+" xmlns="http:\/\/schema\.intuit\.com\/finance\/v3"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429<\/Message><Detail>The request limit was reached\. {2}Try again later<\/Detail><\/Error><\/Fault><\/IntuitResponse>$/;

let emulator: QboEmulator;
let qbo: QboTestClient;
let realmId: string;

beforeEach(async () => {
	emulator = await startQboEmulator({ port: 0, realms: [{}, { seed: 'empty' }] });
	realmId = emulator.realmIds[0];
	qbo = new QboTestClient(emulator, realmId, emulator.admin.token(realmId).access_token as string);
	emulator.admin.clock.freeze(true); // windows only move when a test moves the clock
});
afterEach(() => emulator.stop());

const statuses = async (n: number, send: () => Promise<{ status: number }>) => {
	const out: number[] = [];
	for (let i = 0; i < n; i++) out.push((await send()).status);
	return out;
};

describe('throttling at the real limits', () => {
	it("the 11th request in one second is 429 with QBO's XML body although JSON was asked for", async () => {
		const results = await statuses(10, () => qbo.get(`companyinfo/${realmId}`));
		expect(results).toEqual(Array(10).fill(200));
		const throttled = await qbo.get(`companyinfo/${realmId}`);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('content-type')).toBe('application/xml');
		expect(throttled.text).toMatch(THROTTLE_XML);
		expect(throttled.headers.get('intuit_tid')).toBeTruthy();
		emulator.admin.clock.advance(1000);
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200);
		expect(emulator.admin.counters.throttled).toBe(1);
	});

	it('500 requests a minute per realm and app; another company is not affected', async () => {
		emulator.admin.setLimits({ perSecond: 1e9 });
		expect(
			(await statuses(500, () => qbo.get(`companyinfo/${realmId}`))).every((s) => s === 200),
		).toBe(true);
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(429);
		const otherRealm = emulator.realmIds[1];
		const other = new QboTestClient(
			emulator,
			otherRealm,
			emulator.admin.token(otherRealm).access_token as string,
		);
		expect((await other.get(`companyinfo/${otherRealm}`)).status).toBe(200);
		emulator.admin.clock.advance(60_000);
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200);
	});

	it('at most 10 requests at once per realm and app', async () => {
		emulator.admin.setLimits({ perSecond: 1e9 });
		emulator.admin.latencyMs = 300;
		const results = await Promise.all(
			Array.from({ length: 12 }, () => qbo.get(`companyinfo/${realmId}`)),
		);
		expect(results.filter((r) => r.status === 200)).toHaveLength(10);
		expect(results.filter((r) => r.status === 429)).toHaveLength(2);
	});

	it('40 batch requests a minute per realm and app, 120 per realm across apps', async () => {
		emulator.admin.setLimits({ perSecond: 1e9, perMinute: 1e9 });
		const batch = (client: QboTestClient) =>
			client.post('batch', { BatchItemRequest: [{ bId: '1', Query: 'select * from Term' }] });
		expect((await statuses(40, () => batch(qbo))).every((s) => s === 200)).toBe(true);
		expect((await batch(qbo)).status).toBe(429);
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200); // plain calls still pass
		const apps = [2, 3, 4].map((n) => {
			const clientId = `app-${n}`;
			emulator.admin.oauth.addClient({ clientId, clientSecret: 's', redirectUris: [] });
			return new QboTestClient(
				emulator,
				realmId,
				emulator.admin.token(realmId, { clientId }).access_token as string,
			);
		});
		expect((await statuses(40, () => batch(apps[0]))).every((s) => s === 200)).toBe(true);
		expect((await statuses(40, () => batch(apps[1]))).every((s) => s === 200)).toBe(true);
		expect((await batch(apps[2])).status).toBe(429);
	});

	it('each batch item is metered toward the 500 a minute', async () => {
		emulator.admin.setLimits({ perSecond: 1e9 });
		const items = Array.from({ length: 30 }, (_, i) => ({
			bId: `b${i}`,
			Query: 'select * from Term',
		}));
		expect(
			(await statuses(16, () => qbo.post('batch', { BatchItemRequest: items }))).every(
				(s) => s === 200,
			),
		).toBe(true);
		expect((await qbo.post('batch', { BatchItemRequest: items })).status).toBe(429); // 16 × 30 = 480; 30 more exceed 500
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200);
	});
});

describe('fault injection', () => {
	beforeEach(() => emulator.admin.setLimits(NO_LIMITS));

	it('the next N requests answer 503, then the API is back', async () => {
		emulator.admin.injectFault({ kind: '503', count: 2 });
		expect(await statuses(3, () => qbo.get(`companyinfo/${realmId}`))).toEqual([503, 503, 200]);
	});

	it('500 is a V3 SystemFault, 429 the XML throttle body, 5010 the stale-object fault', async () => {
		emulator.admin.injectFault({ kind: '500' });
		const sys = await qbo.get(`companyinfo/${realmId}`);
		expect(sys.status).toBe(500);
		expect(sys.json.Fault.type).toBe('SystemFault');
		expect(faultOf(sys)!.code).toBe('10000');
		emulator.admin.injectFault({ kind: '429' });
		expect((await qbo.get(`companyinfo/${realmId}`)).text).toMatch(THROTTLE_XML);
		emulator.admin.injectFault({ kind: '5010', method: 'POST', path: '/customer' });
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200); // rule waits for a matching request
		expect(faultOf(await qbo.post('customer', { DisplayName: 'Never Written' }))!.code).toBe(
			'5010',
		);
		expect(
			(await qbo.query("select count(*) from Customer where DisplayName = 'Never Written'")).json
				.QueryResponse.totalCount,
		).toBe(0);
	});

	it('a connection reset fails the request without an answer', async () => {
		emulator.admin.injectFault({ kind: 'reset' });
		await expect(qbo.get(`companyinfo/${realmId}`)).rejects.toThrow();
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200);
	});

	it('a timeout holds the answer after the write is done (the case requestid exists for)', async () => {
		emulator.admin.injectFault({ kind: 'timeout', delayMs: 5_000 });
		const controller = new AbortController();
		const pending = fetch(`${emulator.url}/v3/company/${realmId}/customer?requestid=slow-1`, {
			method: 'POST',
			signal: controller.signal,
			headers: { authorization: `Bearer ${qbo.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ DisplayName: 'Written While Waiting' }),
		});
		setTimeout(() => controller.abort(), 200);
		await expect(pending).rejects.toThrow();
		expect(
			(await qbo.query("select count(*) from Customer where DisplayName = 'Written While Waiting'"))
				.json.QueryResponse.totalCount,
		).toBe(1);
		const retry = await qbo.post(
			'customer',
			{ DisplayName: 'Written While Waiting' },
			{ query: { requestid: 'slow-1' } },
		);
		expect(retry.status).toBe(200);
		expect(retry.json.Customer.DisplayName).toBe('Written While Waiting');
	});

	it('a seeded percentage is repeatable', async () => {
		const pattern = async () => {
			emulator.admin.faults.clear();
			emulator.admin.injectFault({ kind: '500', percent: 30, seed: 42 });
			return statuses(50, () => qbo.get(`companyinfo/${realmId}`));
		};
		const first = await pattern();
		const second = await pattern();
		expect(second).toEqual(first);
		const failures = first.filter((s) => s === 500).length;
		expect(failures).toBeGreaterThan(5);
		expect(failures).toBeLessThan(30);
	});

	it('an unknown kind is refused with the allowed list', () => {
		expect(() => emulator.admin.injectFault({ kind: '418' as never })).toThrow(
			/429, 500, 503, 5010, reset, timeout/,
		);
	});
});

describe('request details', () => {
	beforeEach(() => emulator.admin.setLimits(NO_LIMITS));

	it('accepts any minorversion (below 75 is served as 75) and sets intuit_tid on every answer', async () => {
		const res = await fetch(
			`${emulator.url}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=4`,
			{ headers: { authorization: `Bearer ${qbo.token}` } },
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
	});

	it('logs every request and counts per endpoint', async () => {
		emulator.admin.resetLog();
		await qbo.get(`companyinfo/${realmId}`);
		await qbo.query('select * from Term');
		await qbo.post('customer', { DisplayName: 'Logged' });
		expect(emulator.admin.counters.byEndpoint).toEqual({
			'GET /companyinfo/:id': 1,
			'GET /query': 1,
			'POST /customer': 1,
		});
		const stats = await (await fetch(`${emulator.url}/__admin/stats`)).json();
		expect(stats).toMatchObject({ total: 3, byStatus: { 200: 3 } });
		const log = (await (await fetch(`${emulator.url}/__admin/log?limit=1`)).json()) as Array<{
			endpoint: string;
			realmId: string;
		}>;
		expect(log).toEqual([
			expect.objectContaining({ endpoint: 'POST /customer', realmId, status: 200 }),
		]);
	});
});
