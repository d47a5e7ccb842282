/**
 * Customer, Vendor and Employee: one name space for DisplayName (6240 across all three), the
 * character rules, sub-customers (Job / ParentRef / Level / FullyQualifiedName), and balances
 * (quickbooks-api-notes.md §2.1, §2.2).
 */
import { fault, faults } from '../fault';
import type { Realm } from '../realm';
import {
	checkEmail,
	checkNameCharacters,
	isBlank,
	money,
	refTo,
	resolveRef,
	toNumber,
	trimNames,
} from './common';
import type { Entity, EntityRules, WriteContext } from './types';

export const NAME_TYPES = ['Customer', 'Vendor', 'Employee'] as const;
const NAME_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'];
const NAME_FIELDS = ['DisplayName', ...NAME_PARTS, 'PrintOnCheckName'];

export const nameLimits: Record<string, number> = {
	DisplayName: 500,
	Title: 16,
	GivenName: 100,
	MiddleName: 100,
	FamilyName: 100,
	Suffix: 16,
	CompanyName: 100,
	PrintOnCheckName: 110,
	Notes: 2000,
	'WebAddr.URI': 1000,
	'PrimaryPhone.FreeFormNumber': 30,
	'AlternatePhone.FreeFormNumber': 30,
	'Mobile.FreeFormNumber': 30,
	'Fax.FreeFormNumber': 30,
	ResaleNum: 16,
	GSTIN: 15,
	BusinessNumber: 10,
	'PrimaryEmailAddr.Address': 100,
};

/** DisplayName must be unique across Customer, Employee and Vendor (§2.1), compared trimmed and case-insensitively. */
export function assertUniqueDisplayName(
	realm: Realm,
	name: string,
	self?: { type: string; id: string },
): void {
	const others = realm
		.holdersOfName('People', name)
		.filter((holder) => !self || holder !== `${self.type}:${self.id}`);
	if (others.length > 0) throw faults.duplicateName();
}

function prepareName(
	ctx: WriteContext,
	type: string,
	input: Entity,
	previous: Entity | undefined,
): Entity {
	const entity = { ...input };
	trimNames(entity, NAME_FIELDS);
	checkNameCharacters(entity, NAME_FIELDS);
	if (isBlank(entity.DisplayName)) {
		const parts = NAME_PARTS.map((p) => entity[p]).filter((p) => !isBlank(p));
		if (parts.length === 0) {
			throw faults.required(
				'DisplayName',
				'Required parameter DisplayName is missing in the request. Supply DisplayName or at least one of Title, GivenName, MiddleName, FamilyName, Suffix.',
			);
		}
		entity.DisplayName = parts.join(' ');
	}
	if (isBlank(entity.PrintOnCheckName)) entity.PrintOnCheckName = entity.DisplayName;
	checkEmail(entity, 'PrimaryEmailAddr.Address');
	assertUniqueDisplayName(
		ctx.realm,
		entity.DisplayName,
		previous ? { type, id: previous.Id } : undefined,
	);
	if (entity.Active === undefined) entity.Active = true;
	entity.Active = entity.Active === true || entity.Active === 'true';
	if (
		previous &&
		previous.CurrencyRef &&
		entity.CurrencyRef &&
		entity.CurrencyRef.value !== previous.CurrencyRef.value
	) {
		throw faults.business('CurrencyRef cannot be changed once it is set.', 'CurrencyRef');
	}
	const home = ctx.realm.preference('CurrencyPrefs.HomeCurrency') as Entity | undefined;
	if (
		!previous &&
		entity.CurrencyRef?.value &&
		entity.CurrencyRef.value !== (home?.value ?? 'USD') &&
		ctx.realm.preference('CurrencyPrefs.MultiCurrencyEnabled') !== true
	) {
		throw faults.business(
			`${entity.CurrencyRef.value} is not the home currency, and multicurrency is off.`,
			'CurrencyRef',
		);
	}
	entity.CurrencyRef = previous?.CurrencyRef ??
		entity.CurrencyRef ?? { value: home?.value ?? 'USD', name: 'United States Dollar' };
	// Balance is write-on-create (an opening balance); afterwards QBO computes it.
	// `_` fields are the emulator's own bookkeeping and never leave the server.
	entity._openingBalance = previous
		? previous._openingBalance
		: money(toNumber(input.Balance, 'Balance'));
	entity.Balance = previous ? previous.Balance : entity._openingBalance;
	return entity;
}

function prepareCustomer(ctx: WriteContext, input: Entity, previous: Entity | undefined): Entity {
	const entity = prepareName(ctx, 'Customer', input, previous);
	entity.Job = entity.Job === true || entity.Job === 'true';
	const parentRef = entity.ParentRef;
	if (parentRef && !isBlank(parentRef.value)) {
		const parent = resolveRef(ctx, 'Customer', parentRef, 'ParentRef', { required: true })!;
		if (previous && isAncestor(ctx.realm, previous.Id, parent)) {
			throw faults.business(
				'A customer cannot be its own parent or a sub-customer of its own sub-customer.',
				'ParentRef',
			);
		}
		if ((parent.Level ?? 0) >= 4) {
			throw faults.business(
				'Sub-customers can be nested at most four levels below a top-level customer.',
				'ParentRef',
			);
		}
		entity.Job = true;
		entity.ParentRef = refTo(parent);
		entity.Level = (parent.Level ?? 0) + 1;
		entity.FullyQualifiedName = `${parent.FullyQualifiedName}:${entity.DisplayName}`;
		entity.BillWithParent = entity.BillWithParent === true || entity.BillWithParent === 'true';
	} else {
		if (entity.Job)
			throw faults.required(
				'ParentRef',
				'Required parameter ParentRef is missing in the request. A sub-customer (Job=true) needs ParentRef.',
			);
		delete entity.ParentRef;
		if (entity.BillWithParent === true) {
			throw faults.business(
				'BillWithParent is only valid for a sub-customer (Job=true with ParentRef).',
				'BillWithParent',
			);
		}
		entity.BillWithParent = false;
		entity.Level = 0;
		entity.FullyQualifiedName = entity.DisplayName;
	}
	for (const field of ['SalesTermRef', 'PaymentMethodRef']) {
		const type = field === 'SalesTermRef' ? 'Term' : 'PaymentMethod';
		const target = resolveRef(ctx, type, entity[field], field);
		if (target) entity[field] = refTo(target, 'Name');
	}
	const astOn = ctx.realm.preference('TaxPrefs.PartnerTaxEnabled') === true;
	if (entity.DefaultTaxCodeRef && !astOn) {
		const code = resolveRef(ctx, 'TaxCode', entity.DefaultTaxCodeRef, 'DefaultTaxCodeRef');
		if (code) entity.DefaultTaxCodeRef = { value: code.Id };
	} else if (astOn) {
		// With Automated Sales Tax QBO sets DefaultTaxCodeRef itself (§10.2).
		delete entity.DefaultTaxCodeRef;
	}
	// From minor version 10: false when an exemption reason is set, otherwise true (§2.1).
	if (entity.Taxable === undefined) entity.Taxable = !entity.TaxExemptionReasonId;
	if (
		previous &&
		previous.Active &&
		entity.Active === false &&
		Math.abs(previous.Balance ?? 0) > 0.004
	) {
		// Message and Detail as captured (§2.1); the code is not recorded, 6000 is the business-rule family.
		throw fault(
			400,
			'6000',
			'Delete List Has Balance Error',
			'The entity you are trying to delete has an open balance. : This customer cannot be deleted because it has a non-zero balance',
			'Active',
		);
	}
	entity.BalanceWithJobs = previous?.BalanceWithJobs ?? entity.Balance;
	return entity;
}

function isAncestor(realm: Realm, id: string, candidate: Entity): boolean {
	let current: Entity | undefined = candidate;
	while (current) {
		if (current.Id === id) return true;
		current = current.ParentRef ? realm.get('Customer', current.ParentRef.value) : undefined;
	}
	return false;
}

/** A parent's FullyQualifiedName change flows down to its sub-customers. */
function afterCustomerSave(ctx: WriteContext, saved: Entity, previous: Entity | undefined): void {
	if (!previous) {
		// A new customer has no documents and no sub-customers yet; only its parent's total changes.
		if (saved.ParentRef) recomputeCustomerBalance(ctx.realm, saved.ParentRef.value);
		return;
	}
	if (previous && previous.FullyQualifiedName !== saved.FullyQualifiedName) {
		for (const child of ctx.realm.all('Customer').filter((c) => c.ParentRef?.value === saved.Id)) {
			const updated = {
				...child,
				FullyQualifiedName: `${saved.FullyQualifiedName}:${child.DisplayName}`,
				ParentRef: refTo(saved),
			};
			ctx.realm.touch('Customer', updated);
			afterCustomerSave(ctx, updated, child);
		}
	}
	recomputeCustomerBalance(ctx.realm, saved.Id);
}

/** Balance = opening balance + open invoices − unused credit memos − unapplied payments; BalanceWithJobs adds sub-customers. */
export function recomputeCustomerBalance(realm: Realm, customerId: string | undefined): void {
	if (!customerId) return;
	const customer = realm.get('Customer', customerId);
	if (!customer) return;
	const own = (type: string) => realm.all(type).filter((t) => t.CustomerRef?.value === customerId);
	const balance =
		(customer._openingBalance ?? 0) +
		own('Invoice').reduce((s, t) => s + (t.Balance ?? 0), 0) -
		own('CreditMemo').reduce((s, t) => s + (t.RemainingCredit ?? 0), 0) -
		own('Payment').reduce((s, t) => s + (t.UnappliedAmt ?? 0), 0);
	const children = realm.all('Customer').filter((c) => c.ParentRef?.value === customerId);
	customer.Balance = money(balance);
	customer.BalanceWithJobs = money(
		balance + children.reduce((s, c) => s + (c.BalanceWithJobs ?? 0), 0),
	);
	// Balances are derived; QBO is not known to bump SyncToken for them, so they change in place.
	if (customer.ParentRef) recomputeCustomerBalance(realm, customer.ParentRef.value);
}

export function recomputeVendorBalance(realm: Realm, vendorId: string | undefined): void {
	const vendor = vendorId ? realm.get('Vendor', vendorId) : undefined;
	if (!vendor) return;
	const open = realm
		.all('Bill')
		.filter((b) => b.VendorRef?.value === vendorId)
		.reduce((s, b) => s + (b.Balance ?? 0), 0);
	vendor.Balance = money((vendor._openingBalance ?? 0) + open);
}

export const customerRules: EntityRules = {
	prepare: prepareCustomer,
	afterSave: afterCustomerSave,
};

export const vendorRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = prepareName(ctx, 'Vendor', input, previous);
		entity.Vendor1099 = entity.Vendor1099 === true || entity.Vendor1099 === 'true';
		const term = resolveRef(ctx, 'Term', entity.TermRef, 'TermRef');
		if (term) entity.TermRef = refTo(term, 'Name');
		if (
			previous &&
			previous.Active &&
			entity.Active === false &&
			Math.abs(previous.Balance ?? 0) > 0.004
		) {
			throw faults.business(
				'This vendor cannot be made inactive because it has a non-zero balance.',
				'Active',
			);
		}
		return entity;
	},
	afterSave: (ctx, saved) => recomputeVendorBalance(ctx.realm, saved.Id),
};

export const employeeRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = prepareName(ctx, 'Employee', input, previous);
		delete entity.Balance;
		delete entity._openingBalance;
		delete entity.CurrencyRef;
		return entity;
	},
};
