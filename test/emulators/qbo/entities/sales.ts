/** Invoice, CreditMemo, RefundReceipt and Payment, with balances and links between them (quickbooks-api-notes.md §2.4, §2.5, §2.7). */
import { faults } from '../fault';
import { checkEmail, isBlank, money, refTo, resolveRef, toNumber } from './common';
import { recomputeCustomerBalance } from './names';
import {
	applications,
	assignDocNumber,
	dueDate,
	relink,
	salesLines,
	salesTax,
	transactionCurrency,
	txnDate,
} from './transactions';
import type { Entity, EntityRules, WriteContext } from './types';

export const salesLimits: Record<string, number> = {
	DocNumber: 21,
	PrivateNote: 4000,
	'CustomerMemo.value': 1000,
	'BillEmail.Address': 100,
	'BillEmailCc.Address': 200,
	'BillEmailBcc.Address': 200,
};

function prepareSalesForm(
	ctx: WriteContext,
	type: 'Invoice' | 'CreditMemo' | 'RefundReceipt',
	input: Entity,
	previous: Entity | undefined,
): Entity {
	const entity = { ...input };
	const customer = resolveRef(ctx, 'Customer', entity.CustomerRef, 'CustomerRef', {
		required: true,
	})!;
	entity.CustomerRef = refTo(customer);
	assignDocNumber(ctx, type, entity, previous);
	txnDate(ctx, entity);
	const { lines, subtotal, taxable } = salesLines(ctx, entity, customer);
	entity.Line = lines;
	const tax = salesTax(ctx, entity, taxable);
	if (tax) entity.TxnTaxDetail = tax;
	else delete entity.TxnTaxDetail;
	entity.TotalAmt = money(subtotal + (tax?.TotalTax ?? 0));
	for (const field of ['BillAddr', 'ShipAddr'])
		if (!entity[field] && customer[field]) entity[field] = { ...customer[field] };
	if (!entity.BillEmail && customer.PrimaryEmailAddr?.Address)
		entity.BillEmail = { Address: customer.PrimaryEmailAddr.Address };
	checkEmail(entity, 'BillEmail.Address');
	const term = resolveRef(
		ctx,
		'Term',
		entity.SalesTermRef ?? customer.SalesTermRef,
		'SalesTermRef',
	);
	if (term) entity.SalesTermRef = refTo(term, 'Name');
	if (type === 'Invoice') {
		if (isBlank(entity.DueDate)) entity.DueDate = dueDate(term, entity.TxnDate);
		else txnDate(ctx, entity, 'DueDate');
	}
	for (const [field, listType] of [
		['ClassRef', 'Class'],
		['DepartmentRef', 'Department'],
	] as const) {
		const target = resolveRef(ctx, listType, entity[field], field);
		if (target) entity[field] = refTo(target, 'Name');
	}
	entity.EmailStatus = entity.EmailStatus ?? previous?.EmailStatus ?? 'NotSet';
	entity.PrintStatus = entity.PrintStatus ?? previous?.PrintStatus ?? 'NotSet';
	transactionCurrency(ctx, entity, customer);
	const applied = previous
		? money(
				(previous.TotalAmt ?? 0) -
					(previous[type === 'Invoice' ? 'Balance' : 'RemainingCredit'] ?? 0),
			)
		: 0;
	if (entity.TotalAmt < applied - 0.004) {
		throw faults.business(
			`The new total ${entity.TotalAmt.toFixed(2)} is less than the ${applied.toFixed(2)} already applied to this ${type === 'Invoice' ? 'invoice' : 'credit memo'}. Remove or reduce the linked payments first.`,
			'Line',
		);
	}
	if (type === 'RefundReceipt') {
		refundAccount(ctx, entity);
		entity.Balance = 0;
		return entity;
	}
	if (type === 'Invoice') {
		entity.Deposit = money(toNumber(entity.Deposit, 'Deposit'));
		entity.Balance = money(entity.TotalAmt - entity.Deposit - applied);
		entity.LinkedTxn = previous?.LinkedTxn;
	} else {
		entity.RemainingCredit = money(entity.TotalAmt - applied);
		entity.Balance = entity.RemainingCredit;
		entity.LinkedTxn = previous?.LinkedTxn;
	}
	if (!entity.LinkedTxn) delete entity.LinkedTxn;
	if (previous && previous.CustomerRef.value !== entity.CustomerRef.value && applied > 0) {
		throw faults.business(
			'The customer cannot be changed while payments are applied to this transaction.',
			'CustomerRef',
		);
	}
	return entity;
}

function refuseWhenPaid(entity: Entity, action: string): void {
	const linked = (entity.LinkedTxn ?? []).filter((l: Entity) => l.TxnType === 'Payment');
	if (linked.length > 0) {
		throw faults.business(
			`This transaction has payments applied (Payment ${linked.map((l: Entity) => l.TxnId).join(', ')}); ${action} them or remove the link first.`,
			'LinkedTxn',
		);
	}
}

const customerOf = (entity: Entity | undefined) => entity?.CustomerRef?.value as string | undefined;

function afterSalesSave(ctx: WriteContext, saved: Entity, previous: Entity | undefined): void {
	recomputeCustomerBalance(ctx.realm, customerOf(saved));
	if (customerOf(previous) !== customerOf(saved))
		recomputeCustomerBalance(ctx.realm, customerOf(previous));
}

export const invoiceRules: EntityRules = {
	prepare: (ctx, input, previous) => prepareSalesForm(ctx, 'Invoice', input, previous),
	afterSave: afterSalesSave,
	beforeDelete(ctx, entity) {
		refuseWhenPaid(entity, 'delete');
		afterWrite(ctx, () => recomputeCustomerBalance(ctx.realm, customerOf(entity)));
	},
	/** A voided invoice stays, with every amount zeroed (§3). */
	void(ctx, entity) {
		refuseWhenPaid(entity, 'void or delete');
		entity.Line = (entity.Line ?? []).map((l: Entity) =>
			l.DetailType === 'SalesItemLineDetail'
				? {
						...l,
						Amount: 0,
						SalesItemLineDetail: { ...l.SalesItemLineDetail, Qty: 0, UnitPrice: 0 },
					}
				: l.Amount !== undefined
					? { ...l, Amount: 0 }
					: l,
		);
		entity.TotalAmt = 0;
		entity.Balance = 0;
		entity.Deposit = 0;
		if (entity.TxnTaxDetail) entity.TxnTaxDetail = { ...entity.TxnTaxDetail, TotalTax: 0 };
		entity.PrivateNote = entity.PrivateNote ? `Voided - ${entity.PrivateNote}` : 'Voided';
		afterWrite(ctx, () => recomputeCustomerBalance(ctx.realm, customerOf(entity)));
		return entity;
	},
};

export const creditMemoRules: EntityRules = {
	prepare: (ctx, input, previous) => prepareSalesForm(ctx, 'CreditMemo', input, previous),
	afterSave: afterSalesSave,
	beforeDelete(ctx, entity) {
		refuseWhenPaid(entity, 'delete');
		afterWrite(ctx, () => recomputeCustomerBalance(ctx.realm, customerOf(entity)));
	},
};

/**
 * A refund receipt pays money back from DepositToAccountRef, which it must name. Which account
 * types QuickBooks accepts there is not confirmed; the emulator takes the payment rule (Bank or
 * Other Current Asset, §2.5), the narrower choice, so a client that passes here passes there.
 */
function refundAccount(ctx: WriteContext, entity: Entity): void {
	if (!entity.DepositToAccountRef?.value)
		throw faults.required(
			'DepositToAccountRef',
			'A refund receipt needs the account the refund is paid from (DepositToAccountRef).',
		);
	const account = resolveRef(ctx, 'Account', entity.DepositToAccountRef, 'DepositToAccountRef')!;
	if (!['Other Current Asset', 'Bank'].includes(account.AccountType)) {
		throw faults.business(
			`DepositToAccountRef must be a Bank or Other Current Asset account; "${account.Name}" is ${account.AccountType}.`,
			'DepositToAccountRef',
		);
	}
	entity.DepositToAccountRef = refTo(account, 'Name');
	const method = resolveRef(ctx, 'PaymentMethod', entity.PaymentMethodRef, 'PaymentMethodRef');
	if (method) entity.PaymentMethodRef = refTo(method, 'Name');
	else delete entity.PaymentMethodRef;
}

export const refundReceiptRules: EntityRules = {
	prepare: (ctx, input, previous) => prepareSalesForm(ctx, 'RefundReceipt', input, previous),
};

/** Runs once the delete or void is stored, so the balance no longer counts the old document. */
function afterWrite(ctx: WriteContext, task: () => void): void {
	ctx.realm.afterWrite.push(task);
}

const PAYMENT_LINKS = {
	targets: {
		Invoice: { balanceField: 'Balance', linkType: 'Payment' },
		CreditMemo: { balanceField: 'RemainingCredit', linkType: 'Payment' },
	},
};

/**
 * A payment applies to invoices and credit memos or stays unapplied (a credit). Anything paid
 * beyond what the lines apply becomes UnappliedAmt (§2.5; QBO's exact arithmetic is not confirmed).
 */
function preparePayment(ctx: WriteContext, input: Entity, previous: Entity | undefined): Entity {
	const entity = { ...input };
	const customer = resolveRef(ctx, 'Customer', entity.CustomerRef, 'CustomerRef', {
		required: true,
	})!;
	entity.CustomerRef = refTo(customer);
	if (entity.TotalAmt === undefined || entity.TotalAmt === null || entity.TotalAmt === '') {
		throw faults.business('You must set a transaction amount.', 'TotalAmt');
	}
	entity.TotalAmt = money(toNumber(entity.TotalAmt, 'TotalAmt'));
	if (entity.TotalAmt < 0)
		throw faults.business('The payment amount cannot be negative.', 'TotalAmt');
	txnDate(ctx, entity);
	const before = applications(previous);
	let net = 0;
	entity.Line = (entity.Line ?? []).map((line: Entity, i: number) => {
		const amount = money(toNumber(line.Amount, `Line[${i}].Amount`));
		if (!(amount > 0))
			throw faults.required(`Line[${i}].Amount`, `Line ${i + 1} needs a positive Amount.`);
		const links: Entity[] = line.LinkedTxn ?? [];
		if (links.length !== 1)
			throw faults.business(
				`Line ${i + 1} must link exactly one transaction (LinkedTxn).`,
				`Line[${i}].LinkedTxn`,
			);
		const link = links[0];
		if (!['Invoice', 'CreditMemo'].includes(link.TxnType)) {
			throw faults.business(
				`Line ${i + 1}: the emulator applies payments to Invoice or CreditMemo, not ${link.TxnType}.`,
				`Line[${i}].LinkedTxn.TxnType`,
			);
		}
		const target = resolveRef(ctx, link.TxnType, link.TxnId, `Line[${i}].LinkedTxn.TxnId`, {
			allowInactive: true,
		})!;
		if (target.CustomerRef?.value !== customer.Id) {
			throw faults.business(
				`Line ${i + 1}: ${link.TxnType} ${target.Id} belongs to another customer (${target.CustomerRef?.name}).`,
				`Line[${i}].LinkedTxn`,
			);
		}
		const field = link.TxnType === 'Invoice' ? 'Balance' : 'RemainingCredit';
		const open = money((target[field] ?? 0) + (before.get(`${link.TxnType}:${target.Id}`) ?? 0));
		if (amount > open + 0.004) {
			throw faults.business(
				`Line ${i + 1}: ${amount.toFixed(2)} is more than the open ${open.toFixed(2)} of ${link.TxnType} ${target.DocNumber ?? target.Id}.`,
				`Line[${i}].Amount`,
			);
		}
		net += link.TxnType === 'Invoice' ? amount : -amount;
		return { Amount: amount, LinkedTxn: [{ TxnId: target.Id, TxnType: link.TxnType }] };
	});
	net = money(net);
	if (net > entity.TotalAmt + 0.004) {
		throw faults.business(
			`The lines apply ${net.toFixed(2)} but TotalAmt is ${entity.TotalAmt.toFixed(2)}.`,
			'TotalAmt',
		);
	}
	entity.UnappliedAmt = money(entity.TotalAmt - Math.max(net, 0));
	const deposit = entity.DepositToAccountRef?.value
		? resolveRef(ctx, 'Account', entity.DepositToAccountRef, 'DepositToAccountRef')!
		: ctx.realm.all('Account').find((a) => a.AccountSubType === 'UndepositedFunds');
	if (deposit) {
		if (!['Other Current Asset', 'Bank'].includes(deposit.AccountType)) {
			throw faults.business(
				`DepositToAccountRef must be a Bank or Other Current Asset account; "${deposit.Name}" is ${deposit.AccountType}.`,
				'DepositToAccountRef',
			);
		}
		entity.DepositToAccountRef = refTo(deposit, 'Name');
	}
	const method = resolveRef(ctx, 'PaymentMethod', entity.PaymentMethodRef, 'PaymentMethodRef');
	if (method) entity.PaymentMethodRef = refTo(method, 'Name');
	entity.ProcessPayment = false;
	transactionCurrency(ctx, entity, customer);
	return entity;
}

export const paymentRules: EntityRules = {
	prepare: preparePayment,
	afterSave(ctx, saved, previous) {
		relink(ctx, saved, previous, PAYMENT_LINKS);
		recomputeCustomerBalance(ctx.realm, customerOf(saved));
		if (customerOf(previous) !== customerOf(saved))
			recomputeCustomerBalance(ctx.realm, customerOf(previous));
	},
	beforeDelete(ctx, entity) {
		relink(ctx, undefined, entity, PAYMENT_LINKS);
		afterWrite(ctx, () => recomputeCustomerBalance(ctx.realm, customerOf(entity)));
	},
	/** Void keeps the payment with zero amounts and no lines; applied invoices reopen (§3). */
	void(ctx, entity) {
		relink(ctx, undefined, entity, PAYMENT_LINKS);
		entity.Line = [];
		entity.TotalAmt = 0;
		entity.UnappliedAmt = 0;
		entity.PrivateNote = entity.PrivateNote ? `Voided - ${entity.PrivateNote}` : 'Voided';
		afterWrite(ctx, () => recomputeCustomerBalance(ctx.realm, customerOf(entity)));
		return entity;
	},
};
