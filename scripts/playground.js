// The playground behind `npm start` (and the first-run e2e test): this package installed into an
// n8n user folder the way n8n installs community packages, the two emulators with seed data that
// agree with each other, a real n8n 2.x with an owner account, the credentials aimed at the
// emulators and every template imported. Plain CommonJS, like n8n-server.js.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime, installPackage, packPackage, startN8n, REPO_ROOT } = require('./n8n-server');
const { startQueueServices } = require('./queue-services');
const { startEmulators } = require('./playground-emulators');

const DEFAULT_DIR = path.join(os.homedir(), '.cache', 'n8n-quickbooks-sync-playground');
const CREDENTIALS = {
	QuickBooks: 'credPlaygroundQb',
	'Field app API key': 'credPlaygroundFa',
	'Sync Webhook secret': 'credPlaygroundSw',
};
const FIRST_TEMPLATE = 'tplCustomersPush';

/** The credentials of the playground, aimed at this start's emulators (tokens are new each start). */
async function playgroundCredentials(qbo, fieldApp) {
	const grant = await (
		await fetch(`${qbo.url}/__admin/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ realmId: qbo.realmIds[0] }),
		})
	).json();
	return [
		{
			id: CREDENTIALS.QuickBooks,
			name: 'QuickBooks',
			type: 'quickBooksSyncOAuth2Api',
			data: {
				clientId: qbo.clientId,
				clientSecret: qbo.clientSecret,
				environment: 'sandbox',
				customBaseUrl: qbo.url,
				realmId: '',
				oauthTokenData: {
					access_token: grant.access_token,
					refresh_token: grant.refresh_token,
					token_type: 'bearer',
					expires_in: 3600,
					callbackQueryString: { realmId: qbo.realmIds[0] },
				},
			},
		},
		{
			id: CREDENTIALS['Field app API key'],
			name: 'Field app API key',
			type: 'httpHeaderAuth',
			data: { name: 'X-Api-Key', value: fieldApp.apiKey },
		},
		{
			id: CREDENTIALS['Sync Webhook secret'],
			name: 'Sync Webhook secret',
			type: 'syncWebhookAuthApi',
			data: { secret: 'playground-sync-secret-0123', user: '', password: '' },
		},
	];
}

/** A template as an admin leaves it after import: credentials picked, Settings pointed at the app. */
function wired(template, fieldAppUrl) {
	const workflow = JSON.parse(JSON.stringify(template));
	for (const node of workflow.nodes) {
		for (const ref of Object.values(node.credentials || {}))
			if (CREDENTIALS[ref.name]) ref.id = CREDENTIALS[ref.name];
		if (node.name === 'Settings') {
			const url = node.parameters.assignments.assignments.find((a) => a.name === 'appBaseUrl');
			if (url) url.value = fieldAppUrl;
		}
		// The playground's company has no adjustment account yet: the sync makes it, as inFlow offers (off outside the playground).
		if (node.parameters.resource === 'inventoryValue' && node.parameters.operation === 'push')
			node.parameters.createAdjustmentAccount = true;
	}
	return workflow;
}

/** Workflow settings the public API takes back on PUT (it refuses any other key). */
const WORKFLOW_SETTINGS = [
	'saveExecutionProgress',
	'saveManualExecutions',
	'saveDataErrorExecution',
	'saveDataSuccessExecution',
	'executionTimeout',
	'errorWorkflow',
	'timezone',
	'executionOrder',
	'callerPolicy',
	'callerIds',
	'timeSavedPerExecution',
];
const LOOPBACK_URL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/;

/**
 * A playground template whose Settings → appBaseUrl names the field-app emulator of an earlier start
 * (another FIELD_APP_PORT) is pointed at this start's; a URL the admin set to a real app is left alone.
 */
async function reaim(n8n, workflow, fieldAppUrl, log) {
	const settings = workflow.nodes.find((n) => n.name === 'Settings');
	const url = settings?.parameters?.assignments?.assignments?.find((a) => a.name === 'appBaseUrl');
	if (!url || url.value === fieldAppUrl || !LOOPBACK_URL.test(String(url.value))) return;
	const was = url.value;
	url.value = fieldAppUrl;
	const kept = Object.fromEntries(
		Object.entries(workflow.settings || {}).filter(([key]) => WORKFLOW_SETTINGS.includes(key)),
	);
	const updated = await n8n.publicApi('PUT', `/workflows/${workflow.id}`, {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: kept,
	});
	if (updated.status !== 200)
		log(
			`"${workflow.name}": could not point Settings → appBaseUrl at ${fieldAppUrl} (HTTP ${updated.status} ${updated.text.slice(0, 300)}); set it there by hand (it says ${was}).`,
		);
	else log(`"${workflow.name}": Settings → appBaseUrl ${was} → ${fieldAppUrl}`);
}

async function importInto(n8n, emulators, playgroundDir, log) {
	const dir = fs.mkdtempSync(path.join(playgroundDir, 'import-'));
	try {
		const credentialsFile = path.join(dir, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify(await playgroundCredentials(emulators.qbo, emulators.fieldApp)),
		);
		const imported = await n8n.cli(['import:credentials', `--input=${credentialsFile}`]);
		if (imported.code !== 0)
			throw new Error(
				`importing the playground credentials failed: ${imported.stdout}${imported.stderr}`,
			);
		const templatesDir = path.join(REPO_ROOT, 'dist', 'workflows-templates');
		const names = [];
		for (const file of fs.readdirSync(templatesDir).filter((f) => f.endsWith('.json'))) {
			const template = JSON.parse(fs.readFileSync(path.join(templatesDir, file), 'utf8'));
			names.push(template.name);
			// Kept as the user left it: a template already in the playground is not overwritten, only re-aimed
			// at this start's field app when it still points at the playground's emulator on another port.
			const existing = await n8n.publicApi('GET', `/workflows/${template.id}`);
			if (existing.status === 200) {
				await reaim(n8n, existing.json, emulators.fieldApp.url, log);
				continue;
			}
			const workflowFile = path.join(dir, file);
			fs.writeFileSync(workflowFile, JSON.stringify(wired(template, emulators.fieldApp.url)));
			const result = await n8n.cli(['import:workflow', `--input=${workflowFile}`]);
			if (result.code !== 0)
				throw new Error(`importing ${file} failed: ${result.stdout}${result.stderr}`);
		}
		return names;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Starts the playground in `dir` (kept between starts: a template changed there is not overwritten).
 * `port`, `qboPort`, `fieldAppPort`: 0 picks free ones. Resolves once n8n answers and every template
 * is imported; `stop()` ends n8n and both emulators. `started` receives each part's stop function as
 * soon as that part runs, for a caller that must stop them while the rest is still starting.
 */
async function startPlayground({
	dir = DEFAULT_DIR,
	port = 5678,
	qboPort = 9400,
	fieldAppPort = 9500,
	logLevel = 'info',
	log = console.log,
	started = [],
	queue = false,
} = {}) {
	ensureRuntime();
	fs.mkdirSync(dir, { recursive: true });
	const userFolder = path.join(dir, 'n8n-user');
	const { tarball } = await packPackage(path.join(dir, 'packages'));
	await installPackage(userFolder, tarball);
	log(`Installed ${path.basename(tarball)} into ${path.join(userFolder, '.n8n', 'nodes')}`);
	const emulators = await startEmulators({ qboPort, fieldAppPort });
	started.push(() => emulators.stop());
	// Queue mode: Postgres and Redis, then main + 2 workers + a webhook process sharing this user folder.
	let services;
	if (queue) {
		services = await startQueueServices(dir, log);
		if ('skipped' in services) throw new Error(`queue mode cannot start here: ${services.skipped}`);
		started.push(() => services.stop());
	}
	const extraEnv = services
		? { ...services.n8nEnv(), OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' }
		: {};
	const logFile = path.join(dir, 'n8n.log');
	log(`Starting n8n${queue ? ' in queue mode' : ''} (log: ${logFile}) ...`);
	const processes = [];
	const stopAll = async () => {
		for (const p of processes.reverse()) await p.stop();
	};
	try {
		const n8n = await startN8n({ userFolder, logFile, port, logLevel, extraEnv });
		processes.push(n8n);
		started.push(() => n8n.stop());
		const templates = await importInto(n8n, emulators, dir, log);
		const workers = [];
		let webhook;
		if (queue) {
			const more = await Promise.all([
				...[0, 1].map((i) =>
					startN8n({
						userFolder,
						logFile: path.join(dir, `worker-${i}.log`),
						logLevel,
						extraEnv,
						command: 'worker',
						args: ['--concurrency=5'],
					}),
				),
				startN8n({
					userFolder,
					logFile: path.join(dir, 'webhook.log'),
					logLevel,
					extraEnv,
					command: 'webhook',
				}),
			]);
			workers.push(...more.slice(0, 2));
			webhook = more[2];
			for (const p of more) {
				processes.push(p);
				started.push(() => p.stop());
			}
		}
		return {
			n8n,
			emulators,
			templates,
			dir,
			...(queue
				? { queue: { workers, webhook, postgres: services.postgres, redis: services.redis } }
				: {}),
			async stop() {
				await stopAll();
				await services?.stop();
				await emulators.stop();
			},
		};
	} catch (error) {
		await stopAll();
		await services?.stop();
		await emulators.stop();
		throw error;
	}
}

module.exports = { startPlayground, CREDENTIALS, FIRST_TEMPLATE, DEFAULT_DIR };
