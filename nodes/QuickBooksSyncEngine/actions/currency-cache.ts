/**
 * The company's currency settings as last read in this process, kept a day. They are facts that do
 * not go back: QuickBooks' home currency never changes and multicurrency is never turned off again,
 * so a kept value can only miss a multicurrency just turned on, which makes a foreign-currency record
 * an issue ("multicurrency is off"), never a wrong write; the currency check reads again as soon as
 * the app starts using another currency. Every template checks currencies first, and most runs change
 * nothing: without this each run paid a metered read, and each push another one.
 */
import type { CurrencyPrefs } from '../../shared/sync/pipeline/currencies';

const KEEP_MS = 24 * 3600_000;
const companies = new Map<string, { prefs: CurrencyPrefs; at: number }>();
const passedChecks = new Map<string, number>();

const companyKey = (baseUrl: string, realmId: string) => `${baseUrl}|${realmId}`;

/** What was read for the company within the day, if anything. */
export function keptCurrencyPrefs(baseUrl: string, realmId: string): CurrencyPrefs | undefined {
	const kept = companies.get(companyKey(baseUrl, realmId));
	return kept && Date.now() - kept.at < KEEP_MS ? kept.prefs : undefined;
}

export function keepCurrencyPrefs(
	baseUrl: string,
	realmId: string,
	prefs: CurrencyPrefs,
	at = Date.now(),
): void {
	companies.set(companyKey(baseUrl, realmId), { prefs, at });
}

/** A currency check that passed for these app currencies within the day (a failure is never kept). */
export function checkPassedRecently(
	baseUrl: string,
	realmId: string,
	appCurrencies: string,
): boolean {
	const at = passedChecks.get(`${companyKey(baseUrl, realmId)}|${appCurrencies}`);
	return (
		at !== undefined &&
		Date.now() - at < KEEP_MS &&
		keptCurrencyPrefs(baseUrl, realmId) !== undefined
	);
}

export function keepPassedCheck(
	baseUrl: string,
	realmId: string,
	appCurrencies: string,
	at = Date.now(),
): void {
	passedChecks.set(`${companyKey(baseUrl, realmId)}|${appCurrencies}`, at);
}

/** The key of a passed check in the sync state store: queue-mode workers are separate processes and share it there. */
export const passedCheckFact = (baseUrl: string, realmId: string, appCurrencies: string): string =>
	`currency-check|${companyKey(baseUrl, realmId)}|${appCurrencies}`;

export const keptLongEnough = (at: string): boolean => Date.now() - Date.parse(at) < KEEP_MS;
