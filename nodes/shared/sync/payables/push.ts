/**
 * Payables app → QuickBooks (Ontraccr): each payable becomes a Bill or an Expense (Purchase) by
 * its type, once (one request each with its requestid; the app id in the private note finds it
 * again if the link is lost). An expense is paid from the payable's purchase account or the
 * default one, which must be a Bank or Credit Card account: a default of another type stops the run
 * before any write. A payable with one line whose project or cost code is not linked writes no part
 * of itself and is reported with the line and what to link. Edits update the QuickBooks document;
 * a payable voided or deleted in the app is deleted there (QuickBooks refuses while bill payments
 * apply: reported). Vendors QuickBooks lacks are linked by name or created first.
 *
 * Input: the payables changed since the cursor and the vendors they name; the app's projects and
 * cost codes come as parameters.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { writeBatch } from '../../qbo/batch';
import { describeQboFault } from '../../qbo/faults';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import { applyToQuickBooks } from '../pipeline/applier';
import { currencyPrefs, transactionCurrency } from '../pipeline/currencies';
import { fingerprint } from '../pipeline/fingerprint';
import { accountsOf } from '../items/mapping';
import {
	anAccountType,
	appPayableFields,
	entityOfPayable,
	markedPayableId,
	PAID_FROM,
	payableProblems,
	qboPayableFields,
	toQboPayable,
	type CostCodesAs,
	type PayableReferences,
	type ProjectsAs,
} from './mapping';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import { asPlanned, PushReport, type PushResult } from '../pipeline/push-report';
import { linkOf, type Raw, storedFingerprint } from '../pipeline/app-record';
import { linkVendors } from '../vendors/link';

export interface PayablePushSettings {
	realmId: string;
	/** The retry of a QuickBooks refusal each record is, when sent again unchanged (planner: requestIdOf). */
	retryRounds?: Readonly<Record<string, number>>;
	defaultPurchaseAccount?: string;
	defaultExpenseAccount?: string;
	projectsAs: ProjectsAs;
	costCodesAs: CostCodesAs;
	createMissingVendors: boolean;
	appProjects: Raw[];
	appCostCodes: Raw[];
	dryRun: boolean;
	now: () => string;
}

/** A settings mistake that would make every write wrong: the run stops before any write. */
export class PayableSettingsError extends Error {}

const isPayable = (raw: Raw) => Array.isArray(raw.lines) && raw.vendorId !== undefined;
type Removal = {
	appId: string;
	qboId: string;
	syncToken: string;
	entity: string;
	fingerprint: string;
};

export async function pushPayables(
	call: QboCall,
	everything: Raw[],
	settings: PayablePushSettings,
): Promise<PushResult> {
	if (settings.projectsAs === 'class' && settings.costCodesAs === 'class')
		throw new PayableSettingsError(
			'Projects and cost codes cannot both be QuickBooks classes: an expense line has one class. Set "Projects As" to sub-customers, or "Cost Codes As" to items.',
		);
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const report = new PushReport(everything, settings);
	const payables = report.valid(received.filter(isPayable), 'payables');
	const finish = () =>
		report.finish('payables', received.filter(isPayable), { deactivatedAs: 'deleted' });
	const candidates = payables.filter((p) => {
		const gone = p.deletedAt || p.status === 'void';
		if (gone && !linkOf(p))
			report.skip('payables', p, 'deleted or void in the app and never in QuickBooks');
		return !(gone && !linkOf(p));
	});

	const [accountRows, preferences] = await Promise.all([
		queryAll(call, { entity: 'Account', where: withInactive('Account') }),
		call({ method: 'GET', path: 'preferences' }),
	]);
	const prefs = currencyPrefs(preferences);
	const accounts = accountsOf(accountRows);
	if (settings.defaultPurchaseAccount) {
		const account = accounts.resolve(settings.defaultPurchaseAccount);
		if (!account)
			throw new PayableSettingsError(
				`"Default Purchase Account" is "${settings.defaultPurchaseAccount}", which QuickBooks does not have. Pick one of its Bank or Credit Card accounts.`,
			);
		if (!PAID_FROM.includes(String(account.AccountType)))
			throw new PayableSettingsError(
				`"Default Purchase Account" is "${String(account.Name)}", ${anAccountType(account.AccountType)} account; expenses are paid from a Bank or Credit Card account. Pick one of those.`,
			);
	}
	if (candidates.length === 0) return finish();

	// Vendors first: a document cannot name a vendor QuickBooks lacks.
	const vendorsById = new Map(received.filter((r) => !isPayable(r)).map((v) => [String(v.id), v]));
	const named = [
		...new Set(
			candidates.filter((p) => !p.deletedAt && p.status !== 'void').map((p) => String(p.vendorId)),
		),
	];
	const vendors = await linkVendors(
		call,
		named.map((id) => vendorsById.get(id)).filter((v): v is Raw => !!v),
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

	const projects = new Map(settings.appProjects.map((p) => [String(p.id), p]));
	const costCodes = new Map(settings.appCostCodes.map((c) => [String(c.id), c]));
	const refs: PayableReferences = {
		vendorQboId: (id) =>
			vendors.links.get(id) ??
			(settings.dryRun && vendorsById.has(id) && !vendorProblem.has(id) ? '(new)' : undefined),
		project: (id) => projects.get(id),
		costCode: (id) => costCodes.get(id),
		accounts,
		projectsAs: settings.projectsAs,
		costCodesAs: settings.costCodesAs,
		defaultExpenseAccount: settings.defaultExpenseAccount,
		defaultPurchaseAccount: settings.defaultPurchaseAccount,
	};

	// QuickBooks: the linked documents, and those carrying the marker of unlinked payables (a lost link).
	const linkedOf = (entity: string) =>
		candidates
			.filter((p) => linkOf(p) && entityOfPayable(p.type) === entity)
			.map((p) => linkOf(p)!);
	const unlinked = candidates.filter((p) => !linkOf(p));
	const since = unlinked.map((p) => String(p.date)).sort()[0];
	const [bills, purchases, markedBills, markedPurchases] = await Promise.all([
		queryByIds(call, 'Bill', linkedOf('Bill')),
		queryByIds(call, 'Purchase', linkedOf('Purchase')),
		since
			? queryAll(call, {
					entity: 'Bill',
					where: [{ field: 'TxnDate', operator: '>=', value: since }],
				})
			: Promise.resolve([]),
		since
			? queryAll(call, {
					entity: 'Purchase',
					where: [{ field: 'TxnDate', operator: '>=', value: since }],
				})
			: Promise.resolve([]),
	]);
	const byId = (entity: string) =>
		new Map(
			(entity === 'Bill' ? [...bills, ...markedBills] : [...purchases, ...markedPurchases]).map(
				(q) => [String(q.Id), q],
			),
		);
	const qbo = { Bill: byId('Bill'), Purchase: byId('Purchase') } as Record<
		string,
		Map<string, QboJson>
	>;
	const byMarker = new Map<string, { entity: string; doc: QboJson }>();
	for (const [entity, docs] of [
		['Bill', markedBills],
		['Purchase', markedPurchases],
	] as const)
		for (const q of docs)
			if (markedPayableId(q)) byMarker.set(markedPayableId(q)!, { entity, doc: q });

	const writes: Record<string, Array<[Raw, PlannedAction<unknown>]>> = { Bill: [], Purchase: [] };
	const removals: Array<[Raw, Removal]> = [];
	for (const payable of candidates) {
		const appId = String(payable.id);
		const entity = entityOfPayable(payable.type);
		const fields = appPayableFields(payable, refs);
		const print = fingerprint(fields as unknown as Record<string, unknown>);
		const link = linkOf(payable);
		const found = link
			? qbo[entity].get(link)
				? { entity, doc: qbo[entity].get(link)! }
				: undefined
			: byMarker.get(appId);
		const describe = `payable ${appId} (${String(payable.number ?? payable.date)})`;
		const issue = (code: string, reason: string, fix: string) =>
			report.issue('payables', payable, code, reason, fix, link);
		if (payable.deletedAt || payable.status === 'void') {
			if (found)
				removals.push([
					payable,
					{
						appId,
						qboId: String(found.doc.Id),
						syncToken: String(found.doc.SyncToken),
						entity: found.entity,
						fingerprint: `gone:${print}`,
					},
				]);
			else
				report.skip(
					'payables',
					payable,
					'deleted or void in the app, and not in QuickBooks (any more)',
				);
			continue;
		}
		if (link && !found) {
			const other = entity === 'Bill' ? 'Purchase' : 'Bill';
			const moved = (await queryByIds(call, other, [link])).length > 0;
			if (moved)
				issue(
					'type_changed',
					`${describe} was synced as a QuickBooks ${other === 'Purchase' ? 'expense' : 'bill'} (${link}) and is now a${payable.type === 'expense' ? 'n expense' : ' bill'} in the app`,
					`QuickBooks cannot turn one into the other. Delete the QuickBooks ${other === 'Purchase' ? 'expense' : 'bill'} ${link} (or change the type back in the app), then clear the payable's link (qboId): the next run creates it as a${payable.type === 'expense' ? 'n expense' : ' bill'}.`,
				);
			else
				issue(
					'link_broken',
					`${describe} is linked to QuickBooks ${entity} ${link}, which does not exist (any more) in this company`,
					'Check that the credential points at the right QuickBooks company; if it was deleted there, clear the link (qboId) in the app and the next run creates it again.',
				);
			continue;
		}
		const vendorIssue = vendorProblem.get(String(payable.vendorId));
		const problems = payableProblems(payable, fields, refs);
		const currency = transactionCurrency(
			payable,
			vendorsById.get(String(payable.vendorId)),
			prefs,
			found?.doc,
		);
		if (currency.problem) problems.push(currency.problem);
		if (vendorIssue)
			problems.unshift({
				field: 'vendorId',
				reason: vendorIssue,
				fix: 'Fix the vendor (see its issue); the payable follows on the next run.',
			});
		else if (!fields.vendorQboId)
			problems.unshift({
				field: 'vendorId',
				reason: `its vendor ${String(payable.vendorId)} is not among the vendors given to the engine`,
				fix: 'Give the engine every vendor the payables name (the template lists them all).',
			});
		if (problems.length) {
			issue(
				'refused',
				`${describe} cannot be written to QuickBooks, and no part of it was: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
				problems.map((p) => p.fix).join(' '),
			);
			continue;
		}
		const body = {
			...toQboPayable(fields, { appId, number: String(payable.number ?? ''), accounts }),
			...currency.fields,
		};
		const requestId = requestIdOf(settings, entity, appId, print);
		if (!found) {
			writes[entity].push([
				payable,
				{ kind: 'createInQuickBooks', appId, body, requestId, fingerprint: print, fields },
			]);
			continue;
		}
		const same =
			fingerprint(
				qboPayableFields(found.doc, fields.type, fields) as unknown as Record<string, unknown>,
			) === print;
		if (same || (link && storedFingerprint(payable) === print)) {
			const needsLink = !link || storedFingerprint(payable) !== print;
			report.outcome('payables', payable, {
				status: 'unchanged',
				action: needsLink
					? {
							kind: 'link',
							appId,
							qboId: String(found.doc.Id),
							syncToken: String(found.doc.SyncToken),
							fingerprint: print,
						}
					: {
							kind: 'unchanged',
							appId,
							qboId: String(found.doc.Id),
							reason: 'the same in both systems',
						},
			});
		} else {
			writes[entity].push([
				payable,
				{
					kind: 'updateQuickBooks',
					appId,
					qboId: String(found.doc.Id),
					syncToken: String(found.doc.SyncToken),
					body,
					requestId,
					fingerprint: print,
					deactivate: false,
				},
			]);
		}
	}

	for (const entity of ['Bill', 'Purchase']) {
		const planned = writes[entity];
		const outcomes = settings.dryRun
			? planned.map(([, a]) => asPlanned(a))
			: await applyToQuickBooks(
					call,
					planned.map(([, a]) => a),
					{ entity, fieldsOf: () => ({}), nameField: 'DocNumber', oneByOne: true },
				);
		planned.forEach(([payable], i) => report.outcome('payables', payable, outcomes[i]));
	}
	const removed = settings.dryRun
		? []
		: await writeBatch(
				call,
				removals.map(([, r]) => ({
					operation: 'delete' as const,
					entity: r.entity,
					body: { Id: r.qboId, SyncToken: r.syncToken },
				})),
			);
	removals.forEach(([payable, r], i) => {
		const action: PlannedAction<unknown> = {
			kind: 'updateQuickBooks',
			appId: r.appId,
			qboId: r.qboId,
			syncToken: r.syncToken,
			body: {},
			requestId: '',
			fingerprint: r.fingerprint,
			deactivate: true,
		};
		const result = removed[i];
		if (settings.dryRun || result?.ok)
			return report.outcome('payables', payable, {
				status: 'written',
				action,
				qbo: { Id: r.qboId, SyncToken: r.syncToken } as QboJson,
			});
		const fault = result ? result.fault : { type: 'NotSent', errors: [] };
		report.outcome('payables', payable, {
			status: 'issue',
			action,
			code: fault.errors[0]?.code || fault.type,
			reason: `payable ${r.appId} is ${payable.deletedAt ? 'deleted' : 'void'} in the app, but QuickBooks refused to delete ${r.entity} ${r.qboId}: ${describeQboFault({ type: fault.type, errors: fault.errors })}`,
			fix: 'Delete or void the bill payments applied to it in QuickBooks first; the next run deletes it.',
		});
	});
	return finish();
}
