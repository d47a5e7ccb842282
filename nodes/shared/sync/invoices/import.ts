/**
 * History import QuickBooks → app (IndusTrack tells users to import past invoices from an Excel
 * file): the QuickBooks invoices dated within a range become app invoices of the customers and
 * items the app has, linked and unpaid, so that their payments (imported next, by the payment
 * pull over the same range) mark them paid. A re-run adds only what is missing: an invoice already
 * linked, or one the sync wrote from the app (the marker in its private note), is left as it is.
 * An unlinked app invoice with the same number is reported instead of imported twice.
 *
 * Input: every app invoice (links live there), and the customers, locations and items.
 */

import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll } from '../../qbo/paging';
import { appCurrencyOf, currencyPrefs } from '../pipeline/currencies';
import { amountOnlyLinesAsOne, toAppDocument, type AppReferences } from '../credits/mapping';
import { fingerprint } from '../pipeline/fingerprint';
import {
	invoiceInputKind,
	appInvoiceFields,
	markedAppId,
	qboInvoiceFields,
	type InvoiceReferences,
} from './mapping';
import { checkDateRange, type DateRange } from '../pipeline/date-range';
import { PullReport, type PullResult } from '../pipeline/pull-report';
import { linkOf, type Raw } from '../pipeline/app-record';

const isVoid = (q: QboJson) =>
	Number(q.TotalAmt) === 0 && /^Voided/.test(String(q.PrivateNote ?? ''));

export async function importInvoiceHistory(
	call: QboCall,
	everything: Raw[],
	settings: DateRange & { now: () => string },
): Promise<PullResult> {
	const range = checkDateRange({ from: settings.from, to: settings.to });
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const byKind = (kind: ReturnType<typeof invoiceInputKind>) =>
		received.filter((r) => invoiceInputKind(r) === kind);
	const appInvoices = byKind('invoices');
	const report = new PullReport(appInvoices, settings.now);
	const [qboInvoices, preferences] = await Promise.all([
		queryAll(call, {
			entity: 'Invoice',
			where: [
				{ field: 'TxnDate', operator: '>=', value: range.from },
				{ field: 'TxnDate', operator: '<=', value: range.to },
			],
			orderBy: { field: 'TxnDate' },
		}),
		call({ method: 'GET', path: 'preferences' }),
	]);
	const prefs = currencyPrefs(preferences);

	const linked = new Map(appInvoices.filter(linkOf).map((i) => [linkOf(i)!, i]));
	const appIds = new Set(appInvoices.map((i) => String(i.id)));
	const customerByQbo = new Map<string, { customerId: string; locationId?: string }>();
	for (const c of byKind('customers'))
		if (linkOf(c) && !c.deletedAt) customerByQbo.set(linkOf(c)!, { customerId: String(c.id) });
	for (const l of byKind('locations'))
		if (linkOf(l) && !l.deletedAt)
			customerByQbo.set(linkOf(l)!, { customerId: String(l.customerId), locationId: String(l.id) });
	const items = byKind('items').filter((i) => !i.deletedAt);
	const itemByQbo = new Map(items.filter(linkOf).map((i) => [linkOf(i)!, i]));
	const appRefs: AppReferences = {
		customer: (id) => customerByQbo.get(id),
		itemId: (id) => (itemByQbo.has(id) ? String(itemByQbo.get(id)!.id) : undefined),
	};
	// The references the invoice push compares with, so that the push finds an imported invoice unchanged.
	const customerLinks = new Map(
		[...byKind('customers'), ...byKind('locations')].map((r) => [String(r.id), linkOf(r)]),
	);
	const itemsById = new Map(items.map((i) => [String(i.id), i]));
	const pushRefs: InvoiceReferences = {
		customerQboId: (id) => customerLinks.get(id),
		item: (id) =>
			itemsById.has(id)
				? {
						qboId: linkOf(itemsById.get(id)),
						taxable: itemsById.get(id)!.taxable !== false,
						name: String(itemsById.get(id)!.name),
					}
				: undefined,
	};

	for (const q of qboInvoices) {
		const qboId = String(q.Id);
		const label = `QuickBooks invoice ${String(q.DocNumber ?? qboId)} (${String(q.TxnDate)}, ${Number(q.TotalAmt).toFixed(2)})`;
		const existing = linked.get(qboId);
		const marked = markedAppId(q);
		if (existing) {
			report.action('invoices', {
				kind: 'unchanged',
				appId: String(existing.id),
				qboId,
				reason: 'already in the app',
			});
			continue;
		}
		if (marked) {
			report.skip(
				'invoices',
				qboId,
				appIds.has(marked)
					? `${label} was written from app invoice ${marked}`
					: `${label} was written by the sync for app invoice ${marked}, which the app no longer lists`,
			);
			continue;
		}
		if (isVoid(q)) {
			report.skip('invoices', qboId, `${label} is void in QuickBooks`);
			continue;
		}
		const fields = {
			...qboInvoiceFields(q, {
				customerQboId: '',
				date: '',
				lines: [],
				docNumber: '',
				dueDate: '',
			}),
		};
		fields.lines = amountOnlyLinesAsOne(q, fields.lines);
		const { body, problems } = toAppDocument(q, fields, appRefs);
		const number = String(q.DocNumber ?? '');
		if (number.length > 21)
			problems.push(`its number "${number}" is longer than the app's 21 characters`);
		const twin = number
			? appInvoices.find(
					(i) => !linkOf(i) && !i.deletedAt && (i.number === number || i.appNumber === number),
				)
			: undefined;
		if (twin) {
			report.action('invoices', {
				kind: 'issue',
				appId: String(twin.id),
				qboId,
				code: 'duplicate_invoice',
				reason: `${label}: the app already has invoice ${String(twin.id)} with the number "${number}", not linked to QuickBooks; importing it would make a second one`,
				fix: `If it is the same invoice, link it (PUT /v1/invoices/${String(twin.id)}/sync with qboId ${qboId}); otherwise renumber one of them. The next run imports what is left.`,
			});
			continue;
		}
		if (!body || problems.length) {
			report.action('invoices', {
				kind: 'issue',
				qboId,
				code: 'refused',
				reason: `${label} cannot be imported: ${problems.join('; ')}`,
				fix: 'Bring its customer and items into the app first (customer and item templates, QuickBooks → app), or import them by hand; then run the import again: it adds only what is missing.',
			});
			continue;
		}
		const invoice: Raw = {
			...body,
			number,
			...(fields.dueDate ? { dueDate: fields.dueDate } : {}),
			...appCurrencyOf(q, prefs),
			status: 'ready_for_sync',
		};
		const print = fingerprint(
			appInvoiceFields(
				{ ...invoice, appNumber: number },
				pushRefs,
				'quickbooks',
			) as unknown as Record<string, unknown>,
		);
		// The app makes an invoice ready for sync; once linked, it moves to unpaid and takes payments (version 1: the link does not change it).
		report.action('invoices', {
			kind: 'createInApp',
			qboId,
			syncToken: String(q.SyncToken),
			body: invoice,
			fingerprint: print,
			linkExtra: { qboDocNumber: number || null },
			then: { method: 'POST', path: '/transition', body: { version: 1, status: 'unpaid' } },
		});
	}
	const result = report.finish('invoices', undefined);
	result.summary = { ...result.summary, direction: 'import', from: range.from, to: range.to };
	delete result.summary.safeCursor;
	return result;
}
