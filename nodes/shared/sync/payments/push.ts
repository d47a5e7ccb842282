/**
 * Payments app → QuickBooks (Syncro, inFlow): a payment of one or several invoices, partial or in
 * full, with what is paid beyond them kept as the customer's unapplied credit (an over-payment);
 * store credit the app records becomes a QuickBooks credit memo (and, when it pays invoices, a
 * payment that applies the credit memo to them). Each payment is written once: a deterministic
 * requestid and the app id in its private note (a lost link finds it again); a payment QuickBooks
 * already has without that marker (same customer, date and amount) is reported, never recorded
 * twice. A payment deleted in the app is voided in QuickBooks (the invoices reopen).
 *
 * Input: the payments, and the invoices, customers and locations they name (app contract shapes).
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { writeBatch } from '../../qbo/batch';
import { describeQboFault } from '../../qbo/faults';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import { applyToQuickBooks, type Outcome } from '../pipeline/applier';
import { fingerprint } from '../pipeline/fingerprint';
import { currencyPrefs, transactionCurrency, type CurrencyPrefs } from '../pipeline/currencies';
import {
	paymentInputKind,
	markedPaymentId,
	paymentMethodId,
	toQboPayment,
	toQboStoreCredit,
	type PaymentFields,
} from './mapping';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import { asPlanned, PushReport, type PushResult } from '../pipeline/push-report';
import { linkOf, type Raw, roundMoney as round, storedFingerprint } from '../pipeline/app-record';

export interface PaymentPushSettings {
	realmId: string;
	/** The retry of a QuickBooks refusal each record is, when sent again unchanged (planner: requestIdOf). */
	retryRounds?: Readonly<Record<string, number>>;
	/** The QuickBooks item (name or id) on the credit memo of store credit. */
	storeCreditItem?: string;
	dryRun: boolean;
	now: () => string;
	/** The company's currency settings when already known (they never go back; see currencies.ts): spares a read. */
	currency?: CurrencyPrefs;
}

const printOf = (f: PaymentFields) => fingerprint(f as unknown as Record<string, unknown>);

export async function pushPayments(
	call: QboCall,
	everything: Raw[],
	settings: PaymentPushSettings,
): Promise<PushResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const report = new PushReport(everything, settings);
	const byKind = (kind: ReturnType<typeof paymentInputKind>) =>
		received.filter((r) => paymentInputKind(r) === kind);
	// For payments QuickBooks' "inactive" is "void".
	const finish = () => report.finish('payments', byKind('payments'), { deactivatedAs: 'voided' });
	const payments = report.valid(byKind('payments'), 'payments');
	const invoices = new Map(byKind('invoices').map((r) => [String(r.id), r]));
	const customers = new Map(
		[...byKind('customers'), ...byKind('locations')].map((r) => [String(r.id), r]),
	);

	const toVoid: Raw[] = [];
	const fresh: Raw[] = [];
	for (const p of payments) {
		if (linkOf(p) && p.deletedAt) toVoid.push(p);
		// Payments are not edited in the app (deleted and recorded again): a linked one is done.
		else if (linkOf(p))
			report.outcome('payments', p, {
				status: 'unchanged',
				action: {
					kind: 'unchanged',
					appId: String(p.id),
					qboId: linkOf(p),
					reason: 'already in QuickBooks',
				},
			});
		else if (p.deletedAt) report.skip('payments', p, 'deleted in the app and never in QuickBooks');
		else fresh.push(p);
	}
	if (fresh.length === 0 && toVoid.length === 0) return finish();

	// QuickBooks: the invoices they pay (their customer is the payment's), payment methods, and what each customer already has since the oldest date.
	const invoiceQboIds = fresh
		.flatMap((p) =>
			((p.applications ?? []) as Raw[]).map((a) => linkOf(invoices.get(String(a.invoiceId)))),
		)
		.filter((id): id is string => !!id);
	const [qboInvoices, methods, preferences] = await Promise.all([
		queryByIds(call, 'Invoice', invoiceQboIds),
		fresh.length
			? queryAll(call, { entity: 'PaymentMethod', where: withInactive('PaymentMethod') })
			: Promise.resolve([]),
		fresh.length && !settings.currency
			? call({ method: 'GET', path: 'preferences' })
			: Promise.resolve({}),
	]);
	const prefs = settings.currency ?? currencyPrefs(preferences);
	const invoiceCustomer = new Map(
		qboInvoices.map((q) => [String(q.Id), String(q.CustomerRef?.value ?? '')]),
	);

	const planned: Array<{ payment: Raw; fields: PaymentFields; storeCredit: boolean }> = [];
	const currencyOf = new Map<Raw, QboJson>();
	for (const p of fresh) {
		const appId = String(p.id);
		const applications = (p.applications ?? []) as Raw[];
		const problems: string[] = [];
		const lines: Array<[string, number]> = [];
		for (const [i, a] of applications.entries()) {
			const qboId = linkOf(invoices.get(String(a.invoiceId)));
			if (!invoices.has(String(a.invoiceId)))
				problems.push(
					`applications.${i}: invoice ${String(a.invoiceId)} is not among the app invoices given to the engine`,
				);
			else if (!qboId)
				problems.push(`applications.${i}: invoice ${String(a.invoiceId)} is not in QuickBooks yet`);
			else if (!invoiceCustomer.has(qboId))
				problems.push(
					`applications.${i}: invoice ${String(a.invoiceId)} is linked to QuickBooks invoice ${qboId}, which does not exist (any more)`,
				);
			else lines.push([qboId, round(Number(a.amount))]);
		}
		const customerIds = [...new Set(lines.map(([id]) => invoiceCustomer.get(id)!))];
		const customerQboId = customerIds.length
			? customerIds[0]
			: linkOf(customers.get(String(p.customerId)));
		if (customerIds.length > 1)
			problems.push(
				`the invoices it pays belong to ${customerIds.length} QuickBooks customers (a customer and its service locations are separate customers there)`,
			);
		if (!customerQboId) problems.push(`customer ${String(p.customerId)} is not in QuickBooks yet`);
		const currency = transactionCurrency(p, customers.get(String(p.customerId)), prefs);
		if (currency.problem)
			problems.push(
				`${currency.problem.field}: ${currency.problem.reason} (${currency.problem.fix})`,
			);
		currencyOf.set(p, currency.fields);
		if (problems.length) {
			report.issue(
				'payments',
				p,
				'refused',
				`payment ${appId} (${Number(p.amount).toFixed(2)}) cannot be written to QuickBooks: ${problems.join('; ')}`,
				'Sync the customer and the invoices first (their templates), or record a payment per QuickBooks customer in the app; the next run writes it.',
			);
			continue;
		}
		const fields: PaymentFields = {
			customerQboId: customerQboId!,
			date: String(p.date),
			amount: round(Number(p.amount)),
			reference: typeof p.reference === 'string' && p.reference ? p.reference : undefined,
			applications: lines.sort(([a], [b]) => (a < b ? -1 : 1)),
		};
		planned.push({ payment: p, fields, storeCredit: p.method === 'store_credit' });
	}

	const customerIds = [...new Set(planned.map((x) => x.fields.customerQboId))];
	const since = planned.map((x) => x.fields.date).sort()[0];
	const recent = (entity: string) =>
		customerIds.length
			? queryAll(call, {
					entity,
					where: [
						{ field: 'CustomerRef', operator: 'IN', value: customerIds },
						{ field: 'TxnDate', operator: '>=', value: since },
					],
				})
			: Promise.resolve([]);
	const [qboPayments, qboCredits, creditItem] = await Promise.all([
		recent('Payment'),
		planned.some((x) => x.storeCredit) ? recent('CreditMemo') : Promise.resolve([]),
		planned.some((x) => x.storeCredit) && settings.storeCreditItem
			? findItem(call, settings.storeCreditItem)
			: Promise.resolve(undefined),
	]);

	const actions: Array<[Raw, PlannedAction<unknown>, 'Payment' | 'CreditMemo', PaymentFields]> = [];
	for (const { payment, fields, storeCredit } of planned) {
		const appId = String(payment.id);
		const print = printOf(fields);
		const entity = storeCredit ? 'CreditMemo' : 'Payment';
		const mine = (storeCredit ? qboCredits : qboPayments).find((q) => markedPaymentId(q) === appId);
		if (mine) {
			actions.push([
				payment,
				{
					kind: 'link',
					appId,
					qboId: String(mine.Id),
					syncToken: String(mine.SyncToken),
					fingerprint: print,
					matchedBy: 'the app id in its private note',
				},
				entity,
				fields,
			]);
			continue;
		}
		const twin = storeCredit
			? undefined
			: qboPayments.find(
					(q) =>
						!markedPaymentId(q) &&
						String(q.CustomerRef?.value) === fields.customerQboId &&
						String(q.TxnDate) === fields.date &&
						round(Number(q.TotalAmt)) === fields.amount,
				);
		if (twin) {
			report.issue(
				'payments',
				payment,
				'duplicate_payment',
				`payment ${appId} (${fields.amount.toFixed(2)} on ${fields.date}): QuickBooks already has payment ${String(twin.Id)} of the same amount on the same day for this customer, recorded there${twin.PaymentRefNum ? ` with reference ${String(twin.PaymentRefNum)}` : ''}; writing it again would record the money twice`,
				`If it is the same payment, link it by setting the app payment's qboId to ${String(twin.Id)} (PUT /v1/payments/${appId}/sync); if QuickBooks' was entered there by mistake, delete it there; the next run writes the app's.`,
			);
			continue;
		}
		if (storeCredit && !creditItem) {
			report.issue(
				'payments',
				payment,
				'refused',
				`payment ${appId} is store credit, which becomes a QuickBooks credit memo, and ${settings.storeCreditItem ? `QuickBooks has no item "${settings.storeCreditItem}"` : 'no item for it is set'}`,
				'Set "Store Credit Item" in the template\'s Settings to a QuickBooks item (e.g. a non-inventory item "Store credit").',
			);
			continue;
		}
		const body = {
			...(storeCredit
				? toQboStoreCredit(fields, { appId, itemId: String(creditItem!.Id) })
				: toQboPayment(fields, {
						appId,
						methodId: paymentMethodId(String(payment.method), methods),
					})),
			...currencyOf.get(payment),
		};
		actions.push([
			payment,
			{
				kind: 'createInQuickBooks',
				appId,
				body,
				requestId: requestIdOf(settings, entity, appId, print),
				fingerprint: print,
				fields,
			},
			entity,
			fields,
		]);
	}

	// Credit memos first: store credit that pays invoices is then applied by a payment of 0 linking both.
	const outcomes = new Map<Raw, Outcome>();
	for (const entity of ['CreditMemo', 'Payment'] as const) {
		const batch = actions.filter(([, , e]) => e === entity);
		const results = settings.dryRun
			? batch.map(([, a]) => asPlanned(a))
			: await applyToQuickBooks(
					call,
					batch.map(([, a]) => a),
					{ entity, fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
				);
		batch.forEach(([payment], i) => outcomes.set(payment, results[i]));
	}
	// Also for a credit memo an earlier run wrote but did not apply (found by its marker): the payment that applies it carries the same marker.
	const memoOf = (payment: Raw, action: PlannedAction<unknown>): string | undefined => {
		const outcome = outcomes.get(payment);
		if (outcome?.status === 'written') return String(outcome.qbo.Id);
		return action.kind === 'link' ? action.qboId : undefined;
	};
	const applyCredit = actions.filter(
		([payment, action, entity, fields]) =>
			entity === 'CreditMemo' &&
			fields.applications.length &&
			memoOf(payment, action) &&
			!qboPayments.some((q) => markedPaymentId(q) === String(payment.id)),
	);
	if (applyCredit.length && !settings.dryRun) {
		const applied = await applyToQuickBooks(
			call,
			applyCredit.map(([payment, action, , fields]) => {
				const memo = { Id: memoOf(payment, action)! };
				const total = round(fields.applications.reduce((s, [, a]) => s + a, 0));
				const body = {
					...toQboPayment({ ...fields, amount: 0 }, { appId: String(payment.id) }),
					Line: [
						...toQboPayment(fields, { appId: String(payment.id) }).Line,
						{ Amount: total, LinkedTxn: [{ TxnId: String(memo.Id), TxnType: 'CreditMemo' }] },
					],
					...currencyOf.get(payment),
				};
				return {
					kind: 'createInQuickBooks',
					appId: String(payment.id),
					body,
					requestId: requestIdOf(
						settings,
						'Payment',
						String(payment.id),
						`credit:${String(memo.Id)}`,
					),
					fingerprint: '',
					fields,
				};
			}),
			{ entity: 'Payment', fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
		);
		applyCredit.forEach(([payment, action], i) => {
			if (applied[i].status === 'issue')
				outcomes.set(payment, {
					status: 'issue',
					action,
					code: (applied[i] as Extract<Outcome, { status: 'issue' }>).code,
					reason: `the credit memo for store credit ${String(payment.id)} was created, but applying it to the invoices failed: ${(applied[i] as Extract<Outcome, { status: 'issue' }>).reason}`,
					fix: "The next run applies it again (the credit memo is found by the app id in its private note); if it keeps failing, check the invoices' open balances in QuickBooks.",
				});
		});
	}
	for (const [payment] of actions) report.outcome('payments', payment, outcomes.get(payment)!);

	// Deleted in the app: voided in QuickBooks (the invoices it paid reopen there too).
	if (toVoid.length) {
		const current = new Map(
			(
				await queryByIds(
					call,
					'Payment',
					toVoid.map((p) => linkOf(p)!),
				)
			).map((q) => [String(q.Id), q]),
		);
		const voidable = toVoid.filter(
			(p) => current.has(linkOf(p)!) && Number(current.get(linkOf(p)!)!.TotalAmt) !== 0,
		);
		for (const p of toVoid.filter((x) => !voidable.includes(x)))
			report.outcome('payments', p, {
				status: 'unchanged',
				action: {
					kind: 'unchanged',
					appId: String(p.id),
					reason: 'already void or gone in QuickBooks',
				},
			});
		const results = settings.dryRun
			? []
			: await writeBatch(
					call,
					voidable.map((p) => ({
						operation: 'update',
						entity: 'Payment',
						void: true,
						body: { Id: linkOf(p)!, SyncToken: String(current.get(linkOf(p)!)!.SyncToken) },
					})),
				);
		voidable.forEach((p, i) => {
			const action: PlannedAction<unknown> = {
				kind: 'updateQuickBooks',
				appId: String(p.id),
				qboId: linkOf(p)!,
				syncToken: '',
				body: {},
				requestId: '',
				fingerprint: storedFingerprint(p) ?? '',
				deactivate: true,
			};
			const result = results[i];
			if (settings.dryRun || result?.ok)
				return report.outcome('payments', p, {
					status: 'written',
					action,
					qbo: result?.ok ? result.entity : ({ Id: linkOf(p), SyncToken: '' } as QboJson),
				});
			const fault = result ? result.fault : { type: 'NotSent', errors: [] };
			report.outcome('payments', p, {
				status: 'issue',
				action,
				code: fault.errors[0]?.code || fault.type,
				reason: `payment ${String(p.id)} was deleted in the app but could not be voided in QuickBooks (payment ${linkOf(p)!}): ${describeQboFault({ type: fault.type, errors: fault.errors })}`,
				fix: 'Void or delete the payment in QuickBooks by hand.',
			});
		});
	}
	return finish();
}

async function findItem(call: QboCall, nameOrId: string): Promise<QboJson | undefined> {
	const byName = await queryAll(
		call,
		{ entity: 'Item', where: [{ field: 'Name', operator: '=', value: nameOrId }] },
		{ limit: 1 },
	);
	if (byName.length) return byName[0];
	return /^\d+$/.test(nameOrId) ? (await queryByIds(call, 'Item', [nameOrId]))[0] : undefined;
}
