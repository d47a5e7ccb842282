/**
 * Items app → QuickBooks (the app is master): reads QuickBooks' items and accounts, plans, checks
 * what QuickBooks would refuse (names unique across every item type, categories included; an
 * inventory item cannot become another type), carries the plan out and reports one outcome per
 * input record.
 */
import type { QboCall, QboJson } from '../qbo/caller';
import { queryAll, withInactive } from '../qbo/paging';
import { applyToQuickBooks } from './applier';
import { accountsOf, appItemFields, itemAdapter, qboItemFields, type AccountDefaults, type ItemFields } from './items';
import { normaliseName } from './matcher';
import { plan, type PlannedAction, type QboSide } from './planner';
import { PushReport, appSide, asPlanned, invalidRecords, type PushResult, type Raw } from './push-report';

export interface ItemPushSettings {
	realmId: string;
	matchBy: 'skuThenName' | 'sku' | 'name';
	requireSku: boolean;
	createMissing: boolean;
	dryRun: boolean;
	defaults: AccountDefaults;
	now: () => string;
	/** The company's date for an inventory item's start date (YYYY-MM-DD). */
	today: () => string;
}

export async function pushItems(call: QboCall, everything: Raw[], settings: ItemPushSettings): Promise<PushResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received, () => 'items');
	const input = received.filter((raw) => !invalid.has(raw));
	const report = new PushReport(everything, settings);
	for (const [raw, problem] of invalid) report.invalid(raw, 'items', problem);
	if (input.length === 0) return report.finish('items', received);

	const [qboItems, qboAccounts] = await Promise.all([queryAll(call, { entity: 'Item', where: withInactive('Item') }), queryAll(call, { entity: 'Account', where: withInactive('Account') })]);
	const accounts = accountsOf(qboAccounts);
	const targets: Array<QboSide<ItemFields>> = [];
	const otherNames = new Map<string, QboJson>();
	for (const q of qboItems) {
		const fields = qboItemFields(q, accounts);
		if (fields) targets.push({ id: String(q.Id), syncToken: String(q.SyncToken), fields, updatedAt: String(q.MetaData?.LastUpdatedTime ?? '') });
		else otherNames.set(normaliseName(String(q.Name)), q);
	}
	const byId = new Map(targets.map((t) => [t.id, t]));
	const quantity = new Map(input.map((r) => [String(r.id), typeof r.quantityOnHand === 'number' ? r.quantityOnHand : undefined]));
	const matchBy = settings.matchBy === 'skuThenName' ? (['sku', 'name'] as const) : ([settings.matchBy] as const);
	const adapter = itemAdapter({ matchBy: [...matchBy], requireFirstKey: settings.requireSku, accounts, quantityOf: (id) => quantity.get(id), startDate: settings.today() });
	const actions = plan(adapter, input.map((r) => appSide(r, appItemFields(r, settings.defaults, accounts))), targets, { realmId: settings.realmId, direction: 'push', conflictPolicy: 'app', createInQuickBooks: settings.createMissing, createInApp: false });

	// What the planner cannot see: names taken by categories or bundles, and type changes QBO refuses.
	const checked = actions.map((action, i): PlannedAction<ItemFields> => {
		const record = input[i];
		const fields = appItemFields(record, settings.defaults, accounts);
		if (action.kind === 'createInQuickBooks') {
			const other = otherNames.get(normaliseName(fields.name));
			if (other) return { kind: 'issue', appId: action.appId, code: 'duplicate_name', reason: `item ${action.appId} (${fields.name}): QuickBooks ${String(other.Type).toLowerCase()} ${String(other.Id)} already has the name "${String(other.Name)}"; item names are unique across every item type`, fix: 'Rename the item in the app or the category / bundle in QuickBooks.' };
		}
		if (action.kind === 'updateQuickBooks') {
			const target = byId.get(action.qboId);
			if (target && target.fields.type !== fields.type && (target.fields.type === 'Inventory' || fields.type === 'Inventory')) {
				return { kind: 'issue', appId: action.appId, qboId: action.qboId, code: 'type_change', reason: `item ${action.appId} (${fields.name}) is ${fields.type} in the app but ${target.fields.type} in QuickBooks, and QuickBooks cannot change an item to or from Inventory (quantity tracking cannot be turned off)`, fix: 'Set the item back to its type in the app, or create a new item of the new type and make the old one inactive.' };
			}
		}
		return action;
	});

	const outcomes = settings.dryRun ? checked.map(asPlanned) : await applyToQuickBooks(call, checked, { entity: 'Item', fieldsOf: (q) => qboItemFields(q, accounts) ?? {}, nameField: 'Name' });
	input.forEach((record, i) => report.outcome('items', record, outcomes[i]));
	return report.finish('items', received);
}
