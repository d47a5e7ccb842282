/**
 * Invoices app → QuickBooks (IndusTrack, Syncro, inFlow). Only invoices the app marked for sync go
 * (ready for sync, or approved too); drafts never. A new invoice is created once: its requestid is
 * deterministic, and its private note carries a marker with the app id, so that even a link lost
 * after QuickBooks wrote it finds the same invoice instead of making a second one. After the
 * write the app gets the link (and QuickBooks' number, when QuickBooks numbers invoices) and the
 * invoice moves to `unpaid`. An invoice edited in the app updates the QuickBooks invoice; one
 * voided in the app is voided there (QuickBooks refuses while payments are applied: an issue).
 * Unlinked items an invoice names are matched in QuickBooks first (SKU, then name) and linked as
 * QuickBooks has them; only those QuickBooks lacks are created, once per item, as non-stocked
 * items with the mapped accounts, when item creation is on.
 *
 * Input: the invoices, and the customers, locations and items they name (app contract shapes).
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, queryByIds } from '../../qbo/paging';
import { writeBatch } from '../../qbo/batch';
import { describeQboFault } from '../../qbo/faults';
import { applyToQuickBooks } from '../pipeline/applier';
import { currencyPrefs, transactionCurrency } from '../pipeline/currencies';
import { fingerprint } from '../pipeline/fingerprint';
import {
	invoiceInputKind,
	readTaxCodes,
	appInvoiceFields,
	appNumberOf,
	invoiceProblems,
	invoiceTotal,
	markedAppId,
	qboInvoiceFields,
	toQboInvoice,
	type InvoiceReferences,
	type NumberPolicy,
} from './mapping';
import { pushItems } from '../items/push';
import type { AccountDefaults } from '../items/mapping';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import { asPlanned, PushReport, type PushResult } from '../pipeline/push-report';
import { linkOf, type Raw, storedFingerprint } from '../pipeline/app-record';

export interface InvoicePushSettings {
	realmId: string;
	/** The retry of a QuickBooks refusal each record is, when sent again unchanged (planner: requestIdOf). */
	retryRounds?: Readonly<Record<string, number>>;
	/** `ready`: only invoices marked ready for sync (IndusTrack); `approved`: approved ones too. */
	syncWhen: 'ready' | 'approved';
	/** `quickbooks`: QuickBooks numbers them and the app takes its number (IndusTrack); `app`: the app's number is kept (inFlow). */
	numberPolicy: NumberPolicy;
	/** Invoices with a total of 0: skipped (IndusTrack) or synced (Syncro). */
	syncZeroInvoices: boolean;
	/** Items an invoice names that QuickBooks lacks are created (non-stocked) instead of holding the invoice back. */
	createMissingItems: boolean;
	itemAccounts: AccountDefaults;
	dryRun: boolean;
	now: () => string;
	today: () => string;
}

const SYNCED_STATUSES = ['unpaid', 'partially_paid', 'paid'];

export async function pushInvoices(
	call: QboCall,
	everything: Raw[],
	settings: InvoicePushSettings,
): Promise<PushResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const report = new PushReport(everything, settings);
	const byKind = (kind: ReturnType<typeof invoiceInputKind>) =>
		received.filter((r) => invoiceInputKind(r) === kind);
	const invoices = report.valid(byKind('invoices'), 'invoices');

	// Which invoices this run writes; the others are left as they are, for a reason.
	const candidates: Raw[] = [];
	for (const invoice of invoices) {
		const status = String(invoice.status ?? '');
		const linked = !!linkOf(invoice);
		if (status === 'draft' && !linked)
			report.skip('invoices', invoice, 'a draft: only invoices marked for sync go to QuickBooks');
		else if (status === 'approved' && !linked && settings.syncWhen === 'ready')
			report.skip('invoices', invoice, 'approved but not marked ready for sync');
		else if ((invoice.deletedAt || status === 'void') && !linked)
			report.skip('invoices', invoice, 'deleted or void in the app and never in QuickBooks');
		else candidates.push(invoice);
	}
	// The cursor is the invoices' own: customers and items come in whole on every run, and their times say nothing about which invoices were read.
	// For invoices QuickBooks' "inactive" is "void".
	const finish = () => report.finish('invoices', byKind('invoices'), { deactivatedAs: 'voided' });
	if (candidates.length === 0) return finish();

	// Items first: an invoice cannot name an item QuickBooks lacks.
	const items = new Map(byKind('items').map((i) => [String(i.id), i]));
	const named = new Set(
		candidates.flatMap((inv) => ((inv.lines ?? []) as Raw[]).map((l) => String(l.itemId))),
	);
	const missing = [...named].map((id) => items.get(id)).filter((i): i is Raw => !!i && !linkOf(i));
	const itemLinks = new Map<string, string>();
	const itemProblems = new Map<string, string>();
	if (missing.length) {
		// Matched first (SKU, then name) and only linked when QuickBooks has the item, whatever its type there;
		// created only when it has none and creation is on: non-stocked, a service stays a service (inFlow, Syncro).
		const nonStocked = (i: Raw): Raw => ({
			...i,
			type: i.type === 'service' ? 'service' : 'non_inventory',
		});
		const made = await pushItems(call, missing, {
			realmId: settings.realmId,
			matchBy: 'skuThenName',
			requireSku: false,
			createMissing: settings.createMissingItems,
			linkOnly: true,
			createAs: nonStocked,
			dryRun: settings.dryRun,
			defaults: settings.itemAccounts,
			now: settings.now,
			today: settings.today,
		});
		for (const write of made.appWrites) {
			if (typeof write.body.qboId === 'string') itemLinks.set(write.appId, write.body.qboId);
			report.addWrite({ ...write, item: report.itemOf(items.get(write.appId)!) });
		}
		const { created, linked, issues } = made.summary;
		report.addToSummary({ items: { created, linked, issues } });
		for (const issue of made.issues) {
			const fix =
				issue.code === 'not_found' && !settings.createMissingItems
					? `${issue.fix} Or turn on "Create Missing Items" to have the sync create it.`
					: issue.fix;
			report.issue(
				'items',
				items.get(String(issue.appId))!,
				issue.code,
				issue.reason,
				fix,
				issue.qboId,
			);
			itemProblems.set(String(issue.appId), issue.reason);
		}
		if (settings.dryRun)
			for (const planned of (made.summary.plannedWrites as
				| Array<Record<string, unknown>>
				| undefined) ?? [])
				if (planned.write === 'createInQuickBooks' || planned.write === 'link')
					itemLinks.set(String(planned.appId), String(planned.qboId ?? '(new)'));
	}
	const customerLinks = new Map(
		[...byKind('customers'), ...byKind('locations')].map((r) => [String(r.id), linkOf(r)]),
	);
	const refs: InvoiceReferences = {
		customerQboId: (id) => customerLinks.get(id),
		item: (id) => {
			const item = items.get(id);
			return item
				? {
						qboId: linkOf(item) ?? itemLinks.get(id),
						taxable: item.taxable !== false,
						name: String(item.name),
						problem: itemProblems.get(id),
					}
				: undefined;
		},
	};

	// QuickBooks: preferences, the linked invoices, invoices carrying the marker of unlinked ones, and the customers' tax codes.
	const fieldsOf = new Map(
		candidates.map((inv) => [inv, appInvoiceFields(inv, refs, settings.numberPolicy)]),
	);
	// A synced invoice unchanged in the app since its last sync (e.g. imported from QuickBooks' history, or
	// the one the cursor hands back to every run) needs nothing: QuickBooks keeps what it has, unread.
	const knownUnchanged = new Set(
		candidates.filter(
			(inv) =>
				!!linkOf(inv) &&
				!inv.deletedAt &&
				SYNCED_STATUSES.includes(String(inv.status)) &&
				storedFingerprint(inv) ===
					fingerprint(fieldsOf.get(inv) as unknown as Record<string, unknown>),
		),
	);
	// An unlinked $0 invoice is skipped (unless $0 invoices are synced) whatever QuickBooks holds: nothing to read for it.
	const zeroSkipped = new Set(
		candidates.filter(
			(inv) =>
				!linkOf(inv) &&
				!inv.deletedAt &&
				inv.status !== 'void' &&
				!settings.syncZeroInvoices &&
				invoiceTotal(fieldsOf.get(inv)!) === 0,
		),
	);
	const toRead = candidates.filter((inv) => !knownUnchanged.has(inv) && !zeroSkipped.has(inv));
	const unlinked = toRead.filter((inv) => !linkOf(inv));
	const customerIds = [
		...new Set(toRead.map((inv) => fieldsOf.get(inv)!.customerQboId).filter(Boolean)),
	];
	const [preferences, linkedQbo, markedQbo, taxCodeOf, numbered] = await Promise.all([
		toRead.length ? call({ method: 'GET', path: 'preferences' }) : Promise.resolve({} as QboJson),
		queryByIds(
			call,
			'Invoice',
			toRead.map(linkOf).filter((id): id is string => !!id),
		),
		unlinked.length && customerIds.length
			? queryAll(call, {
					entity: 'Invoice',
					where: [
						{ field: 'CustomerRef', operator: 'IN', value: customerIds },
						{
							field: 'TxnDate',
							operator: '>=',
							value: unlinked.map((i) => String(i.date)).sort()[0],
						},
					],
				})
			: Promise.resolve([]),
		readTaxCodes(call, customerIds),
		settings.numberPolicy === 'app' && unlinked.length
			? queryAll(call, {
					entity: 'Invoice',
					where: [
						{ field: 'DocNumber', operator: 'IN', value: [...new Set(unlinked.map(appNumberOf))] },
					],
				})
			: Promise.resolve([]),
	]);
	const automatedSalesTax = preferences.Preferences?.TaxPrefs?.PartnerTaxEnabled === true;
	const prefs = currencyPrefs(preferences);
	const customerRecords = new Map(byKind('customers').map((c) => [String(c.id), c]));
	const qboById = new Map([...linkedQbo, ...markedQbo, ...numbered].map((q) => [String(q.Id), q]));
	const byMarker = new Map(
		[...markedQbo, ...numbered].filter((q) => markedAppId(q)).map((q) => [markedAppId(q)!, q]),
	);

	// One action per candidate.
	const actions = new Map<
		Raw,
		| PlannedAction<unknown>
		| { kind: 'void'; appId: string; qboId: string; syncToken: string; remove: boolean }
	>();
	for (const invoice of candidates) {
		const appId = String(invoice.id);
		const fields = fieldsOf.get(invoice)!;
		const print = fingerprint(fields as unknown as Record<string, unknown>);
		const link = linkOf(invoice);
		const existing = link ? qboById.get(link) : byMarker.get(appId);
		const describe = `invoice ${appId} (${appNumberOf(invoice)})`;
		if (knownUnchanged.has(invoice)) {
			actions.set(invoice, {
				kind: 'unchanged',
				appId,
				qboId: link!,
				reason: 'unchanged in the app since the last sync',
			});
			continue;
		}
		if (invoice.deletedAt && link && !existing) {
			actions.set(invoice, {
				kind: 'unchanged',
				appId,
				qboId: link,
				reason: 'deleted in both systems',
			});
			continue;
		}
		if (link && !existing) {
			actions.set(invoice, {
				kind: 'issue',
				appId,
				qboId: link,
				code: 'link_broken',
				reason: `${describe} is linked to QuickBooks invoice ${link}, which does not exist (any more) in this company`,
				fix: 'Check that the credential points at the right QuickBooks company; if the QuickBooks invoice was deleted there, clear the link (qboId) in the app and mark the invoice for sync again.',
			});
			continue;
		}
		if (invoice.deletedAt || invoice.status === 'void') {
			if (
				existing &&
				Number(existing.TotalAmt) === 0 &&
				/^Voided/.test(String(existing.PrivateNote ?? ''))
			)
				actions.set(invoice, {
					kind: 'unchanged',
					appId,
					qboId: String(existing.Id),
					reason: 'already void in QuickBooks',
				});
			// Deleted in the app: deleted in QuickBooks; voided in the app: voided there (it stays, at 0).
			else if (existing)
				actions.set(invoice, {
					kind: 'void',
					appId,
					qboId: String(existing.Id),
					syncToken: String(existing.SyncToken),
					remove: !!invoice.deletedAt,
				});
			continue;
		}
		if (!existing && invoiceTotal(fields) === 0 && !settings.syncZeroInvoices) {
			report.skip(
				'invoices',
				invoice,
				'the total is 0 and $0 invoices are not synced (turn on "Sync $0 Invoices" on the engine node to sync them)',
			);
			continue;
		}
		const problems = invoiceProblems(invoice, fields, refs);
		const clash =
			!existing && settings.numberPolicy === 'app'
				? numbered.find((q) => String(q.DocNumber) === fields.docNumber && markedAppId(q) !== appId)
				: undefined;
		const currency = transactionCurrency(
			invoice,
			customerRecords.get(String(invoice.customerId)),
			prefs,
			existing,
		);
		if (currency.problem) problems.push(currency.problem);
		if (clash)
			problems.push({
				field: 'number',
				reason: `QuickBooks invoice ${String(clash.Id)} already has the number "${String(clash.DocNumber)}"`,
				fix: 'Give the invoice another number in the app, or let QuickBooks number invoices ("Invoice Numbers": QuickBooks numbers them).',
			});
		if (problems.length) {
			actions.set(invoice, {
				kind: 'issue',
				appId,
				...(link ? { qboId: link } : {}),
				code: 'refused',
				reason: `${describe} cannot be written to QuickBooks: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
				fix: problems.map((p) => p.fix).join(' '),
			});
			continue;
		}
		const body = (create: boolean) => ({
			...toQboInvoice(fields, {
				appId,
				appNumber: appNumberOf(invoice),
				taxCodeId: taxCodeOf(fields.customerQboId),
				automatedSalesTax,
				create,
			}),
			...currency.fields,
		});
		const requestId = requestIdOf(settings, 'Invoice', appId, print);
		if (!existing) {
			actions.set(invoice, {
				kind: 'createInQuickBooks',
				appId,
				body: body(true),
				requestId,
				fingerprint: print,
				fields,
			});
			continue;
		}
		const same =
			fingerprint(qboInvoiceFields(existing, fields) as unknown as Record<string, unknown>) ===
			print;
		if (same) {
			const needsLink =
				!link ||
				storedFingerprint(invoice) !== print ||
				!SYNCED_STATUSES.includes(String(invoice.status));
			actions.set(
				invoice,
				needsLink
					? {
							kind: 'link',
							appId,
							qboId: String(existing.Id),
							syncToken: String(existing.SyncToken),
							fingerprint: print,
							matchedBy: link ? undefined : 'the app id in its private note',
						}
					: {
							kind: 'unchanged',
							appId,
							qboId: String(existing.Id),
							reason: 'the same in both systems',
						},
			);
		} else {
			actions.set(invoice, {
				kind: 'updateQuickBooks',
				appId,
				qboId: String(existing.Id),
				syncToken: String(existing.SyncToken),
				body: body(false),
				requestId,
				fingerprint: print,
				deactivate: false,
			});
		}
	}

	// Write: creates and updates in batches; voids in their own batch.
	const planned = [...actions.entries()];
	const writes = planned.filter(([, a]) => a.kind !== 'void') as Array<
		[Raw, PlannedAction<unknown>]
	>;
	const voids = planned.filter(([, a]) => a.kind === 'void') as Array<
		[Raw, { kind: 'void'; appId: string; qboId: string; syncToken: string; remove: boolean }]
	>;
	const outcomes = settings.dryRun
		? writes.map(([, a]) => asPlanned(a))
		: await applyToQuickBooks(
				call,
				writes.map(([, a]) => a),
				{ entity: 'Invoice', fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
			);
	writes.forEach(([invoice, action], i) =>
		report.outcome(
			'invoices',
			invoice,
			outcomes[i],
			afterSync(
				invoice,
				settings,
				'qboId' in action && action.qboId ? qboById.get(action.qboId) : undefined,
			),
		),
	);
	const voided = settings.dryRun
		? []
		: await writeBatch(
				call,
				voids.map(([, v]) =>
					v.remove
						? {
								operation: 'delete' as const,
								entity: 'Invoice',
								body: { Id: v.qboId, SyncToken: v.syncToken },
							}
						: {
								operation: 'update' as const,
								entity: 'Invoice',
								void: true,
								body: { Id: v.qboId, SyncToken: v.syncToken },
							},
				),
			);
	voids.forEach(([invoice, v], i) => {
		const result = voided[i];
		const print = fingerprint(fieldsOf.get(invoice)! as unknown as Record<string, unknown>);
		const action: PlannedAction<unknown> = {
			kind: 'updateQuickBooks',
			appId: v.appId,
			qboId: v.qboId,
			syncToken: v.syncToken,
			body: {},
			requestId: '',
			fingerprint: print,
			deactivate: true,
		};
		if (settings.dryRun || result?.ok)
			return report.outcome('invoices', invoice, {
				status: 'written',
				action,
				qbo: result?.ok ? result.entity : ({ Id: v.qboId, SyncToken: v.syncToken } as QboJson),
			});
		const fault = result ? result.fault : { type: 'NotSent', errors: [] };
		report.outcome('invoices', invoice, {
			status: 'issue',
			action,
			code: fault.errors[0]?.code || fault.type,
			reason: `invoice ${v.appId} could not be ${v.remove ? 'deleted' : 'voided'} in QuickBooks (invoice ${v.qboId}): ${describeQboFault({ type: fault.type, errors: fault.errors })}`,
			fix: `Remove the payments applied to it in QuickBooks first (QuickBooks cannot ${v.remove ? 'delete' : 'void'} an invoice with payments); the next run ${v.remove ? 'deletes' : 'voids'} it.`,
		});
	});
	return finish();
}

/** What follows a successful write on the app side: QuickBooks' number (when it numbers invoices) and the move to `unpaid`. */
function afterSync(
	invoice: Raw,
	settings: InvoicePushSettings,
	existing: QboJson | undefined,
): Parameters<PushReport['outcome']>[3] {
	const status = String(invoice.status);
	const version = Number(invoice.version);
	const path = `/v1/invoices/${String(invoice.id)}/transition`;
	const then: Array<{ method: 'POST'; path: string; body: Record<string, unknown> }> = [];
	if (status === 'approved')
		then.push(
			{ method: 'POST', path, body: { version, status: 'ready_for_sync' } },
			{ method: 'POST', path, body: { version: version + 1, status: 'unpaid' } },
		);
	if (status === 'ready_for_sync')
		then.push({ method: 'POST', path, body: { version, status: 'unpaid' } });
	return {
		link: (written) => {
			const docNumber = (written ?? existing)?.DocNumber;
			return settings.numberPolicy === 'quickbooks' && docNumber && docNumber !== '(new)'
				? { qboDocNumber: String(docNumber) }
				: {};
		},
		then,
	};
}
