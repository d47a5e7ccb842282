/**
 * A template as shipped on a real n8n 2.x between the field-app and QBO emulators: credentials
 * imported and picked by name as an admin does after "Import from file", Settings pointed at the
 * field app, runs started as the editor's "Execute workflow" starts them, returning the "Run
 * summary" item. The n8n is the one the e2e files share (./shared-n8n.ts); each file starts with an
 * empty sync state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { N8nServer } from '../../scripts/n8n-server';
import { startFieldApp, type FieldAppEmulator } from '../emulators/field-app';
import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { qboCredential } from '../support/credentials';
import { fieldAppCall } from '../support/emulator-client';
import { sharedN8n, sharedStateFile } from './shared-n8n';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The node that ends a run red when records need a fix (see the templates' "Anything to fix?"). */
const ISSUE_STOP = 'Stop: records need a fix';
const CREDENTIAL_IDS: Record<string, string> = {
	'Field app API key': 'credFieldAppKey1',
	QuickBooks: 'credQboTemplate1',
	'Sync Webhook secret': 'credSyncSecret01',
};

export interface TemplateEnvironment {
	n8n: N8nServer;
	qbo: QboEmulator;
	app: FieldAppEmulator;
	realmId: string;
	workDir: string;
	workflowFile: string;
	/** The sync state file of the n8n the template runs on. */
	stateFile: string;
	appCall(method: string, route: string, body?: unknown): Promise<Json>;
	list(resource: string): Promise<Json[]>;
	/** One run, started as the editor's Execute workflow starts it; its "Run summary" item. */
	runTemplate(): Promise<Json>;
	/** The writes each system has received so far: QuickBooks (every POST but queries and OAuth) and the app (every request but GET). */
	writes(): { quickBooks: number; app: number };
	/**
	 * The invariant every template keeps: with nothing changed, a run writes nothing to either
	 * system. Runs the template once, fails naming the writes if there were any, and returns the
	 * first item of each named node (default: the run summary).
	 */
	expectRunWritesNothing(nodes?: string[]): Promise<Record<string, Json | undefined>>;
	/**
	 * The invariant every push keeps: links the app lost (`qboId` and fingerprint wiped, each record
	 * then edited with `touch` so the run reads it again) come back by natural key, to the same
	 * QuickBooks records, and nothing is created in QuickBooks. Returns the run's summary.
	 */
	expectLostLinksRelink(
		resource: string,
		entity: string | string[],
		touch: (record: Json) => Json,
		which?: (record: Json) => boolean,
	): Promise<Json>;
	/** How the last run ended: `error` with the message when it stopped because records need a fix (every other write done). */
	lastRun(): { status: string; stoppedForIssues?: string };
	/** Runs the template once and returns the first output item of each named node (undefined for a node that did not run). */
	runTemplateNodes(names: string[]): Promise<Record<string, Json | undefined>>;
	/** Runs another imported workflow (a variant of the template) as the editor does. */
	runWorkflow(workflow: Json): Promise<{ run: Json; stoppedForIssues?: string }>;
	stop(): Promise<void>;
}

/**
 * One run of a workflow through `n8n execute` (from its Manual Trigger), as the run JSON. A run with
 * records to fix ends red at its last node, after every other write: the template's design, not a
 * failure; `stoppedForIssues` then holds that node's message.
 */
export async function executeWorkflow(
	n8n: N8nServer,
	workflowId: string,
): Promise<{ run: Json; stoppedForIssues?: string }> {
	const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	// Log lines may come before and after the run JSON, which starts with "{" and ends with "}" on lines of their own.
	const lines = result.stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	const end = lines.length - 1 - [...lines].reverse().findIndex((line) => line === '}');
	if (start < 0 || end < start)
		throw new Error(
			`n8n execute printed no run JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
		);
	const run = JSON.parse(lines.slice(start, end + 1).join('\n')) as Json;
	const stopped = stoppedForIssues(run);
	return { run, ...(stopped !== undefined ? { stoppedForIssues: stopped } : {}) };
}

/** A run of a saved workflow from its Manual Trigger, started as the editor's "Execute workflow" starts it. */
export async function executeInServer(
	n8n: N8nServer,
	workflow: Json,
): Promise<{ run: Json; stoppedForIssues?: string }> {
	const trigger = (workflow.nodes as Json[]).find(
		(node) => node.type === 'n8n-nodes-base.manualTrigger',
	);
	if (!trigger) throw new Error(`workflow "${workflow.name}" has no Manual Trigger to start from`);
	const run = await n8n.executeManually(String(workflow.id), String(trigger.name));
	const stopped = stoppedForIssues(run);
	return { run, ...(stopped !== undefined ? { stoppedForIssues: stopped } : {}) };
}

/** The message of a run that ended at the templates' "Stop: records need a fix", however it was started; undefined otherwise. */
export function stoppedForIssues(run: Json): string | undefined {
	return run.status === 'error' && run.data?.resultData?.lastNodeExecuted === ISSUE_STOP
		? String(run.data.resultData.error?.message ?? '')
		: undefined;
}

export const TEMPLATE_SYNC_SECRET = 'template-secret-0123456789';

/** The credentials the templates name, as an admin would create them: the field app's key, QuickBooks (token from the emulator), the Sync Webhook secret. */
export function templateCredentials(
	qbo: QboEmulator,
	realmId: string,
	app: FieldAppEmulator,
): Json[] {
	const grant = qbo.admin.token(realmId);
	return [
		{
			id: CREDENTIAL_IDS['Field app API key'],
			name: 'Field app API key',
			type: 'httpHeaderAuth',
			data: { name: 'X-Api-Key', value: app.apiKey },
		},
		{
			id: CREDENTIAL_IDS.QuickBooks,
			name: 'QuickBooks',
			type: 'quickBooksSyncOAuth2Api',
			data: qboCredential(qbo.url, realmId, {
				clientId: DEFAULT_CLIENT.clientId,
				clientSecret: DEFAULT_CLIENT.clientSecret,
				oauthTokenData: {
					access_token: String(grant.access_token),
					refresh_token: String(grant.refresh_token),
					token_type: 'bearer',
					expires_in: 3600,
					callbackQueryString: { realmId },
				},
			}),
		},
		{
			id: CREDENTIAL_IDS['Sync Webhook secret'],
			name: 'Sync Webhook secret',
			type: 'syncWebhookAuthApi',
			data: { secret: TEMPLATE_SYNC_SECRET, user: '', password: '' },
		},
	];
}

/** A template as shipped, with its credentials picked by name and Settings pointed at the app. */
export function wireTemplate(template: Json, appUrl: string): Json {
	const workflow = JSON.parse(JSON.stringify(template)) as Json;
	for (const node of workflow.nodes as Json[]) {
		for (const ref of Object.values((node.credentials ?? {}) as Record<string, Json>))
			ref.id = CREDENTIAL_IDS[ref.name] ?? ref.id;
		if (node.name === 'Settings')
			node.parameters.assignments.assignments.find((a: Json) => a.name === 'appBaseUrl').value =
				appUrl;
	}
	return workflow;
}

export async function startTemplateEnvironment(
	template: Json,
	options: {
		prepareQuickBooks?: (qbo: QboEmulator, realmId: string) => void;
		qboSeed?: 'sandbox' | 'empty';
		appSeed?: boolean;
		log: (line: string) => void;
	},
): Promise<TemplateEnvironment> {
	const n8n = sharedN8n();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-template-'));
	const stateFile = sharedStateFile(n8n);
	fs.rmSync(stateFile, { force: true }); // each file starts as a new install does: no cursors, issues or links
	const qbo = await startQboEmulator({
		port: 0,
		realms: [options.qboSeed === 'sandbox' ? {} : { seed: 'empty', companyName: 'Template Co' }],
	});
	const realmId = qbo.realmIds[0];
	options.prepareQuickBooks?.(qbo, realmId);
	const app = await startFieldApp({ port: 0, seed: options.appSeed !== false });
	const credentials = templateCredentials(qbo, realmId, app);
	const workflow = wireTemplate(template, app.url);
	const workflowFile = path.join(workDir, 'workflow.json');
	fs.writeFileSync(path.join(workDir, 'credentials.json'), JSON.stringify(credentials));
	fs.writeFileSync(workflowFile, JSON.stringify(workflow));
	for (const args of [
		['import:credentials', `--input=${path.join(workDir, 'credentials.json')}`],
		['import:workflow', `--input=${workflowFile}`],
	]) {
		const result = await n8n.cli(args);
		if (result.code !== 0)
			throw new Error(`n8n ${args[0]} failed: ${result.stdout}${result.stderr}`);
	}

	let last: { status: string; stoppedForIssues?: string } = { status: 'none' };
	const runWorkflow = (workflow: Json) => executeInServer(n8n, workflow);

	async function runTemplateNodes(names: string[]): Promise<Record<string, Json | undefined>> {
		const { run, stoppedForIssues } = await runWorkflow(template);
		if (run.status !== 'success' && stoppedForIssues === undefined)
			throw new Error(
				`the template run failed: ${JSON.stringify(run.data?.resultData?.error ?? run).slice(0, 2000)}`,
			);
		last = {
			status: String(run.status),
			...(stoppedForIssues !== undefined ? { stoppedForIssues } : {}),
		};
		return Object.fromEntries(
			names.map((name) => [
				name,
				run.data.resultData.runData[name]?.[0]?.data?.main?.[0]?.[0]?.json,
			]),
		);
	}

	const appCall = fieldAppCall(() => app);
	const qboWrites = () =>
		qbo.admin.log.filter(
			(e) => e.method === 'POST' && !/query|oauth|token|revoke/i.test(e.endpoint),
		);
	const appWrites = () => app.state.log.filter((e) => e.method !== 'GET');
	const env: TemplateEnvironment = {
		n8n,
		qbo,
		app,
		realmId,
		workDir,
		workflowFile,
		stateFile,
		appCall,
		async list(resource) {
			const out: Json[] = [];
			let cursor: string | null = null;
			do {
				const page: Json = await appCall(
					'GET',
					`/v1/${resource}?limit=500&includeDeleted=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
				);
				out.push(...(page.data as Json[]));
				cursor = page.nextCursor as string | null;
			} while (cursor);
			return out;
		},
		async runTemplate() {
			const summary = (await runTemplateNodes(['Run summary']))['Run summary'] ?? {};
			options.log(`run summary: ${JSON.stringify(summary)}`);
			return summary;
		},
		runTemplateNodes,
		runWorkflow,
		writes: () => ({ quickBooks: qboWrites().length, app: appWrites().length }),
		async expectLostLinksRelink(resource, entity, touch, which = () => true) {
			const linked = (await env.list(resource)).filter((r) => r.qboId && !r.deletedAt && which(r));
			expect(linked.length).toBeGreaterThan(0); // with no link to lose, the check would prove nothing
			const inQuickBooks = () =>
				[entity].flat().reduce((sum, type) => sum + qbo.admin.realm(realmId).all(type).length, 0);
			const before = inQuickBooks();
			for (const record of linked) {
				await appCall('PUT', `/v1/${resource}/${record.id}/sync`, {
					qboId: null,
					fingerprint: null,
				});
				const fresh = await appCall('GET', `/v1/${resource}/${record.id}`);
				await appCall('PATCH', `/v1/${resource}/${record.id}`, {
					version: fresh.version,
					...touch(fresh),
				});
			}
			const summary = await env.runTemplate();
			expect(inQuickBooks()).toBe(before);
			const after = new Map((await env.list(resource)).map((r) => [r.id, r.qboId]));
			expect(linked.map((r) => [r.id, after.get(r.id)])).toEqual(
				linked.map((r) => [r.id, r.qboId]),
			);
			return summary;
		},
		async expectRunWritesNothing(nodes = ['Run summary']) {
			const before = { quickBooks: qboWrites().length, app: appWrites().length };
			const run = await runTemplateNodes(nodes);
			options.log(`run after (nothing changed): ${JSON.stringify(run)}`);
			const written = {
				quickBooks: qboWrites()
					.slice(before.quickBooks)
					.map((e) => `${e.method} ${e.endpoint}`),
				app: appWrites()
					.slice(before.app)
					.map((e) => `${e.method} ${e.path}`),
			};
			expect(written).toEqual({ quickBooks: [], app: [] });
			return run;
		},
		lastRun: () => last,
		async stop() {
			await app.stop();
			await qbo.stop();
			if (!process.env.KEEP_E2E) fs.rmSync(workDir, { recursive: true, force: true });
		},
	};
	return env;
}
