/**
 * App payables ↔ QBO Bill or Purchase (expense) (Ontraccr; app contract §5 "Payables", quickbooks-api-notes.md
 * §2.6, §2.7). A line carries its amount, description and expense account (the line's, or the
 * default), and where the cost belongs: a project as a QuickBooks sub-customer (CustomerRef) or a
 * class, a cost code as a class or an item (then an item line). Every project and cost code a line
 * names must be linked (Ontraccr: "cannot sync any data for an unlinked profile"): one unlinked
 * line keeps the whole payable out of QuickBooks, reported with the line and what to link.
 */
import type { QboJson } from '../../qbo/caller';
import type { Accounts } from '../items/mapping';
import type { FieldProblem } from '../pipeline/planner';
import { linkOf, roundMoney as round, type Raw } from '../pipeline/app-record';

export type ProjectsAs = 'customer' | 'class';
export type CostCodesAs = 'class' | 'item';

export interface PayableLine {
	amount: number;
	description: string;
	accountQboId?: string;
	itemQboId?: string;
	customerQboId?: string;
	classQboId?: string;
}

export interface PayableFields {
	type: 'bill' | 'expense';
	vendorQboId: string;
	docNumber?: string;
	date: string;
	dueDate?: string;
	/** Expenses: the Bank or Credit Card account it was paid from. */
	paidFromQboId?: string;
	lines: PayableLine[];
}

export interface PayableReferences {
	vendorQboId(appId: string): string | undefined;
	project(appId: string): Raw | undefined;
	costCode(appId: string): Raw | undefined;
	accounts: Accounts;
	projectsAs: ProjectsAs;
	costCodesAs: CostCodesAs;
	defaultExpenseAccount?: string;
	defaultPurchaseAccount?: string;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;
export const payableMarker = (appId: string) => `[app payable ${appId}]`;
export const markedPayableId = (q: QboJson) =>
	/\[app payable ([^\]]+)\]/.exec(String(q.PrivateNote ?? ''))?.[1];
export const entityOfPayable = (type: unknown) => (type === 'expense' ? 'Purchase' : 'Bill');

/** Accounts a cost may be booked to: not the money accounts (QuickBooks refuses them on expense lines). */
const NOT_EXPENSE = ['Bank', 'Credit Card', 'Accounts Payable', 'Accounts Receivable'];
export const PAID_FROM = ['Bank', 'Credit Card'];
/** "a Bank account", "an Expense account". */
export const anAccountType = (type: unknown) =>
	`${/^[AEIOU]/i.test(String(type)) ? 'an' : 'a'} ${String(type)}`;

export function appPayableFields(payable: Raw, refs: PayableReferences): PayableFields {
	const type = payable.type === 'expense' ? 'expense' : 'bill';
	const lines = ((payable.lines ?? []) as Raw[]).map((line) => {
		const project = text(line.projectId) ? linkOf(refs.project(String(line.projectId))) : undefined;
		const code = text(line.costCodeId) ? linkOf(refs.costCode(String(line.costCodeId))) : undefined;
		const out: PayableLine = {
			amount: round(Number(line.amount)),
			description: String(line.description ?? ''),
		};
		if (code && refs.costCodesAs === 'item') out.itemQboId = code;
		else
			out.accountQboId = refs.accounts.resolve(
				String(text(line.account) ?? refs.defaultExpenseAccount ?? ''),
			)?.Id;
		if (project && refs.projectsAs === 'customer') out.customerQboId = project;
		const cls =
			refs.projectsAs === 'class' ? project : refs.costCodesAs === 'class' ? code : undefined;
		if (cls) out.classQboId = cls;
		return out;
	});
	const fields: PayableFields = {
		type,
		vendorQboId: refs.vendorQboId(String(payable.vendorId)) ?? '',
		date: String(payable.date),
		lines,
	};
	if (text(payable.number)) fields.docNumber = String(payable.number);
	if (type === 'bill' && text(payable.dueDate)) fields.dueDate = String(payable.dueDate);
	if (type === 'expense')
		fields.paidFromQboId = refs.accounts.resolve(
			String(text(payable.purchaseAccount) ?? refs.defaultPurchaseAccount ?? ''),
		)?.Id;
	return fields;
}

export function qboPayableFields(
	q: QboJson,
	type: 'bill' | 'expense',
	compareWith: PayableFields,
): PayableFields {
	const lines = ((q.Line ?? []) as QboJson[]).map((l) => {
		const detail = l.AccountBasedExpenseLineDetail ?? l.ItemBasedExpenseLineDetail ?? {};
		const out: PayableLine = {
			amount: round(Number(l.Amount ?? 0)),
			description: String(l.Description ?? ''),
		};
		if (l.DetailType === 'ItemBasedExpenseLineDetail')
			out.itemQboId = String(detail.ItemRef?.value ?? '');
		else out.accountQboId = String(detail.AccountRef?.value ?? '');
		if (detail.CustomerRef?.value) out.customerQboId = String(detail.CustomerRef.value);
		if (detail.ClassRef?.value) out.classQboId = String(detail.ClassRef.value);
		return out;
	});
	const fields: PayableFields = {
		type,
		vendorQboId: String((type === 'bill' ? q.VendorRef : q.EntityRef)?.value ?? ''),
		date: String(q.TxnDate ?? ''),
		lines,
	};
	if (compareWith.docNumber !== undefined) fields.docNumber = text(q.DocNumber);
	if (compareWith.dueDate !== undefined) fields.dueDate = text(q.DueDate);
	if (type === 'expense')
		fields.paidFromQboId = q.AccountRef?.value ? String(q.AccountRef.value) : undefined;
	return fields;
}

/** What keeps a payable out of QuickBooks, each with the line and the fix, checked before any write. */
export function payableProblems(
	payable: Raw,
	fields: PayableFields,
	refs: PayableReferences,
): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const as = (kind: 'project' | 'cost code') =>
		kind === 'project'
			? refs.projectsAs === 'customer'
				? 'sub-customer'
				: 'class'
			: refs.costCodesAs;
	((payable.lines ?? []) as Raw[]).forEach((line, i) => {
		const where = `lines.${i}`;
		for (const [kind, id, record] of [
			[
				'project',
				line.projectId,
				text(line.projectId) ? refs.project(String(line.projectId)) : undefined,
			],
			[
				'cost code',
				line.costCodeId,
				text(line.costCodeId) ? refs.costCode(String(line.costCodeId)) : undefined,
			],
		] as const) {
			if (!text(id)) continue;
			const field = `${where}.${kind === 'project' ? 'projectId' : 'costCodeId'}`;
			if (!record)
				problems.push({
					field,
					reason: `line ${i + 1} names ${kind} ${String(id)}, which is not among the app's ${kind}s given to the engine`,
					fix: `Give the engine the app's ${kind}s (the template lists them all).`,
				});
			else if (!linkOf(record)) {
				const label =
					kind === 'project'
						? `"${String(record.name)}"`
						: `${String(record.code)} "${String(record.name)}"`;
				problems.push({
					field,
					reason: `line ${i + 1} names ${kind} ${label} (${String(id)}), which is not linked to QuickBooks`,
					fix: `Link ${kind} ${label} to its QuickBooks ${as(kind)}: set its qboId in the app. No part of the payable is written until every line's ${kind} is linked.`,
				});
			}
		}
		const out = fields.lines[i];
		if (out?.itemQboId) return;
		const named = text(line.account) ?? refs.defaultExpenseAccount;
		const account = named ? refs.accounts.resolve(named) : undefined;
		if (!named)
			problems.push({
				field: `${where}.account`,
				reason: `line ${i + 1} names no expense account, and no default is set`,
				fix: 'Give the line an account in the app, or set "Default Expense Account" in the template\'s Settings.',
			});
		else if (!account)
			problems.push({
				field: `${where}.account`,
				reason: `line ${i + 1}: QuickBooks has no account "${named}"`,
				fix: `Create the account "${named}" in QuickBooks, or give the line another account.`,
			});
		else if (NOT_EXPENSE.includes(String(account.AccountType)))
			problems.push({
				field: `${where}.account`,
				reason: `line ${i + 1}: "${String(account.Name)}" is ${anAccountType(account.AccountType)} account, which QuickBooks refuses on an expense line`,
				fix: 'Give the line an expense or cost of goods sold account.',
			});
		if (String(line.description ?? '').length > 4000)
			problems.push({
				field: `${where}.description`,
				reason: `line ${i + 1}'s description has more than 4000 characters`,
				fix: 'Shorten it in the app.',
			});
	});
	if (fields.type === 'expense') {
		const named = text(payable.purchaseAccount) ?? refs.defaultPurchaseAccount;
		const account = named ? refs.accounts.resolve(named) : undefined;
		if (!named)
			problems.push({
				field: 'purchaseAccount',
				reason:
					'an expense needs the account it was paid from, and neither the payable nor the template names one',
				fix: 'Set the payable\'s purchase account in the app, or "Default Purchase Account" in the template\'s Settings.',
			});
		else if (!account)
			problems.push({
				field: 'purchaseAccount',
				reason: `QuickBooks has no account "${named}"`,
				fix: 'Pick a Bank or Credit Card account QuickBooks has.',
			});
		else if (!PAID_FROM.includes(String(account.AccountType)))
			problems.push({
				field: 'purchaseAccount',
				reason: `"${String(account.Name)}" is ${anAccountType(account.AccountType)} account; an expense is paid from a Bank or Credit Card account`,
				fix: 'Pick a Bank or Credit Card account for the payable in the app.',
			});
	}
	if (fields.docNumber && fields.docNumber.length > 21)
		problems.push({
			field: 'number',
			reason: `the number "${fields.docNumber}" has ${fields.docNumber.length} characters; QuickBooks allows 21`,
			fix: 'Shorten the vendor invoice number in the app.',
		});
	return problems;
}

export function toQboPayable(
	fields: PayableFields,
	options: { appId: string; number: string; accounts: Accounts },
): QboJson {
	const Line = fields.lines.map((l) => {
		const common = {
			...(l.customerQboId ? { CustomerRef: { value: l.customerQboId } } : {}),
			...(l.classQboId ? { ClassRef: { value: l.classQboId } } : {}),
		};
		return l.itemQboId
			? {
					DetailType: 'ItemBasedExpenseLineDetail',
					Amount: l.amount,
					Description: l.description,
					ItemBasedExpenseLineDetail: {
						ItemRef: { value: l.itemQboId },
						Qty: 1,
						UnitPrice: l.amount,
						...common,
					},
				}
			: {
					DetailType: 'AccountBasedExpenseLineDetail',
					Amount: l.amount,
					Description: l.description,
					AccountBasedExpenseLineDetail: { AccountRef: { value: l.accountQboId }, ...common },
				};
	});
	const body: QboJson = {
		TxnDate: fields.date,
		PrivateNote: `App payable ${options.number} ${payableMarker(options.appId)}`,
		Line,
	};
	if (fields.docNumber !== undefined) body.DocNumber = fields.docNumber;
	if (fields.type === 'bill') {
		body.VendorRef = { value: fields.vendorQboId };
		if (fields.dueDate) body.DueDate = fields.dueDate;
		return body;
	}
	const paidFrom = options.accounts.byId(String(fields.paidFromQboId));
	return {
		...body,
		PaymentType: paidFrom?.AccountType === 'Credit Card' ? 'CreditCard' : 'Cash',
		AccountRef: { value: fields.paidFromQboId },
		EntityRef: { value: fields.vendorQboId, type: 'Vendor' },
	};
}
