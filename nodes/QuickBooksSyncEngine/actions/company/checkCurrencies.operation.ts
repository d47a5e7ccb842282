import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../QuickBooksSync/transport';
import { checkCompanyCurrencies, CurrencyMismatchError, currencyPrefs, type CurrencyPrefs } from '../../../shared/sync/currencies';
import { orFail, type EngineOutputs } from '../common';
import { showFor } from '../fields';

const show = showFor('company', 'checkCurrencies');

export const description: INodeProperties[] = [
	{
		displayName:
			"Input: the app's company settings (GET /v1/company: homeCurrency, currencies). Stops the run, saying why, when the app's home currency is not QuickBooks', or when the app uses other currencies and QuickBooks' multicurrency is off; otherwise passes on a summary (output 3) for the next node.",
		name: 'currencyNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
];

/**
 * Passed checks, by company and app currencies, kept a day in this process. A pass cannot turn into
 * a failure while the app's currencies stay the same: QuickBooks' home currency never changes and its
 * multicurrency is never turned off again. A failure is not kept, so a fix is seen on the next run.
 * Every template runs this check before anything else, so it would otherwise cost a metered read on
 * every run, changes or not (2 880 a month per template at every 15 minutes).
 */
const passedChecks = new Map<string, { prefs: CurrencyPrefs; at: number }>();
const PASSED_CHECK_TTL_MS = 24 * 3600_000;

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<EngineOutputs> {
	const { baseUrl, realmId } = await getQboConnection.call(this);
	const company = items[0]?.json ?? {};
	const key = JSON.stringify([baseUrl, realmId, company.homeCurrency ?? null, Array.isArray(company.currencies) ? [...company.currencies].map(String).sort() : null]);
	const kept = passedChecks.get(key);
	const prefs = kept && Date.now() - kept.at < PASSED_CHECK_TTL_MS ? kept.prefs : currencyPrefs(await orFail(this, qboCaller(this)({ method: 'GET', path: 'preferences' }), 'Nothing was written; run again.'));
	try {
		const checked = checkCompanyCurrencies(prefs, company);
		if (!kept || kept.prefs !== prefs) passedChecks.set(key, { prefs, at: Date.now() });
		return [[], [], [{ json: { resource: 'company', check: 'currencies', ...checked, quickBooksHomeCurrency: prefs.home, ...(kept?.prefs === prefs ? { checkedAt: new Date(kept.at).toISOString() } : {}) }, pairedItem: items.map((_, item) => ({ item })) }], []];
	} catch (error) {
		const description = error instanceof CurrencyMismatchError ? 'The sync stops here, before anything is written to either system.' : undefined;
		throw new NodeOperationError(this.getNode(), error as Error, { description });
	}
}
