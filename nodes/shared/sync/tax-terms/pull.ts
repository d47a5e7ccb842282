/**
 * Payment terms and sales tax QuickBooks → app (IndusTrack, BlueTrace): QuickBooks' terms become
 * the app's terms (`name`, `dueDays`, `active`), its sales tax codes the app's tax rates (`name`,
 * `rate` = the sum of the code's sales tax rates, as QuickBooks charges them together), matched by
 * link, then by name; inactive ones stay inactive. Customers then carry their terms and tax code
 * by these names. QuickBooks has few of either, so every run reads all of them: no cursor.
 */
import type { QboCall, QboJson } from '../../qbo/caller';
import { queryAll, withInactive } from '../../qbo/paging';
import { recordSchema } from '../contract/schemas';
import { plan, type EntityAdapter, type PlannedAction, type QboSide } from '../pipeline/planner';
import { PullReport, type PullResult } from '../pipeline/pull-report';
import { appSide, invalidRecords, type Raw } from '../pipeline/app-record';

export interface TermFields {
	name: string;
	dueDays: number;
	active: boolean;
}

export interface TaxRateFields {
	name: string;
	rate: number;
	active: boolean;
}

export interface TaxTermPullSettings {
	realmId: string;
	createInApp: boolean;
	now: () => string;
}

/** Terms and tax rates come in one list: a term has `dueDays`, a tax rate `rate`. */
export const taxTermResourceOf = (raw: Raw) =>
	('dueDays' in raw ? 'terms' : 'tax-rates') as 'terms' | 'tax-rates';

function pullAdapter<F extends { name: string; active: boolean }>(
	entity: string,
	label: string,
	toApp: (f: F) => Record<string, unknown>,
): EntityAdapter<F> {
	return {
		entity,
		describeApp: (r) => `app ${label} ${r.id} (${r.fields.name})`,
		describeQbo: (r) => `QuickBooks ${label} ${r.id} (${r.fields.name})`,
		keys: [{ label: 'name', source: (f) => f.name, target: (f) => f.name }],
		name: (f) => f.name,
		problems: () => [],
		toQbo: () => {
			throw new Error(`${label} are read from QuickBooks only`);
		},
		toApp,
		isActive: (f) => f.active,
	};
}

const rateOf = (code: QboJson, rates: Map<string, number>): number | undefined => {
	const details: QboJson[] = code.SalesTaxRateList?.TaxRateDetail ?? [];
	if (details.length === 0) return undefined;
	// Rounded as percentages are shown: 7.25 + 0.75 is 8, not 8.000000000000002.
	return (
		Math.round(
			details.reduce((sum, d) => sum + (rates.get(String(d.TaxRateRef?.value)) ?? 0), 0) * 10_000,
		) / 10_000
	);
};

export async function pullTaxTerms(
	call: QboCall,
	everything: Raw[],
	settings: TaxTermPullSettings,
): Promise<PullResult> {
	const received = everything.filter((raw) => Object.keys(raw).length > 0);
	const invalid = invalidRecords(received, taxTermResourceOf);
	const app = received.filter((r) => !invalid.has(r));
	const [terms, codes, rates] = await Promise.all([
		queryAll(call, { entity: 'Term', where: withInactive('Term') }),
		queryAll(call, { entity: 'TaxCode' }),
		queryAll(call, { entity: 'TaxRate' }),
	]);
	const report = new PullReport(app, settings.now);
	for (const [raw, problem] of invalid) report.invalid(taxTermResourceOf(raw), raw, problem);
	report.changed([...terms, ...codes]);
	const options = {
		realmId: settings.realmId,
		direction: 'pull' as const,
		conflictPolicy: 'quickbooks' as const,
		createInQuickBooks: false,
		createInApp: settings.createInApp,
	};
	const side = <F>(q: QboJson, fields: F): QboSide<F> => ({
		id: String(q.Id),
		syncToken: String(q.SyncToken ?? '0'),
		fields,
		updatedAt: String(q.MetaData?.LastUpdatedTime ?? ''),
	});
	const take = <F>(resource: 'terms' | 'tax-rates', actions: Array<PlannedAction<F>>) => {
		for (const action of actions)
			if (action.kind !== 'unchanged' || action.qboId) report.action(resource, action);
	};
	// A QuickBooks record reported here keeps its linked app record as it is (not a broken link).
	const held = new Set<string>();
	const reportIssue = (
		resource: 'terms' | 'tax-rates',
		q: QboJson,
		code: string,
		reason: string,
		fix: string,
	) => {
		held.add(String(q.Id));
		report.action(resource, { kind: 'issue', qboId: String(q.Id), code, reason, fix });
	};
	const unheld = (r: Raw) => typeof r.qboId !== 'string' || !held.has(r.qboId);

	// Terms: only terms due a number of days after the invoice fit the app contract.
	const termSides: Array<QboSide<TermFields>> = [];
	for (const q of terms) {
		const fields = { name: String(q.Name), dueDays: Number(q.DueDays), active: q.Active !== false };
		if (q.DueDays === undefined || q.DueDays === null || !Number.isInteger(fields.dueDays)) {
			reportIssue(
				'terms',
				q,
				'unsupported_terms',
				`QuickBooks terms ${String(q.Id)} (${fields.name}) are due on a day of the month${q.DayOfMonthDue ? ` (day ${String(q.DayOfMonthDue)})` : ''}; the app's terms are due a number of days after the invoice`,
				`Create matching terms in the app by hand (the customers' terms are matched by the name "${fields.name}"), or use terms due in a number of days in QuickBooks.`,
			);
			continue;
		}
		const problem = checkApp('terms', {
			name: fields.name,
			dueDays: fields.dueDays,
			active: fields.active,
		});
		if (problem)
			reportIssue(
				'terms',
				q,
				'refused',
				`QuickBooks terms ${String(q.Id)} (${fields.name}) do not fit the app's terms: ${problem}`,
				'Rename or change the terms in QuickBooks; the next run brings them over.',
			);
		else termSides.push(side(q, fields));
	}
	const appTerms = app
		.filter((r) => taxTermResourceOf(r) === 'terms' && unheld(r))
		.map((r) =>
			appSide<TermFields>(r, {
				name: String(r.name),
				dueDays: Number(r.dueDays),
				active: r.active !== false && !r.deletedAt,
			}),
		);
	take(
		'terms',
		plan(
			pullAdapter<TermFields>('Term', 'terms', (f) => ({
				name: f.name,
				dueDays: f.dueDays,
				active: f.active,
			})),
			appTerms,
			termSides,
			options,
		),
	);

	// Tax: a sales tax code (a rate or a group of rates) is one app tax rate.
	const rateById = new Map(rates.map((r) => [String(r.Id), Number(r.RateValue ?? 0)]));
	const codeSides: Array<QboSide<TaxRateFields>> = [];
	for (const q of codes) {
		const rate = rateOf(q, rateById);
		// TAX / NON and purchase-only codes have no sales rate: they are not tax rates in the app.
		if (rate === undefined) continue;
		const fields = { name: String(q.Name), rate, active: q.Active !== false };
		const problem = checkApp('tax-rates', fields);
		if (problem)
			reportIssue(
				'tax-rates',
				q,
				'refused',
				`QuickBooks sales tax ${String(q.Id)} (${fields.name}) does not fit the app's tax rates: ${problem}`,
				'Correct the tax rate in QuickBooks (Taxes); the next run brings it over.',
			);
		else codeSides.push(side(q, fields));
	}
	const appRates = app
		.filter((r) => taxTermResourceOf(r) === 'tax-rates' && unheld(r))
		.map((r) =>
			appSide<TaxRateFields>(r, {
				name: String(r.name),
				rate: Number(r.rate),
				active: r.active !== false && !r.deletedAt,
			}),
		);
	take(
		'tax-rates',
		plan(
			pullAdapter<TaxRateFields>('TaxCode', 'tax rate', (f) => ({
				name: f.name,
				rate: f.rate,
				active: f.active,
			})),
			appRates,
			codeSides,
			options,
		),
	);

	const result = report.finish('terms', undefined);
	// Every run reads the whole lists: there is no cursor to move.
	result.summary = { ...result.summary, resource: 'taxTerm', safeCursor: null };
	return result;
}

/** The app contract's checks on what would be written, so QuickBooks' values the app cannot hold are issues, not failed requests. */
function checkApp(
	resource: 'terms' | 'tax-rates',
	body: Record<string, unknown>,
): string | undefined {
	const checked = recordSchema(resource).safeParse({
		id: 'x',
		version: 1,
		updatedAt: new Date(0).toISOString(),
		...body,
	});
	return checked.success
		? undefined
		: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}
