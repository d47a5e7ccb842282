/**
 * The QuickBooks vendors of the app's vendors a purchase document names (app contract §5
 * "Vendors", quickbooks-api-notes.md §2.1): a linked vendor is used as it is; an unlinked one is linked to the
 * QuickBooks vendor of the same name (case and spaces do not count), or created there once (a
 * deterministic requestid; a name a customer or employee already has is 6240, reported). A name
 * QuickBooks would refuse, an inactive or ambiguous match, is an issue: the documents of that
 * vendor wait, the others go.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, queryByIds, withInactive } from '../../qbo/paging';
import { applyToQuickBooks } from '../pipeline/applier';
import { guardPartyCurrency, type CurrencyPrefs } from '../pipeline/currencies';
import { fingerprint } from '../pipeline/fingerprint';
import { normaliseName } from '../pipeline/matcher';
import { requestIdOf, type PlannedAction } from '../pipeline/planner';
import { asPlanned } from '../pipeline/push-report';
import { linkOf, type Raw } from '../pipeline/app-record';

export interface VendorResult {
	/** App vendor id → QuickBooks vendor id. */
	links: Map<string, string>;
	/** Links to write on app vendors (PUT /v1/vendors/{id}/sync). */
	writes: Array<{ vendor: Raw; body: Record<string, unknown> }>;
	issues: Array<{ vendor: Raw; code: string; reason: string; fix: string }>;
	summary: { created: number; linked: number; issues: number };
}

const NAME_CHARACTERS = /[:\t\n]/;

function vendorBody(vendor: Raw): QboJson {
	const body: QboJson = { DisplayName: String(vendor.name) };
	if (typeof vendor.email === 'string' && vendor.email)
		body.PrimaryEmailAddr = { Address: vendor.email };
	if (typeof vendor.phone === 'string' && vendor.phone)
		body.PrimaryPhone = { FreeFormNumber: vendor.phone };
	const a = (vendor.address ?? {}) as Raw;
	if (Object.keys(a).length)
		body.BillAddr = {
			Line1: a.line1,
			Line2: a.line2,
			City: a.city,
			CountrySubDivisionCode: a.region,
			PostalCode: a.postalCode,
			Country: a.country,
		};
	return body;
}

export async function linkVendors(
	call: QboCall,
	needed: Raw[],
	options: {
		realmId: string;
		create: boolean;
		dryRun: boolean;
		now: () => string;
		prefs: CurrencyPrefs;
	},
): Promise<VendorResult> {
	const result: VendorResult = {
		links: new Map(),
		writes: [],
		issues: [],
		summary: { created: 0, linked: 0, issues: 0 },
	};
	const issue = (vendor: Raw, code: string, reason: string, fix: string) => {
		result.summary.issues++;
		result.issues.push({ vendor, code, reason, fix });
	};
	const unlinked = needed.filter((v) => !linkOf(v));
	const linked = needed.filter(linkOf);
	const [qboVendors, linkedQbo] = await Promise.all([
		unlinked.length
			? queryAll(call, { entity: 'Vendor', where: withInactive('Vendor') })
			: Promise.resolve([]),
		queryByIds(
			call,
			'Vendor',
			linked.map((v) => linkOf(v)!),
		),
	]);
	const qboById = new Map([...qboVendors, ...linkedQbo].map((q) => [String(q.Id), q]));
	// A vendor's currency is fixed once set in QuickBooks: another one in the app is an issue, never a write.
	const guard = (vendor: Raw, action: PlannedAction<unknown>) =>
		guardPartyCurrency(
			action,
			vendor,
			qboById,
			options.prefs,
			`vendor ${String(vendor.id)} ("${String(vendor.name)}")`,
		);
	const asIssue = (vendor: Raw, action: PlannedAction<unknown>) => {
		if (action.kind !== 'issue') return false;
		issue(vendor, action.code, action.reason, action.fix);
		return true;
	};
	for (const vendor of linked) {
		if (
			asIssue(
				vendor,
				guard(vendor, {
					kind: 'unchanged',
					appId: String(vendor.id),
					qboId: linkOf(vendor),
					reason: 'linked',
				}),
			)
		)
			continue;
		result.links.set(String(vendor.id), linkOf(vendor)!);
	}
	if (!unlinked.length) return result;
	const creates: Array<[Raw, PlannedAction<unknown>]> = [];
	for (const vendor of unlinked) {
		const name = String(vendor.name ?? '');
		const describe = `vendor ${String(vendor.id)} ("${name}")`;
		const nameProblem = NAME_CHARACTERS.test(name)
			? 'contains a colon, tab or line break'
			: name !== name.trim()
				? 'starts or ends with a space (QuickBooks trims it, so the names would no longer match)'
				: name.length > 500
					? `has ${name.length} characters (QuickBooks allows 500)`
					: undefined;
		if (nameProblem) {
			issue(
				vendor,
				'refused',
				`${describe}: the name ${nameProblem}, which QuickBooks does not allow`,
				'Correct the vendor name in the app; its documents follow on the next run.',
			);
			continue;
		}
		const same = qboVendors.filter(
			(q) => normaliseName(String(q.DisplayName)) === normaliseName(name),
		);
		if (same.length > 1) {
			issue(
				vendor,
				'ambiguous',
				`${describe} matches ${same.length} QuickBooks vendors (${same.map((q) => q.Id).join(', ')})`,
				'Link the vendor to the right one by setting its qboId in the app, or rename one of them.',
			);
			continue;
		}
		if (same.length === 1 && same[0].Active === false) {
			issue(
				vendor,
				'inactive',
				`${describe} matches QuickBooks vendor ${String(same[0].Id)}, which is inactive`,
				'Make the vendor active in QuickBooks (Expenses → Vendors → Include inactive), or link another vendor by setting its qboId; its documents follow on the next run.',
			);
			continue;
		}
		if (same.length === 1) {
			if (
				asIssue(
					vendor,
					guard(vendor, {
						kind: 'link',
						appId: String(vendor.id),
						qboId: String(same[0].Id),
						syncToken: String(same[0].SyncToken),
						fingerprint: '',
					}),
				)
			)
				continue;
			result.links.set(String(vendor.id), String(same[0].Id));
			result.summary.linked++;
			result.writes.push({
				vendor,
				body: {
					qboId: String(same[0].Id),
					qboSyncToken: String(same[0].SyncToken),
					syncedAt: options.now(),
					syncError: null,
				},
			});
			continue;
		}
		if (!options.create) {
			issue(
				vendor,
				'not_found',
				`${describe} is not in QuickBooks, and creating vendors is off`,
				'Create the vendor in QuickBooks with the same name, or turn on "Create Missing Vendors"; its documents follow on the next run.',
			);
			continue;
		}
		const print = fingerprint({ name: normaliseName(name) });
		const create = guard(vendor, {
			kind: 'createInQuickBooks',
			appId: String(vendor.id),
			body: vendorBody(vendor),
			requestId: requestIdOf(options, 'Vendor', String(vendor.id), print),
			fingerprint: print,
			fields: { name },
		});
		if (!asIssue(vendor, create)) creates.push([vendor, create]);
	}
	const outcomes = options.dryRun
		? creates.map(([, a]) => asPlanned(a))
		: await applyToQuickBooks(
				call,
				creates.map(([, a]) => a),
				{
					entity: 'Vendor',
					fieldsOf: (q) => ({ name: normaliseName(String(q.DisplayName)) }),
					nameField: 'DisplayName',
				},
			);
	creates.forEach(([vendor], i) => {
		const outcome = outcomes[i];
		if (outcome.status !== 'written') {
			if (outcome.status === 'issue')
				issue(
					vendor,
					outcome.code,
					`vendor ${String(vendor.id)} ("${String(vendor.name)}") could not be created in QuickBooks: ${outcome.reason}`,
					outcome.fix,
				);
			return;
		}
		result.summary.created++;
		result.links.set(String(vendor.id), String(outcome.qbo.Id));
		result.writes.push({
			vendor,
			body: {
				qboId: String(outcome.qbo.Id),
				qboSyncToken: String(outcome.qbo.SyncToken),
				syncedAt: options.now(),
				syncError: null,
			},
		});
	});
	return result;
}
