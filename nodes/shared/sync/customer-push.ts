/**
 * Customers app → QuickBooks (the app is master): reads QuickBooks' customers, terms and tax codes,
 * plans customers, carries the plan out, then does the same for service locations under the QBO ids
 * their customers have now. Returns one outcome per input record: the app writes that store links
 * and fingerprints (or the error users should see), the issues, and a summary.
 */
import type { QboCall, QboJson } from '../qbo/caller';
import { queryAll } from '../qbo/paging';
import { applyToQuickBooks, type Outcome } from './applier';
import { appCustomerFields, appLocationFields, customerAdapter, qboCustomerFields, type CustomerFields } from './customers';
import { fingerprint } from './fingerprint';
import { recordSchema } from './contract';
import { plan, type AppSide, type PlannedAction, type QboSide } from './planner';

export interface NamedRef {
	id: string;
	name: string;
}

export interface CustomerPushSettings {
	realmId: string;
	matchBy: 'emailThenName' | 'email' | 'name';
	requireEmail: boolean;
	createMissing: boolean;
	dryRun: boolean;
	appTerms: NamedRef[];
	appTaxRates: NamedRef[];
	now: () => string;
}

export interface AppWrite {
	/** Index of the input record it is for. */
	item: number;
	method: 'PUT';
	path: string;
	resource: 'customers' | 'locations';
	appId: string;
	body: Record<string, unknown>;
}

export interface SyncIssue {
	item: number;
	resource: 'customers' | 'locations';
	appId?: string;
	qboId?: string;
	code: string;
	reason: string;
	fix: string;
}

export interface PushResult {
	appWrites: AppWrite[];
	issues: SyncIssue[];
	summary: Record<string, unknown>;
}

type Raw = Record<string, unknown>;

const lookup = (refs: NamedRef[]) => ({
	name: (id: string) => refs.find((r) => r.id === id)?.name,
	id: (name: string) => refs.find((r) => r.name === name)?.id,
});

function side(record: Raw, fields: CustomerFields): AppSide<CustomerFields> {
	const sync = (record.sync ?? {}) as Raw;
	return { id: String(record.id), fields, updatedAt: String(record.updatedAt ?? ''), link: (record.qboId as string | null) ?? null, lastSynced: (sync.fingerprint as string | null) ?? null, deleted: !!record.deletedAt };
}

const IDS_PER_QUERY = 100;

/**
 * The QuickBooks customers this run needs. When every input record is linked, only those are read
 * (`Id IN`, 100 a query), so an incremental run costs calls in proportion to its changes. A record
 * without a link needs every customer: it is matched by e-mail and name as QuickBooks compares them
 * (case and spaces do not count), and whether QBO's own `=` / `IN` on those fields ignores case is
 * not confirmed, so a narrower query could miss a match and create a duplicate.
 */
async function readCustomers(call: QboCall, input: Raw[]): Promise<QboJson[]> {
	const active = { field: 'Active', operator: 'IN' as const, value: [true, false] };
	if (input.some((r) => typeof r.qboId !== 'string' || r.qboId === '')) return await queryAll(call, { entity: 'Customer', where: [active] });
	const ids = [...new Set(input.map((r) => String(r.qboId)))];
	const rows: QboJson[] = [];
	for (let i = 0; i < ids.length; i += IDS_PER_QUERY) rows.push(...(await queryAll(call, { entity: 'Customer', where: [{ field: 'Id', operator: 'IN', value: ids.slice(i, i + IDS_PER_QUERY) }, active] })));
	return rows;
}

/** The app contract's record checks; a bad record is an issue naming the field, the rest go on. */
function invalidRecords(input: Raw[]): Map<Raw, string> {
	const problems = new Map<Raw, string>();
	for (const raw of input) {
		const resource = raw.customerId === undefined ? 'customers' : 'locations';
		const checked = recordSchema(resource).safeParse(raw);
		if (!checked.success) problems.set(raw, checked.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; '));
	}
	return problems;
}

export async function pushCustomers(call: QboCall, everything: Raw[], settings: CustomerPushSettings): Promise<PushResult> {
	// n8n's "always output data" placeholder is an empty item: not a record.
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received);
	const input = received.filter((raw) => !invalid.has(raw));
	if (input.length === 0 && invalid.size === 0) {
		// Nothing changed in the app: no QuickBooks call at all.
		return { appWrites: [], issues: [], summary: { resource: 'customers', direction: 'push', dryRun: settings.dryRun, records: 0, created: 0, updated: 0, deactivated: 0, linked: 0, unchanged: 0, issues: 0, safeCursor: null } };
	}
	const [qboCustomers, qboTerms, qboTaxCodes] = await Promise.all([
		readCustomers(call, input),
		settings.appTerms.length ? queryAll(call, { entity: 'Term', where: [{ field: 'Active', operator: 'IN', value: [true, false] }] }) : Promise.resolve([]),
		settings.appTaxRates.length ? queryAll(call, { entity: 'TaxCode' }) : Promise.resolve([]),
	]);
	const appTerms = lookup(settings.appTerms);
	const appTax = lookup(settings.appTaxRates);
	const qTerms = lookup(qboTerms.map((t) => ({ id: String(t.Id), name: String(t.Name) })));
	const qTax = lookup(qboTaxCodes.map((t) => ({ id: String(t.Id), name: String(t.Name) })));
	// Terms and tax are compared only when the app's lists were given, on both sides alike.
	const appNames = { termName: appTerms.name, taxCodeName: appTax.name };
	const qboNames = { termName: settings.appTerms.length ? qTerms.name : () => undefined, taxCodeName: settings.appTaxRates.length ? qTax.name : () => undefined };
	const qboIds = { termId: qTerms.id, taxCodeId: qTax.id };
	const appIds = { termId: appTerms.id, taxCodeId: appTax.id };
	const toSide = (q: QboJson): QboSide<CustomerFields> => ({ id: String(q.Id), syncToken: String(q.SyncToken), fields: qboCustomerFields(q, qboNames), updatedAt: String(q.MetaData?.LastUpdatedTime ?? '') });
	const fieldsOf = (q: QboJson) => qboCustomerFields(q, qboNames);
	const options = { realmId: settings.realmId, direction: 'push' as const, conflictPolicy: 'app' as const, createInQuickBooks: settings.createMissing, createInApp: false };

	const customers = input.filter((r) => r.customerId === undefined);
	const locations = input.filter((r) => r.customerId !== undefined);
	const matchBy = settings.matchBy === 'emailThenName' ? (['email', 'name'] as const) : ([settings.matchBy] as const);
	const customerPlan = plan(customerAdapter({ matchBy: [...matchBy], requireFirstKey: settings.requireEmail, qboIds, appIds }), customers.map((c) => side(c, appCustomerFields(c, appNames))), qboCustomers.filter((q) => !q.ParentRef).map(toSide), options);
	const customerOutcomes = settings.dryRun ? customerPlan.map(asPlanned) : await applyToQuickBooks(call, customerPlan, { entity: 'Customer', fieldsOf, nameField: 'DisplayName' });

	// Locations hang under the QBO id their customer has after the step above.
	const parentQboId = new Map<string, string>();
	customers.forEach((c, i) => {
		const outcome = customerOutcomes[i];
		const qboId = outcome.status === 'written' ? String(outcome.qbo.Id) : 'qboId' in outcome.action ? outcome.action.qboId : (c.qboId as string | undefined);
		if (qboId) parentQboId.set(String(c.id), qboId);
	});
	const qboById = new Map(qboCustomers.map((q) => [String(q.Id), q]));
	for (const l of locations) {
		if (parentQboId.has(String(l.customerId))) continue;
		if (typeof l.customerQboId === 'string') parentQboId.set(String(l.customerId), l.customerQboId);
		// A linked location changed alone: it stays under the QuickBooks parent it has (a location
		// moved to another customer needs that customer in the same run, or customerQboId).
		else if (typeof l.qboId === 'string' && qboById.get(l.qboId)?.ParentRef?.value) parentQboId.set(String(l.customerId), String(qboById.get(l.qboId)!.ParentRef.value));
	}
	const placeable = locations.filter((l) => parentQboId.has(String(l.customerId)));
	const orphans = locations.filter((l) => !parentQboId.has(String(l.customerId)));
	const locationPlan = plan(customerAdapter({ matchBy: ['name'], qboIds, appIds }), placeable.map((l) => side(l, appLocationFields(l, parentQboId.get(String(l.customerId))))), qboCustomers.filter((q) => q.ParentRef).map(toSide), options);
	const locationOutcomes = settings.dryRun ? locationPlan.map(asPlanned) : await applyToQuickBooks(call, locationPlan, { entity: 'Customer', fieldsOf, nameField: 'DisplayName' });

	const result: PushResult = { appWrites: [], issues: [], summary: {} };
	const counts = { records: received.length, created: 0, updated: 0, deactivated: 0, linked: 0, unchanged: 0, issues: 0 };
	const planned: Array<Record<string, unknown>> = [];
	const position = new Map(everything.map((raw, i) => [raw, i]));
	for (const [raw, problem] of invalid) {
		counts.issues++;
		const resource = raw.customerId === undefined ? 'customers' : 'locations';
		result.issues.push({ item: position.get(raw) ?? 0, resource, ...(typeof raw.id === 'string' ? { appId: raw.id } : {}), code: 'invalid_record', reason: `input item ${position.get(raw) ?? 0} is not a valid app ${resource === 'customers' ? 'customer' : 'location'} record: ${problem}`, fix: 'Map the app\'s fields onto the app contract (docs/app-contract.md) in the field-mapping node before the engine.' });
	}
	const record = (resource: 'customers' | 'locations', raw: Raw, outcome: Outcome) => {
		const appId = String(raw.id);
		const item = position.get(raw) ?? 0;
		const action = outcome.action;
		if (outcome.status === 'issue') {
			counts.issues++;
			result.issues.push({ item, resource, appId, ...('qboId' in action && action.qboId ? { qboId: action.qboId } : {}), code: outcome.code, reason: outcome.reason, fix: outcome.fix });
			if (!settings.dryRun) result.appWrites.push({ item, method: 'PUT', path: `/v1/${resource}/${appId}/sync`, resource, appId, body: { syncError: `${outcome.reason} ${outcome.fix}`.slice(0, 2000) } });
			return;
		}
		if (action.kind === 'link') {
			// Equal in both systems, but the app record does not know it yet (found by natural key, or a stale fingerprint).
			counts.linked++;
			if (settings.dryRun) planned.push({ resource, appId, write: 'link', qboId: action.qboId });
			else result.appWrites.push({ item, method: 'PUT', path: `/v1/${resource}/${appId}/sync`, resource, appId, body: { qboId: action.qboId, qboSyncToken: action.syncToken, fingerprint: action.fingerprint, syncedAt: settings.now(), syncError: null } });
			return;
		}
		if (outcome.status === 'unchanged') {
			counts.unchanged++;
			return;
		}
		if (action.kind === 'createInQuickBooks') counts.created++;
		else if (action.kind === 'updateQuickBooks') counts[action.deactivate ? 'deactivated' : 'updated']++;
		if (settings.dryRun) {
			planned.push({ resource, appId, write: action.kind, ...('body' in action ? { body: action.body } : {}), ...('qboId' in action ? { qboId: action.qboId } : {}) });
			return;
		}
		const print = 'fingerprint' in action ? action.fingerprint : fingerprint({});
		result.appWrites.push({ item, method: 'PUT', path: `/v1/${resource}/${appId}/sync`, resource, appId, body: { qboId: String(outcome.qbo.Id), qboSyncToken: String(outcome.qbo.SyncToken), fingerprint: print, syncedAt: settings.now(), syncError: null } });
	};
	customers.forEach((c, i) => record('customers', c, customerOutcomes[i]));
	placeable.forEach((l, i) => record('locations', l, locationOutcomes[i]));
	for (const l of orphans) {
		counts.issues++;
		result.issues.push({ item: position.get(l) ?? 0, resource: 'locations', appId: String(l.id), code: 'parent_not_linked', reason: `location ${String(l.id)} (${String(l.name)}): its customer ${String(l.customerId)} is not in QuickBooks yet and not in this run`, fix: `Sync customer ${String(l.customerId)} first (it is sent with the next run of its changes), or include it in this run; the location follows.` });
	}
	result.summary = { resource: 'customers', direction: 'push', dryRun: settings.dryRun, ...counts, safeCursor: safeCursor(received, result.issues, position), ...(settings.dryRun ? { plannedWrites: planned } : {}) };
	return result;
}

/**
 * How far the next run may skip: past every record handled, but never past one with an issue
 * (its fix may be made in QuickBooks, without the app record changing), which is read again.
 */
function safeCursor(received: Raw[], issues: SyncIssue[], position: Map<Raw, number>): string | null {
	const times = (records: Raw[]) => records.map((r) => String(r.updatedAt ?? '')).filter((t) => !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b));
	const withIssues = new Set(issues.map((i) => i.item));
	const blocked = times(received.filter((r) => withIssues.has(position.get(r) ?? -1)));
	if (blocked.length) return blocked[0]; // updatedSince is inclusive: that record is read again
	return times(received).at(-1) ?? null;
}

/** A dry run's outcome: what would be written, nothing sent. */
function asPlanned(action: PlannedAction<CustomerFields>): Outcome {
	if (action.kind === 'issue') return { status: 'issue', action, reason: action.reason, fix: action.fix, code: action.code };
	if (action.kind === 'unchanged') return { status: 'unchanged', action };
	return { status: 'written', action, qbo: { Id: 'qboId' in action ? action.qboId : '(new)', SyncToken: 'syncToken' in action ? action.syncToken : '0' } };
}
