/**
 * Customers app → QuickBooks (the app is master): reads QuickBooks' customers, terms and tax codes,
 * plans customers, carries the plan out, then does the same for service locations under the QBO ids
 * their customers have now. Returns one outcome per input record: the app writes that store links
 * and fingerprints (or the error users should see), the issues, and a summary.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { appReferenceNames, readCustomerReferences, type NamedRef } from './references';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import { applyToQuickBooks } from '../pipeline/applier';
import { currencyPrefs, guardPartyCurrency, type CurrencyPrefs } from '../pipeline/currencies';
import {
	appCustomerFields,
	appLocationFields,
	customerAdapter,
	qboCustomerFields,
	type CustomerFields,
	type IdLookups,
} from './mapping';
import { plan, problemsIssue, type PlannedAction, type QboSide } from '../pipeline/planner';
import { PushReport, asPlanned, type PushResult } from '../pipeline/push-report';
import {
	appSide as side,
	invalidRecords,
	linkOf,
	unchangedSinceLastSync,
	type Raw,
} from '../pipeline/app-record';

export type { AppWrite, PushResult, SyncIssue } from '../pipeline/push-report';

export type { NamedRef } from './references';

export interface CustomerPushSettings {
	realmId: string;
	/** The retry of a QuickBooks refusal each record is, when sent again unchanged (planner: requestIdOf). */
	retryRounds?: Readonly<Record<string, number>>;
	matchBy: 'emailThenName' | 'email' | 'name';
	requireEmail: boolean;
	createMissing: boolean;
	dryRun: boolean;
	appTerms: NamedRef[];
	appTaxRates: NamedRef[];
	now: () => string;
	/** The company's currency settings when already known (they never go back; see currencies.ts): spares a read. */
	currency?: CurrencyPrefs;
}

/**
 * The QuickBooks customers this run needs. When every input record is linked, only those are read
 * (`Id IN`, 100 a query), so an incremental run costs calls in proportion to its changes. A record
 * without a link needs every customer: it is matched by e-mail and name as QuickBooks compares them
 * (case and spaces do not count), and whether QBO's own `=` / `IN` on those fields ignores case is
 * not confirmed, so a narrower query could miss a match and create a duplicate.
 */
async function readCustomers(call: QboCall, input: Raw[]): Promise<QboJson[]> {
	if (input.some((r) => typeof r.qboId !== 'string' || r.qboId === ''))
		return await queryAll(call, { entity: 'Customer', where: withInactive('Customer') });
	return await queryByIds(
		call,
		'Customer',
		input.map((r) => String(r.qboId)),
	);
}

export async function pushCustomers(
	call: QboCall,
	everything: Raw[],
	settings: CustomerPushSettings,
): Promise<PushResult> {
	// n8n's "always output data" placeholder is an empty item: not a record.
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received, (raw) =>
		raw.customerId === undefined ? 'customers' : 'locations',
	);
	const refusedEarly = refusedBeforeReading(
		received.filter((raw) => !invalid.has(raw)),
		settings,
	);
	const candidates = received.filter((raw) => !invalid.has(raw) && !refusedEarly.has(raw));
	// Only when every record is linked: an unlinked one is matched against QuickBooks knowing which
	// customers the linked ones hold (a customer already matched is never matched twice).
	const everyLinked = candidates.every((r) => linkOf(r));
	const knownUnchanged = everyLinked
		? candidates.filter(
				(r) =>
					r.customerId === undefined &&
					unchangedSinceLastSync(r, appCustomerFields(r, appReferenceNames(settings))),
			)
		: [];
	const input = candidates.filter((r) => !knownUnchanged.includes(r));
	// Nothing changed in the app (or only records the contract refuses): no QuickBooks call at all.
	if (input.length === 0) {
		const report = new PushReport(everything, settings).unchanged(knownUnchanged.length);
		for (const [raw, problem] of invalid)
			report.invalid(raw, raw.customerId === undefined ? 'customers' : 'locations', problem);
		for (const [raw, action] of refusedEarly) report.outcome('customers', raw, asPlanned(action));
		return report.finish('customers', received);
	}
	const [qboCustomers, { qboNames, appNames, qboIds, appIds }, preferences] = await Promise.all([
		readCustomers(call, input),
		readCustomerReferences(call, settings),
		settings.currency ? Promise.resolve({}) : call({ method: 'GET', path: 'preferences' }),
	]);
	const prefs = settings.currency ?? currencyPrefs(preferences);
	const qboById = new Map(qboCustomers.map((q) => [String(q.Id), q]));
	const toSide = (q: QboJson): QboSide<CustomerFields> => ({
		id: String(q.Id),
		syncToken: String(q.SyncToken),
		fields: qboCustomerFields(q, qboNames),
		updatedAt: String(q.MetaData?.LastUpdatedTime ?? ''),
	});
	const fieldsOf = (q: QboJson) => qboCustomerFields(q, qboNames);
	const options = {
		realmId: settings.realmId,
		retryRounds: settings.retryRounds,
		direction: 'push' as const,
		conflictPolicy: 'app' as const,
		createInQuickBooks: settings.createMissing,
		createInApp: false,
	};

	const customers = input.filter((r) => r.customerId === undefined);
	const locations = input.filter((r) => r.customerId !== undefined);
	const matchBy =
		settings.matchBy === 'emailThenName'
			? (['email', 'name'] as const)
			: ([settings.matchBy] as const);
	// A customer's currency is fixed once set in QuickBooks: another one in the app is an issue, never a write.
	const customerPlan = plan(
		customerAdapter({
			matchBy: [...matchBy],
			requireFirstKey: settings.requireEmail,
			qboIds,
			appIds,
		}),
		customers.map((c) => side(c, appCustomerFields(c, appNames))),
		qboCustomers.filter((q) => !q.ParentRef).map(toSide),
		options,
	).map((action, i) =>
		i < customers.length
			? guardPartyCurrency(
					action,
					customers[i],
					qboById,
					prefs,
					`customer ${String(customers[i].id)} (${String(customers[i].name)})`,
				)
			: action,
	);
	const customerOutcomes = settings.dryRun
		? customerPlan.map(asPlanned)
		: await applyToQuickBooks(call, customerPlan, {
				entity: 'Customer',
				fieldsOf,
				nameField: 'DisplayName',
			});

	// Locations hang under the QBO id their customer has after the step above.
	const parentQboId = new Map<string, string>(
		knownUnchanged.map((c) => [String(c.id), linkOf(c)!]),
	);
	customers.forEach((c, i) => {
		const outcome = customerOutcomes[i];
		const qboId =
			outcome.status === 'written'
				? String(outcome.qbo.Id)
				: 'qboId' in outcome.action
					? outcome.action.qboId
					: (c.qboId as string | undefined);
		if (qboId) parentQboId.set(String(c.id), qboId);
	});
	for (const l of locations) {
		if (parentQboId.has(String(l.customerId))) continue;
		if (typeof l.customerQboId === 'string') parentQboId.set(String(l.customerId), l.customerQboId);
		// A linked location changed alone: it stays under the QuickBooks parent it has (a location
		// moved to another customer needs that customer in the same run, or customerQboId).
		else if (typeof l.qboId === 'string' && qboById.get(l.qboId)?.ParentRef?.value)
			parentQboId.set(String(l.customerId), String(qboById.get(l.qboId)!.ParentRef.value));
	}
	const placeable = locations.filter((l) => parentQboId.has(String(l.customerId)));
	const orphans = locations.filter((l) => !parentQboId.has(String(l.customerId)));
	const locationPlan = plan(
		customerAdapter({ matchBy: ['name'], qboIds, appIds }),
		placeable.map((l) => side(l, appLocationFields(l, parentQboId.get(String(l.customerId))))),
		qboCustomers.filter((q) => q.ParentRef).map(toSide),
		options,
	);
	const locationOutcomes = settings.dryRun
		? locationPlan.map(asPlanned)
		: await applyToQuickBooks(call, locationPlan, {
				entity: 'Customer',
				fieldsOf,
				nameField: 'DisplayName',
			});

	const report = new PushReport(everything, settings).unchanged(knownUnchanged.length);
	for (const [raw, problem] of invalid)
		report.invalid(raw, raw.customerId === undefined ? 'customers' : 'locations', problem);
	for (const [raw, action] of refusedEarly) report.outcome('customers', raw, asPlanned(action));
	customers.forEach((c, i) => report.outcome('customers', c, customerOutcomes[i]));
	placeable.forEach((l, i) => report.outcome('locations', l, locationOutcomes[i]));
	for (const l of orphans) {
		report.issue(
			'locations',
			l,
			'parent_not_linked',
			`location ${String(l.id)} (${String(l.name)}): its customer ${String(l.customerId)} is not in QuickBooks yet and not in this run`,
			`Sync customer ${String(l.customerId)} first (it is sent with the next run of its changes), or include it in this run; the location follows.`,
		);
	}
	return report.finish('customers', received);
}

/** Reference names (terms, tax codes) are checked once QuickBooks' lists are read, not here. */
const NO_REFERENCE_CHECK: IdLookups = { termId: () => 'unchecked', taxCodeId: () => 'unchecked' };

/**
 * Unlinked, active customers whose own fields QuickBooks would refuse (a name with a leading or
 * trailing space, a colon, a bad e-mail, a field too long): an issue before any read. Matching one
 * costs metered reads, it can only end as this issue, and its issue is looked at on every run.
 */
function refusedBeforeReading(
	records: Raw[],
	settings: CustomerPushSettings,
): Map<Raw, PlannedAction<CustomerFields>> {
	const adapter = customerAdapter({
		matchBy: ['name'],
		qboIds: NO_REFERENCE_CHECK,
		appIds: NO_REFERENCE_CHECK,
	});
	const refused = new Map<Raw, PlannedAction<CustomerFields>>();
	for (const raw of records) {
		if (raw.customerId !== undefined || linkOf(raw)) continue;
		const record = side(raw, appCustomerFields(raw, appReferenceNames(settings)));
		if (!adapter.isActive(record.fields)) continue;
		const problems = adapter.problems(record.fields);
		if (problems.length) refused.set(raw, problemsIssue(adapter, record, problems));
	}
	return refused;
}
