/**
 * Payments QuickBooks → app (IndusTrack: "paid in QuickBooks → paid in the app"; Syncro option):
 * QuickBooks payments changed since the cursor that pay invoices the app has become app payments
 * of those invoices, which the app then shows as partially paid or paid; an unapplied payment
 * becomes the customer's credit. App payments cannot be edited, so a payment changed in QuickBooks
 * is deleted in the app and recorded again, and a voided one is deleted. Payments the sync wrote
 * to QuickBooks itself (the app marker) never come back. A payment that would be recorded twice
 * (the app already has one of the same customer, day and amount without a link) is an issue.
 *
 * Input: every app payment (links live there), and the invoices, customers and locations.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, withInactive } from '../../qbo/paging';
import type { QueryCondition } from '../../qbo/query';
import { appCurrencyOf, currencyPrefs } from '../pipeline/currencies';
import { fingerprint } from '../pipeline/fingerprint';
import { checkDateRange, type DateRange } from '../pipeline/date-range';
import { appMethodOf, markedPaymentId, qboPaymentFields, paymentInputKind } from './mapping';
import { PullReport, type PullResult } from '../pipeline/pull-report';
import { linkOf, roundMoney as round, storedFingerprint, type Raw } from '../pipeline/app-record';

export interface PaymentPullSettings {
	since?: string;
	/** History import: the payments dated within this range instead of those changed since the cursor. */
	dateRange?: DateRange;
	now: () => string;
}

export async function pullPayments(
	call: QboCall,
	everything: Raw[],
	settings: PaymentPullSettings,
): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const byKind = (kind: ReturnType<typeof paymentInputKind>) =>
		received.filter((r) => paymentInputKind(r) === kind);
	const appPayments = byKind('payments').filter((p) => !p.deletedAt);
	const report = new PullReport(appPayments, settings.now);
	const range = settings.dateRange ? checkDateRange(settings.dateRange) : undefined;
	const where: QueryCondition[] = range
		? [
				{ field: 'TxnDate', operator: '>=', value: range.from },
				{ field: 'TxnDate', operator: '<=', value: range.to },
			]
		: settings.since
			? [{ field: 'MetaData.LastUpdatedTime', operator: '>=', value: settings.since }]
			: [];
	const [changed, methods, preferences] = await Promise.all([
		queryAll(call, { entity: 'Payment', where, orderBy: { field: 'MetaData.LastUpdatedTime' } }),
		queryAll(call, { entity: 'PaymentMethod', where: withInactive('PaymentMethod') }),
		call({ method: 'GET', path: 'preferences' }),
	]);
	const prefs = currencyPrefs(preferences);
	report.changed(changed);

	const invoiceByQbo = new Map(
		byKind('invoices')
			.filter(linkOf)
			.map((i) => [linkOf(i)!, i]),
	);
	const customerByQbo = new Map<string, string>();
	for (const c of byKind('customers')) if (linkOf(c)) customerByQbo.set(linkOf(c)!, String(c.id));
	// A payment of a service location (a sub-customer) is its customer's payment in the app.
	for (const l of byKind('locations'))
		if (linkOf(l)) customerByQbo.set(linkOf(l)!, String(l.customerId));
	// Store credit is linked to a QuickBooks credit memo, whose ids are not payment ids.
	const appByQbo = new Map(
		appPayments.filter((p) => linkOf(p) && p.method !== 'store_credit').map((p) => [linkOf(p)!, p]),
	);
	const methodById = new Map(methods.map((m) => [String(m.Id), m]));
	// Open balances as the writes below will leave them: a deleted payment gives its amounts back first.
	const balance = new Map(
		byKind('invoices').map((i) => [String(i.id), round(Number(i.balance ?? 0))]),
	);

	const issue = (q: QboJson, code: string, reason: string, fix: string, appId?: string) =>
		report.action('payments', {
			kind: 'issue',
			qboId: String(q.Id),
			...(appId ? { appId } : {}),
			code,
			reason,
			fix,
		});
	for (const q of changed) {
		const qboId = String(q.Id);
		if (markedPaymentId(q)) {
			report.action('payments', {
				kind: 'unchanged',
				qboId,
				reason: 'written by the sync from the app',
			});
			continue;
		}
		const fields = qboPaymentFields(q);
		const print = fingerprint(fields as unknown as Record<string, unknown>);
		const existing = appByQbo.get(qboId);
		const voided = fields.amount === 0 && fields.applications.length === 0;
		if (existing && storedFingerprint(existing) === print) {
			report.action('payments', {
				kind: 'unchanged',
				appId: String(existing.id),
				qboId,
				reason: 'the same in both systems',
			});
			continue;
		}
		if (existing) {
			// App payments are not edited: delete, and (unless voided) record again below.
			report.remove('payments', String(existing.id), Number(existing.version), qboId);
			for (const a of (existing.applications ?? []) as Raw[])
				balance.set(
					String(a.invoiceId),
					round((balance.get(String(a.invoiceId)) ?? 0) + Number(a.amount)),
				);
			if (voided) continue;
		} else if (voided) {
			report.action('payments', {
				kind: 'unchanged',
				qboId,
				reason: 'void in QuickBooks and never in the app',
			});
			continue;
		}
		const customerId = customerByQbo.get(fields.customerQboId);
		if (
			!customerId &&
			!existing &&
			!fields.applications.some(([invoiceQboId]) => invoiceByQbo.has(invoiceQboId))
		) {
			// Not the app's money: a customer the app does not have, paying no invoice the app has. Listed, and it does not hold the cursor.
			report.skip(
				'payments',
				qboId,
				`QuickBooks payment ${qboId} (${fields.amount.toFixed(2)} on ${fields.date}) is of customer ${fields.customerQboId}, whom the app does not have, and pays no app invoice`,
			);
			continue;
		}
		if (!customerId) {
			issue(
				q,
				'customer_not_in_app',
				`QuickBooks payment ${qboId} (${fields.amount.toFixed(2)} on ${fields.date}): its customer ${fields.customerQboId} is not linked to an app customer`,
				'Sync the customer to the app first (customer template); the next run records the payment.',
			);
			continue;
		}
		const problems: string[] = [];
		const applications = fields.applications.map(([invoiceQboId, amount]) => {
			const invoice = invoiceByQbo.get(invoiceQboId);
			if (!invoice)
				problems.push(`it pays QuickBooks invoice ${invoiceQboId}, which the app does not have`);
			else if (!['unpaid', 'partially_paid'].includes(String(invoice.status)) && !existing)
				problems.push(
					`it pays invoice ${String(invoice.id)}, which is ${String(invoice.status)} in the app`,
				);
			else if (amount > (balance.get(String(invoice.id)) ?? 0) + 0.004)
				problems.push(
					`it pays ${amount.toFixed(2)} of invoice ${String(invoice.id)}, which has ${(balance.get(String(invoice.id)) ?? 0).toFixed(2)} open in the app`,
				);
			return { invoiceId: String(invoice?.id ?? ''), amount };
		});
		if (problems.length) {
			issue(
				q,
				'refused',
				`QuickBooks payment ${qboId} (${fields.amount.toFixed(2)} on ${fields.date}) cannot be recorded in the app: ${problems.join('; ')}`,
				'Bring the invoice into the app (or correct the amounts in either system); the next run records the payment. Nothing of it was recorded, so nothing is counted twice.',
			);
			continue;
		}
		const twin = appPayments.find(
			(p) =>
				!linkOf(p) &&
				String(p.customerId) === customerId &&
				String(p.date) === fields.date &&
				round(Number(p.amount)) === fields.amount,
		);
		if (twin) {
			issue(
				q,
				'duplicate_payment',
				`QuickBooks payment ${qboId} (${fields.amount.toFixed(2)} on ${fields.date}): the app already has payment ${String(twin.id)} of the same amount on the same day for this customer, not linked to QuickBooks; recording it would count the money twice`,
				`If it is the same payment, link it (PUT /v1/payments/${String(twin.id)}/sync with qboId ${qboId}); otherwise delete the wrong one.`,
				String(twin.id),
			);
			continue;
		}
		for (const a of applications)
			balance.set(a.invoiceId, round((balance.get(a.invoiceId) ?? 0) - a.amount));
		const method = appMethodOf(
			q.PaymentMethodRef?.value ? methodById.get(String(q.PaymentMethodRef.value)) : undefined,
		);
		report.action('payments', {
			kind: 'createInApp',
			qboId,
			syncToken: String(q.SyncToken),
			fingerprint: print,
			body: {
				customerId,
				date: fields.date,
				amount: fields.amount,
				method,
				...(fields.reference ? { reference: fields.reference.slice(0, 21) } : {}),
				applications,
				...appCurrencyOf(q, prefs),
			},
		});
	}
	const result = report.finish('payments', settings.since);
	if (range) {
		result.summary = { ...result.summary, direction: 'import', from: range.from, to: range.to };
		delete result.summary.safeCursor;
	}
	return result;
}
