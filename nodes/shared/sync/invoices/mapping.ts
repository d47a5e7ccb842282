/**
 * App invoices ↔ QBO invoices (app contract §5 "Invoices", quickbooks-api-notes.md §2.4). Both sides map onto
 * one neutral shape whose fingerprint tells whether the QuickBooks invoice still holds what the
 * app says. Lines keep their order, item, description (a blank one stays blank: it is sent as "",
 * never left for QuickBooks to fill from the item), quantity, rate and taxable flag (sent as
 * TAX / NON on every line, so QuickBooks never taxes a line the app does not). Sales tax itself is
 * QuickBooks' to compute: the customer's tax code goes along, no amounts (none at all on a company
 * with Automated Sales Tax).
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryByIds } from '../../qbo/paging';
import { roundMoney as round, type Raw } from '../pipeline/app-record';
import type { FieldProblem } from '../pipeline/planner';

export interface InvoiceLine {
	itemQboId: string;
	description: string;
	quantity: number;
	rate: number;
	taxable: boolean;
}

export interface InvoiceFields {
	customerQboId: string;
	/** Compared only when the app's numbers are kept in QuickBooks. */
	docNumber?: string;
	date: string;
	/** Compared only when the app sets one (QuickBooks otherwise derives it from the terms). */
	dueDate?: string;
	memo?: string;
	lines: InvoiceLine[];
}

export type NumberPolicy = 'quickbooks' | 'app';

/** Where an app invoice's references point in QuickBooks. */
export interface InvoiceReferences {
	/** QBO id of an app customer or location. */
	customerQboId(appId: string): string | undefined;
	/** `problem`: why the item could not be linked to QuickBooks in this run, when it could not. */
	item(
		appId: string,
	): { qboId?: string; taxable: boolean; name: string; problem?: string } | undefined;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** The marker that ties a QuickBooks document to its app document, so that a lost link never makes a second one. */
export const appMarker = (appId: string, label = 'invoice') => `[app ${label} ${appId}]`;

export function markedAppId(qbo: QboJson, label = 'invoice'): string | undefined {
	return new RegExp(`\\[app ${label} ([^\\]]+)\\]`).exec(String(qbo.PrivateNote ?? ''))?.[1];
}

/** The app number QuickBooks should show: the original one (`appNumber`) when the app renumbered after an earlier sync. */
export const appNumberOf = (invoice: Record<string, unknown>) =>
	String(invoice.appNumber ?? invoice.number ?? '');

export function appInvoiceFields(
	invoice: Record<string, unknown>,
	refs: InvoiceReferences,
	policy: NumberPolicy,
): InvoiceFields {
	const customer =
		(text(invoice.locationId) && refs.customerQboId(String(invoice.locationId))) ||
		refs.customerQboId(String(invoice.customerId)) ||
		'';
	return {
		customerQboId: customer,
		docNumber: policy === 'app' ? appNumberOf(invoice) : undefined,
		date: String(invoice.date),
		dueDate: text(invoice.dueDate),
		memo: text(invoice.memo),
		lines: ((invoice.lines ?? []) as Array<Record<string, unknown>>).map((line) => {
			const item = refs.item(String(line.itemId));
			return {
				itemQboId: item?.qboId ?? '',
				description: String(line.description ?? ''),
				quantity: Number(line.quantity),
				rate: Number(line.rate),
				taxable: item?.taxable ?? false,
			};
		}),
	};
}

export function qboInvoiceFields(invoice: QboJson, compareWith: InvoiceFields): InvoiceFields {
	const lines: InvoiceLine[] = ((invoice.Line ?? []) as QboJson[])
		.filter((l) => l.DetailType === 'SalesItemLineDetail')
		.map((l) => ({
			itemQboId: String(l.SalesItemLineDetail?.ItemRef?.value ?? ''),
			description: String(l.Description ?? ''),
			quantity: Number(l.SalesItemLineDetail?.Qty ?? 0),
			rate: Number(l.SalesItemLineDetail?.UnitPrice ?? 0),
			taxable: l.SalesItemLineDetail?.TaxCodeRef?.value === 'TAX',
		}));
	return {
		customerQboId: String(invoice.CustomerRef?.value ?? ''),
		docNumber: compareWith.docNumber !== undefined ? text(invoice.DocNumber) : undefined,
		date: String(invoice.TxnDate ?? ''),
		dueDate: compareWith.dueDate !== undefined ? text(invoice.DueDate) : undefined,
		memo: text(invoice.CustomerMemo?.value),
		lines,
	};
}

export const invoiceTotal = (fields: InvoiceFields) =>
	round(fields.lines.reduce((sum, l) => sum + round(l.quantity * l.rate), 0));

/** What QuickBooks would refuse, or what cannot be written yet, checked before any write. */
export function invoiceProblems(
	invoice: Record<string, unknown>,
	fields: InvoiceFields,
	refs: InvoiceReferences,
	label = 'invoice',
): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const where = text(invoice.locationId)
		? `location ${String(invoice.locationId)}`
		: `customer ${String(invoice.customerId)}`;
	if (!fields.customerQboId)
		problems.push({
			field: text(invoice.locationId) ? 'locationId' : 'customerId',
			reason: `its ${where} is not in QuickBooks yet`,
			fix: `Sync the ${where} to QuickBooks first (customer template); the ${label} follows on the next run.`,
		});
	((invoice.lines ?? []) as Array<Record<string, unknown>>).forEach((line, i) => {
		const item = refs.item(String(line.itemId));
		if (!item)
			problems.push({
				field: `lines.${i}.itemId`,
				reason: `line ${i + 1} names item ${String(line.itemId)}, which is not among the app items given to the engine`,
				fix: 'Give the engine every app item the invoices name (the template lists them all).',
			});
		else if (!item.qboId && item.problem)
			problems.push({
				field: `lines.${i}.itemId`,
				reason: `line ${i + 1}: item ${String(line.itemId)} (${item.name}) is not linked to a QuickBooks item: ${item.problem}`,
				fix: `Fix the item's issue (listed with the items); the ${label} follows on the next run.`,
			});
		else if (!item.qboId)
			problems.push({
				field: `lines.${i}.itemId`,
				reason: `line ${i + 1}: item ${String(line.itemId)} (${item.name}) is not linked to QuickBooks yet`,
				fix: `Sync the item to QuickBooks (items template)${label === 'invoice' ? ', or turn on "Create Missing Items"' : ''}; when it has an issue of its own, fix that first. The ${label} follows on the next run.`,
			});
		if (String(line.description ?? '').length > 4000)
			problems.push({
				field: `lines.${i}.description`,
				reason: `line ${i + 1}'s description has ${String(line.description).length} characters; QuickBooks allows 4000`,
				fix: 'Shorten the line description in the app.',
			});
	});
	if (fields.docNumber !== undefined && fields.docNumber.length > 21)
		problems.push({
			field: 'number',
			reason: `the number "${fields.docNumber}" has ${fields.docNumber.length} characters; QuickBooks allows 21`,
			fix: 'Shorten the invoice number in the app, or let QuickBooks number invoices ("Invoice Numbers": QuickBooks numbers them).',
		});
	if (fields.memo !== undefined && fields.memo.length > 1000)
		problems.push({
			field: 'memo',
			reason: `the memo has ${fields.memo.length} characters; QuickBooks allows 1000`,
			fix: 'Shorten the memo in the app.',
		});
	return problems;
}

/**
 * The QBO Invoice body: every line explicit (item, "" or the description, quantity, rate, amount,
 * TAX / NON), the customer's tax code unless QuickBooks computes tax itself, the app's number or
 * QuickBooks' next one, and the marker in the private note.
 */
export function toQboInvoice(
	fields: InvoiceFields,
	options: {
		appId: string;
		appNumber: string;
		taxCodeId?: string;
		automatedSalesTax: boolean;
		create: boolean;
		label?: string;
	},
): QboJson {
	const label = options.label ?? 'invoice';
	const body: QboJson = {
		CustomerRef: { value: fields.customerQboId },
		TxnDate: fields.date,
		CustomerMemo: { value: fields.memo ?? '' },
		PrivateNote: `App ${label} ${options.appNumber} ${appMarker(options.appId, label)}`,
		Line: fields.lines.map((l) => ({
			DetailType: 'SalesItemLineDetail',
			Amount: round(l.quantity * l.rate),
			Description: l.description,
			SalesItemLineDetail: {
				ItemRef: { value: l.itemQboId },
				Qty: l.quantity,
				UnitPrice: l.rate,
				TaxCodeRef: { value: l.taxable ? 'TAX' : 'NON' },
			},
		})),
	};
	if (fields.dueDate) body.DueDate = fields.dueDate;
	if (fields.docNumber !== undefined) body.DocNumber = fields.docNumber;
	else if (options.create) body.DocNumber = 'AUTO_GENERATE';
	if (!options.automatedSalesTax && options.taxCodeId && fields.lines.some((l) => l.taxable))
		body.TxnTaxDetail = { TxnTaxCodeRef: { value: options.taxCodeId } };
	return body;
}

const ITEM_TYPES = ['inventory', 'non_inventory', 'service', 'equipment'];

/** What an input record is, by the app contract's shapes: an invoice has lines, a location its customer, an item its type. */
export function invoiceInputKind(raw: Raw): 'invoices' | 'locations' | 'items' | 'customers' {
	if (Array.isArray(raw.lines) && raw.customerId !== undefined) return 'invoices';
	if (raw.customerId !== undefined) return 'locations';
	if (typeof raw.type === 'string' && ITEM_TYPES.includes(raw.type)) return 'items';
	return 'customers';
}

/** The tax code QuickBooks customers are taxed with; a sub-customer (location) without its own is taxed as its parent. */
export async function readTaxCodes(
	call: QboCall,
	customerIds: string[],
): Promise<(customerId: string) => string | undefined> {
	const qboCustomers = await queryByIds(call, 'Customer', customerIds);
	const customerById = new Map(qboCustomers.map((c) => [String(c.Id), c]));
	const parentIds = qboCustomers
		.map((c) => c.ParentRef?.value)
		.filter((id): id is string => !!id && !customerById.has(id));
	for (const parent of await queryByIds(call, 'Customer', parentIds))
		customerById.set(String(parent.Id), parent);
	const taxCodeOf = (customerId: string): string | undefined => {
		const customer = customerById.get(customerId);
		if (!customer || customer.Taxable === false) return undefined;
		return (
			customer.DefaultTaxCodeRef?.value ??
			(customer.ParentRef?.value ? taxCodeOf(String(customer.ParentRef.value)) : undefined)
		);
	};
	return taxCodeOf;
}
