/**
 * Name lists other than people: Item, Account, Term, Class, Department, PaymentMethod, TaxCode,
 * TaxRate, and the CompanyInfo / Preferences singletons (quickbooks-api-notes.md §2.3, §2.8, §2.9, §10).
 */
import { fault, faults } from '../fault';
import type { Realm } from '../realm';
import {
	checkEnum,
	checkNameCharacters,
	isBlank,
	money,
	refTo,
	requireField,
	resolveRef,
	toNumber,
	trimNames,
} from './common';
import type { Entity, EntityRules, WriteContext } from './types';

function assertUniqueName(
	realm: Realm,
	type: string,
	name: string,
	previous: Entity | undefined,
): void {
	const field = 'Name';
	const clash = realm
		.holdersOfName(type, name)
		.some((holder) => holder !== `${type}:${previous?.Id}`);
	if (clash) {
		throw fault(
			400,
			'6240',
			'Duplicate Name Exists Error',
			`The name supplied already exists. : Another ${type === 'Item' ? 'product or service' : type.toLowerCase()} is already using this name. Please use a different name.`,
			field,
		);
	}
}

function activeFlag(entity: Entity): void {
	entity.Active =
		entity.Active === undefined ? true : entity.Active === true || entity.Active === 'true';
}

/** Name, uniqueness, character rules and the hierarchy (SubItem / SubAccount + ParentRef). */
function prepareNamed(
	ctx: WriteContext,
	type: string,
	input: Entity,
	previous: Entity | undefined,
	forbidden = '',
): Entity {
	const entity = { ...input };
	trimNames(entity, ['Name']);
	requireField(entity, 'Name');
	checkNameCharacters(entity, ['Name'], forbidden);
	assertUniqueName(ctx.realm, type, entity.Name, previous);
	activeFlag(entity);
	return entity;
}

function placeInHierarchy(ctx: WriteContext, type: string, entity: Entity, flag: string): void {
	if (entity[flag] === true || entity[flag] === 'true') {
		const parent = resolveRef(ctx, type, entity.ParentRef, 'ParentRef', { required: true })!;
		if ((parent.Level ?? 0) >= 4)
			throw faults.business(`${type} hierarchies are limited to 5 levels.`, 'ParentRef');
		entity[flag] = true;
		entity.ParentRef = refTo(parent, 'Name');
		entity.Level = (parent.Level ?? 0) + 1;
		entity.FullyQualifiedName = `${parent.FullyQualifiedName}:${entity.Name}`;
	} else {
		entity[flag] = false;
		delete entity.ParentRef;
		entity.Level = 0;
		entity.FullyQualifiedName = entity.Name;
	}
}

const ITEM_TYPES = ['Inventory', 'NonInventory', 'Service', 'Category', 'Group'];

function accountOf(
	ctx: WriteContext,
	entity: Entity,
	field: string,
	allowedTypes: string[],
	purpose: string,
): void {
	const account = resolveRef(ctx, 'Account', entity[field], field);
	if (!account) return;
	if (!allowedTypes.includes(account.AccountType)) {
		throw faults.business(
			`${field} must be ${purpose} (account type ${allowedTypes.join(' or ')}); account ${account.Id} "${account.Name}" is ${account.AccountType}.`,
			field,
		);
	}
	entity[field] = refTo(account, 'Name');
}

export const itemRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = prepareNamed(ctx, 'Item', input, previous);
		requireField(entity, 'Type');
		checkEnum(entity, 'Type', ITEM_TYPES);
		if (entity.Type === 'Group')
			throw faults.unsupported(
				'Operation Create is not supported for Item of Type Group (bundles).',
			);
		if (previous && previous.Type !== entity.Type) {
			throw faults.business(`An item's Type cannot be changed (it is ${previous.Type}).`, 'Type');
		}
		if (entity.Type === 'Category') {
			if (ctx.realm.preference('ProductAndServicesPrefs.ItemCategoriesFeature') === false) {
				throw faults.business('Categories are not turned on for this company.', 'Type');
			}
			for (const field of ['UnitPrice', 'IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef'])
				delete entity[field];
			if (previous && entity.Active === false)
				throw faults.business('Category items cannot be made inactive this way.', 'Active');
		} else {
			// Income is required for every sellable type; whether NonInventory strictly needs it is not
			// confirmed (§2.3), so the stricter rule applies. Expense (COGS or Expense) likewise.
			if (isBlank(entity.IncomeAccountRef?.value)) throw faults.required('IncomeAccountRef');
			accountOf(ctx, entity, 'IncomeAccountRef', ['Income', 'Other Income'], 'an income account');
			if (isBlank(entity.ExpenseAccountRef?.value)) throw faults.required('ExpenseAccountRef');
			const expenseTypes =
				entity.Type === 'Inventory'
					? ['Cost of Goods Sold']
					: ['Cost of Goods Sold', 'Expense', 'Other Expense'];
			accountOf(
				ctx,
				entity,
				'ExpenseAccountRef',
				expenseTypes,
				'an expense or cost of goods sold account',
			);
		}
		if (entity.Type === 'Inventory') {
			if (isBlank(entity.AssetAccountRef?.value)) {
				throw faults.required(
					'AssetAccountRef',
					'Required parameter is missing in the request. An inventory assetaccount is required if you are tracking inventory quantities for this product.',
				);
			}
			accountOf(
				ctx,
				entity,
				'AssetAccountRef',
				['Other Current Asset'],
				'an inventory asset account',
			);
			if (entity.TrackQtyOnHand === undefined) entity.TrackQtyOnHand = true;
			if (entity.TrackQtyOnHand !== true)
				throw faults.business(
					'Inventory items must track quantity on hand (TrackQtyOnHand=true).',
					'TrackQtyOnHand',
				);
			if (entity.QtyOnHand === undefined || entity.QtyOnHand === null)
				throw faults.required('QtyOnHand');
			entity.QtyOnHand = toNumber(entity.QtyOnHand, 'QtyOnHand');
			requireField(entity, 'InvStartDate');
		} else {
			if (previous?.TrackQtyOnHand === true && entity.TrackQtyOnHand === false) {
				throw faults.business(
					'TrackQtyOnHand cannot be changed back to false once it is true.',
					'TrackQtyOnHand',
				);
			}
			if (entity.TrackQtyOnHand === true)
				throw faults.business(
					`Only Inventory items track quantity on hand; this item is ${entity.Type}.`,
					'TrackQtyOnHand',
				);
			entity.TrackQtyOnHand = false;
		}
		for (const field of ['UnitPrice', 'PurchaseCost']) {
			if (entity[field] === undefined) continue;
			const n = toNumber(entity[field], field);
			if (Math.abs(n) > 99999999999)
				throw faults.business(`${field} cannot be more than 99999999999.`, field);
			entity[field] = n;
		}
		if (entity.Type !== 'Category') entity.UnitPrice = entity.UnitPrice ?? 0;
		entity.Taxable =
			entity.Taxable === undefined
				? entity.Type !== 'Category'
				: entity.Taxable === true || entity.Taxable === 'true';
		placeInHierarchy(ctx, 'Item', entity, 'SubItem');
		return entity;
	},
};

/** AccountType → default AccountSubType (§2.8), and the Classification QBO derives. */
export const ACCOUNT_TYPES: Record<
	string,
	{ subType: string; classification: string; extra?: string[] }
> = {
	Bank: {
		subType: 'CashOnHand',
		classification: 'Asset',
		extra: ['Checking', 'Savings', 'MoneyMarket', 'TrustAccounts'],
	},
	'Accounts Receivable': { subType: 'AccountsReceivable', classification: 'Asset' },
	'Other Current Asset': {
		subType: 'EmployeeCashAdvances',
		classification: 'Asset',
		extra: ['UndepositedFunds', 'Inventory', 'PrepaidExpenses', 'OtherCurrentAssets'],
	},
	'Fixed Asset': {
		subType: 'FurnitureAndFixtures',
		classification: 'Asset',
		extra: ['MachineryAndEquipment', 'Vehicles', 'Buildings'],
	},
	'Other Asset': { subType: 'Licenses', classification: 'Asset' },
	'Accounts Payable': { subType: 'AccountsPayable', classification: 'Liability' },
	'Credit Card': { subType: 'CreditCard', classification: 'Liability' },
	'Other Current Liability': {
		subType: 'OtherCurrentLiabilities',
		classification: 'Liability',
		extra: ['SalesTaxPayable', 'PayrollTaxPayable'],
	},
	'Long Term Liability': { subType: 'NotesPayable', classification: 'Liability' },
	Equity: {
		subType: 'OpeningBalanceEquity',
		classification: 'Equity',
		extra: ['RetainedEarnings', 'OwnersEquity'],
	},
	Income: {
		subType: 'OtherPrimaryIncome',
		classification: 'Revenue',
		extra: [
			'SalesOfProductIncome',
			'ServiceFeeIncome',
			'DiscountsRefundsGiven',
			'UnappliedCashPaymentIncome',
		],
	},
	'Other Income': { subType: 'OtherInvestmentIncome', classification: 'Revenue' },
	'Cost of Goods Sold': {
		subType: 'CostOfLaborCos',
		classification: 'Expense',
		extra: ['SuppliesMaterialsCogs', 'EquipmentRentalCos', 'OtherCostsOfServiceCos'],
	},
	Expense: {
		subType: 'Travel',
		classification: 'Expense',
		extra: [
			'AdvertisingPromotional',
			'Auto',
			'EquipmentRental',
			'Insurance',
			'OfficeGeneralAdministrativeExpenses',
			'RepairMaintenance',
			'SuppliesMaterials',
			'Utilities',
			'OtherMiscellaneousServiceCost',
			'LegalProfessionalFees',
		],
	},
	'Other Expense': { subType: 'Depreciation', classification: 'Expense' },
	'Non-Posting': { subType: 'PurchaseOrder', classification: 'Asset' },
};

export const accountRules: EntityRules = {
	prepare(ctx, input, previous) {
		// Account names may not contain double quotes or colons (§2.8).
		const entity = prepareNamed(ctx, 'Account', input, previous, '"');
		if (typeof entity.AcctNum === 'string' && entity.AcctNum.includes(':'))
			throw faults.business('AcctNum cannot contain ":".', 'AcctNum');
		requireField(entity, 'AccountType');
		const spec = ACCOUNT_TYPES[entity.AccountType];
		if (!spec) throw faults.invalidEnum('AccountType', entity.AccountType);
		entity.AccountSubType = entity.AccountSubType ?? spec.subType;
		if (
			entity.AccountSubType !== spec.subType &&
			!(spec.extra ?? []).includes(entity.AccountSubType)
		) {
			throw fault(
				400,
				'6010',
				'Invalid Account.AccountType && Account.SubType',
				`Invalid Account.AccountType && Account.SubType : ${entity.AccountType} / ${entity.AccountSubType}`,
				'AccountSubType',
			);
		}
		entity.Classification = spec.classification;
		placeInHierarchy(ctx, 'Account', entity, 'SubAccount');
		if (entity.OpenBalance !== undefined && isBlank(entity.OpenBalanceDate) && !previous) {
			throw fault(
				400,
				'6060',
				'Account.OpenBalanceDate must be specified with Account.OpenBalance',
				'Account.OpenBalanceDate must be specified with Account.OpenBalance',
				'OpenBalanceDate',
			);
		}
		entity.CurrentBalance =
			previous?.CurrentBalance ?? money(toNumber(entity.OpenBalance, 'OpenBalance'));
		entity.CurrentBalanceWithSubAccounts = entity.CurrentBalance;
		entity.CurrencyRef = entity.CurrencyRef ?? { value: 'USD', name: 'United States Dollar' };
		return entity;
	},
};

export const termRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = prepareNamed(ctx, 'Term', input, previous);
		const hasDays = entity.DueDays !== undefined && entity.DueDays !== null;
		if (!hasDays && (entity.DayOfMonthDue === undefined || entity.DayOfMonthDue === null)) {
			throw faults.required(
				'DueDays',
				'Required parameter DueDays is missing in the request. Supply DueDays or DayOfMonthDue.',
			);
		}
		const range = (field: string, min: number, max: number) => {
			if (entity[field] === undefined || entity[field] === null) return;
			const n = toNumber(entity[field], field);
			if (!Number.isInteger(n) || n < min || n > max)
				throw faults.business(`${field} must be a whole number from ${min} to ${max}.`, field);
			entity[field] = n;
		};
		range('DueDays', 0, 999);
		range('DayOfMonthDue', 1, 31);
		range('DueNextMonthDays', 1, 999);
		range('DiscountDayOfMonth', 1, 31);
		range('DiscountDays', 0, 999);
		entity.Type = hasDays ? 'STANDARD' : 'DATE_DRIVEN';
		return entity;
	},
};

export function simpleList(type: 'Class' | 'Department' | 'PaymentMethod'): EntityRules {
	return {
		prepare(ctx, input, previous) {
			const entity = prepareNamed(ctx, type, input, previous);
			if (type === 'Class') placeInHierarchy(ctx, type, entity, 'SubClass');
			if (type === 'Department') placeInHierarchy(ctx, type, entity, 'SubDepartment');
			if (type === 'PaymentMethod') entity.Type = entity.Type ?? 'NON_CREDIT_CARD';
			return entity;
		},
	};
}

/** TaxCode and TaxRate are read-only through the entity endpoints (§2.9). */
export const readOnlyRules: EntityRules = {
	prepare() {
		throw faults.unsupported('Operation Update is not supported for this entity.');
	},
};

export const companyInfoRules: EntityRules = {
	prepare(_ctx, input, previous) {
		const entity = { ...previous, ...input };
		requireField(entity, 'CompanyName');
		return entity;
	},
};

export const preferencesRules: EntityRules = {
	prepare(_ctx, input, previous) {
		// Preferences updates merge per section; multicurrency, once on, stays on (§10.1).
		const entity: Entity = { ...previous };
		for (const [section, value] of Object.entries(input)) {
			entity[section] =
				value && typeof value === 'object' && !Array.isArray(value)
					? { ...(previous?.[section] ?? {}), ...value }
					: value;
		}
		if (
			previous?.CurrencyPrefs?.MultiCurrencyEnabled === true &&
			entity.CurrencyPrefs?.MultiCurrencyEnabled === false
		) {
			throw faults.business(
				'Multicurrency cannot be turned off once it is on.',
				'CurrencyPrefs.MultiCurrencyEnabled',
			);
		}
		if (
			previous?.CurrencyPrefs?.HomeCurrency?.value &&
			entity.CurrencyPrefs?.HomeCurrency?.value !== previous.CurrencyPrefs.HomeCurrency.value
		) {
			throw faults.business('The home currency cannot be changed.', 'CurrencyPrefs.HomeCurrency');
		}
		return entity;
	},
};
