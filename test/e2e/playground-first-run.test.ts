/**
 * A new admin's first run: `npm start`'s playground (both emulators with seed data that agree, the
 * credentials and every template imported into a real n8n 2.x), then every template opened in the
 * editor in a real Chromium and run once with the big "Execute workflow" button, as it comes up.
 * Each run finishes with no node failing and writes something real; issues appear only where the
 * seed shows one on purpose (the template's note names it), and then the run ends red saying how
 * many. A screenshot of each canvas after its run goes to docs/templates/. Without a Chromium (and
 * no way to install Debian's), the same runs go through `n8n execute` and the browser test is
 * reported as skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

import { freePort } from '../../scripts/n8n-server';
import { startPlayground, type Playground } from '../../scripts/playground';
import { ensureChromium } from '../support/browser';
import { executeWorkflow, stoppedForIssues, type Json } from './template-harness';

const log = (line: string) => process.stdout.write(`[e2e playground] ${line}\n`);
const TEMPLATES = path.resolve(__dirname, '../../dist/workflows-templates');
const SCREENSHOTS = path.resolve(__dirname, '../../docs/templates');

/** The order of the templates list (workflows-templates/README.md), as an admin going down it runs them. */
const ORDER = [
	'tplCustomerEmail',
	'tplCustomersPush',
	'tplCustomersPull',
	'tplCustomers2Way',
	'tplTaxTermsPull1',
	'tplItemsAppToQbo',
	'tplItemsQboToApp',
	'tplInvoicesPush1',
	'tplPaymentsSync1',
	'tplCreditsTwoWay',
	'tplHistoryImport',
	'tplPayablesPush1',
	'tplPurchaseOrds1',
	'tplInventoryVal1',
];

/** The issues the seed shows on purpose, by template; each template's note names them. */
const DEMONSTRATED: Record<string, string[]> = {
	tplCustomerEmail: [
		'customers cus_0004 already_matched',
		'customers cus_0007 duplicate_match',
		'customers cus_0012 refused',
	],
	tplCustomersPush: ['customers cus_0004 already_matched', 'customers cus_0012 refused'],
	tplCustomersPull: ['customers cus_0004 already_matched'],
	tplCustomers2Way: ['customers cus_0004 already_matched'],
	tplItemsAppToQbo: ['items itm_0004 refused'],
	tplPayablesPush1: ['payables pab_0001 refused', 'payables pab_0002 refused'],
};

const chromium = ensureChromium(log);
const files = fs.readdirSync(TEMPLATES).filter((f) => f.endsWith('.json'));
const templates: Json[] = files
	.map(
		(file): Json => ({
			file,
			...(JSON.parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8')) as Json),
		}),
	)
	.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));

let playground: Playground;
let dir: string;
let browser: Browser | undefined;
let page: Page | undefined;
/** Canvases this run saved. */
const shot = new Set<string>();

beforeAll(
	async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-playground-'));
		playground = await startPlayground({
			dir,
			port: await freePort(),
			qboPort: 0,
			fieldAppPort: 0,
			log,
		});
		if ('path' in chromium) {
			const puppeteer = await import('puppeteer-core');
			browser = await puppeteer.launch({
				executablePath: chromium.path,
				headless: true,
				args: ['--no-sandbox', '--disable-dev-shm-usage'],
				defaultViewport: { width: 1600, height: 1000 },
			});
			page = await browser.newPage();
			// Signing in from the address `npm start` prints lands on the first template, not on a promotion page.
			await page.goto(
				`${playground.n8n.url}/signin?redirect=${encodeURIComponent(`/workflow/${ORDER[1]}`)}`,
				{ waitUntil: 'networkidle2' },
			);
			await page.type('input[name="emailOrLdapLoginId"]', playground.n8n.ownerEmail);
			await page.type('input[name="password"]', playground.n8n.ownerPassword);
			await page.keyboard.press('Enter');
			await page.waitForFunction(
				`location.pathname === ${JSON.stringify(`/workflow/${ORDER[1]}`)}`,
				{ timeout: 60_000 },
			);
		} else log(`browser test skipped: ${chromium.skipped}`);
	},
	25 * 60 * 1000,
);
afterAll(async () => {
	await browser?.close();
	await playground?.stop();
	if (!process.env.KEEP_E2E) fs.rmSync(dir, { recursive: true, force: true });
}, 60 * 1000);

const BUTTON = '[data-test-id="execute-workflow-button"]';
/** The first line of each sticky note whose text does not fit its box (an element inside scrolls or clips). */
const CUT_OFF_NOTES = `[...document.querySelectorAll('[data-test-id="sticky"]')].filter((note) => [note, ...note.querySelectorAll('*')].some((el) => el.scrollHeight > el.clientHeight + 2 && ['hidden', 'auto', 'scroll', 'clip'].includes(getComputedStyle(el).overflowY))).map((note) => (note.textContent || '').trim().slice(0, 60))`;

/** Opens the template, clicks the editor's default "Execute workflow" once, and returns the run n8n stored. */
async function runInEditor(
	tab: Page,
	template: Json,
): Promise<{ run: Json; button: string; cutOff: string[] }> {
	await tab.goto(`${playground.n8n.url}/workflow/${String(template.id)}`, {
		waitUntil: 'networkidle2',
	});
	await tab.waitForSelector(BUTTON, { visible: true, timeout: 60_000 });
	const button = await tab.$eval(BUTTON, (e) => e.textContent ?? '');
	// Every sticky note shows its whole text at the default zoom: no part of it scrolls or is cut off.
	const cutOff = (await tab.evaluate(CUT_OFF_NOTES)) as string[];
	await tab.click(BUTTON);
	await tab.waitForFunction(
		`!/Executing/.test(document.querySelector(${JSON.stringify(BUTTON)})?.textContent ?? '')`,
		{ timeout: 120_000, polling: 250 },
	);
	const list = await playground.n8n.publicApi(
		'GET',
		`/executions?workflowId=${String(template.id)}&includeData=true&limit=1`,
	);
	const run = (list.json?.data ?? [])[0] as Json | undefined;
	if (!run)
		throw new Error(`no execution stored for ${String(template.name)}: ${list.text.slice(0, 500)}`);
	// The canvas as the admin sees it after the run, without the toast over it.
	for (const close of await tab.$$('.el-notification__closeBtn'))
		await close.click().catch(() => undefined);
	await new Promise((resolve) => setTimeout(resolve, 500));
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	await tab.screenshot({
		path: path.join(
			SCREENSHOTS,
			`${String(template.file).replace(/\.json$/, '')}.png`,
		) as `${string}.png`,
	});
	shot.add(String(template.id));
	return { run, button, cutOff };
}

const issuesOf = (run: Json) =>
	['Issues to fix', 'Invoices: issues to fix', 'Payments: issues to fix'].flatMap((name) =>
		(run.data?.resultData?.runData?.[name]?.[0]?.data?.main?.[0] ?? []).map(
			(i: Json) => i.json as Json,
		),
	);
const summaries = (run: Json) =>
	Object.fromEntries(
		['Run summary', 'Invoices: summary', 'Payments: summary']
			.map((name) => [name, run.data?.resultData?.runData?.[name]?.[0]?.data?.main?.[0]?.[0]?.json])
			.filter(([, json]) => json),
	);

/** What a run wrote: the summary counts of writes on either side. */
function writes(summary: Json): number {
	const counted = ['created', 'updated', 'linked', 'deleted', 'voided', 'deactivated'].reduce(
		(n, key) => n + (typeof summary[key] === 'number' ? summary[key] : 0),
		0,
	);
	const sides = ['app', 'quickBooks'].reduce(
		(n, side) =>
			n + Object.values((summary[side] ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0),
		0,
	);
	return (
		counted + sides + (summary.journalEntry && summary.journalEntry.write !== 'unchanged' ? 1 : 0)
	);
}

it('lists every template in the run order', () =>
	expect(templates.map((t) => t.id).sort()).toEqual([...ORDER].sort()));

it.each(templates.map((t) => [t.name, t] as const))(
	'%s: runs once, writes something real, and reports only the issues its note names',
	async (_name, template) => {
		let run: Json;
		if (page) {
			const ran = await runInEditor(page, template);
			run = ran.run;
			// The big button runs a trigger that starts at once: the schedule (runs once when started by hand), or "Import now" where the schedule ships off.
			const started = (template.nodes as Json[]).find(
				(n) =>
					run.data?.resultData?.runData?.[n.name] && /scheduleTrigger|manualTrigger/.test(n.type),
			);
			expect({
				button: ran.button.includes('Execute workflow'),
				started: !!started,
				cutOff: ran.cutOff,
			}).toEqual({ button: true, started: true, cutOff: [] });
		} else {
			run = (await executeWorkflow(playground.n8n, String(template.id))).run;
		}
		const error = run.data?.resultData?.error;
		const stopped = stoppedForIssues(run);
		log(
			`${String(template.name)}: ${String(run.status)}${stopped ? ` (${stopped})` : ''}${error && !stopped ? ` ERROR in ${String(run.data.resultData.lastNodeExecuted)}: ${String(error.message)} ${String(error.description ?? '')}` : ''} ${JSON.stringify(summaries(run))}`,
		);
		const issues = issuesOf(run);
		for (const issue of issues)
			log(
				`  issue ${issue.resource} ${issue.appId ?? ''} ${issue.qboId ?? ''} ${issue.code}: ${issue.reason}`,
			);
		const demonstrated = DEMONSTRATED[template.id] ?? [];
		expect(issues.map((i) => `${i.resource} ${i.appId ?? i.qboId} ${i.code}`).sort()).toEqual(
			demonstrated,
		);
		// No node failed; a run with the seed's issues ends at the stop that says how many, everything else written.
		expect({ status: run.status, stopped }).toEqual(
			demonstrated.length
				? {
						status: 'error',
						stopped: expect.stringMatching(
							new RegExp(`^${demonstrated.length} records were not synced`),
						),
					}
				: { status: 'success', stopped: undefined },
		);
		expect(
			(Object.values(summaries(run)) as Json[]).reduce(
				(n: number, summary) => n + writes(summary),
				0,
			),
		).toBeGreaterThan(0);
	},
	180_000,
);

('path' in chromium ? it : it.skip)(
	'ran every template from the editor in a real Chromium and saved each canvas in docs/templates/',
	() => {
		expect([...shot].sort()).toEqual([...ORDER].sort());
	},
);

it(
	'points the templates at the field app again when the playground restarts on other ports',
	async () => {
		await browser?.close();
		browser = undefined;
		page = undefined;
		await playground.stop();
		playground = await startPlayground({
			dir,
			port: await freePort(),
			qboPort: 0,
			fieldAppPort: 0,
			log,
		});
		for (const template of templates) {
			const stored = await playground.n8n.publicApi('GET', `/workflows/${String(template.id)}`);
			const settings = (stored.json.nodes as Json[]).find((n) => n.name === 'Settings');
			expect({
				template: template.id,
				appBaseUrl: settings?.parameters.assignments.assignments.find(
					(a: Json) => a.name === 'appBaseUrl',
				)?.value,
			}).toEqual({ template: template.id, appBaseUrl: playground.emulators.fieldApp.url });
		}
		// And the runs work against the new ports: the app company is read from the field app where it now listens.
		const { run } = await executeWorkflow(playground.n8n, 'tplInvoicesPush1');
		expect(run.status).toBe('success');
	},
	10 * 60 * 1000,
);
