/**
 * Customers and service locations ↔ QBO customers and sub-customers (app contract §5, quickbooks-api-notes.md
 * §2.1). Both sides map onto one neutral shape, `CustomerFields`, which is what the fingerprint is
 * taken of: a record read back from the other system gives the same fingerprint when nothing
 * changed. Terms and tax codes travel by name (the app contract matches them by name); a location's
 * parent is the QBO id of its customer.
 */
import type { QboJson } from '../../qbo/caller';
import type { EntityAdapter, FieldProblem } from '../pipeline/planner';

export type { FieldProblem } from '../pipeline/planner';

export interface Address {
	line1?: string;
	line2?: string;
	city?: string;
	region?: string;
	postalCode?: string;
	country?: string;
}

export interface CustomerFields {
	name: string;
	companyName?: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	phone?: string;
	address?: Address;
	notes?: string;
	active: boolean;
	/** Payment terms, by name. */
	terms?: string;
	/** Sales tax code, by name (the app's tax rate of that name). */
	taxCode?: string;
	/** Sub-customers (locations): the QBO id of the parent customer. */
	parentQboId?: string;
}

/** Names of the app's and QBO's terms and tax codes by id, to translate references. */
export interface NameLookups {
	termName: (id: string) => string | undefined;
	taxCodeName: (id: string) => string | undefined;
}

export interface IdLookups {
	termId: (name: string) => string | undefined;
	taxCodeId: (name: string) => string | undefined;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

function appAddress(address: Record<string, unknown> | undefined): Address | undefined {
	if (!address) return undefined;
	return {
		line1: text(address.line1),
		line2: text(address.line2),
		city: text(address.city),
		region: text(address.region),
		postalCode: text(address.postalCode),
		country: text(address.country),
	};
}

function qboAddress(address: QboJson | undefined): Address | undefined {
	if (!address) return undefined;
	return {
		line1: text(address.Line1),
		line2: text(address.Line2),
		city: text(address.City),
		region: text(address.CountrySubDivisionCode),
		postalCode: text(address.PostalCode),
		country: text(address.Country),
	};
}

/** An address for QuickBooks; none is sent as empty lines, so that an address removed in the app is removed there too. */
function toQboAddress(address: Address | undefined): QboJson {
	address ??= {};
	return {
		Line1: address.line1 ?? '',
		Line2: address.line2 ?? '',
		City: address.city ?? '',
		CountrySubDivisionCode: address.region ?? '',
		PostalCode: address.postalCode ?? '',
		Country: address.country ?? '',
	};
}

/** An app customer (`/v1/customers`) in the neutral shape. */
export function appCustomerFields(
	customer: Record<string, unknown>,
	names: NameLookups,
): CustomerFields {
	const termsId = text(customer.termsId);
	const taxRateId = text(customer.taxRateId);
	return {
		name: String(customer.name),
		companyName: text(customer.companyName),
		firstName: text(customer.firstName),
		lastName: text(customer.lastName),
		email: text(customer.billingEmail),
		phone: text(customer.phone),
		address: appAddress(customer.billingAddress as Record<string, unknown> | undefined),
		notes: text(customer.notes),
		// A deleted record is an inactive customer in QuickBooks (which never deletes customers).
		active: customer.active !== false && !customer.deletedAt,
		terms: termsId ? names.termName(termsId) : undefined,
		taxCode: taxRateId ? names.taxCodeName(taxRateId) : undefined,
	};
}

/** An app service location (`/v1/locations`) in the neutral shape, under its customer's QBO id. */
export function appLocationFields(
	location: Record<string, unknown>,
	parentQboId: string | undefined,
): CustomerFields {
	return {
		name: String(location.name),
		address: appAddress(location.address as Record<string, unknown> | undefined),
		notes: text(location.notes),
		active: location.active !== false && !location.deletedAt,
		parentQboId,
	};
}

/** A QBO Customer (top level or sub-customer) in the neutral shape. */
export function qboCustomerFields(customer: QboJson, names: NameLookups): CustomerFields {
	const termsId = text(customer.SalesTermRef?.value);
	const taxCodeId = text(customer.DefaultTaxCodeRef?.value);
	const parentQboId =
		customer.Job === true || customer.ParentRef ? text(customer.ParentRef?.value) : undefined;
	if (parentQboId) {
		return {
			name: String(customer.DisplayName),
			address: qboAddress(customer.BillAddr),
			notes: text(customer.Notes),
			active: customer.Active !== false,
			parentQboId,
		};
	}
	return {
		name: String(customer.DisplayName),
		companyName: text(customer.CompanyName),
		firstName: text(customer.GivenName),
		lastName: text(customer.FamilyName),
		email: text(customer.PrimaryEmailAddr?.Address),
		phone: text(customer.PrimaryPhone?.FreeFormNumber),
		address: qboAddress(customer.BillAddr),
		notes: text(customer.Notes),
		active: customer.Active !== false,
		terms: termsId ? names.termName(termsId) : undefined,
		taxCode: taxCodeId ? names.taxCodeName(taxCodeId) : undefined,
	};
}

const NAME_CHARACTERS = /[:\t\n]/;

/** QBO's rules for a customer (quickbooks-api-notes.md §2.1), checked before any write. */
export function customerProblems(fields: CustomerFields, ids: IdLookups): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const limit = (field: string, value: string | undefined, max: number, label: string) => {
		if (value !== undefined && value.length > max)
			problems.push({
				field,
				reason: `${label} has ${value.length} characters; QuickBooks allows ${max}`,
				fix: `Shorten ${label} to ${max} characters in the app.`,
			});
	};
	if (!fields.name.trim())
		problems.push({
			field: 'name',
			reason: 'the name is blank',
			fix: 'Give the record a name in the app.',
		});
	if (NAME_CHARACTERS.test(fields.name))
		problems.push({
			field: 'name',
			reason: `the name "${fields.name}" contains a colon, tab or line break, which QuickBooks does not allow in names`,
			fix: 'Remove the colon, tab or line break from the name in the app (QuickBooks uses ":" between a customer and its sub-customers).',
		});
	if (fields.name !== fields.name.trim())
		problems.push({
			field: 'name',
			reason: `the name "${fields.name}" starts or ends with a space; QuickBooks trims it, so the names would no longer match`,
			fix: 'Remove the leading or trailing space from the name in the app.',
		});
	limit('name', fields.name, 500, 'the name');
	limit('companyName', fields.companyName, 100, 'the company name');
	limit('firstName', fields.firstName, 100, 'the first name');
	limit('lastName', fields.lastName, 100, 'the last name');
	limit('phone', fields.phone, 30, 'the phone number');
	limit('notes', fields.notes, 2000, 'the notes');
	if (fields.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(fields.email))
		problems.push({
			field: 'billingEmail',
			reason: `"${fields.email}" is not an e-mail address QuickBooks accepts (it needs "@" and ".")`,
			fix: 'Correct the billing e-mail in the app.',
		});
	if (fields.terms !== undefined && !ids.termId(fields.terms))
		problems.push({
			field: 'termsId',
			reason: `QuickBooks has no payment terms named "${fields.terms}"`,
			fix: `Create terms named "${fields.terms}" in QuickBooks (Settings → All lists → Terms) or pick other terms in the app.`,
		});
	if (fields.taxCode !== undefined && !ids.taxCodeId(fields.taxCode))
		problems.push({
			field: 'taxRateId',
			reason: `QuickBooks has no sales tax code named "${fields.taxCode}"`,
			fix: `Set up the tax rate "${fields.taxCode}" in QuickBooks (Taxes) or pick another tax rate in the app.`,
		});
	return problems;
}

/** The QBO Customer body for the neutral fields (create, or a sparse update with Id and SyncToken added). */
export function toQboCustomer(fields: CustomerFields, ids: IdLookups): QboJson {
	const body: QboJson = {
		DisplayName: fields.name,
		Active: fields.active,
		Notes: fields.notes ?? '',
		BillAddr: toQboAddress(fields.address),
	};
	if (fields.parentQboId) {
		// A service location: a sub-customer billed with its parent, shipped to its own address.
		Object.assign(body, {
			Job: true,
			BillWithParent: true,
			ParentRef: { value: fields.parentQboId },
			ShipAddr: toQboAddress(fields.address),
		});
		return body;
	}
	Object.assign(body, {
		CompanyName: fields.companyName ?? '',
		GivenName: fields.firstName ?? '',
		FamilyName: fields.lastName ?? '',
		PrimaryEmailAddr: { Address: fields.email ?? '' },
		PrimaryPhone: { FreeFormNumber: fields.phone ?? '' },
	});
	if (fields.terms) body.SalesTermRef = { value: ids.termId(fields.terms) };
	if (fields.taxCode)
		Object.assign(body, {
			Taxable: true,
			DefaultTaxCodeRef: { value: ids.taxCodeId(fields.taxCode) },
		});
	return body;
}

/**
 * The app body (`POST` / `PATCH /v1/customers`) for the neutral fields, for pulls from QBO. A value
 * QuickBooks does not have is sent empty, so that a field cleared there is cleared in the app too.
 */
export function toAppCustomer(fields: CustomerFields, ids: IdLookups): Record<string, unknown> {
	const termsId = fields.terms ? ids.termId(fields.terms) : undefined;
	const taxRateId = fields.taxCode ? ids.taxCodeId(fields.taxCode) : undefined;
	return {
		name: fields.name,
		companyName: fields.companyName ?? '',
		firstName: fields.firstName ?? '',
		lastName: fields.lastName ?? '',
		billingEmail: fields.email ?? null,
		phone: fields.phone ?? '',
		billingAddress: appAddressBody(fields.address),
		notes: fields.notes ?? '',
		active: fields.active,
		termsId: termsId ?? null,
		taxRateId: taxRateId ?? null,
	};
}

function appAddressBody(address: Address | undefined): Record<string, string> {
	return Object.fromEntries(
		Object.entries(address ?? {}).filter(([, v]) => v !== undefined),
	) as Record<string, string>;
}

/** The app body for a location pulled from a QBO sub-customer. */
export function toAppLocation(fields: CustomerFields, customerId: string): Record<string, unknown> {
	return {
		customerId,
		name: fields.name,
		address: appAddressBody(fields.address),
		notes: fields.notes ?? '',
		active: fields.active,
	};
}

/** How customers are matched: by billing e-mail (BlueTrace) or by name (QuickBooks' unique display name). */
export type CustomerMatchKey = 'email' | 'name';

/** The planner's view of customers: keys, QBO's rules and both bodies, with references by name. */
export function customerAdapter(options: {
	matchBy: CustomerMatchKey[];
	requireFirstKey?: boolean;
	qboIds: IdLookups;
	appIds: IdLookups;
}): EntityAdapter<CustomerFields> {
	const keys = {
		email: {
			label: 'billing e-mail',
			source: (f: CustomerFields) => f.email,
			target: (f: CustomerFields) => f.email,
		},
		name: {
			label: 'name',
			source: (f: CustomerFields) => f.name,
			target: (f: CustomerFields) => f.name,
		},
	};
	return {
		entity: 'Customer',
		describeApp: (r) =>
			`${r.fields.parentQboId ? 'location' : 'customer'} ${r.id} (${r.fields.name})`,
		describeQbo: (r) =>
			`QuickBooks ${r.fields.parentQboId ? 'sub-customer' : 'customer'} ${r.id} (${r.fields.name})`,
		keys: options.matchBy.map((k) => keys[k]),
		requireFirstKey: options.requireFirstKey,
		name: (f) => f.name,
		problems: (f) => customerProblems(f, options.qboIds),
		toQbo: (f) => toQboCustomer(f, options.qboIds),
		toApp: (f) => toAppCustomer(f, options.appIds),
		isActive: (f) => f.active,
	};
}
