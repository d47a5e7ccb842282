/**
 * Purchase orders app → QuickBooks (Syncro, inFlow): the received lines become one Bill per order,
 * updated as more is received; payments become Bill Payments of it; a prepayment made before
 * anything was received is an Expense until the bill exists, then a Bill Payment, and the expense
 * is deleted (inFlow), so the money is counted once. One request per document with its own
 * requestid, and the app's ids in every private note, so that re-runs and overlapping runs find
 * what was written instead of writing it again.
 *
 * Input: the purchase orders changed since the cursor, and the vendors and items they name.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { writeBatch } from '../../qbo/batch';
import { describeQboFault } from '../../qbo/faults';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import { applyToQuickBooks, type Outcome } from '../pipeline/applier';
import { currencyPrefs, transactionCurrency } from '../pipeline/currencies';
import { fingerprint } from '../pipeline/fingerprint';
import { accountsOf, type Accounts } from '../items/mapping';
import { anAccountType } from '../payables/mapping';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import {
	billTotal,
	markedOrderId,
	markedOrderPayment,
	orderBillFields,
	orderProblems,
	qboBillFields,
	toQboBill,
	toQboBillPayment,
	toQboPrepayment,
	type PaymentAccounts,
} from './mapping';
import { asPlanned, PushReport, type PushResult } from '../pipeline/push-report';
import { linkOf, type Raw, roundMoney as round } from '../pipeline/app-record';
import { linkVendors } from '../vendors/link';

export interface OrderPushSettings {
	realmId: string;
	/** The retry of a QuickBooks refusal each record is, when sent again unchanged (planner: requestIdOf). */
	retryRounds?: Readonly<Record<string, number>>;
	/** Bank account checks, cash and ACH payments are made from. */
	payFromAccount?: string;
	/** Credit card account card payments are charged to. */
	cardAccount?: string;
	/** The account a prepayment's expense is booked to until the bill exists. */
	prepaymentAccount?: string;
	createMissingVendors: boolean;
	dryRun: boolean;
	now: () => string;
}

export class OrderSettingsError extends Error {}

const ITEM_TYPES = ['inventory', 'non_inventory', 'service', 'equipment'];
export function orderInputKind(raw: Raw): 'purchase-orders' | 'items' | 'vendors' {
	if (Array.isArray(raw.lines) && raw.vendorId !== undefined) return 'purchase-orders';
	if (typeof raw.type === 'string' && ITEM_TYPES.includes(raw.type)) return 'items';
	return 'vendors';
}

function paymentAccounts(accounts: Accounts, settings: OrderPushSettings): PaymentAccounts {
	const check = (
		label: string,
		value: string | undefined,
		fits: (type: string) => boolean,
		wanted: string,
	) => {
		if (!value) return undefined;
		const account = accounts.resolve(value);
		if (!account)
			throw new OrderSettingsError(
				`"${label}" is "${value}", which QuickBooks does not have. Pick ${wanted}.`,
			);
		if (!fits(String(account.AccountType)))
			throw new OrderSettingsError(
				`"${label}" is "${String(account.Name)}", ${anAccountType(account.AccountType)} account. Pick ${wanted}.`,
			);
		return String(account.Id);
	};
	return {
		bankId: check(
			'Pay From Account',
			settings.payFromAccount,
			(t) => t === 'Bank',
			'a Bank account',
		),
		cardId: check(
			'Card Account',
			settings.cardAccount,
			(t) => t === 'Credit Card',
			'a Credit Card account',
		),
		prepaymentId: check(
			'Prepayment Account',
			settings.prepaymentAccount,
			(t) => !['Bank', 'Credit Card', 'Accounts Payable', 'Accounts Receivable'].includes(t),
			'an asset or expense account such as Prepaid Expenses',
		),
	};
}

export async function pushPurchaseOrders(
	call: QboCall,
	everything: Raw[],
	settings: OrderPushSettings,
): Promise<PushResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const report = new PushReport(everything, settings);
	const byKind = (kind: ReturnType<typeof orderInputKind>) =>
		received.filter((r) => orderInputKind(r) === kind);
	const orders = report.valid(byKind('purchase-orders'), 'purchase-orders');
	const finish = () => report.finish('purchase-orders', byKind('purchase-orders'));
	const [accountRows, preferences] = await Promise.all([
		queryAll(call, { entity: 'Account', where: withInactive('Account') }),
		call({ method: 'GET', path: 'preferences' }),
	]);
	const accounts = accountsOf(accountRows);
	const prefs = currencyPrefs(preferences);
	const pay = paymentAccounts(accounts, settings);
	const paymentsOf = (order: Raw) => (order.payments ?? []) as Raw[];
	const candidates = orders.filter((o) => {
		const hasReceipts = ((o.lines ?? []) as Raw[]).some((l) => Number(l.receivedQuantity ?? 0) > 0);
		if (!hasReceipts && !paymentsOf(o).length)
			report.skip('purchase-orders', o, `nothing received or paid yet (${String(o.status)})`);
		return hasReceipts || paymentsOf(o).length > 0;
	});
	if (!candidates.length) return finish();

	const vendorsById = new Map(byKind('vendors').map((v) => [String(v.id), v]));
	const vendors = await linkVendors(
		call,
		[...new Set(candidates.map((o) => String(o.vendorId)))]
			.map((id) => vendorsById.get(id))
			.filter((v): v is Raw => !!v),
		{
			realmId: settings.realmId,
			create: settings.createMissingVendors,
			dryRun: settings.dryRun,
			now: settings.now,
			prefs,
		},
	);
	for (const w of vendors.writes)
		report.addWrite({
			item: report.itemOf(w.vendor),
			method: 'PUT',
			path: `/v1/vendors/${String(w.vendor.id)}/sync`,
			resource: 'vendors',
			appId: String(w.vendor.id),
			body: w.body,
		});
	for (const i of vendors.issues) report.issue('vendors', i.vendor, i.code, i.reason, i.fix);
	report.addToSummary({ vendors: vendors.summary });
	const vendorProblem = new Map(vendors.issues.map((i) => [String(i.vendor.id), i.reason]));
	const items = new Map(byKind('items').map((i) => [String(i.id), i]));
	const itemQboId = (id: string) => linkOf(items.get(id));

	// QuickBooks: the orders' bills (by link, or by number and marker), and the payments and prepayments written for them.
	const vendorIds = [
		...new Set(
			candidates
				.map((o) => vendors.links.get(String(o.vendorId)))
				.filter((id): id is string => !!id),
		),
	];
	const since = candidates.map((o) => String(o.date)).sort()[0];
	const [linkedBills, numberedBills, billPayments, purchases] = await Promise.all([
		queryByIds(
			call,
			'Bill',
			candidates.map(linkOf).filter((id): id is string => !!id),
		),
		queryAll(call, {
			entity: 'Bill',
			where: [
				{
					field: 'DocNumber',
					operator: 'IN',
					value: [...new Set(candidates.map((o) => String(o.number)))],
				},
			],
		}),
		vendorIds.length
			? queryAll(call, {
					entity: 'BillPayment',
					where: [{ field: 'VendorRef', operator: 'IN', value: vendorIds }],
				})
			: Promise.resolve([]),
		queryAll(call, {
			entity: 'Purchase',
			where: [{ field: 'TxnDate', operator: '>=', value: since }],
		}),
	]);
	const billById = new Map(linkedBills.map((b) => [String(b.Id), b]));
	const billByMarker = new Map(
		numberedBills.filter(markedOrderId).map((b) => [markedOrderId(b)!, b]),
	);
	const paymentKey = (q: QboJson) => {
		const m = markedOrderPayment(q);
		return m ? `${m.orderId}/${m.paymentId}` : undefined;
	};
	const paidInQbo = new Map(
		billPayments
			.filter((q) => paymentKey(q) && Number(q.TotalAmt) > 0)
			.map((q) => [paymentKey(q)!, q]),
	);
	const prepaidInQbo = new Map(purchases.filter(paymentKey).map((q) => [paymentKey(q)!, q]));

	// Bills first: a payment needs its bill.
	const billActions: Array<[Raw, PlannedAction<unknown>]> = [];
	const billOf = new Map<Raw, QboJson | undefined>();
	const refused = new Set<Raw>();
	for (const order of candidates) {
		const appId = String(order.id);
		const link = linkOf(order);
		const existing = link ? billById.get(link) : billByMarker.get(appId);
		billOf.set(order, existing);
		const vendorQboId =
			vendors.links.get(String(order.vendorId)) ??
			(settings.dryRun && !vendorProblem.has(String(order.vendorId)) ? '(new)' : '');
		const fields = orderBillFields(order, vendorQboId, itemQboId);
		const describe = `purchase order ${appId} (${String(order.number)})`;
		if (link && !existing) {
			billActions.push([
				order,
				{
					kind: 'issue',
					appId,
					qboId: link,
					code: 'link_broken',
					reason: `${describe} is linked to QuickBooks bill ${link}, which does not exist (any more) in this company`,
					fix: 'If the bill was deleted in QuickBooks on purpose, clear the link (qboId) in the app: the next run writes the bill of what was received again.',
				},
			]);
			continue;
		}
		if (!fields) continue; // only prepayments so far: no bill yet
		const problems = orderProblems(order, (id) => items.get(id));
		const currency = transactionCurrency(
			order,
			vendorsById.get(String(order.vendorId)),
			prefs,
			existing,
		);
		if (currency.problem) problems.push(currency.problem);
		if (vendorProblem.has(String(order.vendorId)))
			problems.unshift({
				field: 'vendorId',
				reason: vendorProblem.get(String(order.vendorId))!,
				fix: 'Fix the vendor (see its issue); the order follows on the next run.',
			});
		else if (!fields.vendorQboId)
			problems.unshift({
				field: 'vendorId',
				reason: `its vendor ${String(order.vendorId)} is not among the vendors given to the engine`,
				fix: 'Give the engine every vendor the orders name.',
			});
		if (problems.length) {
			refused.add(order);
			billActions.push([
				order,
				{
					kind: 'issue',
					appId,
					...(link ? { qboId: link } : {}),
					code: 'refused',
					reason: `${describe} cannot be billed in QuickBooks, and nothing of it was written: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
					fix: problems.map((p) => p.fix).join(' '),
				},
			]);
			continue;
		}
		const print = fingerprint(fields as unknown as Record<string, unknown>);
		const bill = { ...toQboBill(fields, appId), ...currency.fields };
		if (!existing)
			billActions.push([
				order,
				{
					kind: 'createInQuickBooks',
					appId,
					body: bill,
					requestId: requestIdOf(settings, 'Bill', appId, print),
					fingerprint: print,
					fields,
				},
			]);
		else if (fingerprint(qboBillFields(existing) as unknown as Record<string, unknown>) === print)
			billActions.push([
				order,
				link
					? { kind: 'unchanged', appId, qboId: link, reason: 'the bill holds what was received' }
					: {
							kind: 'link',
							appId,
							qboId: String(existing.Id),
							syncToken: String(existing.SyncToken),
							fingerprint: print,
							matchedBy: 'the app id in its private note',
						},
			]);
		else
			billActions.push([
				order,
				{
					kind: 'updateQuickBooks',
					appId,
					qboId: String(existing.Id),
					syncToken: String(existing.SyncToken),
					body: bill,
					requestId: requestIdOf(settings, 'Bill', appId, print),
					fingerprint: print,
					deactivate: false,
				},
			]);
	}
	const billOutcomes = settings.dryRun
		? billActions.map(([, a]) => asPlanned(a))
		: await applyToQuickBooks(
				call,
				billActions.map(([, a]) => a),
				{ entity: 'Bill', fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
			);
	billActions.forEach(([order, action], i) => {
		const outcome = billOutcomes[i];
		report.outcome('purchase-orders', order, outcome);
		if (outcome.status === 'written') billOf.set(order, outcome.qbo);
		else if (action.kind === 'issue') billOf.set(order, undefined);
	});

	// Payments: a Bill Payment once the bill can take it; before, a prepayment's expense.
	const paymentWrites: Array<{
		order: Raw;
		payment: Raw;
		entity: 'BillPayment' | 'Purchase';
		action: PlannedAction<unknown>;
	}> = [];
	const converted: Array<{ order: Raw; expense: QboJson }> = [];
	const counts = {
		billPayments: 0,
		prepayments: 0,
		prepaymentsConverted: 0,
		waiting: [] as string[],
	};
	for (const order of candidates) {
		const appId = String(order.id);
		const vendorQboId = vendors.links.get(String(order.vendorId));
		if (!vendorQboId && !settings.dryRun) {
			// An order with a bill was reported above; one with only payments so far is reported here, so it is read again.
			if (!refused.has(order) && paymentsOf(order).length)
				report.issue(
					'purchase-orders',
					order,
					'refused',
					`the payments of purchase order ${appId} cannot be written to QuickBooks: ${vendorProblem.get(String(order.vendorId)) ?? `its vendor ${String(order.vendorId)} is not among the vendors given to the engine`}`,
					'Fix the vendor (see its issue, or give the engine every vendor the orders name); the payments follow on the next run.',
				);
			continue;
		}
		const bill = billOf.get(order);
		const { fields: money, problem: moneyProblem } = transactionCurrency(
			order,
			vendorsById.get(String(order.vendorId)),
			prefs,
		);
		if (moneyProblem) {
			if (!refused.has(order))
				report.issue(
					'purchase-orders',
					order,
					'refused',
					`the payments of purchase order ${appId} cannot be written to QuickBooks: ${moneyProblem.field}: ${moneyProblem.reason}`,
					moneyProblem.fix,
				);
			continue;
		}
		let open = bill
			? round(
					Number(bill.TotalAmt ?? billTotal(qboBillFields(bill))) -
						paymentsOf(order)
							.filter((p) => paidInQbo.has(`${appId}/${String(p.id)}`))
							.reduce((s, p) => s + Number(p.amount), 0),
				)
			: 0;
		for (const payment of paymentsOf(order)) {
			const key = `${appId}/${String(payment.id)}`;
			const expense = prepaidInQbo.get(key);
			if (paidInQbo.has(key)) {
				if (expense) converted.push({ order, expense }); // a run stopped between the bill payment and the deletion
				continue;
			}
			const print = fingerprint({ key, amount: Number(payment.amount) });
			if (bill && Number(payment.amount) <= open + 0.004) {
				const problem =
					payment.method === 'card'
						? !pay.cardId
							? 'Card Account'
							: undefined
						: !pay.bankId
							? 'Pay From Account'
							: undefined;
				if (problem) {
					report.issue(
						'purchase-orders',
						order,
						'refused',
						`payment ${String(payment.id)} of purchase order ${appId} (${Number(payment.amount).toFixed(2)} by ${String(payment.method)}) cannot be recorded: no "${problem}" is set`,
						`Set "${problem}" in the template's Settings; the payment follows on the next run.`,
					);
					continue;
				}
				open = round(open - Number(payment.amount));
				paymentWrites.push({
					order,
					payment,
					entity: 'BillPayment',
					action: {
						kind: 'createInQuickBooks',
						appId,
						body: {
							...toQboBillPayment(payment, order, String(bill.Id), vendorQboId ?? '(new)', pay),
							...money,
						},
						requestId: requestIdOf(settings, 'BillPayment', key, print, appId),
						fingerprint: print,
						fields: {},
					},
				});
				if (expense) converted.push({ order, expense });
			} else if (!expense && payment.prepayment) {
				const problem =
					payment.method === 'card'
						? !pay.cardId
							? 'Card Account'
							: undefined
						: !pay.bankId
							? 'Pay From Account'
							: !pay.prepaymentId
								? 'Prepayment Account'
								: undefined;
				if (problem || !pay.prepaymentId) {
					report.issue(
						'purchase-orders',
						order,
						'refused',
						`prepayment ${String(payment.id)} of purchase order ${appId} cannot be recorded: no "${problem ?? 'Prepayment Account'}" is set`,
						`Set "${problem ?? 'Prepayment Account'}" in the template's Settings; the prepayment follows on the next run.`,
					);
					continue;
				}
				paymentWrites.push({
					order,
					payment,
					entity: 'Purchase',
					action: {
						kind: 'createInQuickBooks',
						appId,
						body: { ...toQboPrepayment(payment, order, vendorQboId ?? '(new)', pay), ...money },
						requestId: requestIdOf(settings, 'Purchase', key, print, appId),
						fingerprint: print,
						fields: {},
					},
				});
			} else if (bill) {
				counts.waiting.push(
					`${key}: ${Number(payment.amount).toFixed(2)} is more than the ${open.toFixed(2)} billed and still open; it stays ${expense ? 'an expense' : 'unrecorded'} until more is received`,
				);
			}
		}
	}
	for (const entity of ['BillPayment', 'Purchase'] as const) {
		const planned = paymentWrites.filter((w) => w.entity === entity);
		const outcomes: Outcome[] = settings.dryRun
			? planned.map((w) => asPlanned(w.action))
			: await applyToQuickBooks(
					call,
					planned.map((w) => w.action),
					{ entity, fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
				);
		planned.forEach((w, i) => {
			const outcome = outcomes[i];
			if (outcome.status === 'written')
				counts[entity === 'BillPayment' ? 'billPayments' : 'prepayments']++;
			else if (outcome.status === 'issue') {
				report.issue(
					'purchase-orders',
					w.order,
					outcome.code,
					`payment ${String(w.payment.id)} of purchase order ${String(w.order.id)} could not be recorded in QuickBooks: ${outcome.reason}`,
					outcome.fix,
				);
				// The expense stays until its bill payment exists: the money is never counted zero times.
				const key = `${String(w.order.id)}/${String(w.payment.id)}`;
				for (let c = converted.length - 1; c >= 0; c--)
					if (paymentKeyOf(converted[c]) === key) converted.splice(c, 1);
			}
		});
	}
	const deleted = settings.dryRun
		? []
		: await writeBatch(
				call,
				converted.map((c) => ({
					operation: 'delete' as const,
					entity: 'Purchase',
					body: { Id: String(c.expense.Id), SyncToken: String(c.expense.SyncToken) },
				})),
			);
	converted.forEach((c, i) => {
		if (settings.dryRun || deleted[i]?.ok) return void counts.prepaymentsConverted++;
		const result = deleted[i];
		const fault = result && !result.ok ? result.fault : { type: 'NotSent', errors: [] };
		report.issue(
			'purchase-orders',
			c.order,
			fault.errors[0]?.code || fault.type,
			`the prepayment expense ${String(c.expense.Id)} of purchase order ${String(c.order.id)} is now a bill payment, but QuickBooks refused to delete the expense: ${describeQboFault({ type: fault.type, errors: fault.errors })}; until it is deleted the payment counts twice`,
			'Delete the expense in QuickBooks, or run again (the next run retries the deletion).',
		);
	});
	const { waiting, ...made } = counts;
	report.addToSummary({ payments: made, ...(waiting.length ? { paymentsWaiting: waiting } : {}) });
	return finish();
}

const paymentKeyOf = (c: { expense: QboJson }) => {
	const m = markedOrderPayment(c.expense);
	return m ? `${m.orderId}/${m.paymentId}` : undefined;
};
