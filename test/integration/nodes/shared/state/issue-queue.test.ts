/**
 * The issue queue, run as a template runs it (Get Cursor → the app listing with updatedSince and
 * alsoIds → Push → link writes → Commit Cursor), between the two emulators. 1 234 app customers plus
 * one whose name belongs to a QuickBooks employee (6240): run 2 with nothing changed makes no
 * QuickBooks call and re-sends nothing; the refused customer is sent again when it changes, when a
 * retry is asked for, after a change to a QuickBooks list (what a trigger emits), never while dismissed; a record refused before any write is looked at
 * every run and never sent; a rename that QuickBooks accepts resolves the issue; while a refusal waits, the
 * push looks in QuickBooks at most once an hour (one read) and sends it again once the fix was made there.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { transportTiming } from '../../../../../nodes/shared/qbo/transport';
import { stateClock } from '../../../../../nodes/QuickBooksSyncEngine/actions/sync-state';
import { QuickBooksSyncEngine } from '../../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { startFieldApp, type FieldAppEmulator } from '../../../../emulators/field-app';
import type { QboEmulator } from '../../../../emulators/qbo';
import { fakeExecuteFunctions } from '../../../../support/fake-execute-functions';
import {
	fieldAppCall,
	startWithClient,
	engineCredentials,
	CUSTOMER_PUSH,
} from '../../../../support/emulator-client';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let qbo: QboEmulator;
let realmId: string;
let app: FieldAppEmulator;
let credentials: IDataObject;
const appCall = fieldAppCall(() => app);
const engine = new QuickBooksSyncEngine();
const WORKFLOW = 'wf-issue-queue';

async function engineRun(
	parameters: IDataObject,
	items: Json[] = [{}],
): Promise<INodeExecutionData[][]> {
	return await engine.execute.call(
		fakeExecuteFunctions({
			parameters,
			credentials,
			items: items.map((json) => ({ json })),
			workflowId: WORKFLOW,
		}),
	);
}

/** One run of the customers push template, counting what it costs on both sides. */
async function templateRun() {
	const qboBefore = { ...qbo.admin.counters };
	const logBefore = qbo.admin.log.length;
	const [[cursor]] = await engineRun({
		resource: 'customer',
		operation: 'getCursor',
		startFrom: '1970-01-01T00:00:00.000Z',
	});
	let appReads = 0;
	const records: Json[] = [];
	for (const resource of ['customers', 'locations']) {
		let next: string | null = null;
		do {
			const query = new URLSearchParams({
				updatedSince: String(cursor.json.cursor),
				alsoIds: String(cursor.json.retryIds),
				includeDeleted: 'true',
				limit: '500',
				...(next ? { cursor: next } : {}),
			});
			const page = await appCall('GET', `/v1/${resource}?${query}`);
			appReads++;
			records.push(...page.data);
			next = page.nextCursor;
		} while (next);
	}
	const [writes, issues, [summary]] = await engineRun({ ...CUSTOMER_PUSH }, records);
	for (const w of writes) await appCall(String(w.json.method), String(w.json.path), w.json.body);
	// n8n runs Commit Cursor once per link written: with none, the cursor stays.
	if (writes.length)
		await engineRun({
			resource: 'customer',
			operation: 'commitCursor',
			cursor: summary.json.safeCursor ?? '',
		});
	const c = qbo.admin.counters;
	return {
		summary: summary.json,
		issues: issues.map((i) => i.json),
		writes: writes.map((w) => w.json),
		received: records.length,
		appReads,
		qboReads: c.corePlus - qboBefore.corePlus,
		qboWrites: c.core - qboBefore.core,
		qboWriteAttempts: qbo.admin.log
			.slice(logBefore)
			.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length,
		retryIds: String(cursor.json.retryIds),
	};
}

const issueOps = async (operation: string, extra: IDataObject = {}) =>
	(
		await engineRun({
			resource: 'syncIssue',
			operation,
			issueScope: 'all',
			issueStatuses: ['open', 'dismissed', 'resolved'],
			retryWhich: 'keys',
			...extra,
		})
	)[0].map((i) => i.json);

let refused: Json;
let spaced: Json;

beforeAll(async () => {
	// This is about what each run sends, not how fast: the emulator's limits are off, and the transport's own
	// pacing to QuickBooks' limits (40 batches a minute) runs on a virtual clock instead of taking two minutes.
	let virtualNow = Date.now();
	transportTiming.now = () => virtualNow;
	transportTiming.sleep = async (ms: number) => void (virtualNow += ms);
	({ emulator: qbo, realmId } = await startWithClient({
		realms: [{ seed: 'empty', companyName: 'Queue Co' }],
	}));
	qbo.admin.realm(realmId).create('Employee', {
		DisplayName: 'Dana Whitfield',
		GivenName: 'Dana',
		FamilyName: 'Whitfield',
	});
	app = await startFieldApp({ port: 0, seed: false });
	for (let i = 0; i < 1234; i++)
		app.state.app.create('customers', {
			name: `Queue Customer ${String(i).padStart(4, '0')}`,
			billingEmail: `queue${i}@example.com`,
		});
	refused = app.state.app.create('customers', {
		name: 'Dana Whitfield',
		billingEmail: 'dana@whitfield.example',
	});
	credentials = engineCredentials(qbo, realmId);
}, 60_000);
afterAll(async () => {
	await app.stop();
	await qbo.stop();
});

describe('issue queue: a refused record does not make every run expensive', () => {
	it('run 1 syncs the 1 234 others and stores one issue for the customer QuickBooks refuses (6240)', async () => {
		const run = await templateRun();
		expect(run.summary).toMatchObject({ created: 1234, issues: 1 });
		expect(run.issues).toEqual([expect.objectContaining({ appId: refused.id, code: '6240' })]);
		expect(await issueOps('listIssues')).toEqual([
			expect.objectContaining({
				key: `${WORKFLOW}|customers|${refused.id}`,
				status: 'open',
				attempts: 1,
				code: '6240',
				qboId: null,
			}),
		]);
	}, 180_000);

	it('run 2, nothing changed: no QuickBooks call at all, nothing re-sent, the cursor past the refused record', async () => {
		const run = await templateRun();
		expect(run).toMatchObject({
			qboReads: 0,
			qboWrites: 0,
			qboWriteAttempts: 0,
			writes: [],
			issues: [],
			retryIds: '',
		});
		expect(run.summary).toMatchObject({
			created: 0,
			issues: 0,
			issuesWaiting: 1,
			issuesOpen: 1, // the refused customer, still open in the queue
			waiting: [expect.objectContaining({ appId: refused.id, attempts: 1 })],
		});
		expect(String(run.summary.safeCursor) >= refused.updatedAt).toBe(true);
		expect((await issueOps('listIssues'))[0]).toMatchObject({ attempts: 1 });
	}, 60_000);

	it('sends it again when someone asks for a retry: read by id (alsoIds), refused again, counted; then quiet again', async () => {
		const [retried] = await issueOps('retryIssues', {
			issueKeys: `${WORKFLOW}|customers|${refused.id}`,
		});
		expect(retried).toMatchObject({ appId: refused.id, retryRequested: true });
		const run = await templateRun();
		expect(run.retryIds).toBe(refused.id);
		expect(run.summary).toMatchObject({ issues: 1, issuesWaiting: 0 });
		expect(run.qboWriteAttempts).toBe(1); // the refused create, once
		expect((await issueOps('listIssues')).find((i) => i.appId === refused.id)).toMatchObject({
			attempts: 2,
			retryRequested: false,
			status: 'open',
		});
		const quiet = await templateRun();
		expect(quiet).toMatchObject({ qboReads: 0, qboWriteAttempts: 0, retryIds: '' });
		expect(quiet.summary).toMatchObject({ issues: 0, issuesWaiting: 1, issuesOpen: 1 });
	}, 60_000);

	it('looks at a record refused before any write (a name ending in a space) on every run, read by id, never sending it', async () => {
		spaced = app.state.app.create('customers', {
			name: 'Trailing Space ',
			billingEmail: 'space@example.com',
		});
		await templateRun();
		const again = await templateRun();
		expect(again.retryIds).toBe(spaced.id);
		// Refused on its own fields before any read: looking at it again costs nothing in QuickBooks.
		expect(again).toMatchObject({ qboWriteAttempts: 0, qboReads: 0 });
		expect(again.issues).toEqual([
			expect.objectContaining({
				appId: spaced.id,
				reason: expect.stringContaining('starts or ends with a space'),
			}),
		]);
		expect((await issueOps('listIssues')).find((i) => i.appId === spaced.id)).toMatchObject({
			attempts: 2,
			status: 'open',
		});
	}, 60_000);

	it("sends refusals again after a change in a QuickBooks list (the triggers' items), not after an invoice change", async () => {
		const after = (entity: string) =>
			engineRun(
				{
					resource: 'syncIssue',
					operation: 'retryIssues',
					issueScope: 'this',
					retryWhich: 'afterQuickBooksChange',
				},
				[{ realmId, entity, id: '1', operation: 'Update' }],
			);
		expect((await after('Invoice'))[0]).toEqual([]);
		expect((await after('Item'))[0]).toEqual([]); // an item fixes no customer's refusal
		const [marked] = await after('Employee');
		expect(marked.map((i) => i.json)).toEqual([
			expect.objectContaining({
				appId: refused.id,
				retryRequested: true,
				retryBecause: 'changed in QuickBooks: Employee',
			}),
		]); // not the trailing-space name: QuickBooks never saw it
		const run = await templateRun();
		expect(run.qboWriteAttempts).toBe(1);
		expect((await issueOps('listIssues')).find((i) => i.appId === refused.id)).toMatchObject({
			attempts: 3,
			retryRequested: false,
		});
	}, 60_000);

	it('stays quiet while dismissed, and sends it when the record changes; QuickBooks accepts the new name and the issue resolves', async () => {
		const [dismissed] = await issueOps('dismissIssues', {
			issueKeys: `${WORKFLOW}|customers|${refused.id}`,
			dismissNote: 'the employee is leaving',
		});
		expect(dismissed).toMatchObject({ status: 'dismissed', note: 'the employee is leaving' });
		const quiet = await templateRun();
		expect(quiet).toMatchObject({ qboWriteAttempts: 0 });
		expect(quiet.retryIds).not.toContain(refused.id);

		const current = await appCall('GET', `/v1/customers/${refused.id}`);
		await appCall('PATCH', `/v1/customers/${refused.id}`, {
			version: current.version,
			name: 'Dana Whitfield (Customer)',
		});
		const run = await templateRun();
		expect(run.summary).toMatchObject({ created: 1 });
		expect((await appCall('GET', `/v1/customers/${refused.id}`)).qboId).toEqual(expect.any(String));
		expect((await issueOps('listIssues')).find((i) => i.appId === refused.id)).toMatchObject({
			status: 'resolved',
			resolvedAt: expect.any(String),
		});
	}, 60_000);

	it('looks in QuickBooks at most once an hour while a refusal waits (one read), and sends it again after the fix was made there', async () => {
		// The issue queue and QuickBooks on one clock, moved forward by hours (a new access token each time: they last one).
		stateClock.now = () => new Date(qbo.admin.clock.now());
		const later = (ms: number) => {
			qbo.admin.clock.advance(ms);
			(credentials.oauthTokenData as IDataObject).access_token = qbo.admin.token(realmId)
				.access_token as string;
		};
		const employee = qbo.admin.realm(realmId).create('Employee', {
			DisplayName: 'Morgan Vance',
			GivenName: 'Morgan',
			FamilyName: 'Vance',
		});
		later(10 * 60_000); // the employee is older than the refusal by more than a look's overlap
		const morgan = app.state.app.create('customers', {
			name: 'Morgan Vance',
			billingEmail: 'morgan@vance.example',
		});
		expect((await templateRun()).issues).toContainEqual(
			expect.objectContaining({ appId: morgan.id, code: '6240' }),
		);
		const soon = await templateRun();
		expect(soon).toMatchObject({ qboReads: 0, qboWriteAttempts: 0 });
		expect(soon.summary.quickBooksCheck).toBeUndefined();

		later(3 * 3600_000);
		const checked = await templateRun();
		expect(checked).toMatchObject({ qboReads: 1, qboWriteAttempts: 0 });
		expect(checked.summary.quickBooksCheck).toMatchObject({
			lists: ['Vendor', 'Employee', 'Term'],
			changes: 0,
			retryAtNextRun: 0,
		});
		later(30 * 60_000);
		expect(await templateRun()).toMatchObject({ qboReads: 0, qboWriteAttempts: 0 }); // checked less than an hour ago

		qbo.admin.realm(realmId).update('Employee', {
			Id: employee.Id,
			SyncToken: employee.SyncToken,
			sparse: true,
			DisplayName: 'Morgan Vance (Staff)',
		});
		later(31 * 60_000);
		const found = await templateRun();
		expect(found.summary.quickBooksCheck).toMatchObject({ changes: 1, retryAtNextRun: 1 });
		const retried = await templateRun();
		expect(retried.retryIds.split(',')).toEqual([spaced.id, morgan.id]); // the trailing-space name: looked at every run, no read
		expect(retried.summary).toMatchObject({ created: 1, issues: 1 });
		expect(retried.issues.map((i) => i.appId)).toEqual([spaced.id]);
		expect(
			qbo.admin
				.realm(realmId)
				.all('Customer')
				.filter((c) => c.DisplayName === 'Morgan Vance'),
		).toHaveLength(1);
		expect((await issueOps('listIssues')).find((i) => i.appId === morgan.id)).toMatchObject({
			status: 'resolved',
		});
		stateClock.now = () => new Date();
	}, 60_000);
});
