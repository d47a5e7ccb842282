/**
 * Currencies (inFlow; quickbooks-api-notes.md §10.1). QuickBooks has one home currency, which never changes, and
 * takes other currencies only with multicurrency on (turned on in its UI, never off again). A
 * customer's or vendor's currency is fixed once set, and every transaction is in its customer's or
 * vendor's currency with an exchange rate (home units per 1 foreign unit). So:
 * - before syncing, the app's home currency must be QuickBooks' home currency, and an app that uses
 *   several currencies needs multicurrency on: otherwise the run stops and says why;
 * - a customer or vendor whose currency differs between the systems is an issue, never overwritten;
 * - every transaction carries its currency and exchange rate (with multicurrency on), or is reported
 *   when it is in a foreign currency QuickBooks cannot hold.
 */
import type { QboJson } from '../../qbo/caller';
import type { FieldProblem, PlannedAction } from './planner';
import type { Raw } from './app-record';

export interface CurrencyPrefs {
	home: string;
	multicurrency: boolean;
}

export class CurrencyMismatchError extends Error {}

export function currencyPrefs(preferences: QboJson): CurrencyPrefs {
	const prefs = preferences.Preferences?.CurrencyPrefs ?? {};
	return {
		home: String(prefs.HomeCurrency?.value ?? 'USD'),
		multicurrency: prefs.MultiCurrencyEnabled === true,
	};
}

/** The app company's currencies against QuickBooks': a clear stop when they cannot work together. */
export function checkCompanyCurrencies(
	prefs: CurrencyPrefs,
	company: { homeCurrency?: unknown; currencies?: unknown },
): { homeCurrency: string; appCurrencies: string[]; multicurrency: boolean } {
	const home = String(company.homeCurrency ?? '');
	if (!/^[A-Z]{3}$/.test(home))
		throw new CurrencyMismatchError(
			`The app's company settings give no home currency ("${home}"); expected an ISO 4217 code such as USD. Read them with GET /v1/company (see docs/app-contract.md).`,
		);
	const used = Array.isArray(company.currencies)
		? [...new Set(company.currencies.map(String))]
		: [home];
	if (home !== prefs.home)
		throw new CurrencyMismatchError(
			`The app's home currency is ${home}, QuickBooks' is ${prefs.home}. QuickBooks' home currency cannot be changed, so this company cannot be synced with this app as it is: connect the QuickBooks company kept in ${home}, or change the app's home currency before any record is synced. Nothing was written.`,
		);
	const foreign = used.filter((c) => c !== home);
	if (foreign.length && !prefs.multicurrency)
		throw new CurrencyMismatchError(
			`The app uses ${foreign.join(', ')} besides ${home}, and QuickBooks' multicurrency is off. Turn it on in QuickBooks (Settings → Account and settings → Advanced → Currency; it cannot be turned off again), then run again. Nothing was written.`,
		);
	return { homeCurrency: home, appCurrencies: used, multicurrency: prefs.multicurrency };
}

export const currencyOfParty = (party: Raw | undefined, prefs: CurrencyPrefs) =>
	String(party?.currency ?? prefs.home);
export const qboCurrencyOf = (q: QboJson | undefined, prefs: CurrencyPrefs) =>
	String(q?.CurrencyRef?.value ?? prefs.home);

/**
 * A transaction's currency fields for QuickBooks (none while multicurrency is off and it is in the
 * home currency), or the problem that keeps it out.
 */
export function transactionCurrency(
	doc: Raw,
	party: Raw | undefined,
	prefs: CurrencyPrefs,
	existing?: QboJson,
): { fields: QboJson; problem?: FieldProblem } {
	const currency = String(doc.currency ?? party?.currency ?? prefs.home);
	if (existing && qboCurrencyOf(existing, prefs) !== currency)
		return {
			fields: {},
			problem: {
				field: 'currency',
				reason: `it is in ${currency} in the app but in ${qboCurrencyOf(existing, prefs)} in QuickBooks, where a transaction's currency cannot change`,
				fix: 'Put it back in the app, or delete the QuickBooks one and clear the link (qboId) to write it again.',
			},
		};
	if (!prefs.multicurrency) {
		if (currency === prefs.home) return { fields: {} };
		return {
			fields: {},
			problem: {
				field: 'currency',
				reason: `it is in ${currency}, and QuickBooks' multicurrency is off (home currency ${prefs.home})`,
				fix: 'Turn multicurrency on in QuickBooks (Settings → Account and settings → Advanced → Currency), or record it in the home currency.',
			},
		};
	}
	if (currency === prefs.home)
		return { fields: { CurrencyRef: { value: currency }, ExchangeRate: 1 } };
	const rate = Number(doc.exchangeRate);
	if (!(rate > 0))
		return {
			fields: {},
			problem: {
				field: 'exchangeRate',
				reason: `it is in ${currency} and gives no exchange rate`,
				fix: `Give the rate in the app (${prefs.home} per 1 ${currency}).`,
			},
		};
	return { fields: { CurrencyRef: { value: currency }, ExchangeRate: rate } };
}

/**
 * A customer's or vendor's currency is fixed once set in QuickBooks: a linked or matched record in
 * another currency becomes an issue instead of a write; a new one is created in its currency.
 */
export function guardPartyCurrency<F>(
	action: PlannedAction<F>,
	record: Raw,
	qboById: Map<string, QboJson>,
	prefs: CurrencyPrefs,
	label: string,
): PlannedAction<F> {
	const wanted = currencyOfParty(record, prefs);
	if (action.kind === 'createInQuickBooks') {
		if (wanted === prefs.home) return action;
		if (!prefs.multicurrency)
			return {
				kind: 'issue',
				appId: action.appId,
				code: 'currency',
				reason: `${label} is in ${wanted}, and QuickBooks' multicurrency is off (home currency ${prefs.home})`,
				fix: 'Turn multicurrency on in QuickBooks (Settings → Account and settings → Advanced → Currency), or set the home currency on the record in the app.',
			};
		return { ...action, body: { ...action.body, CurrencyRef: { value: wanted } } };
	}
	const qboId = 'qboId' in action ? action.qboId : undefined;
	const target = qboId ? qboById.get(qboId) : undefined;
	if (!target || action.kind === 'issue') return action;
	const theirs = qboCurrencyOf(target, prefs);
	if (theirs === wanted) return action;
	return {
		kind: 'issue',
		appId: 'appId' in action ? action.appId : undefined,
		qboId,
		code: 'currency_fixed',
		reason: `${label} is in ${wanted} in the app, but QuickBooks ${String(target.DisplayName ?? target.Id)} is in ${theirs}, and QuickBooks never changes a customer's or vendor's currency once set`,
		fix: `Set the record's currency back to ${theirs} in the app. For business in ${wanted}, create a separate customer or vendor in ${wanted} in both systems.`,
	};
}

/** A QuickBooks transaction's currency as the app holds it: only a foreign one is written, with its rate. */
export function appCurrencyOf(q: QboJson, prefs: CurrencyPrefs): Raw {
	const currency = qboCurrencyOf(q, prefs);
	return currency === prefs.home ? {} : { currency, exchangeRate: Number(q.ExchangeRate ?? 1) };
}

/** A QuickBooks customer's or vendor's currency as the app holds it: only a foreign one is written. */
export function partyCurrencyForApp(q: QboJson | undefined, prefs: CurrencyPrefs): Raw {
	const currency = qboCurrencyOf(q, prefs);
	return currency === prefs.home ? {} : { currency };
}
