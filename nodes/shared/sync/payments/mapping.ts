/**
 * App payments ↔ QBO payments (app contract §5 "Payments", quickbooks-api-notes.md §2.5). A payment records
 * money once: every QuickBooks payment written by the sync carries the app id in its private note,
 * the app record carries the QuickBooks id, and a payment that looks already recorded on the other
 * side (same customer, date and amount, no marker) is reported instead of written a second time.
 */
import type { QboJson } from '../../qbo/caller';
import { roundMoney as round, type Raw } from '../pipeline/app-record';

export type AppMethod = 'cash' | 'check' | 'card' | 'ach' | 'store_credit';

/** QuickBooks payment methods tried, by name, for each app method (the first the company has wins). */
const METHOD_NAMES: Record<Exclude<AppMethod, 'store_credit'>, string[]> = {
	cash: ['Cash'],
	check: ['Check', 'Cheque'],
	card: ['Credit Card', 'Visa', 'MasterCard', 'American Express', 'Discover'],
	ach: ['ACH', 'EFT', 'Bank Transfer', 'Direct Debit'],
};

export function paymentMethodId(method: string, methods: QboJson[]): string | undefined {
	const names = METHOD_NAMES[method as keyof typeof METHOD_NAMES] ?? [];
	for (const name of names) {
		const found = methods.find((m) => String(m.Name).toLowerCase() === name.toLowerCase());
		if (found) return String(found.Id);
	}
	return method === 'card' ? methods.find((m) => m.Type === 'CREDIT_CARD')?.Id : undefined;
}

/** The app method of a QuickBooks payment method (by its name and type); check when unknown. */
export function appMethodOf(qboMethod: QboJson | undefined): Exclude<AppMethod, 'store_credit'> {
	if (!qboMethod) return 'check';
	const name = String(qboMethod.Name).toLowerCase();
	for (const [method, names] of Object.entries(METHOD_NAMES))
		if (names.some((n) => n.toLowerCase() === name))
			return method as Exclude<AppMethod, 'store_credit'>;
	return qboMethod.Type === 'CREDIT_CARD' ? 'card' : 'check';
}

export const paymentMarker = (appId: string) => `[app payment ${appId}]`;

export function markedPaymentId(qbo: QboJson): string | undefined {
	return /\[app payment ([^\]]+)\]/.exec(String(qbo.PrivateNote ?? ''))?.[1];
}

/** The neutral shape both sides are compared in: who paid, when, how much, and what it paid. */
export interface PaymentFields {
	customerQboId: string;
	date: string;
	amount: number;
	reference?: string;
	/** QBO invoice id → amount, sorted by id. */
	applications: Array<[string, number]>;
}

export function qboPaymentFields(payment: QboJson): PaymentFields {
	const applications = ((payment.Line ?? []) as QboJson[])
		.flatMap((l) =>
			((l.LinkedTxn ?? []) as QboJson[])
				.filter((t) => t.TxnType === 'Invoice')
				.map((t) => [String(t.TxnId), round(Number(l.Amount))] as [string, number]),
		)
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		customerQboId: String(payment.CustomerRef?.value ?? ''),
		date: String(payment.TxnDate ?? ''),
		amount: round(Number(payment.TotalAmt ?? 0)),
		reference: payment.PaymentRefNum ? String(payment.PaymentRefNum) : undefined,
		applications,
	};
}

export function toQboPayment(
	fields: PaymentFields,
	options: { appId: string; methodId?: string },
): QboJson {
	return {
		CustomerRef: { value: fields.customerQboId },
		TxnDate: fields.date,
		TotalAmt: fields.amount,
		...(fields.reference ? { PaymentRefNum: fields.reference } : {}),
		...(options.methodId ? { PaymentMethodRef: { value: options.methodId } } : {}),
		PrivateNote: `App payment ${paymentMarker(options.appId)}`,
		Line: fields.applications.map(([invoiceId, amount]) => ({
			Amount: amount,
			LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }],
		})),
	};
}

/** Store credit: a credit memo for the amount, on one line of the item the template names. */
export function toQboStoreCredit(
	fields: PaymentFields,
	options: { appId: string; itemId: string },
): QboJson {
	return {
		CustomerRef: { value: fields.customerQboId },
		TxnDate: fields.date,
		PrivateNote: `App store credit ${paymentMarker(options.appId)}`,
		Line: [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: fields.amount,
				Description: 'Store credit',
				SalesItemLineDetail: {
					ItemRef: { value: options.itemId },
					Qty: 1,
					UnitPrice: fields.amount,
					TaxCodeRef: { value: 'NON' },
				},
			},
		],
	};
}

/** What an input record is, by the app contract's shapes. */
export function paymentInputKind(raw: Raw): 'payments' | 'invoices' | 'locations' | 'customers' {
	if (Array.isArray(raw.applications) && raw.amount !== undefined) return 'payments';
	if (Array.isArray(raw.lines)) return 'invoices';
	if (raw.customerId !== undefined) return 'locations';
	return 'customers';
}
