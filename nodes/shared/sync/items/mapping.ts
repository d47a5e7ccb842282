/**
 * Items ↔ QBO items (app contract §5, quickbooks-api-notes.md §2.3). The neutral shape names accounts by their
 * QuickBooks full name, so an app item may give an account's name or id; an account the item does
 * not give comes from the template's defaults. `equipment` becomes an Inventory item. The taxable
 * flag and the description travel exactly (a blank description stays blank). The quantity on hand
 * is sent only when an inventory item is created: afterwards QuickBooks keeps it.
 */
import type { QboJson } from '../../qbo/caller';
import type { EntityAdapter, FieldProblem } from '../pipeline/planner';

export type QboItemType = 'Service' | 'NonInventory' | 'Inventory';

export interface ItemFields {
	name: string;
	type: QboItemType;
	sku?: string;
	description?: string;
	taxable: boolean;
	price: number;
	cost: number;
	incomeAccount?: string;
	expenseAccount?: string;
	assetAccount?: string;
	active: boolean;
}

export interface AccountDefaults {
	income?: string;
	expense?: string;
	asset?: string;
}

/** QBO accounts by id, name or full name. */
export interface Accounts {
	/** The account's full name for an id, name or full name; undefined when QBO has none. */
	resolve(nameOrId: string): QboJson | undefined;
	byId(id: string): QboJson | undefined;
}

export function accountsOf(rows: QboJson[]): Accounts {
	const byId = new Map(rows.map((a) => [String(a.Id), a]));
	const byName = new Map<string, QboJson>();
	for (const a of rows)
		for (const n of [a.FullyQualifiedName, a.Name])
			if (typeof n === 'string' && !byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), a);
	return {
		byId: (id) => byId.get(id),
		resolve: (v) => byId.get(v) ?? byName.get(v.trim().toLowerCase()),
	};
}

const TYPES: Record<string, QboItemType> = {
	service: 'Service',
	non_inventory: 'NonInventory',
	inventory: 'Inventory',
	equipment: 'Inventory',
};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;
const fullName = (a: QboJson | undefined) =>
	a ? String(a.FullyQualifiedName ?? a.Name) : undefined;

export function appItemFields(
	item: Record<string, unknown>,
	defaults: AccountDefaults,
	accounts: Accounts,
): ItemFields {
	const own = (item.accounts ?? {}) as Record<string, unknown>;
	// An account QBO does not know keeps its text, so the problem check can name it.
	const account = (value: unknown, fallback: string | undefined) => {
		const given = text(value) ?? fallback;
		return given === undefined ? undefined : (fullName(accounts.resolve(given)) ?? given);
	};
	const type = TYPES[String(item.type)] ?? 'Service';
	return {
		name: String(item.name),
		type,
		sku: text(item.sku),
		description: text(item.description),
		taxable: item.taxable !== false,
		price: Number(item.price ?? 0),
		cost: Number(item.cost ?? 0),
		incomeAccount: account(own.income, defaults.income),
		expenseAccount: account(own.expense, defaults.expense),
		assetAccount: type === 'Inventory' ? account(own.asset, defaults.asset) : undefined,
		active: item.active !== false && !item.deletedAt,
	};
}

/** A QBO item of a type the sync writes; undefined for categories, bundles and the like. */
export function qboItemFields(item: QboJson, accounts: Accounts): ItemFields | undefined {
	if (!['Service', 'NonInventory', 'Inventory'].includes(String(item.Type))) return undefined;
	const type = item.Type as QboItemType;
	const ref = (r: QboJson | undefined) =>
		r?.value ? (fullName(accounts.byId(String(r.value))) ?? text(r.name)) : undefined;
	return {
		name: String(item.Name),
		type,
		sku: text(item.Sku),
		description: text(item.Description),
		taxable: item.Taxable === true,
		price: Number(item.UnitPrice ?? 0),
		cost: Number(item.PurchaseCost ?? 0),
		incomeAccount: ref(item.IncomeAccountRef),
		expenseAccount: ref(item.ExpenseAccountRef),
		assetAccount: type === 'Inventory' ? ref(item.AssetAccountRef) : undefined,
		active: item.Active !== false,
	};
}

const ACCOUNT_RULES: Array<{
	field: 'incomeAccount' | 'expenseAccount' | 'assetAccount';
	label: string;
	types: string[];
	appField: string;
	needed: (t: QboItemType) => boolean;
}> = [
	{
		field: 'incomeAccount',
		label: 'income account',
		types: ['Income', 'Other Income'],
		appField: 'accounts.income',
		needed: () => true,
	},
	{
		field: 'expenseAccount',
		label: 'expense account',
		types: ['Cost of Goods Sold', 'Expense', 'Other Expense'],
		appField: 'accounts.expense',
		needed: () => true,
	},
	{
		field: 'assetAccount',
		label: 'inventory asset account',
		types: ['Other Current Asset'],
		appField: 'accounts.asset',
		needed: (t) => t === 'Inventory',
	},
];

/** QBO's rules for an item, checked before any write. */
export function itemProblems(fields: ItemFields, accounts: Accounts): FieldProblem[] {
	const problems: FieldProblem[] = [];
	if (!fields.name.trim())
		problems.push({
			field: 'name',
			reason: 'the name is blank',
			fix: 'Give the item a name in the app.',
		});
	if (/[:\t\n]/.test(fields.name))
		problems.push({
			field: 'name',
			reason: `the name "${fields.name}" contains a colon, tab or line break, which QuickBooks does not allow in item names`,
			fix: 'Remove the colon, tab or line break from the item name in the app.',
		});
	if (fields.name !== fields.name.trim())
		problems.push({
			field: 'name',
			reason: `the name "${fields.name}" starts or ends with a space; QuickBooks trims it, so the names would no longer match`,
			fix: 'Remove the leading or trailing space from the item name in the app.',
		});
	if (fields.name.length > 100)
		problems.push({
			field: 'name',
			reason: `the name has ${fields.name.length} characters; QuickBooks allows 100 for items`,
			fix: 'Shorten the item name to 100 characters in the app.',
		});
	if (fields.sku !== undefined && fields.sku.length > 100)
		problems.push({
			field: 'sku',
			reason: `the SKU has ${fields.sku.length} characters; QuickBooks allows 100`,
			fix: 'Shorten the SKU in the app.',
		});
	if (fields.description !== undefined && fields.description.length > 4000)
		problems.push({
			field: 'description',
			reason: `the description has ${fields.description.length} characters; QuickBooks allows 4000`,
			fix: 'Shorten the description in the app.',
		});
	for (const rule of ACCOUNT_RULES) {
		if (!rule.needed(fields.type)) continue;
		const value = fields[rule.field];
		if (value === undefined) {
			problems.push({
				field: rule.appField,
				reason: `${fields.type === 'Inventory' ? 'an' : 'a'} ${fields.type} item needs an ${rule.label} and neither the item nor the template's defaults give one`,
				fix: `Set ${rule.appField} on the item in the app, or the default ${rule.label} in the template's Settings.`,
			});
			continue;
		}
		const account = accounts.resolve(value);
		if (!account)
			problems.push({
				field: rule.appField,
				reason: `QuickBooks has no account "${value}" for the ${rule.label}`,
				fix: `Use the name or id of an existing QuickBooks account of type ${rule.types.join(' or ')}, or create it in QuickBooks.`,
			});
		else if (!rule.types.includes(String(account.AccountType)))
			problems.push({
				field: rule.appField,
				reason: `the ${rule.label} "${value}" is a ${String(account.AccountType)} account; QuickBooks needs ${rule.types.join(' or ')}`,
				fix: `Pick an account of type ${rule.types.join(' or ')}.`,
			});
	}
	return problems;
}

export function toQboItem(
	fields: ItemFields,
	accounts: Accounts,
	create?: { quantityOnHand?: number; startDate: string },
): QboJson {
	const ref = (name: string | undefined) =>
		name && accounts.resolve(name) ? { value: String(accounts.resolve(name)!.Id) } : undefined;
	const body: QboJson = {
		Name: fields.name,
		Type: fields.type,
		Sku: fields.sku ?? '',
		Description: fields.description ?? '',
		Taxable: fields.taxable,
		UnitPrice: fields.price,
		PurchaseCost: fields.cost,
		Active: fields.active,
		IncomeAccountRef: ref(fields.incomeAccount),
		ExpenseAccountRef: ref(fields.expenseAccount),
	};
	if (fields.type === 'Inventory') {
		body.AssetAccountRef = ref(fields.assetAccount);
		body.TrackQtyOnHand = true;
		if (create)
			Object.assign(body, {
				QtyOnHand: create.quantityOnHand ?? 0,
				InvStartDate: create.startDate,
			});
	}
	return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

export type ItemMatchKey = 'sku' | 'name';

export function itemAdapter(options: {
	matchBy: ItemMatchKey[];
	requireFirstKey?: boolean;
	accounts: Accounts;
	quantityOf: (appId: string) => number | undefined;
	startDate: string;
}): EntityAdapter<ItemFields> {
	const keys = {
		sku: { label: 'SKU', source: (f: ItemFields) => f.sku, target: (f: ItemFields) => f.sku },
		name: { label: 'name', source: (f: ItemFields) => f.name, target: (f: ItemFields) => f.name },
	};
	return {
		entity: 'Item',
		describeApp: (r) => `item ${r.id} (${r.fields.name})`,
		describeQbo: (r) => `QuickBooks item ${r.id} (${r.fields.name})`,
		keys: options.matchBy.map((k) => keys[k]),
		requireFirstKey: options.requireFirstKey,
		name: (f) => f.name,
		problems: (f) => itemProblems(f, options.accounts),
		toQbo: (f, create) =>
			toQboItem(
				f,
				options.accounts,
				create
					? { quantityOnHand: options.quantityOf(create.appId), startDate: options.startDate }
					: undefined,
			),
		toApp: (f) => ({
			name: f.name,
			type:
				f.type === 'Inventory'
					? 'inventory'
					: f.type === 'NonInventory'
						? 'non_inventory'
						: 'service',
			sku: f.sku ?? null,
			description: f.description ?? '',
			taxable: f.taxable,
			price: f.price,
			cost: f.cost,
			accounts: {
				income: f.incomeAccount ?? null,
				expense: f.expenseAccount ?? null,
				asset: f.assetAccount ?? null,
			},
			active: f.active,
		}),
		isActive: (f) => f.active,
	};
}
