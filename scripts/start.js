// `npm start`: the local playground. Builds and packs this package, installs it into a persistent
// n8n user folder the way n8n installs community packages, starts the QBO and field-app emulators,
// starts a real n8n 2.x with an owner account, imports the credentials (aimed at the emulators) and
// every template not imported yet, prints where everything is, and stops it all on Ctrl-C.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime, installPackage, packPackage, startN8n, REPO_ROOT } = require('./n8n-server');
const { startEmulators } = require('./playground-emulators');

const PLAYGROUND = process.env.PLAYGROUND_DIR || path.join(os.homedir(), '.cache', 'n8n-quickbooks-sync-playground');
const PORT = Number(process.env.N8N_PORT || 5678);
const QBO_PORT = Number(process.env.QBO_EMULATOR_PORT || 9400);
const FIELD_APP_PORT = Number(process.env.FIELD_APP_PORT || 9500);
const CREDENTIALS = {
	QuickBooks: 'credPlaygroundQb',
	'Field app API key': 'credPlaygroundFa',
	'Sync Webhook secret': 'credPlaygroundSw',
};
const FIRST_TEMPLATE = 'tplCustomersPush';

/** The credentials of the playground, aimed at this start's emulators (tokens are new each start). */
async function playgroundCredentials(qbo, fieldApp) {
	const grant = await (await fetch(`${qbo.url}/__admin/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ realmId: qbo.realmIds[0] }) })).json();
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
				oauthTokenData: { access_token: grant.access_token, refresh_token: grant.refresh_token, token_type: 'bearer', expires_in: 3600, callbackQueryString: { realmId: qbo.realmIds[0] } },
			},
		},
		{ id: CREDENTIALS['Field app API key'], name: 'Field app API key', type: 'httpHeaderAuth', data: { name: 'X-Api-Key', value: fieldApp.apiKey } },
		{ id: CREDENTIALS['Sync Webhook secret'], name: 'Sync Webhook secret', type: 'syncWebhookAuthApi', data: { secret: 'playground-sync-secret-0123', user: '', password: '' } },
	];
}

/** A template as an admin leaves it after import: credentials picked, Settings pointed at the app. */
function wired(template, fieldAppUrl) {
	const workflow = JSON.parse(JSON.stringify(template));
	for (const node of workflow.nodes) {
		for (const ref of Object.values(node.credentials || {})) if (CREDENTIALS[ref.name]) ref.id = CREDENTIALS[ref.name];
		if (node.name === 'Settings') {
			const url = node.parameters.assignments.assignments.find((a) => a.name === 'appBaseUrl');
			if (url) url.value = fieldAppUrl;
		}
	}
	return workflow;
}

/** Workflow settings the public API takes back on PUT (it refuses any other key). */
const WORKFLOW_SETTINGS = ['saveExecutionProgress', 'saveManualExecutions', 'saveDataErrorExecution', 'saveDataSuccessExecution', 'executionTimeout', 'errorWorkflow', 'timezone', 'executionOrder', 'callerPolicy', 'callerIds', 'timeSavedPerExecution'];
const LOOPBACK_URL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/;

/**
 * A playground template whose Settings → appBaseUrl names the field-app emulator of an earlier start
 * (another FIELD_APP_PORT) is pointed at this start's; a URL the admin set to a real app is left alone.
 */
async function reaim(n8n, workflow, fieldAppUrl) {
	const settings = workflow.nodes.find((n) => n.name === 'Settings');
	const url = settings?.parameters?.assignments?.assignments?.find((a) => a.name === 'appBaseUrl');
	if (!url || url.value === fieldAppUrl || !LOOPBACK_URL.test(String(url.value))) return;
	const was = url.value;
	url.value = fieldAppUrl;
	const kept = Object.fromEntries(Object.entries(workflow.settings || {}).filter(([key]) => WORKFLOW_SETTINGS.includes(key)));
	const updated = await n8n.publicApi('PUT', `/workflows/${workflow.id}`, { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections, settings: kept });
	if (updated.status !== 200) console.warn(`"${workflow.name}": could not point Settings → appBaseUrl at ${fieldAppUrl} (HTTP ${updated.status} ${updated.text.slice(0, 300)}); set it there by hand (it says ${was}).`);
	else console.log(`"${workflow.name}": Settings → appBaseUrl ${was} → ${fieldAppUrl}`);
}

async function importInto(n8n, emulators) {
	const dir = fs.mkdtempSync(path.join(PLAYGROUND, 'import-'));
	try {
		const credentialsFile = path.join(dir, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(await playgroundCredentials(emulators.qbo, emulators.fieldApp)));
		const imported = await n8n.cli(['import:credentials', `--input=${credentialsFile}`]);
		if (imported.code !== 0) throw new Error(`importing the playground credentials failed: ${imported.stdout}${imported.stderr}`);
		const templatesDir = path.join(REPO_ROOT, 'dist', 'workflows-templates');
		const names = [];
		for (const file of fs.readdirSync(templatesDir).filter((f) => f.endsWith('.json'))) {
			const template = JSON.parse(fs.readFileSync(path.join(templatesDir, file), 'utf8'));
			names.push(template.name);
			// Kept as the user left it: a template already in the playground is not overwritten, only re-aimed
			// at this start's field app when it still points at the playground's emulator on another port.
			const existing = await n8n.publicApi('GET', `/workflows/${template.id}`);
			if (existing.status === 200) {
				await reaim(n8n, existing.json, emulators.fieldApp.url);
				continue;
			}
			const workflowFile = path.join(dir, file);
			fs.writeFileSync(workflowFile, JSON.stringify(wired(template, emulators.fieldApp.url)));
			const result = await n8n.cli(['import:workflow', `--input=${workflowFile}`]);
			if (result.code !== 0) throw new Error(`importing ${file} failed: ${result.stdout}${result.stderr}`);
		}
		return names;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (built.status !== 0) throw new Error('npm run build failed');
	ensureRuntime();
	fs.mkdirSync(PLAYGROUND, { recursive: true });
	const userFolder = path.join(PLAYGROUND, 'n8n-user');
	const { tarball } = await packPackage(path.join(PLAYGROUND, 'packages'));
	await installPackage(userFolder, tarball);
	console.log(`Installed ${path.basename(tarball)} into ${path.join(userFolder, '.n8n', 'nodes')}`);

	const emulators = await startEmulators({ qboPort: QBO_PORT, fieldAppPort: FIELD_APP_PORT });
	let n8n;
	let stopping = false;
	const stop = async (signal) => {
		// npm passes the terminal's Ctrl-C on as well: the second signal must not stop twice.
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n and the emulators ...`);
		await n8n?.stop();
		await emulators.stop();
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	const logFile = path.join(PLAYGROUND, 'n8n.log');
	console.log(`Starting n8n (log: ${logFile}) ...`);
	try {
		n8n = await startN8n({ userFolder, logFile, port: PORT, logLevel: 'info' });
		const templates = await importInto(n8n, emulators);
		const first = templates.length ? `${n8n.url}/workflow/${FIRST_TEMPLATE}` : '(no templates built)';
		console.log(
			[
				'',
				'QuickBooks Sync playground is running',
				`  Editor:     ${n8n.url}/`,
				`  Login:      ${n8n.ownerEmail}`,
				`  Password:   ${n8n.ownerPassword}`,
				`  Open first: ${first}  ("Execute workflow" pushes the app's customers to QuickBooks)`,
				`  Templates:  ${templates.join('; ')}`,
				`  QuickBooks: ${emulators.qbo.url} (emulator, company ${emulators.qbo.realmIds[0]}; credential "QuickBooks")`,
				`  Field app:  ${emulators.fieldApp.url} (emulator, API key ${emulators.fieldApp.apiKey}; credential "Field app API key")`,
				`  Data:       ${PLAYGROUND} (kept between runs; delete it to start fresh; the emulators start fresh every time)`,
				'',
				'Press Ctrl-C to stop.',
			].join('\n'),
		);
	} catch (error) {
		await n8n?.stop();
		await emulators.stop();
		throw error;
	}
	await new Promise(() => {}); // keep running until a signal arrives
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
