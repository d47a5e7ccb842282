/**
 * Items app → QuickBooks (the app is master): reads QuickBooks' items and accounts, plans, checks
 * what QuickBooks would refuse (names unique across every item type, categories included; an
 * inventory item cannot become another type), carries the plan out and reports one outcome per
 * input record.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import { applyToQuickBooks } from '../pipeline/applier';
import { fingerprint } from '../pipeline/fingerprint';
import {
	accountsOf,
	appItemFields,
	itemAdapter,
	qboItemFields,
	type AccountDefaults,
	type ItemFields,
} from './mapping';
import { matchAll, normaliseName } from '../pipeline/matcher';
import {
	creation,
	matchOptions,
	plan,
	type AppSide,
	type EntityAdapter,
	type PlannedAction,
	type QboSide,
} from '../pipeline/planner';
import { PushReport, asPlanned, type PushResult } from '../pipeline/push-report';
import {
	appSide,
	invalidRecords,
	linkOf,
	unchangedSinceLastSync,
	type Raw,
} from '../pipeline/app-record';

export interface ItemPushSettings {
	realmId: string;
	/** The retry of a QuickBooks refusal each record is, when sent again unchanged (planner: requestIdOf). */
	retryRounds?: Readonly<Record<string, number>>;
	matchBy: 'skuThenName' | 'sku' | 'name';
	requireSku: boolean;
	createMissing: boolean;
	dryRun: boolean;
	defaults: AccountDefaults;
	now: () => string;
	/** The company's date for an inventory item's start date (YYYY-MM-DD). */
	today: () => string;
	/**
	 * Items a document names (the invoice push): a QuickBooks item found by SKU or name is only
	 * linked, whatever its type and fields there (the items template owns them), and never updated.
	 */
	linkOnly?: boolean;
	/** The record as it is created when QuickBooks has no match (e.g. non-stocked); matching uses the keys, which it keeps. */
	createAs?: (record: Raw) => Raw;
}

export async function pushItems(
	call: QboCall,
	everything: Raw[],
	settings: ItemPushSettings,
): Promise<PushResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received, () => 'items');
	const report = new PushReport(everything, settings);
	for (const [raw, problem] of invalid) report.invalid(raw, 'items', problem);
	// A linked item unchanged since its last sync needs no read. Account names are compared as the app
	// gives them: one QuickBooks spells otherwise only costs the read this spares.
	const asGiven = accountsOf([]);
	// Only when every record is linked: an unlinked one is matched knowing which items the linked ones hold.
	const valid = received.filter((raw) => !invalid.has(raw));
	const knownUnchanged = new Set(
		settings.linkOnly || !valid.every((raw) => linkOf(raw))
			? []
			: valid.filter((raw) =>
					unchangedSinceLastSync(raw, appItemFields(raw, settings.defaults, asGiven)),
				),
	);
	report.unchanged(knownUnchanged.size);
	const input = valid.filter((raw) => !knownUnchanged.has(raw));
	if (input.length === 0) return report.finish('items', received);

	// Accounts matter only to what is written: a link-only run that creates nothing spares that (metered) read.
	const needsAccounts = settings.createMissing || !settings.linkOnly;
	// Only an unlinked record needs every item (matched by SKU or name, and names taken by categories);
	// linked ones are read by id, so an incremental run costs reads in proportion to its changes.
	const everyLinked = input.every((r) => linkOf(r));
	const [qboItems, qboAccounts] = await Promise.all([
		everyLinked
			? queryByIds(
					call,
					'Item',
					input.map((r) => linkOf(r)!),
				)
			: queryAll(call, { entity: 'Item', where: withInactive('Item') }),
		needsAccounts
			? queryAll(call, { entity: 'Account', where: withInactive('Account') })
			: Promise.resolve([]),
	]);
	const accounts = accountsOf(qboAccounts);
	const targets: Array<QboSide<ItemFields>> = [];
	const otherNames = new Map<string, QboJson>();
	for (const q of qboItems) {
		const fields = qboItemFields(q, accounts);
		if (fields)
			targets.push({
				id: String(q.Id),
				syncToken: String(q.SyncToken),
				fields,
				updatedAt: String(q.MetaData?.LastUpdatedTime ?? ''),
			});
		else otherNames.set(normaliseName(String(q.Name)), q);
	}
	const byId = new Map(targets.map((t) => [t.id, t]));
	const quantity = new Map(
		input.map((r) => [
			String(r.id),
			typeof r.quantityOnHand === 'number' ? r.quantityOnHand : undefined,
		]),
	);
	const matchBy =
		settings.matchBy === 'skuThenName' ? (['sku', 'name'] as const) : ([settings.matchBy] as const);
	const adapter = itemAdapter({
		matchBy: [...matchBy],
		requireFirstKey: settings.requireSku,
		accounts,
		quantityOf: (id) => quantity.get(id),
		startDate: settings.today(),
	});
	const fieldsOf = (record: Raw) =>
		appItemFields(
			settings.createAs ? settings.createAs(record) : record,
			settings.defaults,
			accounts,
		);
	const appRecords = input.map((r) => appSide(r, fieldsOf(r)));
	const actions = settings.linkOnly
		? linkOrCreate(adapter, appRecords, targets, settings)
		: plan(adapter, appRecords, targets, {
				realmId: settings.realmId,
				retryRounds: settings.retryRounds,
				direction: 'push',
				conflictPolicy: 'app',
				createInQuickBooks: settings.createMissing,
				createInApp: false,
			});

	// What the planner cannot see: names taken by categories or bundles, and type changes QBO refuses.
	const checked = actions.map((action, i): PlannedAction<ItemFields> => {
		const record = input[i];
		const fields = fieldsOf(record);
		if (action.kind === 'createInQuickBooks') {
			const other = otherNames.get(normaliseName(fields.name));
			if (other)
				return {
					kind: 'issue',
					appId: action.appId,
					code: 'duplicate_name',
					reason: `item ${action.appId} (${fields.name}): QuickBooks ${String(other.Type).toLowerCase()} ${String(other.Id)} already has the name "${String(other.Name)}"; item names are unique across every item type`,
					fix: 'Rename the item in the app or the category / bundle in QuickBooks.',
				};
		}
		if (action.kind === 'updateQuickBooks') {
			const target = byId.get(action.qboId);
			if (
				target &&
				target.fields.type !== fields.type &&
				(target.fields.type === 'Inventory' || fields.type === 'Inventory')
			) {
				return {
					kind: 'issue',
					appId: action.appId,
					qboId: action.qboId,
					code: 'type_change',
					reason: `item ${action.appId} (${fields.name}) is ${fields.type} in the app but ${target.fields.type} in QuickBooks, and QuickBooks cannot change an item to or from Inventory (quantity tracking cannot be turned off)`,
					fix: 'Set the item back to its type in the app, or create a new item of the new type and make the old one inactive.',
				};
			}
		}
		return action;
	});

	const outcomes = settings.dryRun
		? checked.map(asPlanned)
		: await applyToQuickBooks(call, checked, {
				entity: 'Item',
				fieldsOf: (q) => qboItemFields(q, accounts) ?? {},
				nameField: 'Name',
			});
	input.forEach((record, i) => report.outcome('items', record, outcomes[i]));
	return report.finish('items', received);
}

/**
 * Link-only: an item QuickBooks has (linked, or found by SKU or name) is linked as QuickBooks has it,
 * never updated; its fingerprint is QuickBooks' own, so the items template later sees the app's
 * fields as changed and settles any difference as it is set to. Only an item QuickBooks lacks is
 * created, when creation is on.
 */
function linkOrCreate(
	adapter: EntityAdapter<ItemFields>,
	app: Array<AppSide<ItemFields>>,
	targets: Array<QboSide<ItemFields>>,
	settings: ItemPushSettings,
): Array<PlannedAction<ItemFields>> {
	return matchAll(app, targets, matchOptions(adapter, settings.createMissing)).map(
		(match, i): PlannedAction<ItemFields> => {
			const record = app[i];
			if (match.kind === 'issue') return { kind: 'issue', appId: record.id, ...match.issue };
			if (match.kind === 'new') return creation(adapter, record, settings);
			if (match.kind === 'linked')
				return {
					kind: 'unchanged',
					appId: record.id,
					qboId: match.target.id,
					reason: 'already linked',
				};
			return {
				kind: 'link',
				appId: record.id,
				qboId: match.target.id,
				syncToken: match.target.syncToken,
				fingerprint: fingerprint(match.target.fields as unknown as Record<string, unknown>),
				matchedBy: match.by,
			};
		},
	);
}
