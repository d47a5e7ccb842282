/** Sync Webhook: other tools start syncs; authentication, body validation, idempotency, 202. */
import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { SyncWebhook } from '../../../../nodes/SyncWebhook/SyncWebhook.node';
import {
	checkSyncWebhookAuth,
	checkVerifierToken,
} from '../../../../nodes/shared/webhooks/credential-checks';
import { forgetProcessMemory } from '../../../../nodes/shared/webhooks/trigger-state';
import { callWebhook, emitted } from '../../../support/fake-trigger-functions';

const SECRET = 'whsec-0123456789abcdef';
const credentials = {
	syncWebhookAuthApi: { secret: SECRET, user: 'zapier', password: 'p4ss-w0rd' },
};
const hmacParameters = {
	authentication: 'hmac',
	signatureHeader: 'X-Signature',
	algorithm: 'sha256',
	encoding: 'hex',
	timestampHeader: '',
	toleranceSeconds: 300,
	bodyShape: 'change',
	eventIdFrom: 'field',
	eventIdField: 'id',
};

const customer = (over: IDataObject = {}) => ({
	id: 'cus_0001',
	version: 3,
	createdAt: '2026-11-22T06:00:00.000Z',
	updatedAt: '2026-11-22T06:03:54.945Z',
	deletedAt: null,
	name: 'Amy Lane',
	billingEmail: 'amy@example.com',
	active: true,
	qboId: null,
	qboSyncToken: null,
	sync: { fingerprint: null, syncedAt: null, error: null },
	...over,
});
const change = (over: IDataObject = {}) => ({
	event: 'customers.updated',
	id: 'evt_1',
	occurredAt: '2026-11-22T06:03:54.945Z',
	data: customer(),
	...over,
});

const hex = (content: string, secret = SECRET, algorithm = 'sha256') =>
	createHmac(algorithm, secret).update(content).digest('hex');

async function send(
	body: unknown,
	options: {
		headers?: Record<string, string>;
		parameters?: IDataObject;
		staticData?: IDataObject;
		sign?: boolean;
	} = {},
) {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	const headers = {
		'content-type': 'application/json',
		...(options.sign === false ? {} : { 'x-signature': `sha256=${hex(raw)}` }),
		...options.headers,
	};
	return await callWebhook(
		new SyncWebhook().webhook,
		{ body: raw, headers },
		{
			parameters: { ...hmacParameters, ...options.parameters },
			credentials,
			staticData: options.staticData,
		},
	);
}

beforeEach(() => forgetProcessMemory());

describe('authentication', () => {
	it('accepts a body signed with the secret: 202 at once and one item', async () => {
		const call = await send(change());
		expect(call.response).toEqual({
			status: 202,
			body: { accepted: true, duplicate: false, eventId: 'evt_1' },
		});
		expect(emitted(call)).toEqual([
			expect.objectContaining({
				kind: 'change',
				eventId: 'evt_1',
				event: 'customers.updated',
				resource: 'customers',
				action: 'updated',
				recordId: 'cus_0001',
				data: customer(),
			}),
		]);
	});

	it.each([
		['no signature', { sign: false }, 'no X-Signature header'],
		[
			'a signature made with another secret',
			{
				sign: false,
				headers: { 'x-signature': hex(JSON.stringify(change()), 'other-secret-0123456789') },
			},
			'does not match',
		],
		[
			'a body changed after signing',
			{ sign: false, headers: { 'x-signature': hex(JSON.stringify(change({ id: 'evt_2' }))) } },
			'does not match',
		],
	])('answers %s with 401 and starts nothing', async (_label, options, reason) => {
		const call = await send(change(), options);
		expect(call.response).toEqual({
			status: 401,
			body: { error: 'unauthorized', message: expect.stringContaining(reason) },
		});
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it('accepts SHA-1 and base64 when so configured', async () => {
		const raw = JSON.stringify(change());
		const signature = createHmac('sha1', SECRET).update(raw).digest('base64');
		const call = await send(raw, {
			sign: false,
			headers: { 'x-signature': signature },
			parameters: { algorithm: 'sha1', encoding: 'base64' },
		});
		expect(call.response.status).toBe(202);
	});

	describe('with a timestamp header (the app contract: HMAC of "<timestamp>.<body>")', () => {
		const parameters = {
			signatureHeader: 'X-FieldApp-Signature',
			timestampHeader: 'X-FieldApp-Timestamp',
		};
		const signed = (stamp: number, raw = JSON.stringify(change())) => ({
			'x-fieldapp-timestamp': String(stamp),
			'x-fieldapp-signature': `sha256=${hex(`${stamp}.${raw}`)}`,
		});
		const now = () => Math.floor(Date.now() / 1000);

		it('accepts a fresh, correctly signed request', async () => {
			expect(
				(await send(change(), { sign: false, headers: signed(now()), parameters })).response.status,
			).toBe(202);
		});

		it('refuses a replay older than the tolerance, although its signature is right', async () => {
			const call = await send(change(), { sign: false, headers: signed(now() - 600), parameters });
			expect(call.response).toEqual({
				status: 401,
				body: {
					error: 'unauthorized',
					message: expect.stringMatching(/more than the 300 s allowed/),
				},
			});
		});

		it('refuses a timestamp changed without re-signing', async () => {
			const headers = { ...signed(now() - 100), 'x-fieldapp-timestamp': String(now()) };
			expect((await send(change(), { sign: false, headers, parameters })).response.status).toBe(
				401,
			);
		});
	});

	it('checks a shared-secret header', async () => {
		const parameters = { authentication: 'header', authHeaderName: 'X-Webhook-Secret' };
		expect(
			(await send(change(), { sign: false, headers: { 'x-webhook-secret': SECRET }, parameters }))
				.response.status,
		).toBe(202);
		expect(
			(
				await send(change({ id: 'evt_9' }), {
					sign: false,
					headers: { 'x-webhook-secret': `${SECRET}x` },
					parameters,
				})
			).response.status,
		).toBe(401);
	});

	it('checks basic auth', async () => {
		const basic = (user: string, password: string) => ({
			authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
		});
		const parameters = { authentication: 'basicAuth' };
		expect(
			(await send(change(), { sign: false, headers: basic('zapier', 'p4ss-w0rd'), parameters }))
				.response.status,
		).toBe(202);
		expect(
			(
				await send(change({ id: 'evt_8' }), {
					sign: false,
					headers: basic('zapier', 'wrong'),
					parameters,
				})
			).response,
		).toEqual({
			status: 401,
			body: { error: 'unauthorized', message: 'the Basic Authorization user or password is wrong' },
		});
	});
});

describe('body validation', () => {
	it('answers 400 with every problem, path by path, and starts nothing', async () => {
		const call = await send({
			event: 'customer.changed',
			id: '',
			occurredAt: 'yesterday',
			data: customer({ version: 0, billingEmail: 'not-an-email' }),
			extra: 1,
		});
		expect(call.response.status).toBe(400);
		const body = call.response.body as {
			error: string;
			issues: Array<{ path: string; message: string }>;
		};
		expect(body.error).toBe('invalid_body');
		expect(body.issues.map((i) => i.path)).toEqual(['event', 'id', 'occurredAt', '(body)']);
		expect(body.issues[0].message).toMatch(/must be "<resource>.<created\|updated\|deleted>"/);
		expect(body.issues[3].message).toBe('unknown field(s) extra');
		expect(call.result).toEqual({ noWebhookResponse: true });
	});

	it("checks the record against the app contract's shape and names the field", async () => {
		const call = await send(
			change({ data: customer({ version: 0, billingEmail: 'not-an-email', name: 42 }) }),
		);
		const issues = (call.response.body as { issues: Array<{ path: string }> }).issues.map(
			(i) => i.path,
		);
		expect(call.response.status).toBe(400);
		expect(issues).toEqual(
			expect.arrayContaining(['data.version', 'data.billingEmail', 'data.name']),
		);
	});

	it('requires deletedAt on a deleted event', async () => {
		const call = await send(change({ event: 'customers.deleted' }));
		expect((call.response.body as { issues: unknown[] }).issues).toEqual([
			{
				path: 'data.deletedAt',
				message: 'a customers.deleted event must carry the record with its deletedAt time',
			},
		]);
	});

	it("accepts the app contract's own webhook and reports its problems in its field names", async () => {
		const contract = {
			id: 'evt_c1',
			type: 'invoices.updated',
			occurredAt: '2026-11-22T06:03:54.945Z',
			resource: 'invoices',
			record: {
				id: 'inv_1',
				version: 2,
				updatedAt: '2026-11-22T06:03:54.945Z',
				deletedAt: null,
				customerId: 'cus_0001',
				date: '2026-11-22',
				status: 'unpaid',
				total: 10,
				lines: [{ itemId: 'itm_1', quantity: 1, rate: 10, amount: 10 }],
			},
		};
		const ok = await send(contract);
		expect(emitted(ok)).toEqual([
			expect.objectContaining({
				kind: 'change',
				resource: 'invoices',
				action: 'updated',
				recordId: 'inv_1',
				eventId: 'evt_c1',
			}),
		]);
		const bad = await send({
			...contract,
			id: 'evt_c2',
			record: { ...contract.record, date: '22/11/2026' },
		});
		expect((bad.response.body as { issues: unknown[] }).issues).toEqual([
			{ path: 'record.date', message: 'must be a date YYYY-MM-DD' },
		]);
	});

	it('takes "sync now" commands', async () => {
		const parameters = { bodyShape: 'syncCommand' };
		expect(emitted(await send({ sync: 'customers' }, { parameters }))).toEqual([
			expect.objectContaining({
				kind: 'sync',
				sync: 'customers',
				resources: ['customers'],
				eventId: null,
			}),
		]);
		const all = emitted(await send({ sync: 'all' }, { parameters }))[0];
		expect(all.resources).toEqual(
			expect.arrayContaining([
				'customers',
				'items',
				'invoices',
				'payments',
				'payables',
				'purchase-orders',
				'locations',
			]),
		);
		const bad = await send({ sync: 'unicorns' }, { parameters });
		expect(bad.response).toEqual({
			status: 400,
			body: expect.objectContaining({
				issues: [
					{ path: 'sync', message: expect.stringContaining('must be "all" or one of customers') },
				],
			}),
		});
	});

	it('takes any JSON, and refuses what is not JSON', async () => {
		const parameters = { bodyShape: 'any' };
		expect(emitted(await send({ anything: [1, 2] }, { parameters }))[0]).toMatchObject({
			kind: 'json',
			body: { anything: [1, 2] },
		});
		expect((await send('{"broken"', { parameters })).response).toEqual({
			status: 400,
			body: expect.objectContaining({
				issues: [{ path: '(body)', message: expect.stringMatching(/^the body is not JSON/) }],
			}),
		});
		expect((await send('', { parameters })).response.status).toBe(400);
	});
});

describe('idempotency', () => {
	it('starts one execution per event id, also after a restart', async () => {
		const staticData: IDataObject = {};
		expect((await send(change(), { staticData })).response.status).toBe(202);
		const repeat = await send(change(), { staticData });
		expect(repeat.response).toEqual({
			status: 200,
			body: expect.objectContaining({ accepted: true, duplicate: true }),
		});
		expect(repeat.result).toEqual({ noWebhookResponse: true });
		forgetProcessMemory();
		expect(
			(await send(change(), { staticData: JSON.parse(JSON.stringify(staticData)) })).response
				.status,
		).toBe(200);
		expect((await send(change({ id: 'evt_2' }), { staticData })).response.status).toBe(202);
	});

	it('takes the event id from a header when so configured; without one every request runs', async () => {
		const parameters = {
			bodyShape: 'syncCommand',
			eventIdFrom: 'header',
			eventIdHeader: 'X-Event-Id',
		};
		expect(
			(await send({ sync: 'items' }, { parameters, headers: { 'x-event-id': 'zap-1' } })).response
				.status,
		).toBe(202);
		expect(
			(await send({ sync: 'items' }, { parameters, headers: { 'x-event-id': 'zap-1' } })).response
				.status,
		).toBe(200);
		expect((await send({ sync: 'items' }, { parameters })).response.status).toBe(202);
		expect((await send({ sync: 'items' }, { parameters })).response.status).toBe(202);
	});

	it('lets two overlapping requests with one event id start one execution', async () => {
		const staticData: IDataObject = {};
		const calls = await Promise.all([
			send(change(), { staticData }),
			send(change(), { staticData }),
			send(change(), { staticData }),
		]);
		expect(calls.map((c) => c.response.status).sort()).toEqual([200, 200, 202]);
	});
});

describe('credential checks', () => {
	it('say what is missing', () => {
		expect(checkVerifierToken('')).toMatchObject({ status: 'Error' });
		expect(checkVerifierToken(' token-with-space-0123 ')).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('spaces'),
		});
		expect(checkVerifierToken('abcdefghijklmnopqrstuvwxyz')).toMatchObject({ status: 'OK' });
		expect(checkSyncWebhookAuth({})).toMatchObject({ status: 'Error' });
		expect(checkSyncWebhookAuth({ secret: 'short' })).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('5 characters'),
		});
		expect(checkSyncWebhookAuth({ user: 'a', password: 'b' })).toMatchObject({ status: 'OK' });
	});
});
