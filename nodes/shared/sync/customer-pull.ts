/**
 * Customers QuickBooks → app (QuickBooks is master, IndusTrack): QBO customers changed since the
 * cursor are matched to the app's records (all of them are given: a link lives on the app record),
 * then created or updated in the app; sub-customers become service locations of the app customer
 * linked to their parent; inactive ones stay inactive. App edits never go back. The app writes come
 * out in order: `POST` (with the link to write once the app has given the new record its id),
 * `PATCH` with the record's version, and `PUT …/sync` with the link and fingerprint.
 */
import type { QboCall, QboJson } from '../qbo/caller';
import { queryAll } from '../qbo/paging';
import type { QueryCondition } from '../qbo/query';
import { appCustomerFields, appLocationFields, customerAdapter, qboCustomerFields, toAppLocation, type CustomerFields } from './customers';
import type { NamedRef } from './customer-push';
import { plan, type PlannedAction, type QboSide } from './planner';
import { appSide, invalidRecords, type Raw } from './push-report';

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

export interface AppChange {
	method: 'POST' | 'PATCH' | 'PUT';
	path: string;
	resource: 'customers' | 'locations';
	appId?: string;
	qboId: string;
	body: Record<string, unknown>;
	/** For a POST: the `PUT /v1/{resource}/{new id}/sync` body to write once the app answered with the id. */
	link?: Record<string, unknown>;
}

export interface PullIssue {
	resource: 'customers' | 'locations';
	appId?: string;
	qboId?: string;
	code: string;
	reason: string;
	fix: string;
}

export interface PullResult {
	appChanges: AppChange[];
	issues: PullIssue[];
	summary: Record<string, unknown>;
}

const lookup = (refs: NamedRef[]) => ({ name: (id: string) => refs.find((r) => r.id === id)?.name, id: (name: string) => refs.find((r) => r.name === name)?.id });

export async function pullCustomers(call: QboCall, everything: Raw[], settings: CustomerPullSettings): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const resourceOf = (raw: Raw) => (raw.customerId === undefined ? 'customers' : 'locations') as 'customers' | 'locations';
	const invalid = invalidRecords(received, resourceOf);
	const app = received.filter((r) => !invalid.has(r));
	const where: QueryCondition[] = [{ field: 'Active', operator: 'IN', value: [true, false] }];
	if (settings.since) where.push({ field: 'MetaData.LastUpdatedTime', operator: '>=', value: settings.since });
	const [changed, qboTerms, qboTaxCodes] = await Promise.all([
		queryAll(call, { entity: 'Customer', where, orderBy: { field: 'MetaData.LastUpdatedTime' } }),
		queryAll(call, { entity: 'Term', where: [{ field: 'Active', operator: 'IN', value: [true, false] }] }),
		settings.appTaxRates.length ? queryAll(call, { entity: 'TaxCode' }) : Promise.resolve([]),
	]);
	const appTerms = lookup(settings.appTerms);
	const appTax = lookup(settings.appTaxRates);
	const qTerms = lookup(qboTerms.map((t) => ({ id: String(t.Id), name: String(t.Name) })));
	const qTax = lookup(qboTaxCodes.map((t) => ({ id: String(t.Id), name: String(t.Name) })));
	const qboNames = { termName: qTerms.name, taxCodeName: settings.appTaxRates.length ? qTax.name : () => undefined };
	const appNames = { termName: appTerms.name, taxCodeName: appTax.name };
	const appIds = { termId: appTerms.id, taxCodeId: appTax.id };
	const qboIds = { termId: qTerms.id, taxCodeId: qTax.id };
	const withDefaults = (fields: CustomerFields): CustomerFields => (!fields.parentQboId && !fields.terms && settings.defaultTerms ? { ...fields, terms: settings.defaultTerms } : fields);
	const toSide = (q: QboJson): QboSide<CustomerFields> => ({ id: String(q.Id), syncToken: String(q.SyncToken), fields: withDefaults(qboCustomerFields(q, qboNames)), updatedAt: String(q.MetaData?.LastUpdatedTime ?? '') });
	const options = { realmId: settings.realmId, direction: 'pull' as const, conflictPolicy: 'quickbooks' as const, createInQuickBooks: false, createInApp: settings.createInApp };

	const result: PullResult = { appChanges: [], issues: [], summary: {} };
	const counts = { created: 0, updated: 0, linked: 0, unchanged: 0, issues: 0 };
	for (const [raw, problem] of invalid) {
		counts.issues++;
		result.issues.push({ resource: resourceOf(raw), ...(typeof raw.id === 'string' ? { appId: raw.id } : {}), code: 'invalid_record', reason: `an input item is not a valid app ${resourceOf(raw)} record: ${problem}`, fix: "Map the app's fields onto the app contract before the engine." });
	}
	const blockedAt: string[] = [];
	const appById = new Map(app.map((r) => [String(r.id), r]));
	const record = (resource: 'customers' | 'locations', action: PlannedAction<CustomerFields>, updatedAt: (qboId: string) => string) => {
		const link = (qboId: string, syncToken: string, fingerprint: string) => ({ qboId, qboSyncToken: syncToken, fingerprint, syncedAt: settings.now(), syncError: null });
		if (action.kind === 'issue') {
			counts.issues++;
			result.issues.push({ resource, ...(action.appId ? { appId: action.appId } : {}), ...(action.qboId ? { qboId: action.qboId } : {}), code: action.code, reason: action.reason, fix: action.fix });
			for (const id of action.candidates ?? (action.qboId ? [action.qboId] : [])) blockedAt.push(updatedAt(id));
		} else if (action.kind === 'createInApp') {
			counts.created++;
			result.appChanges.push({ method: 'POST', path: `/v1/${resource}`, resource, qboId: action.qboId, body: action.body, link: link(action.qboId, action.syncToken, action.fingerprint) });
		} else if (action.kind === 'updateApp') {
			counts.updated++;
			const version = appById.get(action.appId)?.version;
			result.appChanges.push({ method: 'PATCH', path: `/v1/${resource}/${action.appId}`, resource, appId: action.appId, qboId: action.qboId, body: { ...action.body, version } });
			result.appChanges.push({ method: 'PUT', path: `/v1/${resource}/${action.appId}/sync`, resource, appId: action.appId, qboId: action.qboId, body: link(action.qboId, action.syncToken, action.fingerprint) });
		} else if (action.kind === 'link') {
			counts.linked++;
			result.appChanges.push({ method: 'PUT', path: `/v1/${resource}/${action.appId}/sync`, resource, appId: action.appId, qboId: action.qboId, body: link(action.qboId, action.syncToken, action.fingerprint) });
		} else if (action.kind === 'unchanged') {
			counts.unchanged++;
		}
	};

	const qboById = new Map(changed.map((q) => [String(q.Id), q]));
	const updatedAtOf = (qboId: string) => String(qboById.get(qboId)?.MetaData?.LastUpdatedTime ?? '');
	// Only the changed QBO customers are targets: app records without one of them stay as they are.
	const appCustomers = app.filter((r) => r.customerId === undefined);
	const relevant = (records: Raw[], qboIds: Set<string>) => records.filter((r) => typeof r.qboId !== 'string' || qboIds.has(r.qboId));
	const parents = changed.filter((q) => !q.ParentRef);
	const parentPlan = plan(customerAdapter({ matchBy: ['email', 'name'], qboIds, appIds }), relevant(appCustomers, new Set(parents.map((q) => String(q.Id)))).map((r) => appSide(r, appCustomerFields(r, appNames))), parents.map(toSide), options);
	for (const action of parentPlan) if (action.kind !== 'unchanged' || action.qboId) record('customers', action, updatedAtOf);

	// Sub-customers: under the app customer linked to their QBO parent.
	const appCustomerByQbo = new Map(appCustomers.filter((c) => typeof c.qboId === 'string').map((c) => [String(c.qboId), String(c.id)]));
	const subs = changed.filter((q) => q.ParentRef);
	const placeable = subs.filter((q) => appCustomerByQbo.has(String(q.ParentRef.value)));
	for (const q of subs.filter((s) => !appCustomerByQbo.has(String(s.ParentRef.value)))) {
		record('locations', { kind: 'issue', qboId: String(q.Id), code: 'parent_not_in_app', reason: `QuickBooks sub-customer ${String(q.Id)} (${String(q.DisplayName)}): its parent customer ${String(q.ParentRef.value)} is not linked to an app customer yet`, fix: 'The parent is created in the app by this run or the next; the location follows on the run after.' }, updatedAtOf);
	}
	const locationAdapter = { ...customerAdapter({ matchBy: ['name'], qboIds, appIds }), toApp: (f: CustomerFields) => toAppLocation(f, appCustomerByQbo.get(String(f.parentQboId)) ?? '') };
	const appLocations = app.filter((r) => r.customerId !== undefined);
	const locationSides = relevant(appLocations, new Set(placeable.map((q) => String(q.Id)))).map((l) => {
		const parent = appById.get(String(l.customerId));
		return appSide(l, appLocationFields(l, typeof parent?.qboId === 'string' ? parent.qboId : undefined));
	});
	for (const action of plan(locationAdapter, locationSides, placeable.map(toSide), options)) if (action.kind !== 'unchanged' || action.qboId) record('locations', action, updatedAtOf);

	const times = changed.map((q) => String(q.MetaData?.LastUpdatedTime ?? '')).filter((t) => !Number.isNaN(Date.parse(t)));
	const sorted = (list: string[]) => [...list].filter((t) => !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b));
	const safeCursor = blockedAt.length ? sorted(blockedAt)[0] : (sorted(times).at(-1) ?? settings.since ?? null);
	result.summary = { resource: 'customers', direction: 'pull', quickBooksRecords: changed.length, ...counts, safeCursor: safeCursor && !Number.isNaN(Date.parse(safeCursor)) ? new Date(Date.parse(safeCursor)).toISOString() : safeCursor };
	return result;
}
