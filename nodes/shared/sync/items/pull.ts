/**
 * Items QuickBooks → app (IndusTrack): QuickBooks items changed since the cursor, inactive ones
 * included, created or updated in the app with their type, SKU, prices, taxable flag and the
 * names of their income, expense and asset accounts; categories and bundles are not app items.
 */
import type { QboCall } from '../../qbo/caller';
import { queryAll, withInactive } from '../../qbo/paging';
import type { QueryCondition } from '../../qbo/query';
import { accountsOf, appItemFields, itemAdapter, qboItemFields, type ItemFields } from './mapping';
import { plan, type QboSide } from '../pipeline/planner';
import { PullReport, type PullResult } from '../pipeline/pull-report';
import { appSide, invalidRecords, type Raw } from '../pipeline/app-record';

export interface ItemPullSettings {
	realmId: string;
	since?: string;
	createInApp: boolean;
	now: () => string;
}

export async function pullItems(
	call: QboCall,
	everything: Raw[],
	settings: ItemPullSettings,
): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received, () => 'items');
	const app = received.filter((r) => !invalid.has(r));
	const where: QueryCondition[] = withInactive('Item');
	if (settings.since)
		where.push({ field: 'MetaData.LastUpdatedTime', operator: '>=', value: settings.since });
	const [changed, accountRows] = await Promise.all([
		queryAll(call, { entity: 'Item', where, orderBy: { field: 'MetaData.LastUpdatedTime' } }),
		queryAll(call, { entity: 'Account', where: withInactive('Account') }),
	]);
	const accounts = accountsOf(accountRows);
	const report = new PullReport(app, settings.now);
	for (const [raw, problem] of invalid) report.invalid('items', raw, problem);
	const targets: Array<QboSide<ItemFields>> = [];
	for (const q of changed) {
		const fields = qboItemFields(q, accounts);
		if (fields)
			targets.push({
				id: String(q.Id),
				syncToken: String(q.SyncToken),
				fields,
				updatedAt: String(q.MetaData?.LastUpdatedTime ?? ''),
			});
	}
	report.changed(changed.filter((q) => qboItemFields(q, accounts)));
	const ids = new Set(targets.map((t) => t.id));
	const relevant = app.filter((r) => typeof r.qboId !== 'string' || ids.has(r.qboId));
	const adapter = itemAdapter({
		matchBy: ['sku', 'name'],
		accounts,
		quantityOf: () => undefined,
		startDate: '',
	});
	const actions = plan(
		adapter,
		relevant.map((r) => appSide(r, appItemFields(r, {}, accounts))),
		targets,
		{
			realmId: settings.realmId,
			direction: 'pull',
			conflictPolicy: 'quickbooks',
			createInQuickBooks: false,
			createInApp: settings.createInApp,
		},
	);
	for (const action of actions)
		if (action.kind !== 'unchanged' || action.qboId) report.action('items', action);
	return report.finish('items', settings.since);
}
