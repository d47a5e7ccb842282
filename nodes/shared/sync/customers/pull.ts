/**
 * Customers QuickBooks → app (QuickBooks is master, IndusTrack): QBO customers changed since the
 * cursor are matched to the app's records (all of them are given: a link lives on the app record),
 * then created or updated in the app; sub-customers become service locations of the app customer
 * linked to their parent; inactive ones stay inactive. App edits never go back. The app writes come
 * out in order: `POST` (with the link to write once the app has given the new record its id),
 * `PATCH` with the record's version, and `PUT …/sync` with the link and fingerprint.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, withInactive } from '../../qbo/paging';
import type { QueryCondition } from '../../qbo/query';
import {
	appCustomerFields,
	appLocationFields,
	customerAdapter,
	qboCustomerFields,
	toAppLocation,
	type CustomerFields,
} from './mapping';
import { readCustomerReferences, type NamedRef } from './references';
import { plan, type QboSide } from '../pipeline/planner';
import { appSide, invalidRecords, type Raw } from '../pipeline/app-record';
import { currencyPrefs, partyCurrencyForApp } from '../pipeline/currencies';
import { PullReport, type PullResult } from '../pipeline/pull-report';

export interface CustomerPullSettings {
	realmId: string;
	/** Only QBO customers changed at or after this time (the cursor); empty: all. */
	since?: string;
	createInApp: boolean;
	appTerms: NamedRef[];
	appTaxRates: NamedRef[];
	/** Terms (by name) for a customer that has none in QuickBooks. */
	defaultTerms?: string;
	now: () => string;
}

export type { AppChange, PullIssue, PullResult } from '../pipeline/pull-report';

export async function pullCustomers(
	call: QboCall,
	everything: Raw[],
	settings: CustomerPullSettings,
): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const resourceOf = (raw: Raw) =>
		(raw.customerId === undefined ? 'customers' : 'locations') as 'customers' | 'locations';
	const invalid = invalidRecords(received, resourceOf);
	const app = received.filter((r) => !invalid.has(r));
	const where: QueryCondition[] = withInactive('Customer');
	if (settings.since)
		where.push({ field: 'MetaData.LastUpdatedTime', operator: '>=', value: settings.since });
	const [changed, { qboNames, appNames, qboIds, appIds }, preferences] = await Promise.all([
		queryAll(call, { entity: 'Customer', where, orderBy: { field: 'MetaData.LastUpdatedTime' } }),
		readCustomerReferences(call, settings, { alwaysTerms: true }),
		call({ method: 'GET', path: 'preferences' }),
	]);
	const prefs = currencyPrefs(preferences);
	const qboById = new Map(changed.map((q) => [String(q.Id), q]));
	const withDefaults = (fields: CustomerFields): CustomerFields =>
		!fields.parentQboId && !fields.terms && settings.defaultTerms
			? { ...fields, terms: settings.defaultTerms }
			: fields;
	const toSide = (q: QboJson): QboSide<CustomerFields> => ({
		id: String(q.Id),
		syncToken: String(q.SyncToken),
		fields: withDefaults(qboCustomerFields(q, qboNames)),
		updatedAt: String(q.MetaData?.LastUpdatedTime ?? ''),
	});
	const options = {
		realmId: settings.realmId,
		direction: 'pull' as const,
		conflictPolicy: 'quickbooks' as const,
		createInQuickBooks: false,
		createInApp: settings.createInApp,
	};

	const report = new PullReport(app, settings.now);
	for (const [raw, problem] of invalid) report.invalid(resourceOf(raw), raw, problem);
	const appById = new Map(app.map((r) => [String(r.id), r]));
	// Only the changed QBO customers are targets: app records without one of them stay as they are.
	const appCustomers = app.filter((r) => r.customerId === undefined);
	const relevant = (records: Raw[], qboIds: Set<string>) =>
		records.filter((r) => typeof r.qboId !== 'string' || qboIds.has(r.qboId));
	const parents = changed.filter((q) => !q.ParentRef);
	const parentPlan = plan(
		customerAdapter({ matchBy: ['email', 'name'], qboIds, appIds }),
		relevant(appCustomers, new Set(parents.map((q) => String(q.Id)))).map((r) =>
			appSide(r, appCustomerFields(r, appNames)),
		),
		parents.map(toSide),
		options,
	);
	report.changed(changed);
	for (const action of parentPlan) {
		// A customer in a foreign currency is created in the app in that currency (fixed in QuickBooks once set).
		if (action.kind === 'createInApp')
			report.action('customers', {
				...action,
				body: { ...action.body, ...partyCurrencyForApp(qboById.get(action.qboId), prefs) },
			});
		else if (action.kind !== 'unchanged' || action.qboId) report.action('customers', action);
	}

	// Sub-customers: under the app customer linked to their QBO parent.
	const appCustomerByQbo = new Map(
		appCustomers
			.filter((c) => typeof c.qboId === 'string')
			.map((c) => [String(c.qboId), String(c.id)]),
	);
	const subs = changed.filter((q) => q.ParentRef);
	const placeable = subs.filter((q) => appCustomerByQbo.has(String(q.ParentRef.value)));
	// A parent this run creates or links in the app has no app id yet: its sub-customers follow on the next run.
	const parentsArriving = new Set(
		parentPlan
			.filter((a) => a.kind === 'createInApp' || a.kind === 'link')
			.map((a) => ('qboId' in a ? String(a.qboId) : '')),
	);
	for (const q of subs.filter((s) => !appCustomerByQbo.has(String(s.ParentRef.value)))) {
		if (parentsArriving.has(String(q.ParentRef.value))) {
			report.wait(
				'locations',
				String(q.Id),
				`QuickBooks sub-customer ${String(q.Id)} (${String(q.DisplayName)}) becomes a service location on the next run: this run brings its parent customer ${String(q.ParentRef.value)} into the app`,
			);
			continue;
		}
		report.action('locations', {
			kind: 'issue',
			qboId: String(q.Id),
			code: 'parent_not_in_app',
			reason: `QuickBooks sub-customer ${String(q.Id)} (${String(q.DisplayName)}): its parent customer ${String(q.ParentRef.value)} is not linked to an app customer yet`,
			fix: 'Resolve the issue of its parent customer (listed with the customers), or turn on creating missing app records; the location follows on the run after.',
		});
	}
	const locationAdapter = {
		...customerAdapter({ matchBy: ['name'], qboIds, appIds }),
		toApp: (f: CustomerFields) =>
			toAppLocation(f, appCustomerByQbo.get(String(f.parentQboId)) ?? ''),
	};
	const appLocations = app.filter((r) => r.customerId !== undefined);
	const locationSides = relevant(appLocations, new Set(placeable.map((q) => String(q.Id)))).map(
		(l) => {
			const parent = appById.get(String(l.customerId));
			return appSide(
				l,
				appLocationFields(l, typeof parent?.qboId === 'string' ? parent.qboId : undefined),
			);
		},
	);
	for (const action of plan(locationAdapter, locationSides, placeable.map(toSide), options))
		if (action.kind !== 'unchanged' || action.qboId) report.action('locations', action);

	return report.finish('customers', settings.since);
}
