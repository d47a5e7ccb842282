/**
 * The triggers' change data capture against the QBO emulator: the catch-up reader with its
 * watermark and overlap, the poll trigger node (first activation, creates, updates, deletions,
 * manual test fetch, backfill, the 30-day gap), and the webhook trigger's catch-up of changes made
 * while no delivery arrived.
 */
import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncPollTrigger } from '../../../../nodes/QuickBooksSyncPollTrigger/QuickBooksSyncPollTrigger.node';
import { QuickBooksSyncTrigger } from '../../../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node';
import { transportTiming } from '../../../../nodes/shared/qbo/transport';
import {
	CatchUpGapError,
	initialCursor,
	readSince,
} from '../../../../nodes/shared/webhooks/catch-up';
import { forgetProcessMemory } from '../../../../nodes/shared/webhooks/trigger-state';
import type { QboEmulator } from '../../../emulators/qbo';
import { callWebhook, emitted, fakePollFunctions } from '../../../support/fake-trigger-functions';
import { emulatorCall, engineCredentials, startWithClient } from '../../../support/emulator-client';

let emulator: QboEmulator;
let realmId: string;
let token: string;
let credentials: Record<string, IDataObject>;

const { call } = emulatorCall(() => ({ emulator, realmId, token }));

const realm = () => emulator.admin.realm(realmId);
/** Time passes for QBO and the nodes alike (the nodes read the transport's clock). */
const wait = (ms: number) => emulator.admin.clock.advance(ms);
const realNow = transportTiming.now;

function newInvoice() {
	const income = realm()
		.all('Account')
		.find((a) => a.AccountType === 'Income')!;
	const item =
		realm()
			.all('Item')
			.find((i) => i.Type === 'Service') ??
		realm().create('Item', {
			Name: 'Trigger Item',
			Type: 'Service',
			IncomeAccountRef: { value: income.Id },
		});
	return realm().create('Invoice', {
		CustomerRef: { value: '1' },
		Line: [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: 5,
				SalesItemLineDetail: { ItemRef: { value: item.Id } },
			},
		],
	});
}

beforeAll(async () => {
	({ emulator, realmId } = await startWithClient());
	token = emulator.admin.token(realmId).access_token as string;
	// The seed data is old news: every test starts minutes after it was written.
	emulator.admin.clock.advance(10 * 60_000);
	transportTiming.now = () => emulator.admin.clock.now();
	credentials = {
		quickBooksSyncOAuth2Api: engineCredentials(emulator, realmId),
		quickBooksSyncWebhookApi: { verifierToken: 'verifier-token-0123456789abcdef' },
	};
});
afterAll(async () => {
	transportTiming.now = realNow;
	await emulator.stop();
});
beforeEach(() => {
	forgetProcessMemory();
	// A start emits from a little before now (QBO's clock may lag n8n's): earlier tests' changes are older than that.
	wait(60_000);
});

describe('catch-up reader', () => {
	it('emits creates, updates and deletions after the watermark once, with records, and moves the watermark', async () => {
		const cursor = initialCursor(emulator.admin.clock.now() - 1000);
		const created = realm().create('Customer', { DisplayName: 'Catch-up Amy' });
		const invoice = newInvoice();
		realm().delete('Invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken });
		const first = await readSince(call, {
			realmId,
			entities: ['Customer', 'Invoice'],
			cursor,
			nowMs: emulator.admin.clock.now(),
		});
		const summary = first.changes.map(
			(c) => `${c.entity}:${c.id}:${c.operation}:${c.record ? 'record' : 'stub'}`,
		);
		expect(summary).toEqual(
			expect.arrayContaining([
				`Customer:${created.Id}:Create:record`,
				`Invoice:${invoice.Id}:Delete:stub`,
			]),
		);
		expect(Date.parse(first.cursor.since)).toBeGreaterThanOrEqual(Date.parse(cursor.since));

		// Read again from the new watermark: the overlap re-reads these changes and emits none of them.
		const again = await readSince(call, {
			realmId,
			entities: ['Customer', 'Invoice'],
			cursor: first.cursor,
			nowMs: emulator.admin.clock.now(),
		});
		expect(again.changes).toEqual([]);

		emulator.admin.clock.advance(1500);
		realm().update('Customer', {
			Id: created.Id,
			SyncToken: created.SyncToken,
			sparse: true,
			DisplayName: 'Catch-up Amy B',
		});
		const third = await readSince(call, {
			realmId,
			entities: ['Customer', 'Invoice'],
			cursor: again.cursor,
			nowMs: emulator.admin.clock.now(),
		});
		expect(third.changes).toEqual([
			expect.objectContaining({
				entity: 'Customer',
				id: created.Id,
				operation: 'Update',
				record: expect.objectContaining({ DisplayName: 'Catch-up Amy B' }),
			}),
		]);
	});

	it('takes the operation and event id of a matching webhook event', async () => {
		const cursor = initialCursor(emulator.admin.clock.now() - 1000);
		const invoice = newInvoice();
		const hint = {
			realmId,
			entity: 'Invoice',
			id: String(invoice.Id),
			operation: 'Emailed' as const,
			occurredAt: new Date().toISOString(),
			eventId: 'ce-emailed-1',
		};
		const { changes } = await readSince(call, {
			realmId,
			entities: ['Invoice'],
			cursor,
			nowMs: emulator.admin.clock.now(),
			hints: [hint],
		});
		expect(changes).toEqual([
			expect.objectContaining({
				id: invoice.Id,
				operation: 'Emailed',
				eventId: 'ce-emailed-1',
				record: expect.any(Object),
			}),
		]);
	});

	it('stops with what was missed and how to resync when the watermark is older than 30 days', async () => {
		const since = new Date(emulator.admin.clock.now() - 31 * 86_400_000).toISOString();
		const error = await readSince(call, {
			realmId,
			entities: ['Customer', 'TimeActivity'],
			cursor: { since, seen: [] },
			nowMs: emulator.admin.clock.now(),
		}).catch((e) => e);
		expect(error).toBeInstanceOf(CatchUpGapError);
		expect(error.message).toMatch(
			new RegExp(
				`Company ${realmId}: the last change read was at ${since.replace(/[.]/g, '\\.')}, 31 days ago`,
			),
		);
		expect(error.message).toMatch(
			/Changes to Customer made between .* can no longer be read as changes\. To resync: run a full read .* "Resume From"/,
		);
	});

	it('moves the watermark of a quiet company, so it never drifts past the 30 days', async () => {
		const now = emulator.admin.clock.now();
		const { cursor } = await readSince(call, {
			realmId,
			entities: ['Vendor'],
			cursor: { since: new Date(now - 20 * 86_400_000).toISOString(), seen: [] },
			nowMs: now,
		});
		expect(now - Date.parse(cursor.since)).toBeLessThanOrEqual(2 * 60_000);
	});
});

describe('QuickBooks Sync Poll Trigger', () => {
	const parameters = {
		entities: ['Customer', 'Invoice'],
		operations: ['Create', 'Update', 'Delete'],
		firstRun: 'now',
		backfillDays: 1,
		resumeFrom: '',
	};
	const poll = (
		staticData: IDataObject,
		mode: 'trigger' | 'manual' = 'trigger',
		extra: IDataObject = {},
	) =>
		new QuickBooksSyncPollTrigger().poll.call(
			fakePollFunctions({ parameters: { ...parameters, ...extra }, credentials, staticData, mode }),
		);
	const summary = (out: Awaited<ReturnType<typeof poll>>) =>
		(out?.[0] ?? []).map((i) => `${String(i.json.entity)}:${String(i.json.operation)}`);

	it('emits nothing on first activation, then creates, updates and deletions once each', async () => {
		const staticData: IDataObject = {};
		realm().create('Customer', { DisplayName: 'Before activation' });
		wait(15_000);
		expect(await poll(staticData)).toBeNull();

		wait(1100); // QBO times have whole seconds
		const amy = realm().create('Customer', { DisplayName: 'Poll Amy' });
		const invoice = newInvoice();
		const created = await poll(staticData);
		expect(summary(created).sort()).toEqual(['Customer:Create', 'Invoice:Create']);
		expect(created![0][0].json).toEqual(
			expect.objectContaining({
				realmId,
				id: amy.Id,
				eventId: expect.stringMatching(/^cdc:/),
				occurredAt: expect.stringMatching(/Z$/),
				record: expect.objectContaining({ DisplayName: 'Poll Amy' }),
			}),
		);
		expect(await poll(staticData)).toBeNull();

		wait(1100);
		realm().update('Customer', {
			Id: amy.Id,
			SyncToken: amy.SyncToken,
			sparse: true,
			DisplayName: 'Poll Amy 2',
		});
		realm().delete('Invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken });
		expect(summary(await poll(staticData)).sort()).toEqual(['Customer:Update', 'Invoice:Delete']);
		expect(await poll(staticData)).toBeNull();
	});

	it('emits only the chosen operations', async () => {
		const staticData: IDataObject = {};
		await poll(staticData, 'trigger', { operations: ['Delete'] });
		wait(1100);
		const invoice = newInvoice();
		realm().delete('Invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken });
		expect(summary(await poll(staticData, 'trigger', { operations: ['Delete'] }))).toEqual([
			'Invoice:Delete',
		]);
	});

	it('backfills the last days on first activation when asked', async () => {
		const out = await poll({}, 'trigger', { firstRun: 'backfill', backfillDays: 1 });
		expect(summary(out).length).toBeGreaterThan(3);
	});

	it('shows recent changes in a manual test fetch and remembers nothing', async () => {
		const staticData: IDataObject = {};
		const out = await poll(staticData, 'manual');
		expect(out?.[0].length).toBeGreaterThan(0);
		expect(out?.[0].length).toBeLessThanOrEqual(10);
		expect(staticData).toEqual({});
	});

	it('stops with the resync instructions past 30 days, and "Resume From" restarts it once', async () => {
		const staticData: IDataObject = {
			state: {
				revision: 3,
				seenEvents: [],
				cursors: {
					[realmId]: {
						since: new Date(emulator.admin.clock.now() - 40 * 86_400_000).toISOString(),
						seen: [],
					},
				},
			},
		};
		await expect(poll(staticData)).rejects.toThrow(
			/40 days ago, and QuickBooks keeps changes for only 30 days/,
		);
		const resumeFrom = new Date(emulator.admin.clock.now() - 60_000).toISOString();
		await poll(staticData, 'trigger', { resumeFrom });
		expect(await poll(staticData, 'trigger', { resumeFrom })).toBeNull();
		expect((staticData.state as { resumedFrom: string }).resumedFrom).toBe(resumeFrom);
	});
});

describe('QuickBooks Sync Trigger with catch-up', () => {
	const TOKEN = 'verifier-token-0123456789abcdef';
	const parameters = {
		entities: ['Customer', 'Invoice'],
		operations: ['Create', 'Update', 'Delete', 'Merge', 'Void', 'Emailed'],
		companies: 'credential',
		realmIds: '',
		options: { catchUp: true },
	};
	const deliver = (body: string, staticData: IDataObject) =>
		callWebhook(
			new QuickBooksSyncTrigger().webhook,
			{
				body,
				headers: {
					'content-type': 'application/json',
					'intuit-signature': createHmac('sha256', TOKEN).update(body).digest('base64'),
				},
			},
			{ parameters, credentials, staticData },
		);
	const legacy = (id: string) =>
		JSON.stringify({
			eventNotifications: [
				{
					realmId,
					dataChangeEvent: {
						entities: [
							{ name: 'Customer', id, operation: 'Create', lastUpdated: new Date().toISOString() },
						],
					},
				},
			],
		});

	it('emits the changes no delivery announced with the next delivery, each once', async () => {
		const staticData: IDataObject = {};
		const first = realm().create('Customer', { DisplayName: 'Webhook first' });
		const firstCall = await deliver(legacy(String(first.Id)), staticData);
		expect(firstCall.response.status).toBe(200);
		expect(emitted(firstCall).map((i) => i.id)).toContain(first.Id);

		// n8n is down: these changes' deliveries are lost
		wait(1100);
		const missed = Array.from({ length: 5 }, (_, i) =>
			realm().create('Customer', { DisplayName: `Missed ${i}` }),
		);
		const next = realm().create('Customer', { DisplayName: 'Webhook next' });
		const nextCall = await deliver(legacy(String(next.Id)), staticData);
		const ids = emitted(nextCall).map((i) => i.id);
		expect(ids.sort()).toEqual([...missed.map((c) => c.Id), next.Id].sort());
		expect(emitted(nextCall).every((i) => i.record)).toBe(true);

		// Intuit retries the same delivery: nothing new
		const retry = await deliver(legacy(String(next.Id)), staticData);
		expect(retry.result).toEqual({ noWebhookResponse: true });
	});

	it('refuses a delivery (Intuit keeps it) while the gap is beyond 30 days, and says how to resync', async () => {
		const staticData: IDataObject = {
			state: {
				revision: 1,
				seenEvents: [],
				cursors: {
					[realmId]: {
						since: new Date(emulator.admin.clock.now() - 35 * 86_400_000).toISOString(),
						seen: [],
					},
				},
			},
		};
		const error = await deliver(legacy('1'), staticData).catch((e) => e);
		expect(error.message).toMatch(/35 days ago.*To resync/);
	});
});
