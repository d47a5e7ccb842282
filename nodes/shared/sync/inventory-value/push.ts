/**
 * Inventory value and cost of goods sold app → QuickBooks as journal entries (inFlow): one journal
 * entry per month, through an adjustment account (a Cost of Goods Sold account, as inFlow asks).
 * - Cost of goods sold: the cost of what the app's sales orders of the month sold (quantity × the
 *   item's cost), debited to the COGS account.
 * - Inventory value: the app's stock at cost (inventory and equipment items, quantity on hand ×
 *   cost); the inventory asset account is moved to match it, QuickBooks' balance read without this
 *   month's own entry, so a re-run recomputes the same entry instead of adding to it.
 * The month's entry is found by its number and the marker in its private note; a re-run with
 * nothing changed writes nothing, a change updates the same entry (one per period).
 */
import { DateTime } from 'luxon';

import type { QboCall, QboJson } from '../../qbo/caller';
import { writeBatch } from '../../qbo/batch';
import { queryAll, withInactive } from '../../qbo/paging';
import { applyToQuickBooks } from '../pipeline/applier';
import { fingerprint } from '../pipeline/fingerprint';
import { accountsOf } from '../items/mapping';
import { anAccountType } from '../payables/mapping';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import { type PushResult } from '../pipeline/push-report';
import { type Raw, roundMoney as round } from '../pipeline/app-record';

export interface InventoryValueSettings {
	realmId: string;
	inventoryAssetAccount: string;
	cogsAccount: string;
	adjustmentAccount: string;
	/** The adjustment account, named by its name, is created (Cost of Goods Sold) when QuickBooks has none of that name. */
	createAdjustmentAccount?: boolean;
	dryRun: boolean;
	/** Today in the company's time zone (YYYY-MM-DD): its month is the period. */
	today: () => string;
}

export class InventorySettingsError extends Error {}

const STOCKED = ['inventory', 'equipment'];
const SOLD = ['invoiced', 'partially_paid', 'paid'];
const marker = (period: string) => `[app inventory value ${period}]`;

interface JournalLine {
	accountId: string;
	posting: 'Debit' | 'Credit';
	amount: number;
	description: string;
}

/** The app's stock at cost and the cost of what its sales orders of the period sold. */
export function appInventoryFigures(
	records: Raw[],
	period: string,
): { value: number; cogs: number; problems: string[] } {
	const items = new Map(
		records
			.filter((r) => typeof r.type === 'string' && r.lines === undefined)
			.map((i) => [String(i.id), i]),
	);
	const problems: string[] = [];
	let value = 0;
	for (const item of items.values()) {
		if (!STOCKED.includes(String(item.type)) || item.deletedAt) continue;
		const quantity = Number(item.quantityOnHand ?? 0);
		if (quantity < 0)
			problems.push(
				`item ${String(item.id)} (${String(item.name)}) has ${quantity} on hand; it is counted as 0`,
			);
		value += Math.max(quantity, 0) * Number(item.cost ?? 0);
	}
	let cogs = 0;
	for (const order of records.filter((r) => Array.isArray(r.lines) && r.customerId !== undefined)) {
		if (
			!SOLD.includes(String(order.status)) ||
			order.deletedAt ||
			!String(order.date).startsWith(period)
		)
			continue;
		for (const line of order.lines as Raw[]) {
			const item = items.get(String(line.itemId));
			if (!item)
				problems.push(
					`sales order ${String(order.id)} names item ${String(line.itemId)}, which is not among the items given to the engine; its cost is left out`,
				);
			else if (STOCKED.includes(String(item.type)))
				cogs += Number(line.quantity) * Number(item.cost ?? 0);
		}
	}
	return { value: round(value), cogs: round(cogs), problems };
}

export async function pushInventoryValue(
	call: QboCall,
	records: Raw[],
	settings: InventoryValueSettings,
): Promise<PushResult> {
	const today = DateTime.fromISO(settings.today(), { zone: 'utc' });
	const period = today.toFormat('yyyy-MM');
	const accountRows = await queryAll(call, { entity: 'Account', where: withInactive('Account') });
	let accounts = accountsOf(accountRows);
	const account = (
		label: string,
		value: string,
		fits: (type: string, subType: string) => boolean,
		wanted: string,
	) => {
		const found = value ? accounts.resolve(value) : undefined;
		if (!found)
			throw new InventorySettingsError(
				`"${label}" is ${value ? `"${value}", which QuickBooks does not have` : 'not set'}. Pick ${wanted}.`,
			);
		if (!fits(String(found.AccountType), String(found.AccountSubType)))
			throw new InventorySettingsError(
				`"${label}" is "${String(found.Name)}", ${anAccountType(found.AccountType)} account. Pick ${wanted}.`,
			);
		return found;
	};
	const inventory = account(
		'Inventory Asset Account',
		settings.inventoryAssetAccount,
		(t) => t === 'Other Current Asset',
		'the Other Current Asset account that holds the inventory value (Inventory Asset)',
	);
	const cogsAccount = account(
		'Cost of Goods Sold Account',
		settings.cogsAccount,
		(t) => t === 'Cost of Goods Sold',
		'a Cost of Goods Sold account',
	);
	const createdAccounts: string[] = [];
	if (
		settings.createAdjustmentAccount &&
		settings.adjustmentAccount.trim() &&
		!/^\d+$/.test(settings.adjustmentAccount.trim()) &&
		!accounts.resolve(settings.adjustmentAccount)
	) {
		const made = await createAdjustmentAccount(call, settings);
		accounts = accountsOf([...accountRows, made]);
		createdAccounts.push(
			`${String(made.Name)} (Cost of Goods Sold${settings.dryRun ? ', in a real run' : `, id ${String(made.Id)}`})`,
		);
	}
	const adjustment = account(
		'Adjustment Account',
		settings.adjustmentAccount,
		(t) => t === 'Cost of Goods Sold',
		`a Cost of Goods Sold account (inFlow calls it "inFlow Adjustments"), or turn on "Create the Adjustment Account" to have it made`,
	);
	if (adjustment.Id === cogsAccount.Id)
		throw new InventorySettingsError(
			'"Adjustment Account" and "Cost of Goods Sold Account" are the same account, so the cost of goods sold would cancel itself out. Pick a separate adjustment account.',
		);

	const figures = appInventoryFigures(records, period);
	const docNumber = `INV-${period}`;
	const existing = (
		await queryAll(call, {
			entity: 'JournalEntry',
			where: [{ field: 'DocNumber', operator: '=', value: docNumber }],
		})
	).find((q) => String(q.PrivateNote ?? '').includes(marker(period)));
	// QuickBooks' inventory value without this period's own entry: what the entry has to bring it to the app's.
	const posted = ((existing?.Line ?? []) as QboJson[])
		.filter((l) => l.JournalEntryLineDetail?.AccountRef?.value === inventory.Id)
		.reduce(
			(s, l) => s + (l.JournalEntryLineDetail.PostingType === 'Debit' ? 1 : -1) * Number(l.Amount),
			0,
		);
	const before = round(Number(inventory.CurrentBalance ?? 0) - posted);
	const delta = round(figures.value - before);

	const lines: JournalLine[] = [];
	if (figures.cogs > 0)
		lines.push(
			{
				accountId: String(cogsAccount.Id),
				posting: 'Debit',
				amount: figures.cogs,
				description: `Cost of goods sold ${period} (app)`,
			},
			{
				accountId: String(adjustment.Id),
				posting: 'Credit',
				amount: figures.cogs,
				description: `Cost of goods sold ${period} (app)`,
			},
		);
	if (delta !== 0)
		lines.push(
			{
				accountId: String(inventory.Id),
				posting: delta > 0 ? 'Debit' : 'Credit',
				amount: Math.abs(delta),
				description: `Inventory value to the app's ${figures.value.toFixed(2)}`,
			},
			{
				accountId: String(adjustment.Id),
				posting: delta > 0 ? 'Credit' : 'Debit',
				amount: Math.abs(delta),
				description: `Inventory value to the app's ${figures.value.toFixed(2)}`,
			},
		);
	const shape = (ls: JournalLine[]) =>
		ls
			.map((l) => ({ a: l.accountId, p: l.posting, m: round(l.amount) }))
			.sort((x, y) => `${x.a}${x.p}`.localeCompare(`${y.a}${y.p}`));
	const existingLines: JournalLine[] = ((existing?.Line ?? []) as QboJson[]).map((l) => ({
		accountId: String(l.JournalEntryLineDetail?.AccountRef?.value),
		posting: l.JournalEntryLineDetail?.PostingType,
		amount: Number(l.Amount),
		description: '',
	}));
	const print = fingerprint({ period, lines: shape(lines) });
	const body: QboJson = {
		DocNumber: docNumber,
		TxnDate: today.toISODate(),
		PrivateNote: `Inventory value from the app for ${period}: ${figures.value.toFixed(2)} in stock at cost, ${figures.cogs.toFixed(2)} cost of goods sold ${marker(period)}`,
		Line: lines.map((l) => ({
			DetailType: 'JournalEntryLineDetail',
			Amount: l.amount,
			Description: l.description,
			JournalEntryLineDetail: { PostingType: l.posting, AccountRef: { value: l.accountId } },
		})),
	};

	let action: PlannedAction<unknown> | { kind: 'delete' };
	if (!existing)
		action = lines.length
			? {
					kind: 'createInQuickBooks',
					appId: period,
					body,
					requestId: requestIdOf(settings, 'JournalEntry', period, print),
					fingerprint: print,
					fields: {},
				}
			: { kind: 'unchanged', reason: 'nothing to post' };
	else if (fingerprint({ period, lines: shape(existingLines) }) === print)
		action = {
			kind: 'unchanged',
			qboId: String(existing.Id),
			reason: 'the entry already holds these figures',
		};
	else if (!lines.length) action = { kind: 'delete' };
	else
		action = {
			kind: 'updateQuickBooks',
			appId: period,
			qboId: String(existing.Id),
			syncToken: String(existing.SyncToken),
			body,
			requestId: requestIdOf(settings, 'JournalEntry', period, print),
			fingerprint: print,
			deactivate: false,
		};

	const summary: Record<string, unknown> = {
		resource: 'inventory value',
		direction: 'push',
		dryRun: settings.dryRun,
		period,
		appInventoryValue: figures.value,
		quickBooksInventoryBefore: before,
		inventoryAdjustment: delta,
		costOfGoodsSold: figures.cogs,
		journalEntry: {
			number: docNumber,
			write:
				action.kind === 'createInQuickBooks'
					? 'created'
					: action.kind === 'updateQuickBooks'
						? 'updated'
						: action.kind === 'delete'
							? 'deleted'
							: 'unchanged',
		},
		...(figures.problems.length ? { notes: figures.problems } : {}),
		...(createdAccounts.length ? { accountsCreated: createdAccounts } : {}),
	};
	const issues: PushResult['issues'] = [];
	if (settings.dryRun)
		return {
			appWrites: [],
			issues,
			summary: {
				...summary,
				plannedWrites: action.kind === 'unchanged' ? [] : [{ write: action.kind, body }],
			},
		};
	if (action.kind === 'delete') {
		const [result] = await writeBatch(call, [
			{
				operation: 'delete',
				entity: 'JournalEntry',
				body: { Id: String(existing!.Id), SyncToken: String(existing!.SyncToken) },
			},
		]);
		if (!result.ok)
			issues.push({
				item: 0,
				resource: 'items',
				code: result.fault.errors[0]?.code ?? result.fault.type,
				reason: `the journal entry ${docNumber} is no longer needed but could not be deleted: ${result.fault.errors.map((e) => e.message).join('; ')}`,
				fix: 'Delete it in QuickBooks, or run again.',
			});
	} else if (action.kind !== 'unchanged') {
		const [outcome] = await applyToQuickBooks(call, [action], {
			entity: 'JournalEntry',
			fieldsOf: () => ({}),
			nameField: 'DocNumber',
			oneByOne: true,
		});
		if (outcome.status === 'issue')
			issues.push({
				item: 0,
				resource: 'items',
				code: outcome.code,
				reason: `the journal entry ${docNumber} could not be written: ${outcome.reason}`,
				fix: outcome.fix,
			});
		else if (outcome.status === 'written')
			(summary.journalEntry as Raw).id = String(outcome.qbo.Id);
	} else if (existing) (summary.journalEntry as Raw).id = String(existing.Id);
	summary.issues = issues.length;
	return { appWrites: [], issues, summary };
}

/**
 * The adjustment account, made once as inFlow offers ("create this account for me"): its request id
 * is fixed by the company and the name, so a re-run or an overlapping run cannot make a second one,
 * and QuickBooks refuses a second account of the same name anyway. A dry run makes nothing.
 */
async function createAdjustmentAccount(
	call: QboCall,
	settings: InventoryValueSettings,
): Promise<QboJson> {
	const Name = settings.adjustmentAccount.trim();
	if (settings.dryRun)
		return { Id: '(new)', Name, FullyQualifiedName: Name, AccountType: 'Cost of Goods Sold' };
	const answer = await call({
		method: 'POST',
		path: 'account',
		body: { Name, AccountType: 'Cost of Goods Sold', AccountSubType: 'SuppliesMaterialsCogs' },
		idempotencyKey: `${settings.realmId}:Account:inventory-adjustment:${Name.toLowerCase()}`,
	});
	return answer.Account as QboJson;
}
