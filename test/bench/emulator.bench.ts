/**
 * `npm run bench:emulator`: 10 000 mixed requests against the in-process QBO emulator over HTTP,
 * 10 at a time (QBO's own concurrency limit), throttles lifted. Prints requests/second so the
 * emulator is known never to be the bottleneck of a sync benchmark (QBO allows ~8/s sustained).
 */
import { startQboEmulator } from '../emulators/qbo';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = 10;

async function main(): Promise<void> {
	const emulator = await startQboEmulator({
		port: 0,
		limits: {
			perSecond: 1e9,
			perMinute: 1e9,
			concurrent: 1e9,
			batchPerMinute: 1e9,
			batchPerMinutePerRealm: 1e9,
		},
	});
	const realmId = emulator.realmIds[0];
	const token = emulator.admin.token(realmId).access_token as string;
	const base = `${emulator.url}/v3/company/${realmId}`;
	const headers = {
		authorization: `Bearer ${token}`,
		'content-type': 'application/json',
		accept: 'application/json',
	};
	const created: Array<{ Id: string; SyncToken: string }> = [];
	const kinds = { create: 0, read: 0, update: 0, query: 0, batch: 0 };

	const one = async (n: number): Promise<void> => {
		const pick = n % 10;
		let res: Response;
		if (pick < 3 || created.length === 0) {
			kinds.create++;
			res = await fetch(`${base}/customer?minorversion=75&requestid=bench-${n}`, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					DisplayName: `Bench Customer ${n}`,
					PrimaryEmailAddr: { Address: `c${n}@example.com` },
				}),
			});
			if (res.ok)
				created.push(
					((await res.json()) as { Customer: { Id: string; SyncToken: string } }).Customer,
				);
			else await res.text();
			return;
		}
		const target = created[n % created.length];
		if (pick < 6) {
			kinds.read++;
			res = await fetch(`${base}/customer/${target.Id}?minorversion=75`, { headers });
		} else if (pick < 8) {
			kinds.update++;
			res = await fetch(`${base}/customer?minorversion=75`, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					Id: target.Id,
					SyncToken: target.SyncToken,
					sparse: true,
					Notes: `n${n}`,
				}),
			});
			if (res.ok) Object.assign(target, ((await res.json()) as { Customer: object }).Customer);
			else await res.text();
			return;
		} else if (pick < 9) {
			kinds.query++;
			res = await fetch(
				`${base}/query?minorversion=75&query=${encodeURIComponent(`select * from Customer where DisplayName like 'Bench Customer ${n % 7}%' maxresults 50`)}`,
				{ headers },
			);
		} else {
			kinds.batch++;
			const items = Array.from({ length: 5 }, (_, i) => ({
				bId: `b${i}`,
				Query: `select * from Customer where Id = '${created[(n + i) % created.length].Id}'`,
			}));
			res = await fetch(`${base}/batch?minorversion=75`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ BatchItemRequest: items }),
			});
		}
		await res.text();
	};

	const started = process.hrtime.bigint();
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < TOTAL) await one(next++);
		}),
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const stats = emulator.admin.counters;
	const faultCodes: Record<string, number> = {};
	for (const entry of emulator.admin.log)
		if (entry.faultCode) faultCodes[entry.faultCode] = (faultCodes[entry.faultCode] ?? 0) + 1;
	await emulator.stop();
	const rss = process.memoryUsage().rss / 1024 / 1024;
	console.log(
		`emulator: ${TOTAL} mixed requests (${Object.entries(kinds)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}) with ${CONCURRENCY} in flight`,
	);
	console.log(
		`emulator: ${seconds.toFixed(2)} s, ${(TOTAL / seconds).toFixed(0)} requests/second, ${((seconds / TOTAL) * 1000).toFixed(2)} ms/request, rss ${rss.toFixed(0)} MB`,
	);
	// 5010s are expected: ten clients update the same customers concurrently, as real sync jobs can.
	console.log(
		`emulator: statuses ${JSON.stringify(stats.byStatus)}, fault codes ${JSON.stringify(faultCodes)}`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
