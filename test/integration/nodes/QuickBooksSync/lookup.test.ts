/** The QuickBooks Sync node's Lookup operations against the QBO emulator. */
import { startNodeAgainstEmulator } from '../../../support/emulator-client';

let harness: Awaited<ReturnType<typeof startNodeAgainstEmulator>>;
beforeAll(async () => {
	harness = await startNodeAgainstEmulator();
});
afterAll(() => harness.emulator.stop());
const run = (parameters: Record<string, unknown>) => harness.run('lookup', parameters);

it('lists only Bank and Credit Card accounts when asked (the accounts a purchase can be paid from)', async () => {
	const [out] = await run({ operation: 'accounts', accountTypes: ['Bank', 'Credit Card'] });
	expect(out.map((i) => i.json.Name).sort()).toEqual(['Checking', 'Mastercard', 'Savings', 'Visa']);
});

it.each([
	['taxCodes', 'California'],
	['taxRates', 'California'],
	['terms', 'Net 30'],
	['classes', 'Landscaping'],
	['departments', 'North'],
	['paymentMethods', 'Visa'],
])('%s lists %s', async (operation, name) => {
	const [out] = await run({ operation });
	expect(out.map((i) => i.json.Name)).toContain(name);
});

it('reads Preferences (custom numbers, sales tax)', async () => {
	const [[prefs]] = await run({ operation: 'preferences' });
	expect(prefs.json).toMatchObject({
		SalesFormsPrefs: { CustomTxnNumbers: false },
		TaxPrefs: { PartnerTaxEnabled: false },
	});
});
