/**
 * `npm run bench`: what QBO's limits cost a sync, measured through the node's real code path
 * (router → operation → transport with its throttle and retries) against the QBO emulator with
 * QBO's real limits. QBO time is simulated: the emulator's clock and the transport's clock are one
 * virtual clock, every request takes BENCH_LATENCY_MS (default 200) of it, and waits for the
 * throttle advance it instead of sleeping — so the printed "QBO time" is what the same calls
 * would take against QuickBooks, and the run itself takes seconds.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { QuickBooksSync } from '../../nodes/QuickBooksSync/QuickBooksSync.node';
import { startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { measureNode, simulateTime } from './simulated-qbo';

const COUNT = Number(process.env.BENCH_RECORDS ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);

interface Result {
	scenario: string;
	calls: number;
	throttled: number;
	qboSeconds: number;
	realSeconds: number;
	failed: number;
}

async function scenario(
	emulator: QboEmulator,
	realmId: string,
	name: string,
	parameters: IDataObject[],
): Promise<{ result: Result; output: INodeExecutionData[] }> {
	const { measured, output } = await measureNode(
		emulator,
		realmId,
		LATENCY_MS,
		async (context) => await new QuickBooksSync().execute.call(context),
		{ parameters, items: parameters.map(() => ({ json: {} })) },
	);
	return {
		result: {
			scenario: name,
			...measured,
			failed: output[0].filter((item) => item.json.error).length,
		},
		output: output[0],
	};
}

async function main(): Promise<void> {
	const emulator = await startQboEmulator({ port: 0, realms: [{ seed: 'empty' }] });
	const realmId = emulator.realmIds[0];
	simulateTime(emulator);
	const names = (prefix: string) =>
		Array.from({ length: COUNT }, (_, i) => `${prefix} ${String(i).padStart(5, '0')}`);
	const results: Result[] = [];

	const single = await scenario(
		emulator,
		realmId,
		`create ${COUNT} customers one by one`,
		names('Single').map((displayName) => ({
			resource: 'customer',
			operation: 'create',
			displayName,
			simplify: true,
		})),
	);
	results.push(single.result);
	const batch = await scenario(
		emulator,
		realmId,
		`create ${COUNT} customers in batches of 30`,
		names('Batched').map((displayName) => ({
			resource: 'advanced',
			operation: 'batch',
			batchEntity: 'Customer',
			batchOperation: 'create',
			batchRecord: JSON.stringify({ DisplayName: displayName }),
		})),
	);
	results.push(batch.result);
	const created = single.output.map((item) => item.json as IDataObject);
	const update = (known: boolean) =>
		created.map((c, i) => ({
			resource: 'customer',
			operation: 'update',
			customerId: c.id,
			updateFields: { notes: `pass ${known ? 'known' : 'read'} ${i}` },
			knownSyncVersion: known ? String(c.syncToken) : '',
			simplify: true,
		}));
	results.push(
		(
			await scenario(
				emulator,
				realmId,
				`update ${COUNT} customers, SyncToken read first`,
				update(false),
			)
		).result,
	);
	// The customers now have SyncToken 1: pass it as the known version.
	const bumped = created.map((c) => ({
		id: String(c.id),
		syncToken: String(Number(c.syncToken) + 1),
	}));
	results.push(
		(
			await scenario(
				emulator,
				realmId,
				`update ${COUNT} customers with known SyncTokens`,
				bumped.map((c, i) => ({
					resource: 'customer',
					operation: 'update',
					customerId: c.id,
					updateFields: { notes: `pass known ${i}` },
					knownSyncVersion: String(c.syncToken),
					simplify: true,
				})),
			)
		).result,
	);
	await emulator.stop();

	console.log(
		`QBO limits: 500/min, 10/s, 10 concurrent, batch 40/min, batch items metered; ${LATENCY_MS} ms per request (simulated clock)`,
	);
	console.log(
		[
			'scenario'.padEnd(46),
			'API calls'.padStart(9),
			'429s'.padStart(5),
			'QBO time'.padStart(10),
			'failed'.padStart(7),
			'real time'.padStart(10),
		].join(' '),
	);
	for (const r of results) {
		console.log(
			[
				r.scenario.padEnd(46),
				String(r.calls).padStart(9),
				String(r.throttled).padStart(5),
				`${r.qboSeconds.toFixed(0)} s`.padStart(10),
				String(r.failed).padStart(7),
				`${r.realSeconds.toFixed(1)} s`.padStart(10),
			].join(' '),
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
