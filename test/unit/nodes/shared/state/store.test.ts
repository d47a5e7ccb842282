/**
 * The issue queue's rules and the single-process state store: back-off of a refusal QuickBooks
 * repeats, issues found before writing looked at every run, dismissed ones quiet until the record
 * changes; the file store keeps every one of many overlapping updates, moves cursors only forward,
 * survives a restart of the process (a new store on the same file) and refuses a file it did not write.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	definiteRefusal,
	dueForRetry,
	holdFor,
	quickBooksCheckSince,
	recordFailure,
	recordSuccess,
	waitingRefusals,
	type IssueFailure,
} from '../../../../../nodes/shared/state/issue-queue';
import {
	linkWriteOf,
	withStoredLink,
	type StoredLink,
} from '../../../../../nodes/shared/state/links';
import { stateStoreFor } from '../../../../../nodes/shared/state/select';
import { expectedLinkRuns, overlappingLinkRuns } from '../../../../support/link-store-checks';

const workflow = { id: 'wf1', name: 'Customers app → QuickBooks' };
const t0 = new Date('2026-12-01T10:00:00.000Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3600_000);
const refusal: IssueFailure = {
	resource: 'customers',
	appId: 'cus_1',
	code: '6240',
	message: 'Duplicate Name Exists Error',
	fix: 'Rename one of the two records',
	fingerprint: 'sha256:a',
};
const local: IssueFailure = {
	...refusal,
	appId: 'cus_2',
	code: 'invalid_record',
	message: 'name: starts or ends with a space',
};

describe('issue queue rules', () => {
	it('holds back an unchanged record QuickBooks refused until its back-off passes: 1, 2, 4 days, then a week', () => {
		let issue = recordFailure(undefined, refusal, workflow, t0);
		expect(issue).toMatchObject({
			key: 'wf1|customers|cus_1',
			attempts: 1,
			status: 'open',
			firstSeen: t0.toISOString(),
			nextRetryAt: hours(24).toISOString(),
		});
		expect(holdFor(issue, 'sha256:a', hours(23))).toBe('waiting');
		expect(dueForRetry([issue], hours(23))).toEqual([]);
		expect(holdFor(issue, 'sha256:a', hours(24))).toBe('send');
		const gaps = [1, 2, 3, 4, 5].map((n) => {
			issue = recordFailure(issue, refusal, workflow, hours(24 * n));
			return (Date.parse(issue.nextRetryAt) - hours(24 * n).getTime()) / 86_400_000;
		});
		expect(gaps).toEqual([2, 4, 7, 7, 7]);
		expect(issue).toMatchObject({ attempts: 6, firstSeen: t0.toISOString() });
	});

	it('sends a refused record again at once when it changed in the app or a retry was asked for', () => {
		const issue = recordFailure(undefined, refusal, workflow, t0);
		expect(holdFor(issue, 'sha256:changed', hours(1))).toBe('send');
		expect(holdFor({ ...issue, retryRequested: true }, 'sha256:a', hours(1))).toBe('send');
		expect(dueForRetry([{ ...issue, retryRequested: true }], hours(1))).toHaveLength(1);
	});

	it('looks at an issue found before writing on every run (its fix is often on another record)', () => {
		const issue = recordFailure(undefined, local, workflow, t0);
		expect(holdFor(issue, 'sha256:a', hours(0.1))).toBe('send');
		expect(dueForRetry([issue], hours(0.1)).map((i) => i.appId)).toEqual(['cus_2']);
	});

	it('sends the retry of a refusal as a new request only when QuickBooks surely wrote nothing (validation and business rules, not system faults)', () => {
		expect(['6240', '610', '2500', '6000', '6140'].filter(definiteRefusal)).toHaveLength(5);
		expect(
			[
				'10000',
				'3200',
				'3100',
				'3001',
				'500',
				'ValidationFault',
				'RequestFailed',
				'refused',
			].filter(definiteRefusal),
		).toEqual([]);
	});

	it('looks in QuickBooks for a fix of waiting refusals at most hourly, from the last look or the oldest refusal, within the 30 days QuickBooks keeps changes', () => {
		const waiting = [
			recordFailure(undefined, refusal, workflow, t0),
			recordFailure(undefined, { ...refusal, appId: 'cus_9' }, workflow, hours(2)),
		];
		expect(
			waitingRefusals([...waiting, recordFailure(undefined, local, workflow, t0)], hours(3)).map(
				(i) => i.appId,
			),
		).toEqual(['cus_1', 'cus_9']);
		expect(quickBooksCheckSince([], undefined, hours(5))).toBeUndefined();
		expect(quickBooksCheckSince(waiting, undefined, hours(0.5))).toBeUndefined();
		expect(quickBooksCheckSince(waiting, undefined, hours(1))).toBe(hours(-2 / 60).toISOString()); // two minutes' overlap
		expect(quickBooksCheckSince(waiting, hours(3).toISOString(), hours(3.5))).toBeUndefined();
		expect(quickBooksCheckSince(waiting, hours(3).toISOString(), hours(4))).toBe(
			hours(3 - 2 / 60).toISOString(),
		);
		expect(quickBooksCheckSince(waiting, undefined, hours(24 * 40))).toBe(
			hours(24 * 11).toISOString(),
		);
	});

	it('keeps a dismissed record quiet until it changes, and opens it again if the changed record fails', () => {
		const dismissed = {
			...recordFailure(undefined, refusal, workflow, t0),
			status: 'dismissed' as const,
			note: 'known',
		};
		expect(holdFor(dismissed, 'sha256:a', hours(24 * 30))).toBe('dismissed');
		expect(dueForRetry([dismissed], hours(24 * 30))).toEqual([]);
		expect(holdFor(dismissed, 'sha256:b', hours(1))).toBe('send');
		expect(
			recordFailure(dismissed, { ...refusal, fingerprint: 'sha256:b' }, workflow, hours(1)).status,
		).toBe('open');
	});

	it('resolves an issue when its record is written; a later failure starts a new count', () => {
		const resolved = recordSuccess(recordFailure(undefined, refusal, workflow, t0), hours(2));
		expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: hours(2).toISOString() });
		expect(holdFor(resolved, 'sha256:a', hours(3))).toBe('send');
		expect(recordFailure(resolved, refusal, workflow, hours(5))).toMatchObject({
			attempts: 1,
			firstSeen: hours(5).toISOString(),
			status: 'open',
		});
	});
});

describe('file state store (one n8n process)', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbsync-state-unit-'));
	const store = (file: string) =>
		stateStoreFor({ QUICKBOOKS_SYNC_STATE: `file:${path.join(dir, file)}` });

	it('applies every one of 50 overlapping issue updates', async () => {
		const s = store('overlap.json');
		await Promise.all(
			Array.from({ length: 50 }, async (_, n) => {
				await new Promise((r) => setTimeout(r, n % 5));
				await s.updateIssues({ workflowId: 'wf1' }, (current) => [
					recordFailure(
						current.find((i) => i.appId === 'cus_1'),
						refusal,
						workflow,
						t0,
					),
				]);
			}),
		);
		expect((await s.listIssues({ workflowId: 'wf1' }))[0].attempts).toBe(50);
	});

	it('moves a cursor only forward, whatever order overlapping commits arrive in, and keeps it across a restart', async () => {
		const s = store('cursor.json');
		const stamps = Array.from({ length: 20 }, (_, n) =>
			new Date(t0.getTime() + n * 1000).toISOString(),
		).sort(() => Math.random() - 0.5);
		await Promise.all(stamps.map((c) => s.advanceCursor('wf1', 'customer', c)));
		expect(await s.getCursor('wf1', 'customer')).toBe(
			new Date(t0.getTime() + 19_000).toISOString(),
		);
		expect(await s.advanceCursor('wf1', 'customer', t0.toISOString())).toBe(
			new Date(t0.getTime() + 19_000).toISOString(),
		);
		let restarted: string | undefined;
		await jest.isolateModulesAsync(async () => {
			// A new process: the store module loaded afresh, reading the same file.
			const { stateStoreFor: fresh } = await import('../../../../../nodes/shared/state/select');
			restarted = await fresh({
				QUICKBOOKS_SYNC_STATE: `file:${path.join(dir, 'cursor.json')}`,
			}).getCursor('wf1', 'customer');
		});
		expect(restarted).toBe(new Date(t0.getTime() + 19_000).toISOString());
	});

	it('keeps every link of 20 overlapping runs, never an older SyncToken over a newer one, per QuickBooks company', async () => {
		expect(await overlappingLinkRuns(store('links.json'), store('links.json'), '9341')).toEqual(
			expectedLinkRuns,
		);
	});

	it('refuses a file it did not write, naming the file and what to do', async () => {
		fs.writeFileSync(path.join(dir, 'foreign.json'), '{"hello":"world"}');
		await expect(store('foreign.json').getCursor('wf1', 'customer')).rejects.toThrow(
			/foreign\.json is not one this package wrote/,
		);
	});
});

describe('choosing the state store', () => {
	it("uses n8n's own Postgres in queue mode and refuses a file there", () => {
		const queue = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: 'db',
			DB_POSTGRESDB_DATABASE: 'n8n',
		};
		expect(stateStoreFor(queue).description).toBe("n8n's database db:5432/n8n");
		expect(() => stateStoreFor({ ...queue, QUICKBOOKS_SYNC_STATE: 'file' })).toThrow(
			/queue mode: each worker would keep its own file/,
		);
		expect(() => stateStoreFor({ EXECUTIONS_MODE: 'queue' })).toThrow(
			/n8n's database is sqlite, not Postgres/,
		);
	});

	it('names the setting when it is not a store it knows', () => {
		expect(() => stateStoreFor({ QUICKBOOKS_SYNC_STATE: 'redis://x' })).toThrow(
			/QUICKBOOKS_SYNC_STATE is "redis:\/\/x", which is not a state store this package knows/,
		);
		expect(
			stateStoreFor({ QUICKBOOKS_SYNC_STATE: 'postgres://u:p@pg.example:6543/sync' }).description,
		).toBe('Postgres pg.example:6543/sync');
		expect(stateStoreFor({ N8N_USER_FOLDER: '/srv/n8n' }).description).toBe(
			'the state file /srv/n8n/.n8n/quickbooks-sync-state.json',
		);
	});
});

describe('links kept in n8n, put back on the records', () => {
	const link = (extra: Partial<StoredLink> = {}): StoredLink => ({
		resource: 'invoices',
		appId: 'inv_1',
		qboId: '130',
		qboSyncToken: '2',
		qboDocNumber: null,
		fingerprint: 'sha256:f',
		syncedAt: '2026-12-01T10:00:00.000Z',
		syncError: null,
		updatedAt: '2026-12-01T10:00:00.000Z',
		...extra,
	});

	it("gives a record what an app keeping its links would show: link, fingerprint, and QuickBooks' number with the app's kept", () => {
		expect(
			withStoredLink({ id: 'inv_1', number: 'FA-1001' }, link({ qboDocNumber: '1043' })),
		).toEqual({
			id: 'inv_1',
			number: '1043',
			appNumber: 'FA-1001',
			qboId: '130',
			qboSyncToken: '2',
			sync: { fingerprint: 'sha256:f', syncedAt: '2026-12-01T10:00:00.000Z', error: null },
		});
		expect(withStoredLink({ id: 'inv_1', number: 'FA-1001' }, link())).toMatchObject({
			number: 'FA-1001',
			qboId: '130',
		});
	});

	it("leaves a record's own link alone, and a record with no stored link as it is", () => {
		expect(withStoredLink({ id: 'inv_1', qboId: '99' }, link())).toEqual({
			id: 'inv_1',
			qboId: '99',
		});
		expect(withStoredLink({ id: 'inv_2' }, undefined)).toEqual({ id: 'inv_2' });
	});

	it('refuses a link write of the wrong shape, naming the record and the field', () => {
		expect(() =>
			linkWriteOf({ method: 'PUT', path: '/v1/invoices/inv_1/sync', body: { qboId: 130 } }),
		).toThrow('The link of invoices inv_1: qboId is 130, not text or null');
		expect(() =>
			linkWriteOf({ method: 'PUT', path: '/v1/invoices/inv_1/sync', body: { other: 'x' } }),
		).toThrow(/sets none of qboId/);
		expect(
			linkWriteOf({
				method: 'POST',
				path: '/v1/invoices/inv_1/transition',
				body: { status: 'unpaid' },
			}),
		).toBeUndefined();
	});
});
