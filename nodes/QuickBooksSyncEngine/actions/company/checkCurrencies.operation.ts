import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { getQboConnection, qboCaller } from '../../../QuickBooksSync/transport';
import { checkCompanyCurrencies, CurrencyMismatchError, currencyPrefs } from '../../../shared/sync/currencies';
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

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<EngineOutputs> {
	await getQboConnection.call(this);
	const company = items[0]?.json ?? {};
	const preferences = await orFail(this, qboCaller(this)({ method: 'GET', path: 'preferences' }), 'Nothing was written; run again.');
	const prefs = currencyPrefs(preferences);
	try {
		const checked = checkCompanyCurrencies(prefs, company);
		return [[], [], [{ json: { resource: 'company', check: 'currencies', ...checked, quickBooksHomeCurrency: prefs.home }, pairedItem: items.map((_, item) => ({ item })) }], []];
	} catch (error) {
		const description = error instanceof CurrencyMismatchError ? 'The sync stops here, before anything is written to either system.' : undefined;
		throw new NodeOperationError(this.getNode(), error as Error, { description });
	}
}
