/**
 * `npm run bench` (engine part): the QuickBooks Sync Engine's customer push through its real code
 * path against the emulator with QBO's limits on a simulated clock (see simulated-qbo.ts):
 * an initial push of 10 000 customers, against the fastest QBO's limits allow; then an
 * incremental run with 10 changed customers among 1 000 and among 100 000 linked ones.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { QuickBooksSyncEngine } from '../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { startQboEmulator } from '../emulators/qbo';
import { REAL_LIMITS } from '../emulators/qbo/throttle';
import { measureNode, simulateTime, type Measured } from './simulated-qbo';
import { CUSTOMER_PUSH } from '../support/emulator-client';

const INITIAL = Number(process.env.BENCH_INITIAL ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const CHANGES = 10;
const PARAMETERS = { ...CUSTOMER_PUSH };

const appCustomer = (i: number, extra: IDataObject = {}): IDataObject => ({
	id: `cus_${i}`,
	version: 1,
	updatedAt: '2026-12-01T00:00:00.000Z',
	deletedAt: null,
	name: `Bench Customer ${String(i).padStart(6, '0')}`,
	billingEmail: `c${i}@bench.example`,
	active: true,
	qboId: null,
	qboSyncToken: null,
	sync: { fingerprint: null, syncedAt: null, error: null },
	...extra,
});

async function push(
	records: IDataObject[],
): Promise<{ measured: Measured; writes: IDataObject[]; summary: IDataObject }> {
	const { measured, output } = await measureNode(
		emulator,
		realmId,
		LATENCY_MS,
		async (context) => await new QuickBooksSyncEngine().execute.call(context),
		{ parameters: PARAMETERS, items: records.map((json): INodeExecutionData => ({ json })) },
	);
	return { measured, writes: output[0].map((i) => i.json), summary: output[2][0].json };
}

/** The least time QBO's limits allow for `metered` calls in `batches` batch requests and `requests` requests in all. */
function optimumSeconds(metered: number, batches: number, requests: number): number {
	return Math.max(
		(metered / REAL_LIMITS.perMinute) * 60,
		(batches / REAL_LIMITS.batchPerMinute) * 60,
		requests / REAL_LIMITS.perSecond,
		(requests * LATENCY_MS) / 1000 / REAL_LIMITS.concurrent,
	);
}

let emulator: Awaited<ReturnType<typeof startQboEmulator>>;
let realmId: string;

async function linkedCompany(size: number): Promise<IDataObject[]> {
	const realm = emulator.admin.createRealm({ seed: 'empty' });
	realmId = realm.id;
	// Customers that an earlier run created and linked: QBO holds them, the app records carry the links.
	const records = Array.from({ length: size }, (_, i) => appCustomer(i));
	for (const r of records) {
		const created = realm.create('Customer', {
			DisplayName: r.name,
			PrimaryEmailAddr: { Address: r.billingEmail },
			Notes: '',
			Active: true,
		});
		r.qboId = created.Id;
		r.qboSyncToken = created.SyncToken;
	}
	return records;
}

async function main(): Promise<void> {
	emulator = await startQboEmulator({ port: 0, realms: [{ seed: 'empty' }] });
	realmId = emulator.realmIds[0];
	simulateTime(emulator);
	const rows: string[][] = [];
	const row = (name: string, m: Measured, optimum?: number) =>
		rows.push([
			name,
			String(m.calls),
			String(m.throttled),
			`${(m.qboSeconds / 60).toFixed(1)} min`,
			optimum === undefined ? '' : `${(optimum / 60).toFixed(1)} min`,
			`${m.realSeconds.toFixed(1)} s`,
		]);

	const initial = await push(Array.from({ length: INITIAL }, (_, i) => appCustomer(i)));
	const batches = Math.ceil(INITIAL / 30);
	const reads = initial.measured.calls - batches;
	row(
		`initial push of ${INITIAL} customers`,
		initial.measured,
		optimumSeconds(INITIAL + reads, batches, initial.measured.calls),
	);
	if (initial.summary.created !== INITIAL)
		throw new Error(
			`initial push created ${String(initial.summary.created)} of ${INITIAL}: ${JSON.stringify(initial.summary)}`,
		);

	for (const size of [1_000, 100_000]) {
		const records = await linkedCompany(size);
		// Fingerprints as the first run stored them: take them from a dry comparison by pushing once.
		const settle = await push(records);
		const prints = new Map(
			settle.writes.map((w) => [String(w.appId), (w.body as IDataObject).fingerprint]),
		);
		for (const r of records)
			r.sync = { fingerprint: prints.get(String(r.id)) ?? null, syncedAt: null, error: null };
		const changed = records.slice(0, CHANGES).map((r, i) => ({
			...r,
			version: 2,
			updatedAt: '2026-12-02T00:00:00.000Z',
			phone: `555-01${String(i).padStart(2, '0')}`,
		}));
		const incremental = await push(changed);
		if (incremental.summary.updated !== CHANGES)
			throw new Error(
				`incremental run updated ${String(incremental.summary.updated)}: ${JSON.stringify(incremental.summary)}`,
			);
		row(
			`incremental: ${CHANGES} changed among ${size.toLocaleString('en-US')} linked`,
			incremental.measured,
		);
	}
	await emulator.stop();

	console.log(
		`Sync engine, customers app → QuickBooks; QBO limits: ${REAL_LIMITS.perMinute}/min, ${REAL_LIMITS.perSecond}/s, ${REAL_LIMITS.concurrent} concurrent, batch ${REAL_LIMITS.batchPerMinute}/min, batch items metered; ${LATENCY_MS} ms per request (simulated clock)`,
	);
	const head = ['scenario', 'API calls', '429s', 'QBO time', 'optimum', 'real time'];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	for (const line of [head, ...rows])
		console.log(
			line
				.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
				.join('  '),
		);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
