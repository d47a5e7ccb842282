/** Emulator: webhook delivery (both formats, signature, retries, order), invoice send/pdf, state dump/load and the seed. */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QboEmulator } from '../../../../emulators/qbo';
import { RETRY_SCHEDULE_S } from '../../../../emulators/qbo/webhooks';
import { faultOf, startWithClient, type QboTestClient } from '../../../../support/emulator-client';

interface Received {
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

const openReceivers: http.Server[] = [];

/** A receiver that answers with the statuses given, then 200. Closed after each test, pass or fail. */
async function receiver(statuses: number[] = []) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body, at: Date.now() });
			res.writeHead(statuses.shift() ?? 200).end();
		});
	});
	openReceivers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

/** Intuit's scheme, computed here independently: base64(HMAC-SHA256(verifier token, raw body)). */
const intuitSignature = (token: string, body: string) =>
	createHmac('sha256', token).update(body, 'utf8').digest('base64');

let emulator: QboEmulator;
let qbo: QboTestClient;
let realmId: string;

beforeEach(async () => {
	({ emulator, client: qbo, realmId } = await startWithClient());
});
afterEach(async () => {
	await emulator.stop();
	for (const server of openReceivers.splice(0)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

describe('webhooks', () => {
	it('legacy format: aggregated changes, signed with the verifier token', async () => {
		const hook = await receiver();
		emulator.admin.registerWebhook({
			url: hook.url,
			verifierToken: 'verifier-abc',
			intervalMs: 50,
		});
		const c = await qbo.create('Customer', { DisplayName: 'Hooked Customer' });
		await qbo.post('customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'changed' });
		await emulator.admin.webhooks.idle();
		expect(hook.received).toHaveLength(1);
		const [delivery] = hook.received;
		expect(delivery.headers['intuit-signature']).toBe(
			intuitSignature('verifier-abc', delivery.body),
		);
		const payload = JSON.parse(delivery.body);
		expect(payload.eventNotifications).toEqual([
			{
				realmId,
				dataChangeEvent: {
					entities: [
						{ name: 'Customer', id: c.Id, operation: 'Create', lastUpdated: expect.any(String) },
						{ name: 'Customer', id: c.Id, operation: 'Update', lastUpdated: expect.any(String) },
					],
				},
			},
		]);
	});

	it('CloudEvents format: an array of qbo.<entity>.<verb>.v1 events, same signature scheme', async () => {
		const hook = await receiver();
		emulator.admin.registerWebhook({
			url: hook.url,
			verifierToken: 'v2',
			format: 'cloudevents',
			contentType: 'application/cloudevents+json',
			intervalMs: 20,
		});
		const inv = await qbo.one("select * from Invoice where DocNumber = '1003'");
		await qbo.post(
			'invoice',
			{ Id: inv.Id, SyncToken: inv.SyncToken },
			{ query: { operation: 'void' } },
		);
		await emulator.admin.webhooks.idle();
		const [delivery] = hook.received;
		expect(delivery.headers['content-type']).toBe('application/cloudevents+json');
		expect(delivery.headers['intuit-signature']).toBe(intuitSignature('v2', delivery.body));
		const events = JSON.parse(delivery.body);
		expect(events).toEqual([
			expect.objectContaining({
				specversion: '1.0',
				type: 'qbo.invoice.voided.v1',
				intuitentityid: inv.Id,
				intuitaccountid: realmId,
				datacontenttype: 'application/json',
				data: {},
			}),
		]);
		expect(events[0].id).toMatch(/-Invoice-\d+$/);
	});

	it("retries a non-2xx delivery on Intuit's schedule (scaled) and keeps later deliveries waiting", async () => {
		const hook = await receiver([500, 503]);
		emulator.admin.registerWebhook({
			url: hook.url,
			verifierToken: 't',
			intervalMs: 10,
			retryTimeScale: 0.005,
		});
		await qbo.create('Vendor', { DisplayName: 'First Event' });
		await new Promise((r) => setTimeout(r, 30));
		await qbo.create('Vendor', { DisplayName: 'Second Event' });
		await emulator.admin.webhooks.idle();
		const bodies = hook.received.map(
			(r) => JSON.parse(r.body).eventNotifications[0].dataChangeEvent.entities[0].id,
		);
		expect(hook.received).toHaveLength(4);
		expect(bodies[0]).toBe(bodies[1]);
		expect(bodies[1]).toBe(bodies[2]); // the same delivery, retried, before the second event
		expect(bodies[3]).not.toBe(bodies[0]);
		const [first] = emulator.admin.webhooks.deliveries;
		expect(first.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
		expect(first.state).toBe('delivered');
		// waits follow 0 s, 10 s, 20 s … scaled by 0.005 → ≥ 50 ms then ≥ 100 ms
		expect(hook.received[1].at - hook.received[0].at).toBeGreaterThanOrEqual(
			RETRY_SCHEDULE_S[1] * 5 - 5,
		);
		expect(hook.received[2].at - hook.received[1].at).toBeGreaterThanOrEqual(
			RETRY_SCHEDULE_S[2] * 5 - 5,
		);
	});

	it('gives up after maxAttempts and marks the delivery failed; deliveries are inspectable over HTTP', async () => {
		const hook = await receiver([500, 500, 500]);
		emulator.admin.registerWebhook({
			url: hook.url,
			verifierToken: 't',
			intervalMs: 10,
			retryTimeScale: 0.001,
			maxAttempts: 2,
		});
		await qbo.create('Vendor', { DisplayName: 'Doomed Event' });
		await emulator.admin.webhooks.idle();
		const deliveries = (await (
			await fetch(`${emulator.url}/__admin/webhooks/deliveries`)
		).json()) as Array<{ state: string; attempts: unknown[] }>;
		expect(deliveries[0]).toMatchObject({
			state: 'failed',
			attempts: [
				expect.objectContaining({ status: 500 }),
				expect.objectContaining({ status: 500 }),
			],
		});
	});
});

describe('invoice send and pdf', () => {
	it('send sets EmailStatus and counts toward the daily cap', async () => {
		emulator.admin.realm(realmId).options.emailsPerDay = 1;
		const inv = await qbo.one("select * from Invoice where DocNumber = '1003'");
		const sent = await qbo.post(`invoice/${inv.Id}/send`, '', {
			query: { sendTo: 'ap@freeman.example' },
			contentType: 'application/octet-stream',
		});
		expect(sent.json.Invoice).toMatchObject({
			EmailStatus: 'EmailSent',
			BillEmail: { Address: 'ap@freeman.example' },
			DeliveryInfo: { DeliveryType: 'Email' },
		});
		const capped = await qbo.post(`invoice/${inv.Id}/send`, '', {
			contentType: 'application/octet-stream',
		});
		expect(faultOf(capped)!.Detail).toMatch(/daily limit of 1 e-mails/);
	});

	it('pdf is a valid PDF with the number and total', async () => {
		const inv = await qbo.one("select * from Invoice where DocNumber = '1002'");
		const res = await fetch(`${emulator.url}/v3/company/${realmId}/invoice/${inv.Id}/pdf`, {
			headers: { authorization: `Bearer ${qbo.token}`, accept: 'application/pdf' },
		});
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(pdf).toContain('(Invoice 1002)');
		expect(pdf).toContain(`(Total: ${inv.TotalAmt.toFixed(2)})`);
		const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
		expect(pdf.slice(xref, xref + 4)).toBe('xref');
	});
});

describe('state', () => {
	it('the seed looks like a sandbox company', async () => {
		const count = async (sql: string) => (await qbo.query(sql)).json.QueryResponse.totalCount;
		expect(
			await count('select count(*) from Customer where Active in (true, false)'),
		).toBeGreaterThanOrEqual(30);
		expect(await count('select count(*) from Customer where Job = true')).toBeGreaterThanOrEqual(3);
		expect(await count('select count(*) from Customer where Active = false')).toBe(2);
		for (const type of ['Inventory', 'NonInventory', 'Service', 'Category'])
			expect(await count(`select count(*) from Item where Type = '${type}'`)).toBeGreaterThan(0);
		for (const type of [
			'Bank',
			'Credit Card',
			'Income',
			'Cost of Goods Sold',
			'Expense',
			'Other Current Asset',
			'Accounts Receivable',
			'Accounts Payable',
		]) {
			expect(
				await count(`select count(*) from Account where AccountType = '${type}'`),
			).toBeGreaterThan(0);
		}
		expect(
			await count("select count(*) from Account where AccountSubType = 'UndepositedFunds'"),
		).toBe(1);
		for (const entity of [
			'TaxCode',
			'TaxRate',
			'Term',
			'Invoice',
			'Payment',
			'Vendor',
			'Employee',
			'PaymentMethod',
			'Class',
			'Department',
		]) {
			expect(await count(`select count(*) from ${entity}`)).toBeGreaterThan(0);
		}
	});

	it('dumps a realm to JSON and loads it back over HTTP, ids and sequences included', async () => {
		await qbo.create('Customer', { DisplayName: 'Before Dump' });
		const dump = await (await fetch(`${emulator.url}/__admin/realms/${realmId}/dump`)).json();
		await qbo.create('Customer', { DisplayName: 'After Dump' });
		const load = await fetch(`${emulator.url}/__admin/realms/${realmId}/load`, {
			method: 'POST',
			body: JSON.stringify(dump),
		});
		expect(load.status).toBe(200);
		expect(
			(await qbo.query("select count(*) from Customer where DisplayName = 'After Dump'")).json
				.QueryResponse.totalCount,
		).toBe(0);
		const next = await qbo.create('Customer', { DisplayName: 'After Load' });
		const ids = (dump as { tables: { Customer: Array<{ Id: string }> } }).tables.Customer.map((c) =>
			Number(c.Id),
		);
		expect(Number(next.Id)).toBe(Math.max(...ids) + 1);
	});

	it('creates realms over HTTP and answers unknown admin routes with a pointer to the README', async () => {
		const created = await fetch(`${emulator.url}/__admin/realms`, {
			method: 'POST',
			body: JSON.stringify({
				seed: 'empty',
				companyName: 'Via Admin',
				preferences: { SalesFormsPrefs: { CustomTxnNumbers: true } },
			}),
		});
		const { realmId: newRealm } = (await created.json()) as { realmId: string };
		const token = (await (
			await fetch(`${emulator.url}/__admin/token`, {
				method: 'POST',
				body: JSON.stringify({ realmId: newRealm }),
			})
		).json()) as { access_token: string };
		const prefs = await fetch(`${emulator.url}/v3/company/${newRealm}/preferences`, {
			headers: { authorization: `Bearer ${token.access_token}` },
		});
		expect(
			((await prefs.json()) as { Preferences: { SalesFormsPrefs: { CustomTxnNumbers: boolean } } })
				.Preferences.SalesFormsPrefs.CustomTxnNumbers,
		).toBe(true);
		const unknown = await fetch(`${emulator.url}/__admin/nope`);
		expect(unknown.status).toBe(404);
		expect(await unknown.text()).toContain('README.md');
	});

	it('the clock moves by admin request', async () => {
		const before = emulator.admin.clock.now();
		await fetch(`${emulator.url}/__admin/clock`, {
			method: 'POST',
			body: JSON.stringify({ advanceMs: 86_400_000 }),
		});
		expect(emulator.admin.clock.now() - before).toBeGreaterThanOrEqual(86_400_000);
	});
});
