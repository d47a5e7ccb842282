/** QuickBooks Sync Trigger: Intuit deliveries through the node's webhook(), QBO answered by nock. */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncTrigger } from '../../../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node';
import { parseIntuitDelivery } from '../../../../nodes/shared/webhooks/intuit-events';
import { forgetProcessMemory } from '../../../../nodes/shared/webhooks/trigger-state';
import { callWebhook, emitted } from '../../../support/fake-trigger-functions';

const REALM = '9130357766900456';
const OTHER_REALM = '4620816365000000001';
const HOST = 'https://sandbox-quickbooks.api.intuit.com';
const TOKEN = 'verifier-token-0123456789abcdef';
const credentials: Record<string, IDataObject> = {
	quickBooksSyncWebhookApi: { verifierToken: TOKEN },
	quickBooksSyncOAuth2Api: {
		environment: 'sandbox',
		customBaseUrl: '',
		realmId: '',
		oauthTokenData: { access_token: 'access-token-abc', callbackQueryString: { realmId: REALM } },
	},
};
const baseParameters = {
	entities: ['Customer', 'Invoice', 'Payment', 'Item'],
	operations: ['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed'],
	companies: 'credential',
	realmIds: '',
	options: {},
};

const sign = (body: string | Buffer, token = TOKEN) =>
	createHmac('sha256', token).update(body).digest('base64');

const legacy = (realmId: string, entities: Array<Record<string, string>>) => ({
	realmId,
	dataChangeEvent: { entities },
});
const legacyBody = (...notifications: object[]) =>
	JSON.stringify({ eventNotifications: notifications });
const cloudEvent = (
	entity: string,
	id: string,
	verb: string,
	extra: Record<string, unknown> = {},
) => ({
	specversion: '1.0',
	id: `ce-${entity}-${id}-${verb}`,
	source: 'intuit.abc',
	type: `qbo.${entity.toLowerCase()}.${verb}.v1`,
	datacontenttype: 'application/json',
	time: '2026-12-01T10:00:00.123456789Z',
	intuitentityid: id,
	intuitaccountid: REALM,
	data: {},
	...extra,
});

async function deliver(
	body: string | Buffer,
	options: {
		headers?: Record<string, string>;
		parameters?: IDataObject;
		staticData?: IDataObject;
		rawBodyPreset?: boolean;
	} = {},
) {
	const trigger = new QuickBooksSyncTrigger();
	return await callWebhook(
		trigger.webhook,
		{
			body,
			headers: {
				'content-type': 'application/json',
				'intuit-signature': sign(body),
				...options.headers,
			},
			rawBodyPreset: options.rawBodyPreset,
		},
		{
			parameters: { ...baseParameters, ...options.parameters },
			credentials,
			staticData: options.staticData,
		},
	);
}

beforeEach(() => forgetProcessMemory());

describe('signature', () => {
	const body = legacyBody(
		legacy(REALM, [
			{ name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2026-12-01T10:00:00-0800' },
		]),
	);

	it('accepts a delivery signed with the verifier token and answers 200 at once', async () => {
		const call = await deliver(body);
		expect(call.response).toEqual({ status: 200, body: { received: 1 } });
		expect(emitted(call)).toHaveLength(1);
	});

	it.each([
		[
			'a wrong token',
			{ 'intuit-signature': sign(body, 'another-token-0123456789') },
			'does not match',
		],
		['no header', { 'intuit-signature': '' }, 'no intuit-signature header'],
		['garbage', { 'intuit-signature': 'not-base64!!' }, 'does not match'],
	])(
		'refuses %s with 401, emits nothing and logs one line without the token',
		async (_label, headers, reason) => {
			const call = await deliver(body, { headers });
			expect(call.response.status).toBe(401);
			expect(call.response.body).toEqual({
				error: 'invalid_signature',
				message: expect.stringContaining(reason),
			});
			expect(call.result).toEqual({ noWebhookResponse: true });
			const warnings = call.logs.filter((l) => l.level === 'warn');
			expect(warnings).toHaveLength(1);
			expect(warnings[0].message).not.toContain(TOKEN);
		},
	);

	it('acknowledges at once a delivery signed with a token since replaced in the credential, but emits nothing once the replacement is seen (within 10 s)', async () => {
		const stored = credentials.quickBooksSyncWebhookApi;
		expect(emitted(await deliver(body))).toHaveLength(1); // the token is known from here on
		credentials.quickBooksSyncWebhookApi = { verifierToken: 'rotated-token-0123456789abcdef' };
		// Read less than 10 s ago, the token is not read again (a burst of deliveries pays no credential read each).
		expect(
			emitted(await deliver(JSON.stringify([cloudEvent('Customer', '76', 'created')]))),
		).toEqual([expect.objectContaining({ id: '76' })]);
		const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_001);
		try {
			const old = await deliver(JSON.stringify([cloudEvent('Customer', '77', 'created')]));
			expect(old.response.status).toBe(200);
			expect(emitted(old)).toEqual([]);
			expect(old.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
				expect.stringContaining('no longer the credential'),
			]);
			const fresh = JSON.stringify([cloudEvent('Customer', '78', 'created')]);
			const rotated = await deliver(fresh, {
				headers: { 'intuit-signature': sign(fresh, 'rotated-token-0123456789abcdef') },
			});
			expect(emitted(rotated)).toEqual([expect.objectContaining({ id: '78' })]);
		} finally {
			later.mockRestore();
			credentials.quickBooksSyncWebhookApi = stored;
		}
	});

	it('refuses a body with one byte altered after signing', async () => {
		const signature = sign(body);
		const altered = Buffer.from(body);
		altered[altered.indexOf('"1"') + 1] = '2'.charCodeAt(0);
		const call = await deliver(altered, { headers: { 'intuit-signature': signature } });
		expect(call.response.status).toBe(401);
		expect(emitted(call)).toEqual([]);
	});

	it('hashes the exact bytes: whitespace and 1.50 are kept, a re-serialised body would not match', async () => {
		const spaced = `{ "eventNotifications" : [ {"realmId":"${REALM}","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Update","lastUpdated":"2026-12-01T10:00:00-0800","x":1.50}]}} ] }\n`;
		const call = await deliver(spaced);
		expect(call.response.status).toBe(200);
		expect(sign(JSON.stringify(JSON.parse(spaced)))).not.toBe(sign(spaced));
	});

	it.each([
		'application/json',
		'application/json; charset=utf-8',
		'application/cloudevents+json',
		'application/cloudevents-batch+json; charset=utf-8',
	])('accepts %s, reading the raw body itself when n8n did not', async (contentType) => {
		const ce = JSON.stringify([cloudEvent('Invoice', '130', 'created')]);
		const call = await deliver(ce, {
			headers: { 'content-type': contentType },
			rawBodyPreset: false,
		});
		expect(call.response.status).toBe(200);
		expect(emitted(call)).toEqual([
			expect.objectContaining({ entity: 'Invoice', id: '130', operation: 'Create' }),
		]);
	});

	it('refuses another content type with 415 even when signed', async () => {
		const call = await deliver(body, { headers: { 'content-type': 'text/plain' } });
		expect(call.response).toEqual({
			status: 415,
			body: { error: 'unsupported_content_type', message: expect.stringContaining('text/plain') },
		});
	});

	it('answers 400 naming the field when a signed body is not a delivery', async () => {
		const bad = JSON.stringify({
			eventNotifications: [
				{
					realmId: REALM,
					dataChangeEvent: {
						entities: [
							{ name: 'Customer', operation: 'Create', lastUpdated: '2026-12-01T10:00:00Z' },
						],
					},
				},
			],
		});
		const call = await deliver(bad);
		expect(call.response).toEqual({
			status: 400,
			body: {
				error: 'invalid_delivery',
				message: 'eventNotifications[0].dataChangeEvent.entities[0].id is missing',
			},
		});
	});
});

describe('after the acknowledgement', () => {
	it('emits the changes, marked, when the QuickBooks credential can no longer be read', async () => {
		const stored = credentials.quickBooksSyncOAuth2Api;
		credentials.quickBooksSyncOAuth2Api = {
			environment: 'sandbox',
			customBaseUrl: '',
			realmId: '',
			oauthTokenData: { access_token: 'x' },
		};
		try {
			const call = await deliver(JSON.stringify([cloudEvent('Customer', '5', 'created')]));
			expect(call.response.status).toBe(200);
			expect(emitted(call)).toEqual([
				expect.objectContaining({ id: '5', error: expect.stringContaining('could not be read') }),
			]);
		} finally {
			credentials.quickBooksSyncOAuth2Api = stored;
		}
	});
});

describe('payload formats', () => {
	it('turns a legacy delivery with several companies into one item per entity change', () => {
		const changes = parseIntuitDelivery(
			legacyBody(
				legacy(REALM, [
					{
						name: 'Customer',
						id: '1',
						operation: 'Create',
						lastUpdated: '2026-12-01T10:00:00-0800',
					},
					{
						name: 'Account',
						id: '91',
						deletedId: '135',
						operation: 'Merge',
						lastUpdated: '2026-12-01T10:00:01-0800',
					},
				]),
				legacy(OTHER_REALM, [
					{ name: 'Invoice', id: '7', operation: 'Void', lastUpdated: '2026-12-01T18:00:02Z' },
				]),
			),
		);
		expect(changes).toEqual([
			{
				realmId: REALM,
				entity: 'Customer',
				id: '1',
				operation: 'Create',
				occurredAt: '2026-12-01T18:00:00.000Z',
				eventId: `${REALM}:Customer:1:Create:2026-12-01T10:00:00-0800`,
			},
			{
				realmId: REALM,
				entity: 'Account',
				id: '91',
				operation: 'Merge',
				occurredAt: '2026-12-01T18:00:01.000Z',
				eventId: `${REALM}:Account:91:Merge:2026-12-01T10:00:01-0800`,
				deletedId: '135',
			},
			{
				realmId: OTHER_REALM,
				entity: 'Invoice',
				id: '7',
				operation: 'Void',
				occurredAt: '2026-12-01T18:00:02.000Z',
				eventId: `${OTHER_REALM}:Invoice:7:Void:2026-12-01T18:00:02Z`,
			},
		]);
	});

	it('reads CloudEvents (array or one structured event) with QBO entity names and merge data', () => {
		const batch = parseIntuitDelivery(
			JSON.stringify([
				cloudEvent('BillPayment', '5', 'updated'),
				cloudEvent('Customer', '27', 'merged', { data: { deletedid: '28' } }),
			]),
		);
		expect(batch).toEqual([
			{
				realmId: REALM,
				entity: 'BillPayment',
				id: '5',
				operation: 'Update',
				occurredAt: '2026-12-01T10:00:00.123Z',
				eventId: 'ce-BillPayment-5-updated',
			},
			{
				realmId: REALM,
				entity: 'Customer',
				id: '27',
				operation: 'Merge',
				occurredAt: '2026-12-01T10:00:00.123Z',
				eventId: 'ce-Customer-27-merged',
				deletedId: '28',
			},
		]);
		expect(parseIntuitDelivery(JSON.stringify(cloudEvent('Item', '3', 'deleted')))).toEqual([
			expect.objectContaining({ entity: 'Item', id: '3', operation: 'Delete' }),
		]);
	});

	it.each([
		['not JSON', '{"eventNotifications": [', /the body is not JSON/],
		['an unknown shape', '{"hello":"world"}', /neither Intuit's legacy format/],
		[
			'a CloudEvent type that is not QBO',
			JSON.stringify([{ ...cloudEvent('Invoice', '1', 'created'), type: 'com.example.thing' }]),
			/\[0\]\.type "com\.example\.thing" is not qbo/,
		],
		[
			'an unknown verb',
			JSON.stringify([cloudEvent('Invoice', '1', 'exploded')]),
			/"exploded" is not one of/,
		],
		[
			'a CloudEvent without the company',
			JSON.stringify([{ ...cloudEvent('Invoice', '1', 'created'), intuitaccountid: undefined }]),
			/\[0\]\.intuitaccountid is missing/,
		],
	])('refuses %s with a message naming the problem', (_label, body, message) => {
		expect(() => parseIntuitDelivery(body)).toThrow(message);
	});
});

describe('companies, entities and operations', () => {
	const body = legacyBody(
		legacy(REALM, [
			{ name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2026-12-01T10:00:00-0800' },
			{ name: 'Vendor', id: '2', operation: 'Create', lastUpdated: '2026-12-01T10:00:00-0800' },
			{ name: 'Invoice', id: '3', operation: 'Emailed', lastUpdated: '2026-12-01T10:00:00-0800' },
		]),
		legacy(OTHER_REALM, [
			{ name: 'Customer', id: '9', operation: 'Update', lastUpdated: '2026-12-01T10:00:00-0800' },
		]),
	);
	const ids = (items: IDataObject[]) =>
		items.map((i) => `${String(i.realmId).slice(0, 4)}:${String(i.entity)}:${String(i.id)}`);

	it("emits only the credential's company by default, and only the chosen entities", async () => {
		expect(ids(emitted(await deliver(body)))).toEqual(['9130:Customer:1', '9130:Invoice:3']);
	});

	it('emits every company, or the listed ones', async () => {
		expect(ids(emitted(await deliver(body, { parameters: { companies: 'all' } })))).toEqual([
			'9130:Customer:1',
			'9130:Invoice:3',
			'4620:Customer:9',
		]);
		forgetProcessMemory(); // the same delivery again would be a repeat
		expect(
			ids(
				emitted(
					await deliver(body, { parameters: { companies: 'list', realmIds: ` ${OTHER_REALM} ` } }),
				),
			),
		).toEqual(['4620:Customer:9']);
	});

	it('emits only the chosen operations; a delivery with nothing to emit starts no execution', async () => {
		expect(ids(emitted(await deliver(body, { parameters: { operations: ['Emailed'] } })))).toEqual([
			'9130:Invoice:3',
		]);
		const none = await deliver(body, { parameters: { entities: ['Bill'] } });
		expect(none.response.status).toBe(200);
		expect(none.result).toEqual({ noWebhookResponse: true });
	});
});

describe('retried deliveries', () => {
	const body = JSON.stringify([
		cloudEvent('Customer', '1', 'created'),
		cloudEvent('Customer', '2', 'updated'),
	]);

	it('emits a change once across retries, also after n8n restarts (static data kept, memory gone)', async () => {
		const staticData: IDataObject = {};
		expect(emitted(await deliver(body, { staticData }))).toHaveLength(2);
		expect((await deliver(body, { staticData })).result).toEqual({ noWebhookResponse: true });
		forgetProcessMemory(); // a restart: only what n8n stored is left
		const stored = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const afterRestart = await deliver(
			JSON.stringify([
				cloudEvent('Customer', '2', 'updated'),
				cloudEvent('Customer', '3', 'created'),
			]),
			{ staticData: stored },
		);
		expect(emitted(afterRestart).map((i) => i.id)).toEqual(['3']);
	});

	it('emits repeats when de-duplication is off', async () => {
		const staticData: IDataObject = {};
		await deliver(body, { staticData, parameters: { options: { deduplicate: false } } });
		expect(
			emitted(await deliver(body, { staticData, parameters: { options: { deduplicate: false } } })),
		).toHaveLength(2);
	});

	it('lets no change through twice when two deliveries overlap', async () => {
		const staticData: IDataObject = {};
		const [a, b] = await Promise.all([
			deliver(body, { staticData }),
			deliver(body, { staticData }),
		]);
		expect(emitted(a).length + emitted(b).length).toBe(2);
	});
});

describe('full records', () => {
	it('reads the records of one entity in one query, inactive ones included; deletions stay stubs', async () => {
		const queries: string[] = [];
		nock(HOST)
			.post(`/v3/company/${REALM}/query`, (q) => (queries.push(String(q)), true))
			.query(true)
			.reply(200, {
				QueryResponse: {
					Customer: [
						{ Id: '1', DisplayName: 'Amy', Active: false },
						{ Id: '2', DisplayName: 'Bob' },
					],
				},
			});
		const body = JSON.stringify([
			cloudEvent('Customer', '1', 'updated'),
			cloudEvent('Customer', '2', 'created'),
			cloudEvent('Customer', '3', 'deleted'),
		]);
		const call = await deliver(body, { parameters: { options: { fetchRecords: true } } });
		expect(queries).toEqual([
			"SELECT * FROM Customer WHERE Id IN ('1', '2') AND Active IN (true, false) STARTPOSITION 1 MAXRESULTS 1000",
		]);
		expect(
			emitted(call).map((i) => [i.id, (i.record as IDataObject | undefined)?.DisplayName ?? null]),
		).toEqual([
			['1', 'Amy'],
			['2', 'Bob'],
			['3', null],
		]);
	});

	it('still emits the changes, marked, when QuickBooks cannot be read after the acknowledgement', async () => {
		nock(HOST)
			.post(`/v3/company/${REALM}/query`)
			.query(true)
			.times(10)
			.reply(400, {
				Fault: {
					Error: [{ Message: 'Invalid query', Detail: 'bad', code: '4000' }],
					type: 'ValidationFault',
				},
			});
		const call = await deliver(JSON.stringify([cloudEvent('Customer', '1', 'updated')]), {
			parameters: { options: { fetchRecords: true } },
		});
		expect(call.response.status).toBe(200);
		expect(emitted(call)).toEqual([
			expect.objectContaining({ id: '1', recordError: expect.stringContaining('Invalid query') }),
		]);
	});
});
