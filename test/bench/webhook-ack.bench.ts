/**
 * `npm run bench:webhooks`: how fast a real n8n 2.x acknowledges Intuit deliveries. 500 signed
 * legacy deliveries (each a new change, so each starts an execution) are sent one after another,
 * each on a new connection as Intuit does, to the QuickBooks Sync Trigger and, in the same run,
 * to n8n's built-in Webhook node (responding "immediately"). Prints p50 / p99 / max of the time to
 * the HTTP answer; Intuit gives up on an answer after 3 s.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import {
	ensureRuntime,
	installPackage,
	packPackage,
	startN8n,
	waitFor,
} from '../../scripts/n8n-server';
import { qboCredential } from '../support/credentials';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 500);
const GAP_MS = 150;
const VERIFIER = 'bench-verifier-token-0123456789';
const REALM = '9341455000000001';

function post(
	url: string,
	body: string,
	headers: Record<string, string>,
): Promise<{ status: number; ms: number }> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const request = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: { ...headers, 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						ms: Number(process.hrtime.bigint() - started) / 1e6,
					}),
				);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(label: string, url: string, gapMs: number): Promise<string> {
	const times: number[] = [];
	const statuses = new Map<number, number>();
	for (let i = 0; i < DELIVERIES; i++) {
		const body = JSON.stringify({
			eventNotifications: [
				{
					realmId: REALM,
					dataChangeEvent: {
						entities: [
							{
								name: 'Customer',
								id: String(10_000 + i),
								operation: 'Update',
								lastUpdated: new Date().toISOString(),
							},
						],
					},
				},
			],
		});
		const signature = createHmac('sha256', VERIFIER).update(body).digest('base64');
		const { status, ms } = await post(url, body, {
			'content-type': 'application/json',
			'intuit-signature': signature,
		});
		statuses.set(status, (statuses.get(status) ?? 0) + 1);
		times.push(ms);
		if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
	}
	times.sort((a, b) => a - b);
	const fmt = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
	return [
		label.padEnd(44),
		fmt(percentile(times, 50)),
		fmt(percentile(times, 99)),
		fmt(times.at(-1)!),
		`  ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`,
	].join(' ');
}

async function main(): Promise<void> {
	ensureRuntime();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-bench-webhooks-'));
	const userFolder = path.join(workDir, 'n8n-user');
	const { tarball } = await packPackage(path.join(workDir, 'pkg'));
	await installPackage(userFolder, tarball);
	const n8n = await startN8n({
		userFolder,
		logFile: path.join(workDir, 'n8n.log'),
		logLevel: 'warn',
	});
	try {
		const credentials = [
			{
				id: 'credBenchQbo0001',
				name: 'QuickBooks',
				type: 'quickBooksSyncOAuth2Api',
				data: qboCredential('http://127.0.0.1:9', REALM),
			},
			{
				id: 'credBenchVerif01',
				name: 'Verifier',
				type: 'quickBooksSyncWebhookApi',
				data: { verifierToken: VERIFIER },
			},
		];
		const workflows = [
			{
				id: 'wfBenchIntuitTrg',
				name: 'Bench: QuickBooks Sync Trigger',
				settings: { executionOrder: 'v1' },
				connections: {},
				nodes: [
					{
						id: 'bench-intuit',
						name: 'Trigger',
						type: 'n8n-nodes-quickbooks-sync.quickBooksSyncTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId: 'bench-intuit',
						parameters: { entities: ['Customer'] },
						credentials: {
							quickBooksSyncOAuth2Api: { id: 'credBenchQbo0001', name: 'QuickBooks' },
							quickBooksSyncWebhookApi: { id: 'credBenchVerif01', name: 'Verifier' },
						},
					},
				],
			},
			{
				id: 'wfBenchWebhookNd',
				name: "Bench: n8n's Webhook node",
				settings: { executionOrder: 'v1' },
				connections: {},
				nodes: [
					{
						id: 'bench-webhook',
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: 'bench-webhook',
						parameters: {
							httpMethod: 'POST',
							path: 'bench-webhook',
							responseMode: 'onReceived',
							options: {},
						},
					},
				],
			},
		];
		fs.writeFileSync(path.join(workDir, 'credentials.json'), JSON.stringify(credentials));
		fs.mkdirSync(path.join(workDir, 'workflows'));
		for (const wf of workflows)
			fs.writeFileSync(path.join(workDir, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		for (const args of [
			['import:credentials', `--input=${path.join(workDir, 'credentials.json')}`],
			['import:workflow', '--separate', `--input=${path.join(workDir, 'workflows')}`],
		]) {
			const result = await n8n.cli(args);
			if (result.code !== 0)
				throw new Error(`n8n ${args[0]} failed: ${result.stdout}${result.stderr}`);
		}
		const targets = [
			{
				label: 'QuickBooks Sync Trigger (verifies, de-dupes)',
				url: `${n8n.url}/webhook/bench-intuit/intuit`,
				id: 'wfBenchIntuitTrg',
			},
			{
				label: "n8n's Webhook node (responds immediately)",
				url: `${n8n.url}/webhook/bench-webhook`,
				id: 'wfBenchWebhookNd',
			},
		];
		for (const target of targets) {
			const activated = await n8n.publicApi('POST', `/workflows/${target.id}/activate`);
			if (activated.status !== 200) throw new Error(`activate ${target.id}: ${activated.text}`);
			await waitFor(
				async () =>
					(await post(target.url, '{}', { 'content-type': 'application/json' })).status !== 404,
				{ timeoutMs: 30_000, what: `${target.id} to be published` },
			);
		}
		console.log(
			`Acknowledgement of ${DELIVERIES} signed Intuit deliveries on n8n 2.41.1 (sequential, a new connection each, each starts an execution)`,
		);
		// Back to back, the executions of earlier deliveries compete with the next acknowledgement for
		// the CPU; with a pause between deliveries (Intuit aggregates changes per minute in production)
		// the acknowledgement is measured alone.
		for (const gapMs of [0, GAP_MS]) {
			console.log(`\n${gapMs ? `${gapMs} ms between deliveries` : 'back to back'}`);
			console.log(
				[
					'receiver'.padEnd(44),
					'p50'.padStart(10),
					'p99'.padStart(10),
					'max'.padStart(10),
					'  answers',
				].join(' '),
			);
			for (const target of targets) console.log(await measure(target.label, target.url, gapMs));
		}
	} finally {
		await n8n.stop();
		if (process.env.KEEP_BENCH) console.log(`kept ${workDir}`);
		else fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
