/**
 * App credit memos and refunds ↔ QBO CreditMemo and RefundReceipt (app contract §5 "Credit memos
 * and refunds", quickbooks-api-notes.md §2.7). Both are sales documents with the invoice's lines, so they use
 * the invoice mapping; a refund adds how the money went back (method, reference). Both sides are
 * compared in one neutral shape in QuickBooks ids. Line taxability is left out of the comparison:
 * the app has none per line (the item decides), so a line QuickBooks users mark non-taxable is not
 * a change the app could ever hold, and counting it would make the two sides never settle.
 */
import type { QboJson } from '../../qbo/caller';
import {
	appInvoiceFields,
	appMarker,
	invoiceProblems,
	markedAppId,
	qboInvoiceFields,
	toQboInvoice,
	type InvoiceFields,
	type InvoiceReferences,
} from '../invoices/mapping';
import { appMethodOf, paymentMethodId } from '../payments/mapping';
import type { FieldProblem } from '../pipeline/planner';
import type { Raw } from '../pipeline/app-record';

export type CreditResource = 'credit-memos' | 'refunds';

export interface CreditKind {
	resource: CreditResource;
	entity: 'CreditMemo' | 'RefundReceipt';
	/** In messages and in the marker: "credit memo", "refund". */
	label: string;
}

export const CREDIT_KINDS: Record<CreditResource, CreditKind> = {
	'credit-memos': { resource: 'credit-memos', entity: 'CreditMemo', label: 'credit memo' },
	refunds: { resource: 'refunds', entity: 'RefundReceipt', label: 'refund' },
};

export const kindOfEntity = (entity: string): CreditKind | undefined =>
	Object.values(CREDIT_KINDS).find((k) => k.entity === entity);

export interface CreditFields extends InvoiceFields {
	/** Refunds: how the money went back, in the app's terms, and its reference. */
	method?: string;
	reference?: string;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** The fields compared, without the per-line taxable flag (see above). */
export function comparable(fields: CreditFields): Record<string, unknown> {
	return {
		...fields,
		lines: fields.lines.map((line) => ({
			itemQboId: line.itemQboId,
			description: line.description,
			quantity: line.quantity,
			rate: line.rate,
		})),
	};
}

/** A line entered in QuickBooks with only an amount (no quantity or rate) is one of that amount. */
export function amountOnlyLinesAsOne(
	doc: QboJson,
	lines: InvoiceFields['lines'],
): InvoiceFields['lines'] {
	const amounts = ((doc.Line ?? []) as QboJson[])
		.filter((l) => l.DetailType === 'SalesItemLineDetail')
		.map((l) => Number(l.Amount ?? 0));
	return lines.map((line, i) =>
		line.quantity === 0 && line.rate === 0 && amounts[i]
			? { ...line, quantity: 1, rate: amounts[i] }
			: line,
	);
}

/** QuickBooks numbers credit memos and refunds (the app takes its number), and they have no due date. */
function withoutNumberAndDueDate(fields: InvoiceFields): CreditFields {
	const out: CreditFields = { ...fields };
	delete out.docNumber;
	delete out.dueDate;
	return out;
}

export function appCreditFields(
	kind: CreditKind,
	record: Raw,
	refs: InvoiceReferences,
): CreditFields {
	const fields = withoutNumberAndDueDate(appInvoiceFields(record, refs, 'quickbooks'));
	if (kind.resource !== 'refunds') return fields;
	return {
		...fields,
		method: String(record.method ?? ''),
		...(text(record.reference) ? { reference: String(record.reference) } : {}),
	};
}

export function qboCreditFields(
	kind: CreditKind,
	doc: QboJson,
	methodById: Map<string, QboJson>,
): CreditFields {
	const fields = withoutNumberAndDueDate(
		qboInvoiceFields(doc, { customerQboId: '', date: '', lines: [] }),
	);
	fields.lines = amountOnlyLinesAsOne(doc, fields.lines);
	if (kind.resource !== 'refunds') return fields;
	const method = doc.PaymentMethodRef?.value
		? methodById.get(String(doc.PaymentMethodRef.value))
		: undefined;
	return {
		...fields,
		method: appMethodOf(method),
		...(text(doc.PaymentRefNum) ? { reference: String(doc.PaymentRefNum) } : {}),
	};
}

/** What QuickBooks would refuse, or cannot be written yet, checked before any write. */
export function creditProblems(
	kind: CreditKind,
	record: Raw,
	fields: CreditFields,
	refs: InvoiceReferences,
	context: { methods: QboJson[]; refundAccountId?: string; refundAccountProblem?: string },
): FieldProblem[] {
	const problems = invoiceProblems(record, fields, refs, kind.label);
	if (kind.resource === 'refunds') {
		if (!context.refundAccountId)
			problems.push({
				field: '(settings) refundAccount',
				reason: context.refundAccountProblem ?? 'no account to pay refunds from is set',
				fix: 'Set "Refund From Account" in the template\'s Settings to the QuickBooks Bank account refunds are paid from.',
			});
		if (fields.method && !paymentMethodId(fields.method, context.methods))
			problems.push({
				field: 'method',
				reason: `QuickBooks has no payment method for "${fields.method}"`,
				fix: `Add the payment method in QuickBooks (Settings → All lists → Payment methods, e.g. "${fields.method === 'ach' ? 'ACH' : fields.method}"); the refund follows on the next run.`,
			});
		if (fields.reference && fields.reference.length > 21)
			problems.push({
				field: 'reference',
				reason: `the reference has ${fields.reference.length} characters; QuickBooks allows 21`,
				fix: 'Shorten the reference in the app.',
			});
	}
	return problems;
}

export function toQboCredit(
	kind: CreditKind,
	fields: CreditFields,
	options: {
		appId: string;
		appNumber: string;
		taxCodeId?: string;
		automatedSalesTax: boolean;
		create: boolean;
		methods: QboJson[];
		refundAccountId?: string;
	},
): QboJson {
	// QuickBooks numbers credit memos and refunds; the app takes its number (as invoices by default).
	const body = toQboInvoice(
		{ ...fields, docNumber: undefined, dueDate: undefined },
		{ ...options, label: kind.label },
	);
	if (kind.resource === 'refunds') {
		body.DepositToAccountRef = { value: options.refundAccountId };
		const method = fields.method ? paymentMethodId(fields.method, options.methods) : undefined;
		if (method) body.PaymentMethodRef = { value: method };
		body.PaymentRefNum = fields.reference ?? '';
	}
	return body;
}

export const creditMarker = (kind: CreditKind, appId: string) => appMarker(appId, kind.label);
export const markedCreditId = (kind: CreditKind, doc: QboJson) => markedAppId(doc, kind.label);

/** Where QuickBooks references point in the app: a customer (or a location and its customer), an item. */
export interface AppReferences {
	customer(qboId: string): { customerId: string; locationId?: string } | undefined;
	itemId(qboId: string): string | undefined;
}

/**
 * The app body of a QuickBooks sales document (lines, customer or location, date, memo), or what
 * keeps it out of the app. Lines other than item lines (a discount, a subtotal) cannot be held by
 * the app: a subtotal is dropped (it is derived), anything else is reported.
 */
export function toAppDocument(
	doc: QboJson,
	fields: InvoiceFields,
	refs: AppReferences,
): { body?: Raw; problems: string[] } {
	const problems: string[] = [];
	const where = refs.customer(fields.customerQboId);
	if (!where)
		problems.push(
			`its customer ${fields.customerQboId} is not linked to an app customer or location`,
		);
	const other = ((doc.Line ?? []) as QboJson[]).filter(
		(l) => !['SalesItemLineDetail', 'SubTotalLineDetail'].includes(String(l.DetailType)),
	);
	if (other.length)
		problems.push(
			`it has ${other.map((l) => String(l.DetailType)).join(', ')} lines, which the app cannot hold (only item lines)`,
		);
	const lines = fields.lines.map((l, i) => {
		const itemId = refs.itemId(l.itemQboId);
		if (!itemId)
			problems.push(
				`line ${i + 1} names QuickBooks item ${l.itemQboId || '(none)'}, which is not linked to an app item`,
			);
		if (Math.abs(Math.round(l.rate * 100) - l.rate * 100) > 1e-6)
			problems.push(
				`line ${i + 1}'s rate ${l.rate} has more than 2 decimals, which the app cannot hold`,
			);
		return {
			itemId: itemId ?? '',
			...(l.description ? { description: l.description } : {}),
			quantity: l.quantity,
			rate: l.rate,
		};
	});
	if (lines.length === 0) problems.push('it has no item lines');
	if (problems.length || !where) return { problems };
	return {
		body: {
			customerId: where.customerId,
			locationId: where.locationId ?? null,
			date: fields.date,
			lines,
			memo: fields.memo ?? '',
		},
		problems,
	};
}

export function toAppCredit(
	kind: CreditKind,
	doc: QboJson,
	fields: CreditFields,
	refs: AppReferences,
): { body?: Raw; problems: string[] } {
	const result = toAppDocument(doc, fields, refs);
	if (result.body && kind.resource === 'refunds')
		Object.assign(result.body, { method: fields.method, reference: fields.reference ?? '' });
	return result;
}
