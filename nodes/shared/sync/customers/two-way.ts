/**
 * Customers two-way (IndusTrack): an edit on either side reaches the other; when both sides changed
 * since the last sync, the conflict policy picks the winner (most recent edit by default).
 *
 * What changed is told by fingerprints, not by times: an app record changed when its synced fields
 * no longer give the fingerprint stored at the last sync (`sync.fingerprint`); a QuickBooks record
 * is read again when it changed since the cursor. Our own writes coming back (the echo) give the
 * stored fingerprint again and are skipped, so the run after a busy run writes nothing.
 *
 * QuickBooks reads: the customers changed since the cursor and the linked ones of changed app
 * records (`Id IN`); every customer only while an app record has no link yet (matching by e-mail
 * and name needs them all). Locations follow their customers as sub-customers, as in the one-way
 * syncs.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import type { QueryCondition } from '../../qbo/query';
import { applyToQuickBooks, type Outcome } from '../pipeline/applier';
import type { ConflictPolicy } from '../pipeline/decide';
import { readCustomerReferences, type NamedRef } from './references';
import { currencyPrefs, guardPartyCurrency, partyCurrencyForApp } from '../pipeline/currencies';
import {
	appCustomerFields,
	appLocationFields,
	customerAdapter,
	qboCustomerFields,
	toAppLocation,
	type CustomerFields,
} from './mapping';
import { fingerprint } from '../pipeline/fingerprint';
import { plan, type EntityAdapter, type PlannedAction, type QboSide } from '../pipeline/planner';
import type { PullResult } from '../pipeline/pull-report';
import { asPlanned } from '../pipeline/push-report';
import {
	appSide,
	invalidRecords,
	linkOf,
	type Raw,
	storedFingerprint,
} from '../pipeline/app-record';
import { TwoWayReport } from '../pipeline/two-way-report';

export interface CustomerTwoWaySettings {
	realmId: string;
	/** QuickBooks customers changed at or after this time are read (the cursor); empty: all. */
	since?: string;
	conflictPolicy: ConflictPolicy;
	matchBy: 'emailThenName' | 'email' | 'name';
	/** App customers that match no QuickBooks customer are created there. */
	createInQuickBooks: boolean;
	/** QuickBooks customers that match no app customer are created in the app. */
	createInApp: boolean;
	dryRun: boolean;
	appTerms: NamedRef[];
	appTaxRates: NamedRef[];
	now: () => string;
}

const isActive = (r: Raw) => r.active !== false && !r.deletedAt;

/**
 * Whether an app record needs this run: its fields changed since the last sync, or it has no link
 * yet (an active record is matched or created; an inactive one only once, then remembered).
 */
function changedInApp(record: Raw, fields: CustomerFields): boolean {
	if (!linkOf(record) && isActive(record)) return true;
	return fingerprint(fields as unknown as Record<string, unknown>) !== storedFingerprint(record);
}

export async function twoWayCustomers(
	call: QboCall,
	everything: Raw[],
	settings: CustomerTwoWaySettings,
): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const resourceOf = (raw: Raw) =>
		(raw.customerId === undefined ? 'customers' : 'locations') as 'customers' | 'locations';
	const invalid = invalidRecords(received, resourceOf);
	const app = received.filter((r) => !invalid.has(r));
	const report = new TwoWayReport(app, settings.now, settings.dryRun);
	for (const [raw, problem] of invalid) report.invalid(resourceOf(raw), raw, problem);

	const [refs, preferences] = await Promise.all([
		readCustomerReferences(call, settings),
		call({ method: 'GET', path: 'preferences' }),
	]);
	const prefs = currencyPrefs(preferences);
	const appById = new Map(app.map((r) => [String(r.id), r]));
	const appCustomers = app.filter((r) => r.customerId === undefined);
	const appLocations = app.filter((r) => r.customerId !== undefined);
	const customerFields = (r: Raw) => appCustomerFields(r, refs.appNames);
	const parentLink = (l: Raw) => linkOf(appById.get(String(l.customerId)) ?? {});
	const changedApp = new Set([
		...appCustomers.filter((r) => changedInApp(r, customerFields(r))),
		...appLocations.filter((l) => changedInApp(l, appLocationFields(l, parentLink(l)))),
	]);

	// QuickBooks: what changed there, what the changed app records are linked to, or everything while matching.
	const where: QueryCondition[] = withInactive('Customer');
	if (settings.since)
		where.push({ field: 'MetaData.LastUpdatedTime', operator: '>=', value: settings.since });
	const changedQbo = await queryAll(call, {
		entity: 'Customer',
		where,
		orderBy: { field: 'MetaData.LastUpdatedTime' },
	});
	const matching = [...changedApp].some((r) => !linkOf(r) && isActive(r));
	let known = changedQbo;
	if (settings.since && matching)
		known = await queryAll(call, { entity: 'Customer', where: withInactive('Customer') });
	else if (settings.since) {
		const have = new Set(changedQbo.map((q) => String(q.Id)));
		known = [
			...changedQbo,
			...(await queryByIds(
				call,
				'Customer',
				[...changedApp].map(linkOf).filter((id): id is string => !!id && !have.has(id)),
			)),
		];
	}
	report.changed(changedQbo);
	const changedIds = new Set(changedQbo.map((q) => String(q.Id)));
	const knownIds = new Set(known.map((q) => String(q.Id)));
	// Every app record linked to a QuickBooks record read takes part: its pair is then decided, never created twice.
	const taking = (records: Raw[]) =>
		records.filter((r) => changedApp.has(r) || knownIds.has(linkOf(r) ?? ''));
	const qboFieldsOf = (q: QboJson) => qboCustomerFields(q, refs.qboNames);
	const toSide = (q: QboJson): QboSide<CustomerFields> => ({
		id: String(q.Id),
		syncToken: String(q.SyncToken),
		fields: qboFieldsOf(q),
		updatedAt: String(q.MetaData?.LastUpdatedTime ?? ''),
	});
	const options = {
		realmId: settings.realmId,
		direction: 'twoWay' as const,
		conflictPolicy: settings.conflictPolicy,
		createInQuickBooks: settings.createInQuickBooks,
		createInApp: settings.createInApp,
	};
	const matchBy =
		settings.matchBy === 'emailThenName'
			? (['email', 'name'] as const)
			: ([settings.matchBy] as const);

	// Customers.
	const customers = taking(appCustomers);
	// Currencies: a customer's is fixed once set in QuickBooks (another one in the app is an issue); one new from QuickBooks keeps its own.
	const knownById = new Map(known.map((q) => [String(q.Id), q]));
	const currencies = (
		action: PlannedAction<CustomerFields>,
		record?: Raw,
	): PlannedAction<CustomerFields> => {
		if (record)
			return guardPartyCurrency(
				action,
				record,
				knownById,
				prefs,
				`customer ${String(record.id)} (${String(record.name)})`,
			);
		return action.kind === 'createInApp'
			? {
					...action,
					body: { ...action.body, ...partyCurrencyForApp(knownById.get(action.qboId), prefs) },
				}
			: action;
	};
	const customerActions = await carryOut(
		call,
		report,
		'customers',
		customerAdapter({ matchBy: [...matchBy], qboIds: refs.qboIds, appIds: refs.appIds }),
		customers,
		customerFields,
		known.filter((q) => !q.ParentRef).map(toSide),
		{ options, changedIds, dryRun: settings.dryRun, qboFieldsOf, currencies },
	);

	// Locations: under the QuickBooks id their customer has after the step above, and QuickBooks
	// sub-customers under the app customer linked to their parent.
	const parentQboId = new Map(appCustomers.filter(linkOf).map((c) => [String(c.id), linkOf(c)!]));
	const appCustomerByQbo = new Map(
		appCustomers.filter(linkOf).map((c) => [linkOf(c)!, String(c.id)]),
	);
	for (const { action, qboId } of customerActions) {
		if (!qboId || !('appId' in action) || !action.appId) continue;
		parentQboId.set(action.appId, qboId);
		appCustomerByQbo.set(qboId, action.appId);
	}
	const locations = taking(appLocations);
	const placeable = locations.filter((l) => parentQboId.has(String(l.customerId)));
	for (const l of locations.filter(
		(x) => !parentQboId.has(String(x.customerId)) && changedApp.has(x),
	)) {
		report.action('locations', {
			kind: 'issue',
			appId: String(l.id),
			code: 'parent_not_linked',
			reason: `location ${String(l.id)} (${String(l.name)}): its customer ${String(l.customerId)} is not in QuickBooks yet`,
			fix: `Resolve the issue of customer ${String(l.customerId)} (or make it active); the location follows on the next run.`,
		});
	}
	const subs = known.filter((q) => q.ParentRef);
	for (const q of subs.filter(
		(s) => !appCustomerByQbo.has(String(s.ParentRef.value)) && changedIds.has(String(s.Id)),
	)) {
		report.action('locations', {
			kind: 'issue',
			qboId: String(q.Id),
			code: 'parent_not_in_app',
			reason: `QuickBooks sub-customer ${String(q.Id)} (${String(q.DisplayName)}): its parent customer ${String(q.ParentRef.value)} is not linked to an app customer yet`,
			fix: 'The parent is created in the app by this run or the next; the location follows on the run after.',
		});
	}
	const locationAdapter: EntityAdapter<CustomerFields> = {
		...customerAdapter({ matchBy: ['name'], qboIds: refs.qboIds, appIds: refs.appIds }),
		toApp: (f) => toAppLocation(f, appCustomerByQbo.get(String(f.parentQboId)) ?? ''),
	};
	const placedSubs = subs.filter((q) => appCustomerByQbo.has(String(q.ParentRef.value)));
	await carryOut(
		call,
		report,
		'locations',
		locationAdapter,
		placeable,
		(l) => appLocationFields(l, parentQboId.get(String(l.customerId))),
		placedSubs.map(toSide),
		{ options, changedIds, dryRun: settings.dryRun, qboFieldsOf },
	);

	return report.finish('customers', settings.since);
}

/** Plans one level (customers or locations), writes QuickBooks' side, and reports every action; returns each action with the QuickBooks id its app record has now. */
async function carryOut(
	call: QboCall,
	report: TwoWayReport,
	resource: 'customers' | 'locations',
	adapter: EntityAdapter<CustomerFields>,
	records: Raw[],
	fieldsOf: (r: Raw) => CustomerFields,
	targets: Array<QboSide<CustomerFields>>,
	run: {
		options: Parameters<typeof plan>[3];
		changedIds: Set<string>;
		dryRun: boolean;
		qboFieldsOf: (q: QboJson) => CustomerFields;
		currencies?: (
			action: PlannedAction<CustomerFields>,
			record?: Raw,
		) => PlannedAction<CustomerFields>;
	},
): Promise<Array<{ action: PlannedAction<CustomerFields>; qboId?: string }>> {
	const sides = records.map((r) => appSide(r, fieldsOf(r)));
	// A QuickBooks record is created in the app only when it changed since the cursor (one read for matching is not a change).
	// The plan has one action per app record first, in their order, then those of QuickBooks records.
	const actions = plan(adapter, sides, targets, run.options)
		.map((a, i) => (run.currencies ? run.currencies(a, records[i]) : a))
		.filter((a) => a.kind !== 'createInApp' || run.changedIds.has(a.qboId));
	const toQuickBooks: Array<PlannedAction<CustomerFields>> = actions.filter(
		(a) => a.kind === 'createInQuickBooks' || a.kind === 'updateQuickBooks',
	);
	const outcomes = run.dryRun
		? toQuickBooks.map(asPlanned)
		: await applyToQuickBooks(call, toQuickBooks, {
				entity: 'Customer',
				fieldsOf: run.qboFieldsOf,
				nameField: 'DisplayName',
			});
	const written = new Map<PlannedAction<CustomerFields>, Outcome>(
		toQuickBooks.map((a, i) => [a, outcomes[i]]),
	);
	const printOf = new Map(
		sides.map((s) => [s.id, fingerprint(s.fields as unknown as Record<string, unknown>)]),
	);
	return actions.map((action) => {
		const outcome = written.get(action);
		if (outcome) {
			report.applied(resource, outcome);
			// A dry run's new customer is "(new)": its locations are planned under it, nothing is sent.
			return {
				action,
				qboId:
					outcome.status === 'written'
						? String(outcome.qbo.Id)
						: 'qboId' in action
							? action.qboId
							: undefined,
			};
		}
		if (action.kind === 'unchanged' && action.appId && !action.qboId) {
			const record = records.find((r) => String(r.id) === action.appId);
			// Never in QuickBooks and staying out (inactive): remembered once, not read for again.
			if (record && !linkOf(record) && storedFingerprint(record) !== printOf.get(action.appId))
				report.seen(resource, action.appId, printOf.get(action.appId)!);
			else report.action(resource, action);
			return { action };
		}
		report.action(resource, action);
		return { action, qboId: 'qboId' in action ? action.qboId : undefined };
	});
}
