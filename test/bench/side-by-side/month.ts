/**
 * (d) A month of a reference company, and the memory peak of a 50 000-customer push, on a real n8n
 * whose QuickBooks transport waits on a virtual clock (QuickBooks' limits still hold in virtual time).
 * The company: 5 000 customers and 500 items in the app, synced once (set-up, not counted). Each
 * 15-minute interval of its day brings what the day averages to, rounded up: one customer and one
 * item edited, one invoice (2 lines) marked for sync, one payment of an earlier invoice. The templates
 * run as production runs them, in the n8n server (what it keeps between runs is kept). A run with
 * changes and one without are measured per template; the month weighs them by the day below.
 */
import { fieldAppCall } from '../../support/emulator-client';
import { startFieldApp, type FieldAppEmulator } from '../../emulators/field-app';
import { startQboEmulator, type QboEmulator } from '../../emulators/qbo';
import { REAL_LIMITS } from '../../emulators/qbo/throttle';
import type { Json } from '../../e2e/template-harness';
import { startBenchN8n, type Cost } from './environment';
import type { MonthFigures } from './table';
import { template, templateCopy } from './workflows';

const CUSTOMERS = Number(process.env.BENCH_MONTH_CUSTOMERS ?? 5000);
const ITEMS = Number(process.env.BENCH_MONTH_ITEMS ?? 500);
const MEMORY_CUSTOMERS = Number(process.env.BENCH_MEMORY_CUSTOMERS ?? 50_000);
const RUNS_A_DAY = 96;
const pad = (i: number, width = 5) => String(i + 1).padStart(width, '0');

/**
 * The reference day: 100 invoices and 80 payments (the issue's figures), and, as an assumption the
 * issue leaves open, 1 % of customers and of items edited. `busyRuns` of the 96 runs a day carry
 * changes (100 invoices over 96 runs: every run); the others find nothing new. `builtinReads` is what
 * the built-in node spends per change, built as its users build each step and measured in (a) and
 * (b): a find is one query, an update one more read for the SyncToken, a create none.
 */
const TEMPLATES = [
	{
		id: 'monthCustomers',
		file: 'customers-app-to-quickbooks.json',
		label: 'customers app → QuickBooks',
		perDay: CUSTOMERS / 100,
		builtinReads: 2,
	},
	{
		id: 'monthItems',
		file: 'items-app-to-quickbooks.json',
		label: 'items app → QuickBooks',
		perDay: ITEMS / 100,
		builtinReads: 2,
	},
	{
		id: 'monthInvoices',
		file: 'invoices-app-to-quickbooks.json',
		label: 'invoices app → QuickBooks',
		perDay: 100,
		builtinReads: 3,
	},
	{
		id: 'monthPayments',
		file: 'payments-one-direction.json',
		label: 'payments (app → QuickBooks)',
		perDay: 80,
		builtinReads: 1,
	},
];
const BUILTIN_MODEL =
	'a change a day costs it: customer or item find + SyncToken read 2, invoice: find its customer and 2 items 3, payment: find its invoice 1';

function summaryOf(cost: Cost): Json {
	const runs = (cost.run.data?.resultData?.runData?.['Run summary'] ?? []) as Json[];
	return (
		runs[0]?.data?.main?.[0]?.[0]?.json ?? { error: cost.run.data?.resultData?.error?.message }
	);
}

export async function measureMonthAndMemory(log: (line: string) => void): Promise<MonthFigures> {
	const qbo = await startQboEmulator({ port: 0, limits: REAL_LIMITS });
	const realmId = qbo.realmIds[0];
	const app: FieldAppEmulator = await startFieldApp({ port: 0, seed: false });
	const bench = await startBenchN8n({ qbo, realmId, app, log, virtualClock: true });
	const appCall = fieldAppCall(() => app);
	let month: Omit<MonthFigures, 'memory'>;
	try {
		const store = app.state.store;
		for (let i = 0; i < CUSTOMERS; i++)
			store.insert(
				'customers',
				{
					name: `Reference Customer ${pad(i)}`,
					billingEmail: `customer${pad(i)}@example.com`,
					phone: '555-0000',
					active: true,
				},
				true,
			);
		for (let i = 0; i < ITEMS; i++)
			store.insert(
				'items',
				{
					name: `Reference Service ${pad(i, 3)}`,
					sku: `REF-${pad(i, 3)}`,
					type: 'service',
					taxable: false,
					price: 50 + (i % 50),
					cost: 20,
					accounts: {},
					active: true,
				},
				true,
			);
		await bench.add(
			TEMPLATES.map((t) => templateCopy(template(t.file), t.id, `${t.label} (bench month)`)),
		);
		log(
			`reference company: first sync of ${CUSTOMERS} customers and ${ITEMS} items (set-up, not counted)`,
		);
		for (const t of TEMPLATES) {
			const first = await bench.runServed(t.id);
			if (first.status !== 'success')
				throw new Error(
					`set-up run of ${t.label} ended ${first.status}: ${JSON.stringify(summaryOf(first)).slice(0, 800)}`,
				);
		}

		const customers = store.all('customers');
		const items = store.all('items');
		let previousInvoice: Json | undefined;
		const interval = async (k: number) => {
			const customer = customers[k];
			store.save('customers', {
				...store.get('customers', customer.id)!,
				phone: `555-2${pad(k, 3)}`,
			});
			store.save('items', { ...store.get('items', items[k].id)!, price: 60 + k });
			const invoice = await appCall('POST', '/v1/invoices', {
				customerId: customer.id,
				date: '2026-12-07',
				status: 'ready_for_sync',
				lines: [
					{ itemId: items[k].id, quantity: 1, rate: 80 },
					{ itemId: items[k + 1].id, quantity: 2, rate: 45 },
				],
			});
			if (previousInvoice) {
				const payable = await appCall('GET', `/v1/invoices/${previousInvoice.id}`);
				await appCall('POST', '/v1/payments', {
					customerId: payable.customerId,
					date: '2026-12-07',
					amount: payable.total,
					method: 'check',
					reference: `CHK-${k}`,
					applications: [{ invoiceId: payable.id, amount: payable.total }],
				});
			}
			previousInvoice = invoice;
		};
		const runAll = async (label: string) => {
			const costs: Cost[] = [];
			for (const t of TEMPLATES) {
				const cost = await bench.runServed(t.id);
				if (cost.status !== 'success')
					throw new Error(
						`${label} run of ${t.label} ended ${cost.status}: ${JSON.stringify(summaryOf(cost)).slice(0, 800)}`,
					);
				costs.push(cost);
			}
			log(`${label}: ${TEMPLATES.map((t, i) => `${t.id} ${costs[i].reads} reads`).join(', ')}`);
			if (process.env.BENCH_TRACE)
				for (const [i, c] of costs.entries())
					log(`  ${TEMPLATES[i].id}: ${c.endpoints.join(' | ')}`);
			return costs;
		};
		await interval(0);
		await runAll('warm-up interval');
		await interval(1);
		const busy = await runAll('busy interval');
		const idle = await runAll('idle interval');
		const perTemplate = TEMPLATES.map((t, i) => {
			const busyRuns = Math.min(RUNS_A_DAY, Math.ceil(t.perDay));
			return {
				template: t.label,
				busyReads: busy[i].reads,
				idleReads: idle[i].reads,
				busyCalls: busy[i].calls,
				busyRuns,
				monthReads: 30 * (busyRuns * busy[i].reads + (RUNS_A_DAY - busyRuns) * idle[i].reads),
				builtinMonthReads: 30 * Math.ceil(t.perDay) * t.builtinReads,
			};
		});
		month = {
			perTemplate,
			packageMonthReads: perTemplate.reduce((sum, t) => sum + t.monthReads, 0),
			packageWorstMonthReads:
				30 * RUNS_A_DAY * perTemplate.reduce((sum, t) => sum + t.busyReads, 0),
			builtinMonthReads: perTemplate.reduce((sum, t) => sum + t.builtinMonthReads, 0),
			builtinModel: BUILTIN_MODEL,
		};
	} finally {
		await bench.stop();
		await app.stop();
	}
	try {
		return { ...month, memory: await measureMemory(qbo, realmId, log) };
	} finally {
		await qbo.stop();
	}
}

/** A first push of MEMORY_CUSTOMERS new app customers, on an n8n of its own (its peak is the run's). */
async function measureMemory(
	qbo: QboEmulator,
	realmId: string,
	log: (line: string) => void,
): Promise<MonthFigures['memory']> {
	const app = await startFieldApp({ port: 0, seed: false });
	const bench = await startBenchN8n({ qbo, realmId, app, log, virtualClock: true });
	try {
		log(`memory: a push of ${MEMORY_CUSTOMERS} customers`);
		for (let i = 0; i < MEMORY_CUSTOMERS; i++)
			app.state.store.insert(
				'customers',
				{ name: `Volume Customer ${pad(i, 6)}`, active: true },
				true,
			);
		await bench.add([
			templateCopy(
				template('customers-app-to-quickbooks.json'),
				'memoryCustomers',
				'Customers app → QuickBooks (bench memory)',
			),
		]);
		const baselineRssMiB = bench.currentRssMiB();
		const pushed = await bench.runServed('memoryCustomers');
		const created = Number(summaryOf(pushed).created ?? 0);
		if (created !== MEMORY_CUSTOMERS)
			log(
				`memory: ${created} of ${MEMORY_CUSTOMERS} created: ${JSON.stringify(summaryOf(pushed)).slice(0, 500)}`,
			);
		return {
			customers: MEMORY_CUSTOMERS,
			peakRssMiB: bench.peakRssMiB(),
			baselineRssMiB,
			qboCalls: pushed.calls,
			created,
			minutes: pushed.ms / 60_000,
		};
	} finally {
		await bench.stop();
		await app.stop();
	}
}
