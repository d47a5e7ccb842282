/**
 * Get Cursor / Commit Cursor through the sync state store: a first run starts from "Start From",
 * commits only move forward, a cursor kept in static data by an older version is taken over, and a
 * value that is not a timestamp (given or stored) stops the step with what to do.
 */
import fs from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncEngine } from '../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import { stateStoreFor } from '../../../../nodes/shared/state/select';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';

const engine = new QuickBooksSyncEngine();
const run = async (workflowId: string, parameters: IDataObject, items = 1) =>
	(
		await engine.execute.call(
			fakeExecuteFunctions({
				parameters: { resource: 'customer', ...parameters },
				credentials: {},
				items: Array.from({ length: items }, () => ({ json: {} })),
				workflowId,
			}),
		)
	)[0].map((i) => i.json);

it('starts from "Start From", then from the newest committed cursor, never going back', async () => {
	expect(
		await run('wf-cursor', { operation: 'getCursor', startFrom: '2026-01-01T00:00:00.000Z' }),
	).toEqual([
		{ resource: 'customer', cursor: '2026-01-01T00:00:00.000Z', retryIds: '', retryCount: 0 },
	]);
	expect(
		await run('wf-cursor', { operation: 'commitCursor', cursor: '2026-03-01T10:00:00.000Z' }, 3),
	).toEqual([
		expect.objectContaining({ cursor: '2026-03-01T10:00:00.000Z', previous: null, moved: true }),
	]);
	expect(
		await run('wf-cursor', { operation: 'commitCursor', cursor: '2026-02-01T10:00:00.000Z' }),
	).toEqual([expect.objectContaining({ cursor: '2026-03-01T10:00:00.000Z', moved: false })]);
	expect(
		(await run('wf-cursor', { operation: 'getCursor', startFrom: '2026-01-01T00:00:00.000Z' }))[0]
			.cursor,
	).toBe('2026-03-01T10:00:00.000Z');
	expect(
		(await run('wf-other', { operation: 'getCursor', startFrom: '2026-01-01T00:00:00.000Z' }))[0]
			.cursor,
	).toBe('2026-01-01T00:00:00.000Z');
});

it('refuses a cursor that is not a timestamp, given or stored, and moves nothing', async () => {
	await expect(run('wf-bad', { operation: 'commitCursor', cursor: 'page-7' })).rejects.toThrow(
		'"Cursor" is "page-7", which is not a timestamp',
	);
	await expect(run('wf-bad', { operation: 'getCursor', startFrom: 'yesterday' })).rejects.toThrow(
		'"Start From" is "yesterday", which is not a timestamp',
	);
	const file = process.env.QUICKBOOKS_SYNC_STATE!.slice('file:'.length);
	await stateStoreFor(process.env).advanceCursor(
		'wf-foreign',
		'customer',
		'2026-01-01T00:00:00.000Z',
	);
	const state = JSON.parse(fs.readFileSync(file, 'utf8'));
	state.cursors['wf-foreign'].customer = 'not-a-time';
	fs.writeFileSync(file, JSON.stringify(state));
	await expect(
		run('wf-foreign', { operation: 'getCursor', startFrom: '2026-01-01T00:00:00.000Z' }),
	).rejects.toThrow('The stored cursor of "customer" is "not-a-time", which is not a timestamp');
});

it('stops before anything is read when the state store setting is wrong, naming it', async () => {
	const saved = process.env.QUICKBOOKS_SYNC_STATE;
	process.env.QUICKBOOKS_SYNC_STATE = 'mysql://somewhere';
	try {
		await expect(run('wf-x', { operation: 'getCursor', startFrom: '' })).rejects.toThrow(
			'QUICKBOOKS_SYNC_STATE is "mysql://somewhere", which is not a state store this package knows',
		);
	} finally {
		process.env.QUICKBOOKS_SYNC_STATE = saved;
	}
});
