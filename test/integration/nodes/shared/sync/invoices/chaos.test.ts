/**
 * The invoice push under chaos: 300 invoices pushed by two overlapping executions while the QBO
 * emulator answers 10 % of requests with faults (XML 429s, 500s, 503s, connection resets), then the
 * next scheduled run: QuickBooks holds exactly 300 invoices, each once, each with the app's total,
 * and every app invoice is linked to its own. Then 30 edits pushed with a stale SyncToken (5010) on
 * the way, and payments of all 300 pushed twice at once: each applied once.
 * The transport's waits run on a fake clock (QBO's pace and backoffs without waiting).
 */
import type { IDataObject } from 'n8n-workflow';

import { transportTiming } from '../../../../../../nodes/shared/qbo/transport';
import { resetThrottles } from '../../../../../../nodes/shared/qbo/throttle';
import { startFieldApp, type FieldAppEmulator } from '../../../../../emulators/field-app';
import type { QboEmulator } from '../../../../../emulators/qbo';
import { buildInvoiceFixture, type InvoiceFixture } from '../../../../../support/invoice-fixture';
import {
	fieldAppCall,
	runEngine,
	startWithClient,
	engineCredentials,
	INVOICE_PUSH,
} from '../../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const COUNT = 300;
let qbo: QboEmulator;
let realmId: string;
let app: FieldAppEmulator;
let credentials: IDataObject;
let fixture: InvoiceFixture;
const saved = { ...transportTiming };
const chaos = new Set<string>();

const appCall = fieldAppCall(() => app);
const list = async (resource: string) =>
	(await appCall('GET', `/v1/${resource}?limit=500&includeDeleted=true`)).data as Json[];
const references = async () => [
	...(await list('customers')),
	...(await list('locations')),
	...(await list('items')),
];

const engine = (parameters: IDataObject, input: Json[]) =>
	runEngine(credentials, parameters, input);
const pushInvoices = async () =>
	engine({ ...INVOICE_PUSH }, [...(await list('invoices')), ...(await references())]);
const pushPayments = async () =>
	engine(
		{ resource: 'payment', operation: 'sync', paymentDirection: 'appToQuickBooks', dryRun: false },
		[
			...(await list('payments')),
			...(await list('invoices')),
			...(await list('customers')),
			...(await list('locations')),
		],
	);
/** The template's write node: each write in order; one that fails (an invoice changed meanwhile) stops it, as in n8n. */
async function apply(run: Awaited<ReturnType<typeof engine>>) {
	for (const w of run.writes) await appCall(w.method, w.path, w.body).catch(() => undefined);
}
const ours = () =>
	qbo.admin
		.realm(realmId)
		.all('Invoice')
		.filter((i) => /\[app invoice inv_/.test(String(i.PrivateNote ?? '')));

beforeAll(async () => {
	let now = 1_800_000_000_000;
	transportTiming.now = () => now;
	// Advances the clock, and still yields to the event loop so answers in flight arrive (a wait for a free slot polls).
	transportTiming.sleep = async (ms: number) => {
		now += ms;
		await new Promise((resolve) => setImmediate(resolve));
	};
	resetThrottles();
	({ emulator: qbo, realmId } = await startWithClient());
	app = await startFieldApp({ port: 0, seed: false });
	credentials = engineCredentials(qbo, realmId);
	fixture = await buildInvoiceFixture(qbo, realmId, appCall);
	// The fixture's own invoices are out of the way: 300 more, each with its own total.
	for (const invoice of await list('invoices'))
		if (['draft', 'approved'].includes(invoice.status))
			await appCall('DELETE', `/v1/invoices/${invoice.id}?version=${invoice.version}`);
	for (let i = 0; i < COUNT; i++) {
		const customerId = i % 2 ? fixture.customers.taxed.id : fixture.customers.plain.id;
		chaos.add(
			app.state.app.create('invoices', {
				customerId,
				date: '2026-11-20',
				status: 'ready_for_sync',
				lines: [
					{
						itemId: fixture.items.design.id,
						description: `Visit ${i}`,
						quantity: 1 + (i % 5),
						rate: 75,
					},
					{ itemId: fixture.items.sod.id, quantity: i % 7, rate: 20 },
				],
			}).id,
		);
	}
}, 60_000);
afterAll(async () => {
	Object.assign(transportTiming, saved);
	resetThrottles();
	await app.stop();
	await qbo.stop();
});

describe('invoice push under faults and overlap', () => {
	it('leaves exactly one QuickBooks invoice per app invoice, with its total, after two overlapping runs and the next one', async () => {
		for (const kind of ['429', '500', '503', 'reset'] as const)
			qbo.admin.injectFault({ kind, percent: 2.5, seed: kind.length * 7 });
		const [a, b] = await Promise.all([pushInvoices(), pushInvoices()]);
		await apply(a);
		await apply(b);
		qbo.admin.faults.clear();
		const next = await pushInvoices();
		await apply(next);
		expect(qbo.admin.log.filter((e) => e.injected).length).toBeGreaterThan(20);

		const appInvoices = (await list('invoices')).filter((i) => chaos.has(i.id));
		const qboInvoices = ours().filter((q) =>
			chaos.has(/\[app invoice ([^\]]+)\]/.exec(q.PrivateNote)![1]),
		);
		expect(appInvoices).toHaveLength(COUNT);
		expect(qboInvoices).toHaveLength(COUNT);
		const byMarker = new Map(
			qboInvoices.map((q) => [/\[app invoice ([^\]]+)\]/.exec(q.PrivateNote)![1], q]),
		);
		expect(byMarker.size).toBe(COUNT);
		for (const invoice of appInvoices) {
			const q = byMarker.get(invoice.id);
			expect(q?.Id).toBe(invoice.qboId);
			expect(q?.TotalAmt).toBeCloseTo(invoice.total, 2); // the app's tax (7.25 %) and QuickBooks' agree
			expect(invoice.status).toBe('unpaid');
		}
		expect((await pushInvoices()).summary).toMatchObject({ created: 0, updated: 0 });
	});

	it('updates 30 edited invoices once each through a stale SyncToken', async () => {
		const edited = (await list('invoices'))
			.filter((i) => i.qboId && i.status === 'unpaid')
			.slice(0, 30);
		for (const invoice of edited)
			await appCall('PATCH', `/v1/invoices/${invoice.id}`, {
				version: invoice.version,
				memo: 'Edited after the sync',
			});
		qbo.admin.injectFault({ kind: '5010', method: 'POST', path: '/invoice', count: 1 });
		const run = await pushInvoices();
		await apply(run);
		expect(run.summary).toMatchObject({ updated: 30, issues: 0 });
		for (const invoice of edited)
			expect(qbo.admin.realm(realmId).get('Invoice', invoice.qboId)?.CustomerMemo?.value).toBe(
				'Edited after the sync',
			);
	});

	it('applies a payment of every invoice once when two runs overlap', async () => {
		const invoices = (await list('invoices')).filter((i) => i.qboId && i.status === 'unpaid');
		for (const invoice of invoices)
			app.state.app.create('payments', {
				customerId: invoice.customerId,
				date: '2026-11-28',
				amount: invoice.total,
				method: 'check',
				applications: [{ invoiceId: invoice.id, amount: invoice.total }],
			});
		for (const kind of ['429', '503', 'reset'] as const)
			qbo.admin.injectFault({ kind, percent: 3, seed: 11 });
		const [a, b] = await Promise.all([pushPayments(), pushPayments()]);
		qbo.admin.faults.clear();
		await apply(a);
		await apply(b);
		await apply(await pushPayments());
		const payments = qbo.admin
			.realm(realmId)
			.all('Payment')
			.filter((p) => /\[app payment /.test(String(p.PrivateNote ?? '')));
		expect(payments).toHaveLength(invoices.length);
		for (const invoice of invoices)
			expect(qbo.admin.realm(realmId).get('Invoice', invoice.qboId)?.Balance).toBe(0);
	});
});
