/**
 * `npm run bench` (invoice part): the QuickBooks Sync Engine's invoice push of 1 000 invoices
 * through its real code path against the emulator with QBO's limits on a simulated clock (see
 * simulated-qbo.ts): API calls, 429s, and QBO time against the least QBO's limits allow. Invoices
 * are written one request per invoice (each with its own requestid), so the optimum is the one of
 * 1 000 writes plus the reads.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { QuickBooksSyncEngine } from '../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { startQboEmulator } from '../emulators/qbo';
import { REAL_LIMITS } from '../emulators/qbo/throttle';
import { measureNode, simulateTime } from './simulated-qbo';

const COUNT = Number(process.env.BENCH_INVOICES ?? 1_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const PARAMETERS = {
	resource: 'invoice',
	operation: 'push',
	syncWhen: 'ready',
	numberPolicy: 'quickbooks',
	syncZeroInvoices: false,
	createMissingItems: false,
	dryRun: false,
};

async function main(): Promise<void> {
	const emulator = await startQboEmulator({ port: 0 });
	const realmId = emulator.realmIds[0];
	simulateTime(emulator);
	const realm = emulator.admin.realm(realmId);
	const customers = Array.from({ length: 20 }, (_, i) =>
		realm.create('Customer', { DisplayName: `Bench Invoice Customer ${i}` }),
	);
	const design = realm.all('Item').find((i) => i.Name === 'Design')!;
	const sod = realm.all('Item').find((i) => i.Name === 'Sod')!;
	const meta = {
		version: 1,
		updatedAt: '2026-12-01T00:00:00.000Z',
		deletedAt: null,
		qboSyncToken: null,
		sync: { fingerprint: null, syncedAt: null, error: null },
	};
	const references: IDataObject[] = [
		...customers.map((c, i) => ({
			id: `cus_${i}`,
			name: c.DisplayName,
			active: true,
			qboId: c.Id,
			...meta,
		})),
		{
			id: 'itm_design',
			name: 'Design',
			type: 'service',
			taxable: false,
			price: 75,
			qboId: design.Id,
			...meta,
		},
		{
			id: 'itm_sod',
			name: 'Sod',
			type: 'non_inventory',
			taxable: true,
			price: 20,
			qboId: sod.Id,
			...meta,
		},
	];
	const invoices: IDataObject[] = Array.from({ length: COUNT }, (_, i) => ({
		id: `inv_${i}`,
		customerId: `cus_${i % 20}`,
		date: '2026-11-30',
		status: 'ready_for_sync',
		number: `FA-${10_000 + i}`,
		qboId: null,
		...meta,
		lines: [
			{ itemId: 'itm_design', description: `Visit ${i}`, quantity: 1 + (i % 3), rate: 75 },
			{ itemId: 'itm_sod', quantity: 1 + (i % 5), rate: 20 },
		],
	}));
	const items = [...invoices, ...references].map((json): INodeExecutionData => ({ json }));
	const { measured, output } = await measureNode(
		emulator,
		realmId,
		LATENCY_MS,
		async (context) => await new QuickBooksSyncEngine().execute.call(context),
		{ parameters: PARAMETERS, items },
	);
	const summary = output[2][0].json;
	if (summary.created !== COUNT)
		throw new Error(
			`the push created ${String(summary.created)} of ${COUNT}: ${JSON.stringify(summary)}`,
		);
	const optimum = Math.max(
		(measured.calls / REAL_LIMITS.perMinute) * 60,
		measured.calls / REAL_LIMITS.perSecond,
		(measured.calls * LATENCY_MS) / 1000 / REAL_LIMITS.concurrent,
	);
	await emulator.stop();
	console.log(
		`Sync engine, invoices app → QuickBooks; QBO limits: ${REAL_LIMITS.perMinute}/min, ${REAL_LIMITS.perSecond}/s, ${REAL_LIMITS.concurrent} concurrent; ${LATENCY_MS} ms per request (simulated clock)`,
	);
	console.log(
		`push of ${COUNT} invoices: ${measured.calls} API calls, ${measured.throttled} × 429, QBO time ${(measured.qboSeconds / 60).toFixed(1)} min, optimum ${(optimum / 60).toFixed(1)} min, real time ${measured.realSeconds.toFixed(1)} s`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
