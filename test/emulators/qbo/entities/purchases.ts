/** Bill, BillPayment, Purchase (expense), PurchaseOrder and JournalEntry (quickbooks-api-notes.md §2.6, §2.7). */
import { faults } from '../fault';
import { checkEnum, isBlank, money, refTo, requireField, resolveRef, toNumber } from './common';
import { NAME_TYPES, recomputeVendorBalance } from './names';
import {
	dueDate,
	lineAmount,
	numberLines,
	relink,
	requireLines,
	transactionCurrency,
	txnDate,
	assignDocNumber,
} from './transactions';
import type { Entity, EntityRules, WriteContext } from './types';

export const purchaseLimits: Record<string, number> = {
	DocNumber: 21,
	PrivateNote: 4000,
	Memo: 4000,
};

/** Expense lines: account-based (AccountRef) or item-based (ItemRef, only with ForPurchase on). */
function expenseLines(
	ctx: WriteContext,
	entity: Entity,
	allowAccountLines = true,
): { lines: Entity[]; total: number } {
	let total = 0;
	const lines = requireLines(entity).map((line, i) => {
		checkEnum(line, 'DetailType', ['AccountBasedExpenseLineDetail', 'ItemBasedExpenseLineDetail']);
		if (isBlank(line.DetailType)) throw faults.required(`Line[${i}].DetailType`);
		const amount = lineAmount(line, i);
		total += amount;
		if (line.DetailType === 'AccountBasedExpenseLineDetail') {
			if (!allowAccountLines)
				throw faults.business(
					`Line ${i + 1}: purchase orders take item lines (ItemBasedExpenseLineDetail).`,
					`Line[${i}].DetailType`,
				);
			const detail = { ...(line.AccountBasedExpenseLineDetail ?? {}) };
			const account = resolveRef(
				ctx,
				'Account',
				detail.AccountRef,
				`Line[${i}].AccountBasedExpenseLineDetail.AccountRef`,
				{ required: true },
			)!;
			if (
				['Bank', 'Credit Card', 'Accounts Payable', 'Accounts Receivable'].includes(
					account.AccountType,
				)
			) {
				throw faults.business(
					`Line ${i + 1}: "${account.Name}" is a ${account.AccountType} account and cannot be an expense line's account.`,
					`Line[${i}].AccountBasedExpenseLineDetail.AccountRef`,
				);
			}
			detail.AccountRef = refTo(account, 'Name');
			linkCustomerAndClass(ctx, detail, i, 'AccountBasedExpenseLineDetail');
			return {
				Description: line.Description,
				Amount: amount,
				DetailType: line.DetailType,
				AccountBasedExpenseLineDetail: detail,
			};
		}
		if (ctx.realm.preference('ProductAndServicesPrefs.ForPurchase') === false) {
			throw faults.business(
				'Item lines on purchases need "Show Products and Services on purchase forms" (ProductAndServicesPrefs.ForPurchase).',
				`Line[${i}].DetailType`,
			);
		}
		const detail = { ...(line.ItemBasedExpenseLineDetail ?? {}) };
		const item = resolveRef(
			ctx,
			'Item',
			detail.ItemRef,
			`Line[${i}].ItemBasedExpenseLineDetail.ItemRef`,
			{ required: true },
		)!;
		detail.ItemRef = refTo(item, 'Name');
		if (detail.Qty !== undefined)
			detail.Qty = toNumber(detail.Qty, `Line[${i}].ItemBasedExpenseLineDetail.Qty`);
		if (detail.UnitPrice !== undefined)
			detail.UnitPrice = toNumber(
				detail.UnitPrice,
				`Line[${i}].ItemBasedExpenseLineDetail.UnitPrice`,
			);
		linkCustomerAndClass(ctx, detail, i, 'ItemBasedExpenseLineDetail');
		return {
			Description: line.Description,
			Amount: amount,
			DetailType: line.DetailType,
			ItemBasedExpenseLineDetail: detail,
		};
	});
	return { lines: numberLines(lines), total: money(total) };
}

function linkCustomerAndClass(
	ctx: WriteContext,
	detail: Entity,
	i: number,
	detailType: string,
): void {
	const customer = resolveRef(
		ctx,
		'Customer',
		detail.CustomerRef,
		`Line[${i}].${detailType}.CustomerRef`,
	);
	if (customer) detail.CustomerRef = refTo(customer);
	const cls = resolveRef(ctx, 'Class', detail.ClassRef, `Line[${i}].${detailType}.ClassRef`);
	if (cls) detail.ClassRef = refTo(cls, 'Name');
	// BillableStatus HasBeenBilled is QBO's to set (2170, §2.6).
	if (detail.BillableStatus === 'HasBeenBilled')
		throw faults.invalidEnum(`Line[${i}].${detailType}.BillableStatus`, 'HAS_BEEN_BILLED');
	if (detail.BillableStatus !== undefined)
		checkEnum(detail, 'BillableStatus', ['Billable', 'NotBillable']);
	if (detail.TaxCodeRef && !['TAX', 'NON'].includes(detail.TaxCodeRef.value)) {
		resolveRef(ctx, 'TaxCode', detail.TaxCodeRef, `Line[${i}].${detailType}.TaxCodeRef`);
	}
}

function payablesAccount(ctx: WriteContext, entity: Entity): void {
	const ap = entity.APAccountRef?.value
		? resolveRef(ctx, 'Account', entity.APAccountRef, 'APAccountRef')!
		: ctx.realm.all('Account').find((a) => a.AccountType === 'Accounts Payable' && a.Active);
	if (!ap) throw faults.required('APAccountRef');
	if (ap.AccountType !== 'Accounts Payable')
		throw faults.business(
			`APAccountRef must be an Accounts Payable account; "${ap.Name}" is ${ap.AccountType}.`,
			'APAccountRef',
		);
	entity.APAccountRef = refTo(ap, 'Name');
}

function vendorOf(ctx: WriteContext, entity: Entity): Entity {
	const vendor = resolveRef(ctx, 'Vendor', entity.VendorRef, 'VendorRef', { required: true })!;
	entity.VendorRef = refTo(vendor);
	return vendor;
}

export const billRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = { ...input };
		const vendor = vendorOf(ctx, entity);
		assignDocNumber(ctx, 'Bill', entity, previous);
		txnDate(ctx, entity);
		const { lines, total } = expenseLines(ctx, entity);
		entity.Line = lines;
		entity.TotalAmt = total;
		payablesAccount(ctx, entity);
		const term = resolveRef(ctx, 'Term', entity.SalesTermRef ?? vendor.TermRef, 'SalesTermRef');
		if (term) entity.SalesTermRef = refTo(term, 'Name');
		entity.DueDate = isBlank(entity.DueDate) ? dueDate(term, entity.TxnDate) : entity.DueDate;
		const paid = previous ? money(previous.TotalAmt - previous.Balance) : 0;
		if (total < paid - 0.004)
			throw faults.business(
				`The new total ${total.toFixed(2)} is less than the ${paid.toFixed(2)} already paid on this bill.`,
				'Line',
			);
		entity.Balance = money(total - paid);
		entity.LinkedTxn = previous?.LinkedTxn;
		if (!entity.LinkedTxn) delete entity.LinkedTxn;
		transactionCurrency(ctx, entity, vendor);
		return entity;
	},
	afterSave: (ctx, saved, previous) => {
		recomputeVendorBalance(ctx.realm, saved.VendorRef.value);
		if (previous && previous.VendorRef.value !== saved.VendorRef.value)
			recomputeVendorBalance(ctx.realm, previous.VendorRef.value);
	},
	beforeDelete(ctx, entity) {
		if ((entity.LinkedTxn ?? []).length > 0)
			throw faults.business('This bill has bill payments; delete or void them first.', 'LinkedTxn');
		ctx.realm.afterWrite.push(() => recomputeVendorBalance(ctx.realm, entity.VendorRef.value));
	},
};

const BILL_LINKS = (linkType: string) => ({
	targets: { Bill: { balanceField: 'Balance', linkType } },
});

const linkTypeOf = (payment: Entity) =>
	payment.PayType === 'CreditCard' ? 'BillPaymentCreditCard' : 'BillPaymentCheck';

export const billPaymentRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = { ...input };
		const vendor = vendorOf(ctx, entity);
		requireField(entity, 'PayType');
		checkEnum(entity, 'PayType', ['Check', 'CreditCard']);
		txnDate(ctx, entity);
		if (entity.PayType === 'Check') {
			const bank = resolveRef(
				ctx,
				'Account',
				entity.CheckPayment?.BankAccountRef,
				'CheckPayment.BankAccountRef',
				{ required: true },
			)!;
			if (bank.AccountType !== 'Bank')
				throw faults.business(
					`CheckPayment.BankAccountRef must be a Bank account; "${bank.Name}" is ${bank.AccountType}.`,
					'CheckPayment.BankAccountRef',
				);
			entity.CheckPayment = {
				...entity.CheckPayment,
				BankAccountRef: refTo(bank, 'Name'),
				PrintStatus: entity.CheckPayment?.PrintStatus ?? 'NotSet',
			};
		} else {
			const card = resolveRef(
				ctx,
				'Account',
				entity.CreditCardPayment?.CCAccountRef,
				'CreditCardPayment.CCAccountRef',
				{ required: true },
			)!;
			if (card.AccountType !== 'Credit Card')
				throw faults.business(
					`CreditCardPayment.CCAccountRef must be a Credit Card account; "${card.Name}" is ${card.AccountType}.`,
					'CreditCardPayment.CCAccountRef',
				);
			entity.CreditCardPayment = { CCAccountRef: refTo(card, 'Name') };
		}
		payablesAccount(ctx, entity);
		transactionCurrency(ctx, entity, vendor);
		if (entity.TotalAmt === undefined)
			throw faults.business('You must set a transaction amount.', 'TotalAmt');
		entity.TotalAmt = money(toNumber(entity.TotalAmt, 'TotalAmt'));
		const before = new Map<string, number>();
		for (const line of previous?.Line ?? [])
			for (const l of line.LinkedTxn ?? [])
				before.set(l.TxnId, (before.get(l.TxnId) ?? 0) + line.Amount);
		let applied = 0;
		entity.Line = requireLines(entity).map((line, i) => {
			const amount = lineAmount(line, i);
			const link = (line.LinkedTxn ?? [])[0];
			if (!link || link.TxnType !== 'Bill')
				throw faults.business(
					`Line ${i + 1} must link a Bill (LinkedTxn with TxnType Bill).`,
					`Line[${i}].LinkedTxn`,
				);
			const bill = resolveRef(ctx, 'Bill', link.TxnId, `Line[${i}].LinkedTxn.TxnId`, {
				allowInactive: true,
			})!;
			if (bill.VendorRef.value !== vendor.Id)
				throw faults.business(
					`Line ${i + 1}: Bill ${bill.Id} belongs to another vendor.`,
					`Line[${i}].LinkedTxn`,
				);
			const open = money(bill.Balance + (before.get(bill.Id) ?? 0));
			if (amount > open + 0.004)
				throw faults.business(
					`Line ${i + 1}: ${amount.toFixed(2)} is more than the open ${open.toFixed(2)} of Bill ${bill.DocNumber ?? bill.Id}.`,
					`Line[${i}].Amount`,
				);
			applied += amount;
			return { Amount: amount, LinkedTxn: [{ TxnId: bill.Id, TxnType: 'Bill' }] };
		});
		if (Math.abs(money(applied) - entity.TotalAmt) > 0.004) {
			throw faults.business(
				`TotalAmt ${entity.TotalAmt.toFixed(2)} must equal the sum of the lines (${money(applied).toFixed(2)}).`,
				'TotalAmt',
			);
		}
		return entity;
	},
	afterSave(ctx, saved, previous) {
		relink(ctx, saved, previous, BILL_LINKS(linkTypeOf(saved)));
		recomputeVendorBalance(ctx.realm, saved.VendorRef.value);
	},
	beforeDelete(ctx, entity) {
		relink(ctx, undefined, entity, BILL_LINKS(linkTypeOf(entity)));
		ctx.realm.afterWrite.push(() => recomputeVendorBalance(ctx.realm, entity.VendorRef.value));
	},
	/** "The transaction remains active but all amounts and quantities are zeroed, all lines are cleared" (§3). */
	void(ctx, entity) {
		relink(ctx, undefined, entity, BILL_LINKS(linkTypeOf(entity)));
		entity.Line = [];
		entity.TotalAmt = 0;
		entity.PrivateNote = entity.PrivateNote ? `Voided - ${entity.PrivateNote}` : 'Voided';
		ctx.realm.afterWrite.push(() => recomputeVendorBalance(ctx.realm, entity.VendorRef.value));
		return entity;
	},
};

/** The payment account must fit PaymentType: Bank for Cash/Check, Credit Card for CreditCard (§2.6). */
export const purchaseRules: EntityRules = {
	prepare(ctx, input) {
		const entity = { ...input };
		requireField(entity, 'PaymentType');
		checkEnum(entity, 'PaymentType', ['Cash', 'Check', 'CreditCard']);
		const account = resolveRef(ctx, 'Account', entity.AccountRef, 'AccountRef', {
			required: true,
		})!;
		const wanted = entity.PaymentType === 'CreditCard' ? 'Credit Card' : 'Bank';
		if (account.AccountType !== wanted) {
			throw faults.business(
				`A ${entity.PaymentType} purchase must be paid from a ${wanted} account; AccountRef ${account.Id} "${account.Name}" is ${account.AccountType}.`,
				'AccountRef',
			);
		}
		entity.AccountRef = refTo(account, 'Name');
		if (entity.Credit === true && entity.PaymentType !== 'CreditCard')
			throw faults.business('Credit (a refund) is only valid for CreditCard purchases.', 'Credit');
		if (entity.EntityRef?.value) {
			const kind = NAME_TYPES.find((t) => t === entity.EntityRef.type) ?? 'Vendor';
			const party = resolveRef(ctx, kind, entity.EntityRef, 'EntityRef')!;
			entity.EntityRef = { ...refTo(party), type: kind };
			transactionCurrency(ctx, entity, party);
		}
		assignDocNumber(ctx, 'Purchase', entity, undefined);
		txnDate(ctx, entity);
		const { lines, total } = expenseLines(ctx, entity);
		entity.Line = lines;
		entity.TotalAmt = total;
		return entity;
	},
};

export const purchaseOrderRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = { ...input };
		vendorOf(ctx, entity);
		assignDocNumber(ctx, 'PurchaseOrder', entity, previous);
		txnDate(ctx, entity);
		const { lines, total } = expenseLines(ctx, entity, false);
		entity.Line = lines;
		entity.TotalAmt = total;
		payablesAccount(ctx, entity);
		entity.POStatus = entity.POStatus ?? 'Open';
		checkEnum(entity, 'POStatus', ['Open', 'Closed']);
		return entity;
	},
};

export const journalEntryRules: EntityRules = {
	prepare(ctx, input, previous) {
		const entity = { ...input };
		assignDocNumber(ctx, 'JournalEntry', entity, previous);
		txnDate(ctx, entity);
		let debits = 0;
		let credits = 0;
		entity.Line = numberLines(
			requireLines(entity).map((line, i) => {
				const amount = lineAmount(line, i);
				const detail = { ...(line.JournalEntryLineDetail ?? {}) };
				requireField(detail, 'PostingType');
				checkEnum(detail, 'PostingType', ['Debit', 'Credit']);
				const account = resolveRef(
					ctx,
					'Account',
					detail.AccountRef,
					`Line[${i}].JournalEntryLineDetail.AccountRef`,
					{ required: true },
				)!;
				detail.AccountRef = refTo(account, 'Name');
				if (detail.PostingType === 'Debit') debits += amount;
				else credits += amount;
				return {
					Description: line.Description,
					Amount: amount,
					DetailType: 'JournalEntryLineDetail',
					JournalEntryLineDetail: detail,
				};
			}),
		);
		if (Math.abs(money(debits) - money(credits)) > 0.004) {
			throw faults.business(
				`Debits (${money(debits).toFixed(2)}) and credits (${money(credits).toFixed(2)}) must be equal.`,
				'Line',
			);
		}
		entity.TotalAmt = money(debits);
		return entity;
	},
	afterSave(ctx, saved, previous) {
		if (previous) postToLedger(ctx, previous, -1);
		postToLedger(ctx, saved, 1);
	},
	beforeDelete(ctx, entity) {
		ctx.realm.afterWrite.push(() => postToLedger(ctx, entity, -1));
	},
};

/**
 * Account balances follow journal entries (and opening balances): a debit raises an asset or
 * expense account, a credit a liability, equity or income account. Other transactions do not post
 * to accounts in the emulator; tests that read balances set them up with journal entries.
 */
function postToLedger(ctx: WriteContext, entry: Entity, sign: 1 | -1): void {
	for (const line of entry.Line ?? []) {
		const detail = line.JournalEntryLineDetail ?? {};
		const account = ctx.realm.get('Account', detail.AccountRef?.value);
		if (!account) continue;
		const debit = detail.PostingType === 'Debit' ? 1 : -1;
		const normal = ['Liability', 'Equity', 'Revenue'].includes(account.Classification) ? -1 : 1;
		account.CurrentBalance = money(
			(account.CurrentBalance ?? 0) + sign * debit * normal * line.Amount,
		);
		account.CurrentBalanceWithSubAccounts = account.CurrentBalance;
	}
}
