/**
 * End to end on a real n8n 2.x server: the packed tarball installed into n8n's community
 * nodes folder, credentials and workflows imported with n8n's CLI, one workflow run with
 * `n8n execute`, one through a published webhook. The QuickBooks side is the QBO emulator: one
 * company with a valid token, and one whose token expired, which n8n refreshes at the emulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	ensureRuntime,
	installPackage,
	packPackage,
	startN8n,
	waitFor,
	type N8nServer,
} from '../../scripts/n8n-server';
import { qboCredential } from '../support/credentials';
import { emulatorCredential, type EmulatorCredential } from '../support/emulator-credential';
import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../emulators/qbo';
import emulatorWorkflow from './emulator-customers.workflow.json';
import manualWorkflow from '../workflow/company-info.workflow.json';
import webhookWorkflow from './webhook-company-info.workflow.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NODE_TYPE = 'n8n-nodes-quickbooks-sync.quickBooksSync';
const e2eLog = (line: string) => process.stdout.write(`[e2e] ${line}\n`);

describe('e2e: real n8n 2.x with the packed package', () => {
	let workDir: string;
	let n8n: N8nServer | undefined;
	/** The company the Company Info workflows read (an emulator of its own, with a valid token). */
	let companyQbo: QboEmulator;
	let qbo: EmulatorCredential;
	let emulator: QboEmulator;
	let emulatorRefreshToken: string;
	let packedFiles: string[];

	beforeAll(
		async () => {
			ensureRuntime();
			workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-'));
			const { tarball, files } = await packPackage(path.join(workDir, 'pkg'));
			packedFiles = files;
			const userFolder = path.join(workDir, 'n8n-user');
			await installPackage(userFolder, tarball);
			companyQbo = await startQboEmulator({ port: 0 });
			qbo = emulatorCredential(companyQbo);
			emulator = await startQboEmulator({ port: 0 });
			const grant = emulator.admin.token(emulator.realmIds[0], { expiresIn: 0 });
			emulatorRefreshToken = String(grant.refresh_token);
			n8n = await startN8n({ userFolder, logFile: path.join(workDir, 'n8n.log') });
			e2eLog(`n8n ready at ${n8n.url} (log ${n8n.logFile})`);

			const credentials = [
				{
					id: 'credQboCompany01',
					name: 'QuickBooks (company)',
					type: 'quickBooksSyncOAuth2Api',
					data: qbo.data,
				},
				{
					id: 'credQboEmulator1',
					name: 'QuickBooks (emulator)',
					type: 'quickBooksSyncOAuth2Api',
					data: qboCredential(emulator.url, emulator.realmIds[0], {
						clientId: DEFAULT_CLIENT.clientId,
						clientSecret: DEFAULT_CLIENT.clientSecret,
						oauthTokenData: {
							access_token: String(grant.access_token),
							refresh_token: emulatorRefreshToken,
							token_type: 'bearer',
							expires_in: 0,
							callbackQueryString: { realmId: emulator.realmIds[0] },
						},
					}),
				},
			];
			const inputFiles = {
				credentials: path.join(workDir, 'credentials.json'),
				manual: path.join(workDir, 'manual.json'),
				webhook: path.join(workDir, 'webhook.json'),
				emulator: path.join(workDir, 'emulator.json'),
			};
			fs.writeFileSync(inputFiles.credentials, JSON.stringify(credentials));
			fs.writeFileSync(inputFiles.manual, JSON.stringify(manualWorkflow));
			fs.writeFileSync(inputFiles.webhook, JSON.stringify(webhookWorkflow));
			fs.writeFileSync(inputFiles.emulator, JSON.stringify(emulatorWorkflow));
			for (const [args, what] of [
				[['import:credentials', `--input=${inputFiles.credentials}`], 'credentials'],
				[['import:workflow', `--input=${inputFiles.manual}`], 'manual workflow'],
				[['import:workflow', `--input=${inputFiles.webhook}`], 'webhook workflow'],
				[['import:workflow', `--input=${inputFiles.emulator}`], 'emulator workflow'],
			] as const) {
				const result = await n8n.cli([...args]);
				if (result.code !== 0)
					throw new Error(`n8n ${args[0]} (${what}) failed: ${result.stdout}${result.stderr}`);
			}
		},
		20 * 60 * 1000,
	);

	afterAll(async () => {
		await n8n?.stop();
		await companyQbo?.stop();
		await emulator?.stop();
		if (workDir && !process.env.KEEP_E2E) fs.rmSync(workDir, { recursive: true, force: true });
	}, 60 * 1000);

	it('packs only dist/, README, LICENSE and package.json', () => {
		const outside = packedFiles.filter(
			(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f),
		);
		expect(outside).toEqual([]);
		expect(packedFiles).toEqual(
			expect.arrayContaining([
				'dist/nodes/QuickBooksSync/QuickBooksSync.node.js',
				'dist/credentials/QuickBooksSyncOAuth2Api.credentials.js',
			]),
		);
	});

	it('loads the package with no error or warning about it and lists its node type', async () => {
		const types = await n8n!.rest('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		const ours = (types.json as Array<{ name: string }>)
			.map((t) => t.name)
			.filter((name) => name.startsWith('n8n-nodes-quickbooks-sync.'));
		e2eLog(`n8n lists node types: ${ours.join(', ')}`);
		expect(ours).toContain(NODE_TYPE);

		// Every node and credential shows its icon (one set in nodes/shared/icons): n8n serves each one.
		const credentialTypes = await n8n!.rest('GET', '/types/credentials.json');
		const iconUrls = [...(types.json as Json[]), ...((credentialTypes.json ?? []) as Json[])]
			.filter((t) =>
				/^n8n-nodes-quickbooks-sync\.|^(quickBooksSync|syncWebhook)/.test(String(t.name)),
			)
			.flatMap((t) =>
				t.iconUrl ? [t.iconUrl.light, t.iconUrl.dark] : [`no icon: ${String(t.name)}`],
			);
		expect(iconUrls.length).toBeGreaterThanOrEqual(16);
		for (const icon of new Set(iconUrls)) {
			const res = await fetch(`${n8n!.url}/${String(icon)}`);
			expect({ icon, status: res.status, type: res.headers.get('content-type') }).toEqual({
				icon,
				status: 200,
				type: expect.stringContaining('svg'),
			});
		}

		const log = fs.readFileSync(n8n!.logFile, 'utf8');
		expect(log).toMatch(/Loaded all credentials and nodes from n8n-nodes-quickbooks-sync/);
		const complaints = log
			.split('\n')
			.filter(
				(line) => /quickbooks-sync|quickBooksSync/i.test(line) && /\b(error|warn)/i.test(line),
			);
		expect(complaints).toEqual([]);
	});

	it(
		'runs a workflow with the node through `n8n execute`',
		async () => {
			const result = await n8n!.cli(['execute', `--id=${manualWorkflow.id}`, '--rawOutput']);
			expect({
				code: result.code,
				stderr: result.code === 0 ? '' : result.stderr + result.stdout,
			}).toEqual({ code: 0, stderr: '' });
			// log lines still go to stdout with --rawOutput: the run JSON starts at the first line that is "{"
			const lines = result.stdout.split('\n');
			if (!lines.some((line) => line.startsWith('{')))
				throw new Error(`n8n execute printed no run JSON:\n${result.stdout}\n${result.stderr}`);
			const json = JSON.parse(
				lines.slice(lines.findIndex((line) => line.startsWith('{'))).join('\n'),
			);
			expect(json.status).toBe('success');
			const [item] = json.data.resultData.runData['Company Info'][0].data.main[0];
			e2eLog(`n8n execute ran ${NODE_TYPE}: ${JSON.stringify(item.json)}`);
			expect(item.json).toMatchObject({ CompanyName: qbo.companyName, realmId: qbo.realmId });
		},
		120 * 1000,
	);

	it('refreshes an expired token at the QBO emulator and lists sub-customers through `n8n execute`', async () => {
		const result = await n8n!.cli(['execute', `--id=${emulatorWorkflow.id}`, '--rawOutput']);
		const lines = result.stdout.split('\n');
		if (!lines.some((line) => line.startsWith('{')))
			throw new Error(`n8n execute printed no run JSON:\n${result.stdout}\n${result.stderr}`);
		const json = JSON.parse(
			lines.slice(lines.findIndex((line) => line.startsWith('{'))).join('\n'),
		);
		const items = json.data.resultData.runData.Customers[0].data.main[0].map(
			(item: { json: { displayName: string } }) => item.json.displayName,
		);
		expect(items.sort()).toEqual(['0969 Ocean View Road', '55 Twin Lane']);
		const endpoints = emulator.admin.log.map((e) => `${e.endpoint} ${e.status}`);
		expect(endpoints).toEqual(['POST /query 401', 'POST /query 200']);
		e2eLog(`n8n refreshed the emulator token and listed ${items.length} sub-customers`);
	});

	it(
		'answers a published webhook with the node’s output',
		async () => {
			const activated = await n8n!.publicApi('POST', `/workflows/${webhookWorkflow.id}/activate`);
			expect(activated.status).toBe(200);
			// the webhook is registered a moment after activation
			const response = await waitFor(
				async () => {
					const res = await fetch(`${n8n!.url}/webhook/e2e-company-info`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({ from: 'e2e' }),
					});
					return res.status === 404 ? false : res;
				},
				{ timeoutMs: 30000, what: 'the webhook to be registered' },
			);
			if (!response) throw new Error('webhook never answered');
			expect(response.status).toBe(200);
			const body = await response.json();
			e2eLog(`webhook → ${NODE_TYPE}: ${JSON.stringify(body)}`);
			expect(body).toMatchObject({ CompanyName: qbo.companyName });

			const executions = await n8n!.publicApi(
				'GET',
				`/executions?workflowId=${webhookWorkflow.id}`,
			);
			expect(executions.json.data[0]).toMatchObject({ mode: 'webhook', status: 'success' });
		},
		120 * 1000,
	);

	it("passes n8n's own credential test (the CompanyInfo request) for the imported credential", async () => {
		const stored = await n8n!.rest('GET', '/rest/credentials/credQboCompany01?includeData=true');
		expect(stored.status).toBe(200);
		// n8n never hands the OAuth token back to clients (and its editor does not run tests for
		// OAuth2 credentials); an API client testing a credential sends the token it holds.
		expect(JSON.stringify(stored.json.data)).not.toContain(qbo.accessToken);
		const { data } = stored.json.data;
		const withToken = {
			...data,
			oauthTokenData: {
				access_token: qbo.accessToken,
				callbackQueryString: { realmId: qbo.realmId },
			},
		};
		const tested = await n8n!.rest('POST', '/rest/credentials/test', {
			credentials: { ...stored.json.data, data: withToken },
		});
		e2eLog(`credential test: ${tested.text}`);
		expect(tested.json.data).toMatchObject({ status: 'OK' });
		expect(
			companyQbo.admin.log.some((e) => e.endpoint === 'GET /companyinfo/:id' && e.status === 200),
		).toBe(true);
	});
});
