/**
 * What every state store must do with links, run the same way against the file store (unit layer)
 * and the Postgres store (queue-mode e2e, two pools standing for two workers): overlapping runs
 * that each store their run's links keep every one, and an older SyncToken stored after a newer one
 * does not replace it.
 */
import type { SyncStateStore } from '../../nodes/shared/state/store';

export async function overlappingLinkRuns(
	first: SyncStateStore,
	second: SyncStateStore,
	realmId: string,
) {
	// 20 runs on alternating "workers", 25 customers each, all at once.
	await Promise.all(
		Array.from({ length: 20 }, async (_, run) => {
			const writes = Array.from({ length: 25 }, (__, n) => ({
				resource: 'customers',
				appId: `cus_${run * 25 + n}`,
				body: {
					qboId: String(1000 + run * 25 + n),
					qboSyncToken: '0',
					fingerprint: `sha256:${run}-${n}`,
					syncedAt: new Date().toISOString(),
					syncError: null,
				},
			}));
			await (run % 2 ? first : second).putLinks(realmId, writes);
		}),
	);
	const ids = Array.from({ length: 500 }, (_, n) => `cus_${n}`);
	const kept = await first.getLinks(realmId, 'customers', ids);
	// The same record written by two overlapping runs, the newer SyncToken first.
	await first.putLinks(realmId, [
		{
			resource: 'customers',
			appId: 'cus_7',
			body: { qboId: '1007', qboSyncToken: '5', fingerprint: 'sha256:newer' },
		},
	]);
	await second.putLinks(realmId, [
		{
			resource: 'customers',
			appId: 'cus_7',
			body: { qboId: '1007', qboSyncToken: '4', fingerprint: 'sha256:older' },
		},
	]);
	// A field left out keeps what is stored; null clears it.
	await first.putLinks(realmId, [
		{ resource: 'customers', appId: 'cus_8', body: { syncError: 'QuickBooks refused it' } },
	]);
	await first.putLinks(realmId, [
		{ resource: 'customers', appId: 'cus_9', body: { fingerprint: null } },
	]);
	const after = await second.getLinks(realmId, 'customers', ['cus_7', 'cus_8', 'cus_9']);
	const otherCompany = await first.getLinks(`${realmId}-other`, 'customers', ids);
	return {
		kept: kept.size,
		missing: ids.filter((id) => !kept.has(id)),
		cus7: after.get('cus_7'),
		cus8: after.get('cus_8'),
		cus9: after.get('cus_9'),
		otherCompany: otherCompany.size,
	};
}

/** What overlappingLinkRuns must give for a store that is correct. */
export const expectedLinkRuns = {
	kept: 500,
	missing: [],
	cus7: expect.objectContaining({ qboId: '1007', qboSyncToken: '5', fingerprint: 'sha256:older' }),
	cus8: expect.objectContaining({
		qboId: '1008',
		fingerprint: 'sha256:0-8',
		syncError: 'QuickBooks refused it',
	}),
	cus9: expect.objectContaining({ qboId: '1009', fingerprint: null }),
	otherCompany: 0,
};
