/** The reference field-service app (docs/app-contract.md): every object, state, conflict, paging, webhook. */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFieldApp, type FieldAppEmulator } from '../../../emulators/field-app';

let app: FieldAppEmulator;
const servers: http.Server[] = [];

beforeEach(async () => {
	app = await startFieldApp({ port: 0 });
});
afterEach(async () => {
	await app.stop();
	for (const s of servers.splice(0)) {
		s.closeAllConnections();
		await new Promise((r) => s.close(r));
	}
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
	const res = await fetch(`${app.url}${path}`, {
		method,
		headers: {
			'x-api-key': app.apiKey,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: await res.json() };
}
const get = (path: string) => call('GET', path);
const all = async (resource: string, query = '') =>
	(await get(`/v1/${resource}?limit=500${query}`)).json.data as Json[];
const byName = async (resource: string, name: string) =>
	(await all(resource)).find((r) => r.name === name);
const today = new Date().toISOString().slice(0, 10);

describe('records and listing', () => {
	it('needs the API key', async () => {
		const res = await fetch(`${app.url}/v1/customers`);
		expect(res.status).toBe(401);
		expect(((await res.json()) as Json).error.code).toBe('unauthorized');
	});

	it('every resource lists with data and nextCursor, and every record has the QuickBooks link and sync slots', async () => {
		for (const resource of [
			'customers',
			'locations',
			'items',
			'vendors',
			'tax-rates',
			'terms',
			'projects',
			'cost-codes',
			'invoices',
			'payments',
			'purchase-orders',
			'payables',
			'sales-orders',
		]) {
			const { status, json } = await get(`/v1/${resource}`);
			expect(status).toBe(200);
			expect(json.data.length).toBeGreaterThan(0);
			expect(json).toHaveProperty('nextCursor');
			expect(json.data[0]).toMatchObject({
				id: expect.any(String),
				version: expect.any(Number),
				qboId: null,
				qboSyncToken: null,
				sync: { fingerprint: null, syncedAt: null, error: null },
				deletedAt: null,
			});
			expect(json.data[0].updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		}
	});

	it('creates one of every object through the API', async () => {
		const tax = (await call('POST', '/v1/tax-rates', { name: 'Test Rate', rate: 5 })).json;
		const term = (await call('POST', '/v1/terms', { name: 'Net 10', dueDays: 10 })).json;
		const customer = (
			await call('POST', '/v1/customers', {
				name: 'Every Object Co',
				billingEmail: 'eo@example.com',
				taxRateId: tax.id,
				termsId: term.id,
				billingAddress: { line1: '1 Main', city: 'Town' },
			})
		).json;
		const location = (
			await call('POST', '/v1/locations', { customerId: customer.id, name: 'Depot' })
		).json;
		const item = (
			await call('POST', '/v1/items', {
				name: 'Every Item',
				type: 'equipment',
				sku: 'EQ-EVERY',
				price: 100,
				cost: 60,
				accounts: { income: 'Services', expense: 'Cost of Goods Sold', asset: 'Inventory Asset' },
			})
		).json;
		const vendor = (await call('POST', '/v1/vendors', { name: 'Every Vendor', termsId: term.id }))
			.json;
		const project = (
			await call('POST', '/v1/projects', { name: 'Every Project', customerId: customer.id })
		).json;
		const code = (await call('POST', '/v1/cost-codes', { code: '99-999', name: 'Everything' }))
			.json;
		const invoice = (
			await call('POST', '/v1/invoices', {
				customerId: customer.id,
				locationId: location.id,
				date: today,
				lines: [{ itemId: item.id, quantity: 1, rate: 100 }],
			})
		).json;
		expect(invoice).toMatchObject({ total: 105, dueDate: expect.any(String) });
		expect(
			(
				await call('POST', '/v1/purchase-orders', {
					vendorId: vendor.id,
					date: today,
					lines: [{ itemId: item.id, quantity: 2, unitCost: 60 }],
				})
			).json.total,
		).toBe(120);
		expect(
			(
				await call('POST', '/v1/payables', {
					vendorId: vendor.id,
					type: 'bill',
					date: today,
					lines: [{ amount: 10, projectId: project.id, costCodeId: code.id }],
				})
			).json.status,
		).toBe('open');
		expect(
			(
				await call('POST', '/v1/sales-orders', {
					customerId: customer.id,
					date: today,
					status: 'quote',
					lines: [{ itemId: item.id, quantity: 1, unitPrice: 100 }],
				})
			).json.status,
		).toBe('quote');
		expect(
			(
				await call('POST', '/v1/payments', {
					customerId: customer.id,
					date: today,
					amount: 5,
					method: 'cash',
				})
			).status,
		).toBe(201);
		const other = (await call('POST', '/v1/customers', { name: 'Other Co' })).json;
		const wrongLocation = await call('POST', '/v1/invoices', {
			customerId: other.id,
			locationId: location.id,
			date: today,
			lines: [{ itemId: item.id, quantity: 1, rate: 1 }],
		});
		expect(wrongLocation.json.error.field).toBe('locationId');
	});

	it('voids and cancels only from the states that allow it', async () => {
		const cool = await byName('customers', 'Cool Cars');
		const design = await byName('items', 'Design');
		const inv = (
			await call('POST', '/v1/invoices', {
				customerId: cool.id,
				date: today,
				lines: [{ itemId: design.id, quantity: 1, rate: 75 }],
			})
		).json;
		expect(
			(
				await call('POST', `/v1/invoices/${inv.id}/transition`, {
					version: inv.version,
					status: 'void',
				})
			).json.status,
		).toBe('void');
		const ace = await byName('vendors', 'Ace Irrigation Supply');
		const po = (
			await call('POST', '/v1/purchase-orders', {
				vendorId: ace.id,
				date: today,
				lines: [{ itemId: design.id, quantity: 1, unitCost: 1 }],
			})
		).json;
		expect(
			(
				await call('POST', `/v1/purchase-orders/${po.id}/transition`, {
					version: po.version,
					status: 'cancelled',
				})
			).json.status,
		).toBe('cancelled');
		const fulfilled = (await all('purchase-orders', '&status=fulfilled'))[0];
		expect(
			(
				await call('POST', `/v1/purchase-orders/${fulfilled.id}/transition`, {
					version: fulfilled.version,
					status: 'cancelled',
				})
			).json.error.code,
		).toBe('invalid_transition');
		const so = (
			await call('POST', '/v1/sales-orders', {
				customerId: cool.id,
				date: today,
				status: 'quote',
				lines: [{ itemId: design.id, quantity: 1, unitPrice: 1 }],
			})
		).json;
		expect(
			(
				await call('POST', `/v1/sales-orders/${so.id}/transition`, {
					version: so.version,
					status: 'invoiced',
				})
			).json.error.allowed,
		).toEqual(['open', 'cancelled']);
		const bill = (await all('payables', '&type=bill'))[0];
		const voided = (
			await call('POST', `/v1/payables/${bill.id}/transition`, {
				version: bill.version,
				status: 'void',
			})
		).json;
		expect(
			(
				await call('POST', `/v1/payables/${bill.id}/transition`, {
					version: voided.version,
					status: 'open',
				})
			).json.error.code,
		).toBe('invalid_transition');
		const paidInvoice = (await all('invoices', '&status=paid'))[0];
		expect(
			(await call('DELETE', `/v1/invoices/${paidInvoice.id}?version=${paidInvoice.version}`)).json
				.error.code,
		).toBe('locked');
	});

	it('validation errors name the field and every problem', async () => {
		const res = await call('POST', '/v1/customers', {
			name: ' ',
			billingEmail: 'not-an-email',
			extra: 1,
		});
		expect(res.status).toBe(400);
		expect(res.json.error.code).toBe('validation_failed');
		expect(res.json.error.details.map((d: Json) => d.field).sort()).toEqual([
			'(body)',
			'billingEmail',
			'name',
		]);
		const badRef = await call('POST', '/v1/invoices', {
			customerId: 'cus_9999',
			date: today,
			lines: [{ itemId: 'itm_0001', quantity: 1, rate: 1 }],
		});
		expect(badRef.json.error).toMatchObject({ code: 'validation_failed', field: 'customerId' });
	});

	it('pages past one page with a cursor, in (updatedAt, id) order, without gaps or repeats', async () => {
		for (let n = 0; n < 30; n++) await call('POST', '/v1/vendors', { name: `Paged Vendor ${n}` });
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const { json }: { json: Json } = await get(
				`/v1/vendors?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
			);
			seen.push(...json.data.map((v: Json) => v.id));
			cursor = json.nextCursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(Math.ceil(seen.length / 7));
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.length).toBe((await all('vendors')).length);
		expect((await get('/v1/vendors?limit=501')).json.error.field).toBe('limit');
		expect((await get('/v1/vendors?cursor=garbage')).json.error.code).toBe('invalid_cursor');
	});

	it('updatedSince returns what changed since, deletions included', async () => {
		const since = new Date().toISOString();
		const created = (await call('POST', '/v1/customers', { name: 'Changed Later' })).json;
		const item = await byName('items', 'Trenching');
		await call('DELETE', `/v1/items/${item.id}?version=${item.version}`);
		const customers = (await get(`/v1/customers?updatedSince=${since}`)).json.data;
		expect(customers.map((c: Json) => c.id)).toEqual([created.id]);
		const items = (await get(`/v1/items?updatedSince=${since}`)).json.data;
		expect(items).toEqual([
			expect.objectContaining({ id: item.id, active: false, deletedAt: expect.any(String) }),
		]);
		expect((await all('items')).some((i) => i.id === item.id)).toBe(false);
	});
});

describe('sync support: alsoIds and Idempotency-Key', () => {
	it('alsoIds lists records whatever their updatedAt, in the same pages, unknown ids ignored', async () => {
		const [first] = await all('customers');
		const since = new Date(Date.now() + 60_000).toISOString();
		expect((await all('customers', `&updatedSince=${since}`)).map((c: Json) => c.id)).toEqual([]);
		expect(
			(await all('customers', `&updatedSince=${since}&alsoIds=${first.id},cus_missing`)).map(
				(c: Json) => c.id,
			),
		).toEqual([first.id]);
		expect(
			(await all('customers', `&updatedSince=${since}&alsoIds=`)).map((c: Json) => c.id),
		).toEqual([]);
	});

	it('a POST repeated with its Idempotency-Key creates nothing and answers the first record, also when both arrive at once', async () => {
		const key = { 'idempotency-key': 'quickbooks-sync:123:customers:57' };
		const count = (await all('customers')).length;
		const [a, b] = await Promise.all([
			call('POST', '/v1/customers', { name: 'Once Only' }, key),
			call('POST', '/v1/customers', { name: 'Once Only' }, key),
		]);
		const c = await call('POST', '/v1/customers', { name: 'Once Only' }, key);
		expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
		expect(new Set([a.json.id, b.json.id, c.json.id]).size).toBe(1);
		expect((await all('customers')).length).toBe(count + 1);
		expect(
			(await call('POST', '/v1/items', { name: 'Other', type: 'service' }, key)).json.error,
		).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
	});

	it('a refused create keeps no key: the corrected POST with the same key creates', async () => {
		const key = { 'idempotency-key': 'quickbooks-sync:123:customers:58' };
		expect((await call('POST', '/v1/customers', { name: '' }, key)).status).toBe(400);
		expect(await call('POST', '/v1/customers', { name: 'Fixed' }, key)).toMatchObject({
			status: 201,
			json: { name: 'Fixed' },
		});
	});
});

describe('optimistic concurrency', () => {
	it('a PATCH with an old version is 409 version_conflict with the current record', async () => {
		const c = await byName('customers', 'Mark Cho');
		const first = await call('PATCH', `/v1/customers/${c.id}`, {
			version: c.version,
			notes: 'first edit',
		});
		expect(first.status).toBe(200);
		expect(first.json.version).toBe(c.version + 1);
		const stale = await call('PATCH', `/v1/customers/${c.id}`, {
			version: c.version,
			notes: 'second edit',
		});
		expect(stale.status).toBe(409);
		expect(stale.json.error).toMatchObject({
			code: 'version_conflict',
			currentVersion: c.version + 1,
			current: { notes: 'first edit' },
		});
		const viaHeader = await call(
			'PATCH',
			`/v1/customers/${c.id}`,
			{ notes: 'third edit' },
			{ 'if-match': `"${c.version + 1}"` },
		);
		expect(viaHeader.json.notes).toBe('third edit');
		expect(
			(await call('PATCH', `/v1/customers/${c.id}`, { notes: 'no version' })).json.error.field,
		).toBe('version');
	});

	it('writing the QuickBooks link does not change version or updatedAt and sends no webhook', async () => {
		const c = await byName('customers', 'Cool Cars');
		const linked = await call('PUT', `/v1/customers/${c.id}/sync`, {
			qboId: '3',
			qboSyncToken: '0',
			fingerprint: 'sha1:abc',
			syncedAt: new Date().toISOString(),
		});
		expect(linked.json).toMatchObject({
			version: c.version,
			updatedAt: c.updatedAt,
			qboId: '3',
			qboSyncToken: '0',
			sync: { fingerprint: 'sha1:abc' },
		});
		expect(app.state.webhooks.deliveries).toHaveLength(0);
	});

	it("an invoice takes QuickBooks' number and keeps its own as appNumber", async () => {
		const inv = (await all('invoices', '&status=ready_for_sync'))[0];
		const linked = (
			await call('PUT', `/v1/invoices/${inv.id}/sync`, {
				qboId: '140',
				qboSyncToken: '0',
				qboDocNumber: '1040',
			})
		).json;
		expect(linked).toMatchObject({ number: '1040', appNumber: inv.appNumber, qboId: '140' });
	});
});

describe('invoices', () => {
	it('go draft → approved → ready_for_sync → unpaid → partially_paid → paid, and refuse other moves', async () => {
		const customer = await byName('customers', 'Kate Whelan');
		const design = await byName('items', 'Design');
		let inv = (
			await call('POST', '/v1/invoices', {
				customerId: customer.id,
				date: today,
				lines: [{ itemId: design.id, quantity: 2, rate: 75 }],
			})
		).json;
		expect(inv).toMatchObject({
			status: 'draft',
			total: 150,
			balance: 150,
			number: expect.stringMatching(/^FA-\d+$/),
		});
		const move = async (status: string) =>
			(await call('POST', `/v1/invoices/${inv.id}/transition`, { version: inv.version, status }))
				.json;
		const wrong = await call('POST', `/v1/invoices/${inv.id}/transition`, {
			version: inv.version,
			status: 'paid',
		});
		expect(wrong.status).toBe(409);
		expect(wrong.json.error).toMatchObject({
			code: 'invalid_transition',
			allowed: ['approved', 'void'],
		});
		inv = await move('approved');
		inv = await move('ready_for_sync');
		const unlinked = await move('unpaid');
		expect(unlinked.error.message).toMatch(/not linked to QuickBooks/);
		await call('PUT', `/v1/invoices/${inv.id}/sync`, { qboId: '501', qboSyncToken: '0' });
		inv = await move('unpaid');
		expect(inv.status).toBe('unpaid');
		await call('POST', '/v1/payments', {
			customerId: customer.id,
			date: today,
			amount: 50,
			method: 'cash',
			applications: [{ invoiceId: inv.id, amount: 50 }],
		});
		expect((await get(`/v1/invoices/${inv.id}`)).json).toMatchObject({
			status: 'partially_paid',
			balance: 100,
			amountPaid: 50,
		});
		const second = (
			await call('POST', '/v1/payments', {
				customerId: customer.id,
				date: today,
				amount: 100,
				method: 'card',
				applications: [{ invoiceId: inv.id, amount: 100 }],
			})
		).json;
		expect((await get(`/v1/invoices/${inv.id}`)).json).toMatchObject({
			status: 'paid',
			balance: 0,
		});
		const locked = (await get(`/v1/invoices/${inv.id}`)).json;
		expect(
			(
				await call('PATCH', `/v1/invoices/${inv.id}`, {
					version: locked.version,
					memo: 'late edit',
				})
			).json.error.code,
		).toBe('locked');
		expect((await call('DELETE', `/v1/payments/${second.id}`)).json.error.field).toBe('version');
		await call('DELETE', `/v1/payments/${second.id}?version=${second.version}`);
		expect((await get(`/v1/invoices/${inv.id}`)).json).toMatchObject({
			status: 'partially_paid',
			balance: 100,
		});
	});

	it("computes tax from the customer's rate on taxable items, and allows $0 invoices", async () => {
		const amy = await byName('customers', "Amy's Bird Sanctuary");
		const sod = await byName('items', 'Sod ');
		const design = await byName('items', 'Design');
		const inv = (
			await call('POST', '/v1/invoices', {
				customerId: amy.id,
				date: today,
				lines: [
					{ itemId: sod.id, quantity: 10, rate: 20 },
					{ itemId: design.id, quantity: 1, rate: 75 },
				],
			})
		).json;
		expect(inv).toMatchObject({ subtotal: 275, tax: 14.5, total: 289.5 });
		const zero = (
			await call('POST', '/v1/invoices', {
				customerId: amy.id,
				date: today,
				lines: [{ itemId: design.id, quantity: 1, rate: 0 }],
			})
		).json;
		expect(zero).toMatchObject({ total: 0, balance: 0 });
	});
});

describe('credit memos and refunds', () => {
	it('are taxed like invoices, numbered CM- and RF-, voided by transition and then locked', async () => {
		const amy = await byName('customers', "Amy's Bird Sanctuary");
		const sod = await byName('items', 'Sod ');
		const memo = (
			await call('POST', '/v1/credit-memos', {
				customerId: amy.id,
				date: today,
				lines: [{ itemId: sod.id, quantity: 10, rate: 20 }],
			})
		).json;
		expect(memo).toMatchObject({
			number: expect.stringMatching(/^CM-\d+$/),
			status: 'open',
			subtotal: 200,
			tax: 14.5,
			total: 214.5,
		});
		const refund = await call('POST', '/v1/refunds', {
			customerId: amy.id,
			date: today,
			method: 'wire',
			lines: [{ itemId: sod.id, quantity: 1, rate: 20 }],
		});
		expect(refund).toMatchObject({ status: 400, json: { error: { field: 'method' } } });
		const ok = (
			await call('POST', '/v1/refunds', {
				customerId: amy.id,
				date: today,
				method: 'check',
				reference: '1001',
				lines: [{ itemId: sod.id, quantity: 1, rate: 20 }],
			})
		).json;
		expect(ok).toMatchObject({
			number: expect.stringMatching(/^RF-\d+$/),
			status: 'issued',
			total: 21.45,
		});
		const voided = (
			await call('POST', `/v1/credit-memos/${memo.id}/transition`, {
				version: memo.version,
				status: 'void',
			})
		).json;
		expect(voided.status).toBe('void');
		expect(
			(
				await call('PATCH', `/v1/credit-memos/${memo.id}`, {
					version: voided.version,
					memo: 'late edit',
				})
			).json.error.code,
		).toBe('locked');
		expect((await call('DELETE', `/v1/refunds/${ok.id}?version=${ok.version}`)).status).toBe(200);
	});
});

describe('payments', () => {
	it('one payment over several invoices; over-payment becomes unappliedAmount; more than the balance is refused', async () => {
		const hoa = await byName('customers', 'Maple Street HOA');
		const gardening = await byName('items', 'Gardening');
		const post = async (rate: number, qbo: string) => {
			let inv = (
				await call('POST', '/v1/invoices', {
					customerId: hoa.id,
					date: today,
					status: 'ready_for_sync',
					lines: [{ itemId: gardening.id, quantity: 1, rate }],
				})
			).json;
			await call('PUT', `/v1/invoices/${inv.id}/sync`, { qboId: qbo });
			inv = (
				await call('POST', `/v1/invoices/${inv.id}/transition`, {
					version: inv.version,
					status: 'unpaid',
				})
			).json;
			return inv;
		};
		const a = await post(100, '801');
		const b = await post(40, '802');
		const pay = (
			await call('POST', '/v1/payments', {
				customerId: hoa.id,
				date: today,
				amount: 150,
				method: 'check',
				applications: [
					{ invoiceId: a.id, amount: 100 },
					{ invoiceId: b.id, amount: 40 },
				],
			})
		).json;
		expect(pay.unappliedAmount).toBe(10);
		expect((await get(`/v1/invoices/${a.id}`)).json.status).toBe('paid');
		const c = await post(30, '803');
		const over = await call('POST', '/v1/payments', {
			customerId: hoa.id,
			date: today,
			amount: 40,
			method: 'cash',
			applications: [{ invoiceId: c.id, amount: 40 }],
		});
		expect(over.json.error).toMatchObject({
			code: 'validation_failed',
			field: 'applications.0.amount',
		});
		const draft = (
			await call('POST', '/v1/invoices', {
				customerId: hoa.id,
				date: today,
				lines: [{ itemId: gardening.id, quantity: 1, rate: 5 }],
			})
		).json;
		expect(
			(
				await call('POST', '/v1/payments', {
					customerId: hoa.id,
					date: today,
					amount: 5,
					method: 'cash',
					applications: [{ invoiceId: draft.id, amount: 5 }],
				})
			).json.error.code,
		).toBe('invalid_state');
		const credit = (
			await call('POST', '/v1/payments', {
				customerId: hoa.id,
				date: today,
				amount: 25,
				method: 'store_credit',
			})
		).json;
		expect(credit).toMatchObject({ method: 'store_credit', unappliedAmount: 25, applications: [] });
	});
});

describe('purchasing and sales orders', () => {
	it('purchase orders: partial then full receipts move unfulfilled → partial → fulfilled; over-receipt is refused; prepayments are marked', async () => {
		const ace = await byName('vendors', 'Ace Irrigation Supply');
		const pump = await byName('items', 'Pump');
		const po = (
			await call('POST', '/v1/purchase-orders', {
				vendorId: ace.id,
				date: today,
				lines: [{ itemId: pump.id, quantity: 10, unitCost: 10 }],
			})
		).json;
		expect(po).toMatchObject({
			status: 'unfulfilled',
			total: 100,
			number: expect.stringMatching(/^PO-/),
		});
		const prepaid = (
			await call('POST', `/v1/purchase-orders/${po.id}/payments`, {
				date: today,
				amount: 30,
				method: 'check',
			})
		).json;
		expect(prepaid.payments[0]).toMatchObject({ amount: 30, prepayment: true });
		expect(
			(
				await call('POST', `/v1/purchase-orders/${po.id}/receipts`, {
					date: today,
					lines: [{ lineId: 'l1', quantity: 4 }],
				})
			).json.status,
		).toBe('partial');
		expect(
			(
				await call('POST', `/v1/purchase-orders/${po.id}/receipts`, {
					date: today,
					lines: [{ lineId: 'l1', quantity: 7 }],
				})
			).json.error.code,
		).toBe('over_receipt');
		const full = (
			await call('POST', `/v1/purchase-orders/${po.id}/receipts`, {
				date: today,
				lines: [{ lineId: 'l1', quantity: 6 }],
			})
		).json;
		expect(full).toMatchObject({
			status: 'fulfilled',
			receipts: [expect.anything(), expect.anything()],
		});
		expect(full.lines[0].receivedQuantity).toBe(10);
		expect(
			(
				await call('POST', `/v1/purchase-orders/${po.id}/payments`, {
					date: today,
					amount: 70,
					method: 'check',
				})
			).json.payments[1].prepayment,
		).toBe(false);
	});

	it('payables are bills or expenses; an expense needs its purchase account; projects and cost codes must exist', async () => {
		const hall = await byName('vendors', 'Hall Properties');
		const noAccount = await call('POST', '/v1/payables', {
			vendorId: hall.id,
			type: 'expense',
			date: today,
			lines: [{ amount: 10 }],
		});
		expect(noAccount.json.error).toMatchObject({
			code: 'validation_failed',
			field: 'purchaseAccount',
		});
		const badProject = await call('POST', '/v1/payables', {
			vendorId: hall.id,
			type: 'bill',
			date: today,
			lines: [{ amount: 10, projectId: 'prj_9999' }],
		});
		expect(badProject.json.error.field).toBe('lines.0.projectId');
		const bill = (
			await call('POST', '/v1/payables', {
				vendorId: hall.id,
				type: 'bill',
				date: today,
				lines: [{ amount: 10.5 }, { amount: 4.5 }],
			})
		).json;
		expect(bill).toMatchObject({ type: 'bill', total: 15, status: 'open' });
		expect(
			(
				await call('POST', `/v1/payables/${bill.id}/transition`, {
					version: bill.version,
					status: 'paid',
				})
			).json.status,
		).toBe('paid');
	});

	it('sales orders: open → invoiced → partially_paid → paid through payments', async () => {
		const cool = await byName('customers', 'Cool Cars');
		const pump = await byName('items', 'Pump');
		let so = (
			await call('POST', '/v1/sales-orders', {
				customerId: cool.id,
				date: today,
				lines: [{ itemId: pump.id, quantity: 2, unitPrice: 15 }],
			})
		).json;
		expect(
			(
				await call('POST', `/v1/sales-orders/${so.id}/payments`, {
					date: today,
					amount: 5,
					method: 'card',
				})
			).json.error.code,
		).toBe('invalid_state');
		so = (
			await call('POST', `/v1/sales-orders/${so.id}/transition`, {
				version: so.version,
				status: 'invoiced',
			})
		).json;
		expect(
			(
				await call('POST', `/v1/sales-orders/${so.id}/payments`, {
					date: today,
					amount: 10,
					method: 'card',
				})
			).json.status,
		).toBe('partially_paid');
		const rest = so.total - 10;
		expect(
			(
				await call('POST', `/v1/sales-orders/${so.id}/payments`, {
					date: today,
					amount: rest,
					method: 'card',
				})
			).json.status,
		).toBe('paid');
	});
});

describe('seed overlaps with the QuickBooks emulator', () => {
	it('has the realistic rough edges the templates must handle', async () => {
		const customers = await all('customers', '&includeDeleted=true');
		const shared = customers.filter((c) => c.billingEmail === 'Sporting_goods@intuit.com');
		expect(shared.map((c) => c.name).sort()).toEqual(['Freeman Outlet', 'Freeman Sporting Goods']);
		expect(customers.find((c) => c.name.endsWith(' '))?.name).toBe('Sushi by Katsuyuki ');
		expect(customers.find((c) => c.name === 'Old Mill Bakery').active).toBe(false);
		const items = await all('items');
		expect(items.find((i) => i.name === 'Rocks').sku).toBeNull();
		expect(items.find((i) => i.name === 'Sod ')).toBeDefined();
		expect(items.some((i) => i.type === 'equipment')).toBe(true);
		const freeman = customers.find((c) => c.name === 'Freeman Sporting Goods');
		expect((await all('locations', `&customerId=${freeman.id}`)).map((l) => l.name)).toEqual([
			'0969 Ocean View Road',
			'55 Twin Lane',
			'12 Harbor Blvd',
		]);
		const statuses = new Set((await all('invoices')).map((i) => i.status));
		for (const s of ['draft', 'approved', 'ready_for_sync', 'partially_paid', 'paid'])
			expect(statuses.has(s)).toBe(true);
		expect((await all('invoices')).some((i) => i.total === 0)).toBe(true);
		expect(new Set((await all('purchase-orders')).map((p) => p.status))).toEqual(
			new Set(['partial', 'fulfilled', 'unfulfilled']),
		);
		expect(new Set((await all('payables')).map((p) => p.type))).toEqual(
			new Set(['bill', 'expense']),
		);
	});

	it('SKUs are unique', async () => {
		const res = await call('POST', '/v1/items', {
			name: 'Another Pump',
			type: 'inventory',
			sku: 'INV-PUMP',
		});
		expect(res.status).toBe(409);
		expect(res.json.error).toMatchObject({ code: 'duplicate', field: 'sku' });
	});
});

describe('webhooks, faults, state', () => {
	async function receiver(statuses: number[]) {
		const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push({ headers: req.headers, body });
				res.writeHead(statuses.shift() ?? 200).end();
			});
		});
		servers.push(server);
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`, received };
	}

	it('signs every change with HMAC-SHA256 over "timestamp.body" and retries failures in order', async () => {
		const hook = await receiver([500]);
		const secret = 'a-long-shared-secret-123';
		await fetch(`${app.url}/__admin/webhooks`, {
			method: 'POST',
			body: JSON.stringify({
				url: hook.url,
				secret,
				events: ['customers.*'],
				retryTimeScale: 0.01,
			}),
		});
		const created = (await call('POST', '/v1/customers', { name: 'Webhook Customer' })).json;
		await call('PATCH', `/v1/customers/${created.id}`, { version: 1, phone: '555-0100' });
		await call('POST', '/v1/vendors', { name: 'Not Subscribed' });
		await app.state.webhooks.idle();
		expect(hook.received.map((r) => JSON.parse(r.body).type)).toEqual([
			'customers.created',
			'customers.created',
			'customers.updated',
		]);
		for (const { headers, body } of hook.received) {
			const expected = `sha256=${createHmac('sha256', secret).update(`${headers['x-fieldapp-timestamp']}.${body}`).digest('hex')}`;
			expect(headers['x-fieldapp-signature']).toBe(expected);
		}
		expect(JSON.parse(hook.received[2].body).record).toMatchObject({
			id: created.id,
			version: 2,
			phone: '555-0100',
		});
		const deliveries = (await (
			await fetch(`${app.url}/__admin/webhooks/deliveries`)
		).json()) as Json[];
		expect(deliveries[0].attempts.map((a: Json) => a.status)).toEqual([500, 200]);
	});

	it('injects 5xx, slow answers and 409 version conflicts', async () => {
		await fetch(`${app.url}/__admin/faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: '503', count: 1 }),
		});
		expect((await get('/v1/customers')).status).toBe(503);
		expect((await get('/v1/customers')).status).toBe(200);
		await fetch(`${app.url}/__admin/faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: '409', method: 'PATCH' }),
		});
		const c = await byName('customers', 'Cool Cars');
		expect(
			(await call('PATCH', `/v1/customers/${c.id}`, { version: c.version, notes: 'x' })).json.error
				.code,
		).toBe('version_conflict');
		await fetch(`${app.url}/__admin/faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: 'slow', delayMs: 300 }),
		});
		const started = Date.now();
		await get('/v1/terms');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		const log = (await (await fetch(`${app.url}/__admin/log?limit=5`)).json()) as Json[];
		expect(log.map((e) => e.injected).filter(Boolean)).toEqual(['503', '409', 'slow']);
	});

	it('dumps and loads its whole state', async () => {
		const dump = await (await fetch(`${app.url}/__admin/dump`)).json();
		await call('POST', '/v1/customers', { name: 'After Dump' });
		await fetch(`${app.url}/__admin/load`, { method: 'POST', body: JSON.stringify(dump) });
		expect(await byName('customers', 'After Dump')).toBeUndefined();
		const next = (await call('POST', '/v1/customers', { name: 'After Load' })).json;
		expect(next.id).toBe(`cus_${String((dump as Json).counters.customers + 1).padStart(4, '0')}`);
	});
});
