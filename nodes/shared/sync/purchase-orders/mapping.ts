/**
 * App purchase orders → QBO Bill, Bill Payments and prepayment Expenses (Syncro, inFlow; app
 * contract §5 "Purchase orders", quickbooks-api-notes.md §2.6, §2.7). What the app has received becomes one
 * Bill per purchase order: item lines of the received quantities at the ordered cost; a later
 * receipt updates the same bill, never a second one. Payments on the order become Bill Payments of
 * that bill. A prepayment made while nothing was received is an Expense until the bill exists;
 * then it becomes a Bill Payment and the expense is deleted, so the money is counted once. Every
 * QuickBooks document carries the app's ids in its private note, which is how a re-run, or a run
 * after a lost link, finds what an earlier one wrote.
 */
import type { QboJson } from '../../qbo/caller';
import type { FieldProblem } from '../pipeline/planner';
import { linkOf, roundMoney as round, type Raw } from '../pipeline/app-record';

export interface BillLine {
	itemQboId: string;
	quantity: number;
	unitCost: number;
	description: string;
}

export interface OrderBillFields {
	vendorQboId: string;
	docNumber: string;
	date: string;
	lines: BillLine[];
}

export const orderMarker = (appId: string) => `[app purchase order ${appId}]`;
export const markedOrderId = (q: QboJson) =>
	/\[app purchase order ([^\]]+)\]/.exec(String(q.PrivateNote ?? ''))?.[1];
/** A payment on a purchase order, as the app lists it inside the order. */
export const orderPaymentMarker = (orderId: string, paymentId: string) =>
	`[app order payment ${orderId}/${paymentId}]`;
export const markedOrderPayment = (q: QboJson) => {
	const found = /\[app order payment ([^/\]]+)\/([^\]]+)\]/.exec(String(q.PrivateNote ?? ''));
	return found ? { orderId: found[1], paymentId: found[2] } : undefined;
};

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** The bill of what was received; undefined while nothing was. */
export function orderBillFields(
	order: Raw,
	vendorQboId: string,
	itemQboId: (appId: string) => string | undefined,
): OrderBillFields | undefined {
	const received = ((order.lines ?? []) as Raw[]).filter(
		(l) => Number(l.receivedQuantity ?? 0) > 0,
	);
	if (!received.length) return undefined;
	const receipts = ((order.receipts ?? []) as Raw[]).map((r) => String(r.date)).sort();
	return {
		vendorQboId,
		docNumber: String(order.number ?? ''),
		date: receipts[0] ?? String(order.date),
		lines: received.map((l) => ({
			itemQboId: itemQboId(String(l.itemId)) ?? '',
			quantity: Number(l.receivedQuantity),
			unitCost: Number(l.unitCost),
			description: String(l.description ?? ''),
		})),
	};
}

export function qboBillFields(bill: QboJson): OrderBillFields {
	return {
		vendorQboId: String(bill.VendorRef?.value ?? ''),
		docNumber: String(bill.DocNumber ?? ''),
		date: String(bill.TxnDate ?? ''),
		lines: ((bill.Line ?? []) as QboJson[])
			.filter((l) => l.DetailType === 'ItemBasedExpenseLineDetail')
			.map((l) => ({
				itemQboId: String(l.ItemBasedExpenseLineDetail?.ItemRef?.value ?? ''),
				quantity: Number(l.ItemBasedExpenseLineDetail?.Qty ?? 0),
				unitCost: Number(l.ItemBasedExpenseLineDetail?.UnitPrice ?? 0),
				description: String(l.Description ?? ''),
			})),
	};
}

export const billTotal = (fields: OrderBillFields) =>
	round(fields.lines.reduce((sum, l) => sum + round(l.quantity * l.unitCost), 0));

export function orderProblems(
	order: Raw,
	items: (appId: string) => Raw | undefined,
): FieldProblem[] {
	const problems: FieldProblem[] = [];
	((order.lines ?? []) as Raw[]).forEach((line, i) => {
		const received = Number(line.receivedQuantity ?? 0);
		if (received <= 0) return;
		const item = items(String(line.itemId));
		if (!item)
			problems.push({
				field: `lines.${i}.itemId`,
				reason: `line ${i + 1} names item ${String(line.itemId)}, which is not among the app items given to the engine`,
				fix: 'Give the engine every app item the purchase orders name (the template lists them all).',
			});
		else if (!linkOf(item))
			problems.push({
				field: `lines.${i}.itemId`,
				reason: `line ${i + 1}: item ${String(line.itemId)} (${String(item.name)}) is not in QuickBooks`,
				fix: 'Sync the item to QuickBooks (items template); the bill follows on the next run.',
			});
		if (received > Number(line.quantity) + 1e-9)
			problems.push({
				field: `lines.${i}.receivedQuantity`,
				reason: `line ${i + 1} received ${received} of ${Number(line.quantity)} ordered`,
				fix: 'Correct the receipt in the app: more than ordered is not billed.',
			});
	});
	const number = text(order.number);
	if (number && number.length > 21)
		problems.push({
			field: 'number',
			reason: `the number "${number}" has ${number.length} characters; QuickBooks allows 21`,
			fix: 'Shorten the purchase order number in the app.',
		});
	return problems;
}

export function toQboBill(fields: OrderBillFields, appId: string): QboJson {
	return {
		VendorRef: { value: fields.vendorQboId },
		TxnDate: fields.date,
		DocNumber: fields.docNumber,
		PrivateNote: `App purchase order ${fields.docNumber} ${orderMarker(appId)}`,
		Line: fields.lines.map((l) => ({
			DetailType: 'ItemBasedExpenseLineDetail',
			Amount: round(l.quantity * l.unitCost),
			Description: l.description,
			ItemBasedExpenseLineDetail: {
				ItemRef: { value: l.itemQboId },
				Qty: l.quantity,
				UnitPrice: l.unitCost,
			},
		})),
	};
}

export interface PaymentAccounts {
	/** Bank account checks, cash and ACH are paid from. */
	bankId?: string;
	/** Credit card account card payments are charged to. */
	cardId?: string;
	/** Where a prepayment waits until the bill exists (an expense line's account). */
	prepaymentId?: string;
}

export function toQboBillPayment(
	payment: Raw,
	order: Raw,
	billId: string,
	vendorQboId: string,
	accounts: PaymentAccounts,
): QboJson {
	const card = payment.method === 'card';
	return {
		VendorRef: { value: vendorQboId },
		TxnDate: String(payment.date),
		PayType: card ? 'CreditCard' : 'Check',
		...(card
			? { CreditCardPayment: { CCAccountRef: { value: accounts.cardId } } }
			: { CheckPayment: { BankAccountRef: { value: accounts.bankId } } }),
		TotalAmt: round(Number(payment.amount)),
		PrivateNote: `App purchase order ${String(order.number)} payment ${orderPaymentMarker(String(order.id), String(payment.id))}`,
		Line: [
			{ Amount: round(Number(payment.amount)), LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] },
		],
	};
}

export function toQboPrepayment(
	payment: Raw,
	order: Raw,
	vendorQboId: string,
	accounts: PaymentAccounts,
): QboJson {
	const card = payment.method === 'card';
	return {
		PaymentType: card ? 'CreditCard' : 'Cash',
		AccountRef: { value: card ? accounts.cardId : accounts.bankId },
		EntityRef: { value: vendorQboId, type: 'Vendor' },
		TxnDate: String(payment.date),
		PrivateNote: `Prepayment of app purchase order ${String(order.number)} ${orderPaymentMarker(String(order.id), String(payment.id))}`,
		Line: [
			{
				DetailType: 'AccountBasedExpenseLineDetail',
				Amount: round(Number(payment.amount)),
				Description: `Prepayment of purchase order ${String(order.number)}`,
				AccountBasedExpenseLineDetail: { AccountRef: { value: accounts.prepaymentId } },
			},
		],
	};
}
