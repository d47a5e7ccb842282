/**
 * `npm run bench` (part): n8n's built-in QuickBooks node, unmodified, against this package, on one real
 * n8n, the same QBO emulator and the same data. Costs are counted on the emulator's side as Intuit
 * counts them: API calls, CorePlus reads (metered), Core writes, 429s; failed items from the runs.
 * (a) update the phone of 1 000 existing customers; (b) find-or-create 1 000 customers, half of which
 * exist; (c) a filtered Get Many; under QuickBooks' real limits, and for the built-in once more with
 * the limits lifted to show what finishing would cost. (d) and the memory peak: ./side-by-side/month.ts.
 */
import { NO_LIMITS } from '../support/emulator-client';
import { startFieldApp, type FieldAppEmulator } from '../emulators/field-app';
import { startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { REAL_LIMITS } from '../emulators/qbo/throttle';
import type { Json } from '../e2e/template-harness';
import { startBenchN8n, type BenchN8n, type Cost } from './side-by-side/environment';
import { measureMonthAndMemory } from './side-by-side/month';
import { printTable, type Row, type Side } from './side-by-side/table';
import {
	builtinFilteredList,
	builtinFindOrCreate,
	builtinUpdatePhones,
	packageFilteredList,
	template,
	templateCopy,
} from './side-by-side/workflows';

const COUNT = Number(process.env.BENCH_SIDE_BY_SIDE_RECORDS ?? 1000);
const log = (line: string) => process.stderr.write(`[side-by-side] ${line}\n`);
const pad = (i: number) => String(i + 1).padStart(4, '0');

/** A run's items put out by one node (all its runs, e.g. in a loop). */
function itemsOf(run: Json, node: string): Json[] {
	return ((run.data?.resultData?.runData?.[node] ?? []) as Json[])
		.flatMap((r) => (r.data?.main?.[0] ?? []) as Json[])
		.map((i) => i.json);
}

function summaryOf(cost: Cost): Json {
	return itemsOf(cost.run, 'Run summary')[0] ?? {};
}

/** Runs a built-in workflow under the real limits (as users meet them) and, from the same data, with the limits lifted (what finishing costs). */
async function builtinTwice(
	qbo: QboEmulator,
	realmId: string,
	bench: BenchN8n,
	workflowId: string,
	done: (cost: Cost) => number,
): Promise<Side> {
	const snapshot = qbo.admin.dump(realmId);
	qbo.admin.setLimits(REAL_LIMITS);
	const limited = await bench.run(workflowId);
	const doneLimited = done(limited);
	qbo.admin.load(realmId, snapshot);
	qbo.admin.setLimits(NO_LIMITS);
	const lifted = await bench.run(workflowId);
	qbo.admin.load(realmId, snapshot);
	qbo.admin.setLimits(REAL_LIMITS);
	return { limited, lifted, failedItems: COUNT - doneLimited, done: doneLimited };
}

async function sideBySide(): Promise<Row[]> {
	const qbo = await startQboEmulator({
		port: 0,
		limits: REAL_LIMITS,
		realms: [{ seed: 'empty', companyName: 'Bench Co' }],
	});
	const realmId = qbo.realmIds[0];
	const app: FieldAppEmulator = await startFieldApp({ port: 0, seed: false });
	const bench = await startBenchN8n({ qbo, realmId, app, log });
	const rows: Row[] = [];
	try {
		for (let i = 0; i < COUNT; i++)
			app.state.store.insert(
				'customers',
				{ name: `Bench Customer ${pad(i)}`, phone: '555-0000', active: true },
				true,
			);
		await bench.add([
			templateCopy(
				template('customers-app-to-quickbooks.json'),
				'benchCustomersPush',
				'Customers app → QuickBooks (bench)',
			),
		]);
		log(`first sync of ${COUNT} app customers (set-up, not measured)`);
		const first = await bench.run('benchCustomersPush');
		if (summaryOf(first).created !== COUNT)
			throw new Error(
				`set-up: expected ${COUNT} customers created, got ${JSON.stringify(summaryOf(first))}`,
			);
		const appSnapshot = app.state.store.dump();

		// (a) the phone of every customer changes.
		const linked = app.state.store.all('customers');
		const changes = linked.map((c, i) => ({ qboId: String(c.qboId), phone: `555-1${pad(i)}` }));
		await bench.add([builtinUpdatePhones('benchBuiltinPhones', changes)]);
		log('(a) built-in');
		// A failed node puts out nothing: the updates done before the failure are QuickBooks' successful writes.
		const builtinA = await builtinTwice(
			qbo,
			realmId,
			bench,
			'benchBuiltinPhones',
			(cost) => cost.writes,
		);
		log('(a) this package');
		linked.forEach((c, i) => app.state.store.save('customers', { ...c, phone: changes[i].phone }));
		const packageA = await bench.run('benchCustomersPush');
		const summaryA = summaryOf(packageA);
		rows.push({
			scenario: `(a) update the phone of ${COUNT} customers`,
			builtin: builtinA,
			package: {
				limited: packageA,
				failedItems: COUNT - Number(summaryA.updated ?? 0),
				done: Number(summaryA.updated ?? 0),
			},
		});

		// (b) find-or-create: half of the names exist in QuickBooks (not linked), half are new.
		app.state.store.load(appSnapshot as never);
		const half = Math.floor(COUNT / 2);
		for (let i = 0; i < half; i++)
			qbo.admin.realm(realmId).create('Customer', { DisplayName: `Bench Existing ${pad(i)}` });
		const names = [
			...Array.from({ length: half }, (_, i) => `Bench Existing ${pad(i)}`),
			...Array.from({ length: COUNT - half }, (_, i) => `Bench New ${pad(i)}`),
		];
		await bench.add([
			builtinFindOrCreate('benchBuiltinFindOrCreate', names),
			builtinFilteredList('benchBuiltinFiltered', "WHERE DisplayName LIKE 'Bench Existing%'"),
			packageFilteredList('benchPackageFiltered', 'Bench Existing%'),
		]);
		log('(b) built-in');
		const foundOrMade = (cost: Cost) =>
			itemsOf(cost.run, 'Find by name').filter((c) => c.Id).length +
			itemsOf(cost.run, 'Create customer').filter((c) => c.Id).length;
		const builtinB = await builtinTwice(
			qbo,
			realmId,
			bench,
			'benchBuiltinFindOrCreate',
			foundOrMade,
		);

		// (c) a filtered list of the customers whose names start "Bench Existing" (half of COUNT).
		log('(c) both');
		const builtinC = await bench.run('benchBuiltinFiltered');
		const packageC = await bench.run('benchPackageFiltered');
		const listed = (cost: Cost) =>
			itemsOf(cost.run, 'Get many customers').filter((c) => c.Id ?? c.id).length;
		rows.push({
			scenario: `(c) Get Many with a filter (${half} match)`,
			builtin: { limited: builtinC, failedItems: half - listed(builtinC), done: listed(builtinC) },
			package: { limited: packageC, failedItems: half - listed(packageC), done: listed(packageC) },
			total: half,
		});

		log('(b) this package');
		for (const name of names) app.state.store.insert('customers', { name, active: true }, true);
		const packageB = await bench.run('benchCustomersPush');
		const summaryB = summaryOf(packageB);
		const doneB = Number(summaryB.linked ?? 0) + Number(summaryB.created ?? 0);
		rows.splice(1, 0, {
			scenario: `(b) find-or-create ${COUNT} customers (half exist)`,
			builtin: builtinB,
			package: { limited: packageB, failedItems: COUNT - doneB, done: doneB },
		});
	} finally {
		await bench.stop();
		await app.stop();
		await qbo.stop();
	}
	return rows;
}

async function main(): Promise<void> {
	// BENCH_ONLY=abc or =month runs one half (while working on it).
	const only = process.env.BENCH_ONLY;
	const rows = only === 'month' ? [] : await sideBySide();
	const month = only === 'abc' ? undefined : await measureMonthAndMemory(log);
	printTable(rows, month);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
