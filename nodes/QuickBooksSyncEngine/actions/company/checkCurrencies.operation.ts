import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../shared/qbo/transport';
import {
	checkCompanyCurrencies,
	CurrencyMismatchError,
	currencyPrefs,
	type CurrencyPrefs,
} from '../../../shared/sync/pipeline/currencies';
import {
	checkPassedRecently,
	keepCurrencyPrefs,
	keepPassedCheck,
	keptCurrencyPrefs,
	keptLongEnough,
	passedCheckFact,
} from '../currency-cache';
import { withState } from '../sync-state';
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

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<EngineOutputs> {
	const { baseUrl, realmId } = await getQboConnection.call(this);
	const company = items[0]?.json ?? {};
	const appCurrencies = JSON.stringify([
		company.homeCurrency ?? null,
		Array.isArray(company.currencies) ? [...company.currencies].map(String).sort() : null,
	]);
	// A pass is kept a day (see currency-cache.ts): every template runs this check first, every run.
	// In this process, else in the sync state store (a queue-mode worker may not have run this company yet).
	const fact = passedCheckFact(baseUrl, realmId, appCurrencies);
	if (!checkPassedRecently(baseUrl, realmId, appCurrencies)) {
		const stored = await withState(this, async ({ store }) => await store.getFact(fact));
		if (stored && keptLongEnough(stored.at)) {
			keepCurrencyPrefs(baseUrl, realmId, stored.value as CurrencyPrefs, Date.parse(stored.at));
			keepPassedCheck(baseUrl, realmId, appCurrencies, Date.parse(stored.at));
		}
	}
	const kept = checkPassedRecently(baseUrl, realmId, appCurrencies)
		? keptCurrencyPrefs(baseUrl, realmId)
		: undefined;
	const prefs =
		kept ??
		currencyPrefs(
			await orFail(
				this,
				qboCaller(this)({ method: 'GET', path: 'preferences' }),
				'Nothing was written; run again.',
			),
		);
	if (!kept) keepCurrencyPrefs(baseUrl, realmId, prefs);
	try {
		const checked = checkCompanyCurrencies(prefs, company);
		if (!kept) {
			keepPassedCheck(baseUrl, realmId, appCurrencies);
			await withState(this, async ({ store }) => await store.putFact(fact, prefs));
		}
		return [
			[],
			[],
			[
				{
					json: {
						resource: 'company',
						check: 'currencies',
						...checked,
						quickBooksHomeCurrency: prefs.home,
						...(kept ? { keptFromAnEarlierRun: true } : {}),
					},
					pairedItem: items.map((_, item) => ({ item })),
				},
			],
			[],
		];
	} catch (error) {
		const description =
			error instanceof CurrencyMismatchError
				? 'The sync stops here, before anything is written to either system.'
				: undefined;
		throw new NodeOperationError(this.getNode(), error as Error, { description });
	}
}
