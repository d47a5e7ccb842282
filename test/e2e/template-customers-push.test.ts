/**
 * The "customers app → QuickBooks" template, imported as shipped, on a real n8n 2.x between the
 * field-app emulator and the QBO emulator: the first run creates customers and sub-customers and
 * links them in the app (the seed's trailing-space name is reported, not renamed); the next run
 * writes nothing to QuickBooks; an edit and a deletion in the app follow; links wiped in the app
 * are found again by natural key without a new QuickBooks customer; two overlapping executions on
 * 500 new customers create each exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureRuntime, installPackage, packPackage, startN8n, type N8nServer } from '../../scripts/n8n-server';
import { startFieldApp, type FieldAppEmulator } from '../emulators/field-app';
import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { qboCredential } from '../support/credentials';
import template from '../../workflows-templates/customers-app-to-quickbooks.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const log = (line: string) => process.stdout.write(`[e2e template] ${line}\n`);
const CREDENTIAL_IDS: Record<string, string> = { 'Field app API key': 'credFieldAppKey1', QuickBooks: 'credQboTemplate1', 'Sync Webhook secret': 'credSyncSecret01' };

describe('e2e: template "customers app → QuickBooks" on a real n8n 2.x', () => {
	let workDir: string;
	let n8n: N8nServer;
	let qbo: QboEmulator;
	let app: FieldAppEmulator;
	let realmId: string;

	async function appCall(method: string, route: string, body?: unknown): Promise<Json> {
		const res = await fetch(`${app.url}${route}`, { method, headers: { 'x-api-key': app.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
		const json = (await res.json()) as Json;
		if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	}
	async function list(resource: string): Promise<Json[]> {
		const out: Json[] = [];
		let cursor: string | null = null;
		do {
			const page: Json = await appCall('GET', `/v1/${resource}?limit=500&includeDeleted=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			out.push(...(page.data as Json[]));
			cursor = page.nextCursor as string | null;
		} while (cursor);
		return out;
	}
	const qboCustomers = () => qbo.admin.realm(realmId).all('Customer');
	const qboWrites = () => qbo.admin.log.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length;

	async function runTemplate(): Promise<Json> {
		const result = await n8n.cli(['execute', `--id=${template.id}`, '--rawOutput']);
		const lines = result.stdout.split('\n');
		// Log lines may come before and after the run JSON, which starts with "{" and ends with "}" on lines of their own.
		const start = lines.findIndex((line) => line.startsWith('{'));
		const end = lines.length - 1 - [...lines].reverse().findIndex((line) => line === '}');
		if (start < 0 || end < start) throw new Error(`n8n execute printed no run JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
		const run = JSON.parse(lines.slice(start, end + 1).join('\n'));
		if (run.status !== 'success') throw new Error(`the template run failed: ${JSON.stringify(run.data?.resultData?.error ?? run).slice(0, 2000)}`);
		const summary = run.data.resultData.runData['Run summary']?.[0]?.data?.main?.[0]?.[0]?.json ?? {};
		log(`run summary: ${JSON.stringify(summary)}`);
		return summary;
	}

	beforeAll(async () => {
		ensureRuntime();
		workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-template-'));
		const userFolder = path.join(workDir, 'n8n-user');
		const { tarball } = await packPackage(path.join(workDir, 'pkg'));
		await installPackage(userFolder, tarball);
		qbo = await startQboEmulator({ port: 0, realms: [{ seed: 'empty', companyName: 'Template Co' }] });
		realmId = qbo.realmIds[0];
		for (const [name, days] of [['Net 30', 30], ['Net 15', 15]] as const) qbo.admin.realm(realmId).create('Term', { Name: name, DueDays: days });
		app = await startFieldApp({ port: 0 });
		n8n = await startN8n({ userFolder, logFile: path.join(workDir, 'n8n.log'), logLevel: 'info' });
		const grant = qbo.admin.token(realmId);
		const credentials = [
			{ id: CREDENTIAL_IDS['Field app API key'], name: 'Field app API key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: app.apiKey } },
			{ id: CREDENTIAL_IDS.QuickBooks, name: 'QuickBooks', type: 'quickBooksSyncOAuth2Api', data: qboCredential(qbo.url, realmId, { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, oauthTokenData: { access_token: String(grant.access_token), refresh_token: String(grant.refresh_token), token_type: 'bearer', expires_in: 3600, callbackQueryString: { realmId } } }) },
			{ id: CREDENTIAL_IDS['Sync Webhook secret'], name: 'Sync Webhook secret', type: 'syncWebhookAuthApi', data: { secret: 'template-secret-0123456789', user: '', password: '' } },
		];
		// As an admin does after "Import from file": pick the credentials, point Settings at the app.
		const workflow = JSON.parse(JSON.stringify(template)) as Json;
		for (const node of workflow.nodes as Json[]) {
			for (const ref of Object.values((node.credentials ?? {}) as Record<string, Json>)) ref.id = CREDENTIAL_IDS[ref.name];
			if (node.name === 'Settings') node.parameters.assignments.assignments.find((a: Json) => a.name === 'appBaseUrl').value = app.url;
		}
		fs.writeFileSync(path.join(workDir, 'credentials.json'), JSON.stringify(credentials));
		fs.writeFileSync(path.join(workDir, 'workflow.json'), JSON.stringify(workflow));
		for (const args of [['import:credentials', `--input=${path.join(workDir, 'credentials.json')}`], ['import:workflow', `--input=${path.join(workDir, 'workflow.json')}`]]) {
			const result = await n8n.cli(args);
			if (result.code !== 0) throw new Error(`n8n ${args[0]} failed: ${result.stdout}${result.stderr}`);
		}
	}, 20 * 60 * 1000);

	afterAll(async () => {
		await n8n?.stop();
		await app?.stop();
		await qbo?.stop();
		if (workDir && !process.env.KEEP_E2E) fs.rmSync(workDir, { recursive: true, force: true });
	}, 60 * 1000);

	it('creates the app customers and locations in QuickBooks and links them in the app', async () => {
		const summary = await runTemplate();
		const customers = await list('customers');
		const locations = await list('locations');
		const eligible = customers.filter((c) => c.active && !c.deletedAt && c.name === c.name.trim());
		expect(summary).toMatchObject({ created: eligible.length + locations.length, issues: 1 });
		for (const c of eligible) {
			expect(c.qboId).toEqual(expect.any(String));
			expect(qboCustomers().find((q) => q.Id === c.qboId)).toMatchObject({ DisplayName: c.name, ...(c.notes ? { Notes: c.notes } : {}) });
		}
		for (const l of locations) {
			const parent = customers.find((c) => c.id === l.customerId);
			expect(qboCustomers().find((q) => q.Id === l.qboId)).toMatchObject({ Job: true, ParentRef: { value: parent?.qboId }, FullyQualifiedName: `${parent?.name}:${l.name}` });
		}
		const trailing = customers.find((c) => c.name !== c.name.trim());
		expect(trailing?.qboId).toBeNull();
		expect(trailing?.sync.error).toMatch(/starts or ends with a space/);
		expect(qboCustomers().filter((q) => q.DisplayName.trim() === trailing?.name.trim())).toEqual([]);
	}, 180_000);

	it('writes nothing to QuickBooks on the next run', async () => {
		const stored = await n8n.publicApi('GET', `/workflows/${template.id}`);
		expect(JSON.stringify(stored.json?.staticData ?? {})).toContain('cursor:customer'); // committed by the first run
		const before = qboWrites();
		const summary = await runTemplate();
		expect(summary).toMatchObject({ created: 0, updated: 0, deactivated: 0, linked: 0 });
		expect(qboWrites()).toBe(before);
	}, 120_000);

	it('follows an edit and a deletion in the app', async () => {
		const [edited, deleted] = (await list('customers')).filter((c) => c.qboId && c.active && !c.deletedAt);
		await appCall('PATCH', `/v1/customers/${edited.id}`, { version: edited.version, phone: '(650) 555-0000' });
		await appCall('DELETE', `/v1/customers/${deleted.id}?version=${deleted.version}`);
		const summary = await runTemplate();
		expect(summary).toMatchObject({ updated: 1, deactivated: 1, created: 0 });
		expect(qboCustomers().find((q) => q.Id === edited.qboId)?.PrimaryPhone?.FreeFormNumber).toBe('(650) 555-0000');
		expect(qboCustomers().find((q) => q.Id === deleted.qboId)?.Active).toBe(false);
	}, 120_000);

	it('finds customers again by natural key when the app lost its links, creating none', async () => {
		const count = qboCustomers().length;
		for (const c of (await list('customers')).filter((x) => x.qboId)) await appCall('PUT', `/v1/customers/${c.id}/sync`, { qboId: null, fingerprint: null });
		// The cursor and static data wiped too: importing the workflow again resets them, so the run reads everything.
		const wiped = path.join(workDir, 'workflow-wiped.json');
		fs.writeFileSync(wiped, JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(workDir, 'workflow.json'), 'utf8')), staticData: null }));
		const reimported = await n8n.cli(['import:workflow', `--input=${wiped}`]);
		expect(reimported.code).toBe(0);
		const stored = await n8n.publicApi('GET', `/workflows/${template.id}`);
		expect(JSON.stringify(stored.json?.staticData ?? {})).not.toContain('cursor:customer');
		const summary = await runTemplate();
		expect(qboCustomers().length).toBe(count);
		log(`after wiping links: ${JSON.stringify(summary)}`);
		expect((await list('customers')).filter((c) => c.active && !c.deletedAt && c.name === c.name.trim()).every((c) => typeof c.qboId === 'string')).toBe(true);
	}, 120_000);

	it('creates each of 500 new customers once when two executions overlap', async () => {
		for (let i = 0; i < 500; i++) app.state.app.create('customers', { name: `Overlap Customer ${String(i).padStart(3, '0')}`, billingEmail: `overlap${i}@example.com` });
		const [a, b] = await Promise.all([runTemplate(), runTemplate()]);
		log(`overlapping runs: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
		const names = qboCustomers().filter((q) => q.DisplayName.startsWith('Overlap Customer ')).map((q) => q.DisplayName);
		expect(names).toHaveLength(500);
		expect(new Set(names).size).toBe(500);
		expect((await list('customers')).filter((c) => c.name.startsWith('Overlap Customer ')).every((c) => typeof c.qboId === 'string')).toBe(true);
	}, 600_000);
});
