/**
 * Credit memos and refunds, both ways (Syncro lists both as unsupported; inFlow pushes credit memos).
 * One run moves each change to the side that lacks it:
 * - made in the app → created in QuickBooks (CreditMemo / RefundReceipt), numbered by QuickBooks,
 *   the app taking its number; a marker in the private note finds it again if the link is lost;
 * - made in QuickBooks → created in the app, for customers and items the app has;
 * - edited on one side → copied to the other; edited on both → the conflict policy picks the winner;
 * - voided or deleted in the app → deleted in QuickBooks (QuickBooks refuses while the credit is
 *   applied: an issue with the fix); deleted in QuickBooks → deleted in the app, unless the app
 *   edited it since (an issue: nothing is thrown away silently).
 * What changed is told by fingerprints against the one stored at the last sync, as in the customer
 * two-way sync, so our own writes coming back are recognised and the next run writes nothing.
 *
 * Input: the app's credit memos and refunds (all of them: links live there), and the customers,
 * locations and items they name.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { writeBatch } from '../../qbo/batch';
import { CDC_MAX_DAYS, readChanges, type Change } from '../../qbo/cdc';
import { describeQboFault } from '../../qbo/faults';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import type { QueryCondition } from '../../qbo/query';
import { applyToQuickBooks, type Outcome } from '../pipeline/applier';
import {
	appCreditFields,
	comparable,
	CREDIT_KINDS,
	creditProblems,
	markedCreditId,
	qboCreditFields,
	toAppCredit,
	toQboCredit,
	type AppReferences,
	type CreditKind,
} from './mapping';
import {
	appCurrencyOf,
	currencyPrefs,
	transactionCurrency,
	type CurrencyPrefs,
} from '../pipeline/currencies';
import { decide, type ConflictPolicy } from '../pipeline/decide';
import { fingerprint } from '../pipeline/fingerprint';
import { invoiceInputKind, readTaxCodes, appNumberOf } from '../invoices/mapping';
import type { InvoiceReferences } from '../invoices/mapping';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import type { PullResult } from '../pipeline/pull-report';
import { asPlanned } from '../pipeline/push-report';
import { invalidRecords, linkOf, type Raw, storedFingerprint } from '../pipeline/app-record';
import { TwoWayReport } from '../pipeline/two-way-report';

export interface CreditSyncSettings {
	realmId: string;
	/** QuickBooks documents changed at or after this time are read (the cursor); empty: all. */
	since?: string;
	conflictPolicy: ConflictPolicy;
	createInQuickBooks: boolean;
	createInApp: boolean;
	/** The QuickBooks Bank account refunds are paid from (name or id). */
	refundAccount?: string;
	dryRun: boolean;
	now: () => string;
}

export function creditInputKind(
	raw: Raw,
): 'credit-memos' | 'refunds' | 'customers' | 'locations' | 'items' {
	const kind = invoiceInputKind(raw);
	if (kind !== 'invoices') return kind;
	return raw.method !== undefined ? 'refunds' : 'credit-memos';
}

const CLOCK_OVERLAP_MS = 5 * 60_000;

const print = (fields: object) => fingerprint(fields as Record<string, unknown>);

/**
 * Documents changed since the cursor, deletions included (change data capture keeps 30 days; an
 * older cursor, or none, reads the live documents with a query, which cannot see deletions).
 */
async function changedDocuments(call: QboCall, since: string | undefined): Promise<Change[]> {
	const entities = Object.values(CREDIT_KINDS).map((k) => k.entity);
	if (since && Date.now() - Date.parse(since) < (CDC_MAX_DAYS - 1) * 86_400_000)
		return (await readChanges(call, entities, since)).changes;
	const where: QueryCondition[] = since
		? [{ field: 'MetaData.LastUpdatedTime', operator: '>=', value: since }]
		: [];
	const lists = await Promise.all(
		entities.map((entity) =>
			queryAll(call, { entity, where, orderBy: { field: 'MetaData.LastUpdatedTime' } }),
		),
	);
	return lists.flatMap((rows, i) =>
		rows.map((object) => ({
			entity: entities[i],
			id: String(object.Id),
			deleted: false,
			lastUpdated: String(object.MetaData?.LastUpdatedTime ?? ''),
			object,
		})),
	);
}

type Deletion = {
	kind: 'delete';
	appId: string;
	qboId: string;
	syncToken: string;
	fingerprint: string;
};

export async function syncCredits(
	call: QboCall,
	everything: Raw[],
	settings: CreditSyncSettings,
): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received, creditInputKind);
	const app = received.filter((r) => !invalid.has(r));
	const byKind = (kind: ReturnType<typeof creditInputKind>) =>
		app.filter((r) => creditInputKind(r) === kind);
	const report = new TwoWayReport(
		[...byKind('credit-memos'), ...byKind('refunds')],
		settings.now,
		settings.dryRun,
		'deleted',
	);
	for (const [raw, problem] of invalid) report.invalid(creditInputKind(raw), raw, problem);

	// References both ways: app ids → QuickBooks ids for writes there, and back for writes here.
	const items = new Map(byKind('items').map((i) => [String(i.id), i]));
	const customerLinks = new Map(
		[...byKind('customers'), ...byKind('locations')].map((r) => [String(r.id), linkOf(r)]),
	);
	const refs: InvoiceReferences = {
		customerQboId: (id) => customerLinks.get(id),
		item: (id) => {
			const item = items.get(id);
			return item
				? { qboId: linkOf(item), taxable: item.taxable !== false, name: String(item.name) }
				: undefined;
		},
	};
	const customerByQbo = new Map<string, { customerId: string; locationId?: string }>();
	for (const c of byKind('customers'))
		if (linkOf(c) && !c.deletedAt) customerByQbo.set(linkOf(c)!, { customerId: String(c.id) });
	for (const l of byKind('locations'))
		if (linkOf(l) && !l.deletedAt)
			customerByQbo.set(linkOf(l)!, { customerId: String(l.customerId), locationId: String(l.id) });
	const itemByQbo = new Map(
		byKind('items')
			.filter((i) => linkOf(i) && !i.deletedAt)
			.map((i) => [linkOf(i)!, String(i.id)]),
	);
	const appRefs: AppReferences = {
		customer: (id) => customerByQbo.get(id),
		itemId: (id) => itemByQbo.get(id),
	};

	// Changes are read up to now; the cursor may start a little before (clocks of two hosts; a re-read is recognised as unchanged).
	const readFrom = new Date(Date.now() - CLOCK_OVERLAP_MS).toISOString();
	const [changes, methods, preferences, refundAccount] = await Promise.all([
		changedDocuments(call, settings.since),
		queryAll(call, { entity: 'PaymentMethod', where: withInactive('PaymentMethod') }),
		call({ method: 'GET', path: 'preferences' }),
		findRefundAccount(call, settings.refundAccount),
	]);
	report.changed(
		changes.map(
			(c) => c.object ?? ({ Id: c.id, MetaData: { LastUpdatedTime: c.lastUpdated } } as QboJson),
		),
	);
	report.coveredUntil(readFrom);
	const methodById = new Map(methods.map((m) => [String(m.Id), m]));
	const automatedSalesTax = preferences.Preferences?.TaxPrefs?.PartnerTaxEnabled === true;
	const prefs = currencyPrefs(preferences);
	const customers = new Map(byKind('customers').map((c) => [String(c.id), c]));

	for (const kind of Object.values(CREDIT_KINDS)) {
		await syncKind(kind, {
			call,
			settings,
			report,
			docs: byKind(kind.resource),
			changes: changes.filter((c) => c.entity === kind.entity),
			refs,
			appRefs,
			methods,
			methodById,
			automatedSalesTax,
			refundAccount,
			prefs,
			customers,
		});
	}
	const result = report.finish('credit-memos', settings.since);
	result.summary.resource = 'credit-memos and refunds';
	return result;
}

async function findRefundAccount(
	call: QboCall,
	nameOrId: string | undefined,
): Promise<{ id?: string; problem?: string }> {
	if (!nameOrId) return { problem: 'no account to pay refunds from is set' };
	const field = /^\d+$/.test(nameOrId) ? 'Id' : 'Name';
	const [account] = await queryAll(
		call,
		{
			entity: 'Account',
			where: [{ field, operator: '=', value: nameOrId }, ...withInactive('Account')],
		},
		{ limit: 1 },
	);
	if (!account) return { problem: `QuickBooks has no account "${nameOrId}"` };
	if (!['Bank', 'Other Current Asset'].includes(String(account.AccountType)))
		return {
			problem: `account "${String(account.Name)}" is ${String(account.AccountType)}; refunds are paid from a Bank or Other Current Asset account`,
		};
	if (account.Active === false)
		return { problem: `account "${String(account.Name)}" is inactive in QuickBooks` };
	return { id: String(account.Id) };
}

interface KindContext {
	call: QboCall;
	settings: CreditSyncSettings;
	report: TwoWayReport;
	docs: Raw[];
	changes: Change[];
	refs: InvoiceReferences;
	appRefs: AppReferences;
	methods: QboJson[];
	methodById: Map<string, QboJson>;
	automatedSalesTax: boolean;
	refundAccount: { id?: string; problem?: string };
	prefs: CurrencyPrefs;
	customers: Map<string, Raw>;
}

async function syncKind(kind: CreditKind, ctx: KindContext): Promise<void> {
	const { call, settings, report, docs, refs, methods } = ctx;
	const resource = kind.resource;
	const gone = (doc: Raw) => !!doc.deletedAt || doc.status === 'void';
	const fieldsOf = new Map(docs.map((d) => [d, appCreditFields(kind, d, refs)]));
	const appPrint = (doc: Raw) =>
		print(
			gone(doc)
				? { ...comparable(fieldsOf.get(doc)!), gone: true }
				: comparable(fieldsOf.get(doc)!),
		);
	const changedInApp = (doc: Raw) => appPrint(doc) !== storedFingerprint(doc);

	// QuickBooks: what changed there, the linked documents of app changes, and marked documents of unlinked app ones.
	const changedById = new Map(ctx.changes.map((c) => [c.id, c]));
	const toRead = docs
		.filter((d) => linkOf(d) && !changedById.has(linkOf(d)!) && changedInApp(d))
		.map((d) => linkOf(d)!);
	const unlinked = docs.filter((d) => !linkOf(d) && changedInApp(d));
	const customerIds = [
		...new Set(unlinked.map((d) => fieldsOf.get(d)!.customerQboId).filter(Boolean)),
	];
	const writing = docs.filter((d) => !gone(d) && changedInApp(d));
	const [linked, marked, taxCodeOf] = await Promise.all([
		queryByIds(call, kind.entity, toRead),
		customerIds.length
			? queryAll(call, {
					entity: kind.entity,
					where: [
						{ field: 'CustomerRef', operator: 'IN', value: customerIds },
						{
							field: 'TxnDate',
							operator: '>=',
							value: unlinked.map((d) => String(d.date)).sort()[0],
						},
					],
				})
			: Promise.resolve([]),
		readTaxCodes(call, [
			...new Set(writing.map((d) => fieldsOf.get(d)!.customerQboId).filter(Boolean)),
		]),
	]);
	const live = new Map<string, QboJson>([...linked, ...marked].map((q) => [String(q.Id), q]));
	for (const c of ctx.changes) if (c.object) live.set(c.id, c.object);
	const byMarker = new Map(
		[...live.values()]
			.filter((q) => markedCreditId(kind, q))
			.map((q) => [markedCreditId(kind, q)!, q]),
	);
	const docIds = new Set(docs.map((d) => String(d.id)));
	const paired = new Set<string>();

	const writes: Array<[Raw, PlannedAction<unknown>]> = [];
	const deletions: Array<[Raw, Deletion]> = [];
	const describe = (doc: Raw) => `${kind.label} ${String(doc.id)} (${appNumberOf(doc)})`;
	const qboPrintOf = (q: QboJson) => print(comparable(qboCreditFields(kind, q, ctx.methodById)));
	const currencyOf = (doc: Raw, existing?: QboJson) =>
		transactionCurrency(doc, ctx.customers.get(String(doc.customerId)), ctx.prefs, existing);
	const body = (doc: Raw, create: boolean, existing?: QboJson) => ({
		...toQboCredit(kind, fieldsOf.get(doc)!, {
			appId: String(doc.id),
			appNumber: appNumberOf(doc),
			automatedSalesTax: ctx.automatedSalesTax,
			create,
			methods,
			refundAccountId: ctx.refundAccount.id,
			taxCodeId: taxCodeOf(fieldsOf.get(doc)!.customerQboId),
		}),
		...currencyOf(doc, existing).fields,
	});
	const problemsOf = (doc: Raw, existing?: QboJson) => {
		const problems = creditProblems(kind, doc, fieldsOf.get(doc)!, refs, {
			methods,
			refundAccountId: ctx.refundAccount.id,
			refundAccountProblem: ctx.refundAccount.problem,
		});
		const currency = currencyOf(doc, existing).problem;
		return currency ? [...problems, currency] : problems;
	};
	const refused = (doc: Raw, existing?: QboJson): PlannedAction<unknown> | undefined => {
		const qboId = existing ? String(existing.Id) : undefined;
		const problems = problemsOf(doc, existing);
		if (!problems.length) return undefined;
		return {
			kind: 'issue',
			appId: String(doc.id),
			...(qboId ? { qboId } : {}),
			code: 'refused',
			reason: `${describe(doc)} cannot be written to QuickBooks: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
			fix: problems.map((p) => p.fix).join(' '),
		};
	};

	for (const doc of docs) {
		const appId = String(doc.id);
		const link = linkOf(doc);
		const change = link ? changedById.get(link) : undefined;
		const existing = link ? live.get(link) : byMarker.get(appId);
		if (existing) paired.add(String(existing.Id));
		if (link) paired.add(link);
		const mine = appPrint(doc);
		const stored = storedFingerprint(doc);

		if (gone(doc)) {
			if (!existing) {
				if (stored === mine)
					report.action(resource, {
						kind: 'unchanged',
						appId,
						reason: 'deleted or void in the app, and not in QuickBooks',
					});
				else report.seen(resource, appId, mine);
				continue;
			}
			deletions.push([
				doc,
				{
					kind: 'delete',
					appId,
					qboId: String(existing.Id),
					syncToken: String(existing.SyncToken),
					fingerprint: mine,
				},
			]);
			continue;
		}
		if (change?.deleted) {
			if (stored === mine)
				report.remove(
					resource,
					appId,
					Number(doc.version),
					String(link),
					print({ ...comparable(fieldsOf.get(doc)!), gone: true }),
				);
			else
				report.action(resource, {
					kind: 'issue',
					appId,
					qboId: link,
					code: 'deleted_in_quickbooks',
					reason: `${describe(doc)} was deleted in QuickBooks (${kind.entity} ${String(link)}) but edited in the app since the last sync`,
					fix: `If it should stay, clear its link (qboId) in the app: the next run creates it in QuickBooks again. Otherwise delete it in the app.`,
				});
			continue;
		}
		if (!existing) {
			if (link && !changedInApp(doc))
				report.action(resource, {
					kind: 'unchanged',
					appId,
					qboId: link,
					reason: 'unchanged since the last sync',
				});
			else if (link)
				report.action(resource, {
					kind: 'issue',
					appId,
					qboId: link,
					code: 'link_broken',
					reason: `${describe(doc)} is linked to QuickBooks ${kind.entity} ${link}, which does not exist (any more) in this company`,
					fix: 'Check that the credential points at the right QuickBooks company; if it was deleted there, delete it in the app too, or clear its link (qboId) to create it again.',
				});
			else if (!settings.createInQuickBooks)
				report.action(resource, {
					kind: 'unchanged',
					appId,
					reason: `not in QuickBooks, and creating ${kind.label}s there is off`,
				});
			else
				writes.push([
					doc,
					refused(doc) ?? {
						kind: 'createInQuickBooks',
						appId,
						body: body(doc, true),
						requestId: requestIdOf(settings, kind.entity, appId, mine),
						fingerprint: mine,
						fields: fieldsOf.get(doc),
					},
				]);
			continue;
		}
		const qboId = String(existing.Id);
		const theirs = qboPrintOf(existing);
		const decision = decide('twoWay', settings.conflictPolicy, {
			app: mine,
			quickbooks: theirs,
			lastSynced: link ? stored : undefined,
			appUpdatedAt: String(doc.updatedAt ?? ''),
			quickbooksUpdatedAt: String(existing.MetaData?.LastUpdatedTime ?? ''),
		});
		if (decision.action === 'unchanged') {
			const needsLink = !link || decision.relink;
			report.action(
				resource,
				needsLink
					? {
							kind: 'link',
							appId,
							qboId,
							syncToken: String(existing.SyncToken),
							fingerprint: mine,
							...(link ? {} : { matchedBy: 'the app id in its private note' }),
						}
					: { kind: 'unchanged', appId, qboId, reason: 'the same in both systems' },
			);
		} else if (decision.action === 'push') {
			writes.push([
				doc,
				refused(doc, existing) ?? {
					kind: 'updateQuickBooks',
					appId,
					qboId,
					syncToken: String(existing.SyncToken),
					body: body(doc, false, existing),
					requestId: requestIdOf(settings, kind.entity, appId, mine),
					fingerprint: mine,
					deactivate: false,
					...(decision.conflict ? { conflict: decision.conflict } : {}),
				},
			]);
		} else {
			const fields = qboCreditFields(kind, existing, ctx.methodById);
			const { body: appBody, problems } = toAppCredit(kind, existing, fields, ctx.appRefs);
			if (!appBody)
				report.action(resource, {
					kind: 'issue',
					appId,
					qboId,
					code: 'refused',
					reason: `QuickBooks ${kind.entity} ${qboId} changed, but the change cannot be copied to ${describe(doc)}: ${problems.join('; ')}`,
					fix: 'Link the customer and items it names (customer and item templates), or change it in QuickBooks to what the app can hold; the next run copies it.',
				});
			else
				report.action(resource, {
					kind: 'updateApp',
					appId,
					qboId,
					syncToken: String(existing.SyncToken),
					body: appBody,
					fingerprint: theirs,
					...(decision.conflict ? { conflict: decision.conflict } : {}),
				});
		}
	}

	// Made in QuickBooks: created in the app.
	for (const change of ctx.changes) {
		if (paired.has(change.id) || change.deleted || !change.object) continue;
		const q = change.object;
		const markedFor = markedCreditId(kind, q);
		if (markedFor && !docIds.has(markedFor)) {
			report.action(resource, {
				kind: 'unchanged',
				qboId: change.id,
				reason: `written by the sync for app ${kind.label} ${markedFor}, which the app no longer lists`,
			});
			continue;
		}
		const fields = qboCreditFields(kind, q, ctx.methodById);
		const { body: appBody, problems } = toAppCredit(kind, q, fields, ctx.appRefs);
		const label = `QuickBooks ${kind.entity} ${change.id} (${String(q.DocNumber ?? '')}, ${String(q.TotalAmt ?? '')} on ${fields.date})`;
		if (!ctx.appRefs.customer(fields.customerQboId)) {
			// Not the app's: a customer the app does not have. Listed, and it does not hold the cursor.
			report.skip(
				resource,
				change.id,
				`${label} is of customer ${fields.customerQboId}, whom the app does not have`,
			);
		} else if (!settings.createInApp) {
			report.action(resource, {
				kind: 'unchanged',
				qboId: change.id,
				reason: `${label} has no app record, and creating app records is off`,
			});
		} else if (!appBody) {
			report.action(resource, {
				kind: 'issue',
				qboId: change.id,
				code: 'refused',
				reason: `${label} cannot be created in the app: ${problems.join('; ')}`,
				fix: 'Link the items it names (items template), or change it in QuickBooks to what the app can hold; the next run creates it.',
			});
		} else {
			const number = String(q.DocNumber ?? '');
			report.action(resource, {
				kind: 'createInApp',
				qboId: change.id,
				syncToken: String(q.SyncToken),
				body: {
					...appBody,
					...(number && number.length <= 21 ? { number } : {}),
					...appCurrencyOf(q, ctx.prefs),
				},
				fingerprint: qboPrintOf(q),
			});
		}
	}

	// Writes: creates and updates one request each (money documents, see the applier), then deletions.
	const outcomes: Outcome[] = settings.dryRun
		? writes.map(([, a]) => asPlanned(a))
		: await applyToQuickBooks(
				call,
				writes.map(([, a]) => a),
				{ entity: kind.entity, fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
			);
	writes.forEach(([, action], i) =>
		report.applied(resource, outcomes[i], (written) =>
			action.kind === 'createInQuickBooks' && written.DocNumber
				? { qboDocNumber: String(written.DocNumber) }
				: {},
		),
	);
	const deleted = settings.dryRun
		? []
		: await writeBatch(
				call,
				deletions.map(([, d]) => ({
					operation: 'delete' as const,
					entity: kind.entity,
					body: { Id: d.qboId, SyncToken: d.syncToken },
				})),
			);
	deletions.forEach(([doc, d], i) => {
		const action: PlannedAction<unknown> = {
			kind: 'updateQuickBooks',
			appId: d.appId,
			qboId: d.qboId,
			syncToken: d.syncToken,
			body: {},
			requestId: '',
			fingerprint: d.fingerprint,
			deactivate: true,
		};
		const result = deleted[i];
		if (settings.dryRun || result?.ok)
			return report.applied(resource, {
				status: 'written',
				action,
				qbo: { Id: d.qboId, SyncToken: d.syncToken } as QboJson,
			});
		const fault = result ? result.fault : { type: 'NotSent', errors: [] };
		// QuickBooks documents no void for credit memos and refund receipts; deleting is the documented way.
		report.applied(resource, {
			status: 'issue',
			action,
			code: fault.errors[0]?.code || fault.type,
			reason: `${describe(doc)} is ${doc.deletedAt ? 'deleted' : 'void'} in the app, but QuickBooks refused to delete ${kind.entity} ${d.qboId}: ${describeQboFault({ type: fault.type, errors: fault.errors })}`,
			fix: 'Remove what QuickBooks links to it first (a payment applying the credit); the next run deletes it.',
		});
	});
}
