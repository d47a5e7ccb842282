/** Lookup operations against recorded QBO answers (nock). */
import nock from 'nock';
import { HOST, REALM, runNode } from '../../../support/recorded-qbo';

const run = (parameters: Record<string, unknown>) => runNode('lookup', parameters);

it('accounts filtered by type, inactive included', async () => {
	let sql = '';
	nock(HOST)
		.post(`/v3/company/${REALM}/query`, (b) => ((sql = String(b)), true))
		.query(true)
		.reply(200, {
			QueryResponse: { Account: [{ Id: '35', Name: 'Checking', AccountType: 'Bank' }] },
		});
	const [out] = await run({
		operation: 'accounts',
		accountTypes: ['Bank', 'Credit Card'],
		includeInactive: true,
	});
	expect(sql).toBe(
		"SELECT * FROM Account WHERE AccountType IN ('Bank', 'Credit Card') AND Active IN (true, false) STARTPOSITION 1 MAXRESULTS 1000",
	);
	expect(out.map((i) => i.json.Name)).toEqual(['Checking']);
});

it.each(['taxCodes', 'taxRates', 'terms', 'classes', 'departments', 'paymentMethods'])(
	'%s reads its list',
	async (operation) => {
		let sql = '';
		nock(HOST)
			.post(`/v3/company/${REALM}/query`, (b) => ((sql = String(b)), true))
			.query(true)
			.reply(200, { QueryResponse: {} });
		const [out] = await run({ operation });
		expect(out).toEqual([]);
		expect(sql).toMatch(
			/^SELECT \* FROM (TaxCode|TaxRate|Term|Class|Department|PaymentMethod) STARTPOSITION 1 MAXRESULTS 1000$/,
		);
	},
);

it('preferences', async () => {
	nock(HOST)
		.get(`/v3/company/${REALM}/preferences`)
		.query({ minorversion: '75' })
		.reply(200, { Preferences: { SalesFormsPrefs: { CustomTxnNumbers: true } } });
	const [[out]] = await run({ operation: 'preferences' });
	expect(out.json).toEqual({ SalesFormsPrefs: { CustomTxnNumbers: true } });
});
