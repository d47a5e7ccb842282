/** The purchase-side mappers and rules: payables, purchase-order bills, inventory figures, currencies. */
import {
	checkCompanyCurrencies,
	guardPartyCurrency,
	transactionCurrency,
} from '../../../../../nodes/shared/sync/pipeline/currencies';
import { appInventoryFigures } from '../../../../../nodes/shared/sync/inventory-value/push';
import { accountsOf } from '../../../../../nodes/shared/sync/items/mapping';
import {
	appPayableFields,
	payableProblems,
	toQboPayable,
	type PayableReferences,
} from '../../../../../nodes/shared/sync/payables/mapping';
import {
	billTotal,
	orderBillFields,
	orderProblems,
	toQboBillPayment,
} from '../../../../../nodes/shared/sync/purchase-orders/mapping';

const accounts = accountsOf([
	{ Id: '35', Name: 'Checking', AccountType: 'Bank' },
	{ Id: '41', Name: 'Visa', AccountType: 'Credit Card' },
	{ Id: '58', Name: 'Job Expenses', AccountType: 'Expense' },
	{ Id: '80', Name: 'Services', AccountType: 'Income' },
]);
const refs = (over: Partial<PayableReferences> = {}): PayableReferences => ({
	vendorQboId: (id) => ({ ven_1: '56' })[id],
	project: (id) =>
		({
			prj_1: { id: 'prj_1', name: 'Remodel', qboId: '17' },
			prj_2: { id: 'prj_2', name: 'Unlinked project' },
		})[id],
	costCode: (id) =>
		({
			cc_1: { id: 'cc_1', code: '01-100', name: 'Site', qboId: '5000' },
			cc_2: { id: 'cc_2', code: '03-300', name: 'Planting' },
		})[id],
	accounts,
	projectsAs: 'customer',
	costCodesAs: 'class',
	defaultExpenseAccount: 'Job Expenses',
	defaultPurchaseAccount: 'Checking',
	...over,
});

describe('payable mapper', () => {
	it('puts each line on its account, the project as sub-customer and the cost code as class or item', () => {
		const payable = {
			id: 'pab_1',
			vendorId: 'ven_1',
			type: 'bill',
			number: 'NL-1',
			date: '2026-11-20',
			dueDate: '2026-12-20',
			lines: [{ description: 'Lumber', amount: 412.5, projectId: 'prj_1', costCodeId: 'cc_1' }],
		};
		const fields = appPayableFields(payable, refs());
		expect(fields).toEqual({
			type: 'bill',
			vendorQboId: '56',
			date: '2026-11-20',
			docNumber: 'NL-1',
			dueDate: '2026-12-20',
			lines: [
				{
					amount: 412.5,
					description: 'Lumber',
					accountQboId: '58',
					customerQboId: '17',
					classQboId: '5000',
				},
			],
		});
		expect(toQboPayable(fields, { appId: 'pab_1', number: 'NL-1', accounts }).Line[0]).toEqual({
			DetailType: 'AccountBasedExpenseLineDetail',
			Amount: 412.5,
			Description: 'Lumber',
			AccountBasedExpenseLineDetail: {
				AccountRef: { value: '58' },
				CustomerRef: { value: '17' },
				ClassRef: { value: '5000' },
			},
		});
		const asItem = appPayableFields(payable, refs({ costCodesAs: 'item', projectsAs: 'class' }));
		expect(asItem.lines[0]).toEqual({
			amount: 412.5,
			description: 'Lumber',
			itemQboId: '5000',
			classQboId: '17',
		});
	});

	it('pays an expense from a Bank (Cash) or Credit Card account, and refuses another type with the reason', () => {
		const expense = {
			id: 'pab_2',
			vendorId: 'ven_1',
			type: 'expense',
			date: '2026-11-21',
			purchaseAccount: 'Visa',
			lines: [{ amount: 64.2 }],
		};
		expect(
			toQboPayable(appPayableFields(expense, refs()), { appId: 'pab_2', number: '', accounts }),
		).toMatchObject({
			PaymentType: 'CreditCard',
			AccountRef: { value: '41' },
			EntityRef: { value: '56', type: 'Vendor' },
		});
		const wrong = { ...expense, purchaseAccount: 'Services' };
		expect(payableProblems(wrong, appPayableFields(wrong, refs()), refs())).toEqual([
			expect.objectContaining({
				field: 'purchaseAccount',
				reason:
					'"Services" is an Income account; an expense is paid from a Bank or Credit Card account',
			}),
		]);
	});

	it('names every unlinked project and cost code by line, and a line account QuickBooks refuses', () => {
		const payable = {
			id: 'pab_3',
			vendorId: 'ven_1',
			type: 'bill',
			date: '2026-11-22',
			lines: [
				{ amount: 1, projectId: 'prj_1', costCodeId: 'cc_1' },
				{ amount: 2, projectId: 'prj_2', costCodeId: 'cc_2', account: 'Checking' },
			],
		};
		const problems = payableProblems(payable, appPayableFields(payable, refs()), refs());
		expect(problems.map((p) => p.field)).toEqual([
			'lines.1.projectId',
			'lines.1.costCodeId',
			'lines.1.account',
		]);
		expect(problems[1]).toMatchObject({
			reason: 'line 2 names cost code 03-300 "Planting" (cc_2), which is not linked to QuickBooks',
			fix: expect.stringContaining('Link cost code 03-300 "Planting" to its QuickBooks class'),
		});
		expect(problems[2].reason).toBe(
			'line 2: "Checking" is a Bank account, which QuickBooks refuses on an expense line',
		);
	});
});

describe('purchase order bill', () => {
	const order = {
		id: 'po_1',
		number: 'PO-1001',
		date: '2026-11-10',
		receipts: [{ date: '2026-11-17' }, { date: '2026-11-15' }],
		lines: [
			{ itemId: 'itm_1', quantity: 100, unitCost: 1.5, receivedQuantity: 60 },
			{ itemId: 'itm_2', quantity: 10, unitCost: 45, receivedQuantity: 0 },
		],
	};
	it('bills only what was received, dated at the first receipt', () => {
		const fields = orderBillFields(order, '56', (id) => ({ itm_1: '11', itm_2: '12' })[id])!;
		expect(fields).toEqual({
			vendorQboId: '56',
			docNumber: 'PO-1001',
			date: '2026-11-15',
			lines: [{ itemQboId: '11', quantity: 60, unitCost: 1.5, description: '' }],
		});
		expect(billTotal(fields)).toBe(90);
		expect(
			orderBillFields(
				{ ...order, lines: order.lines.map((l) => ({ ...l, receivedQuantity: 0 })) },
				'56',
				() => '1',
			),
		).toBeUndefined();
	});
	it('refuses receipts beyond the order and items QuickBooks lacks', () => {
		const over = {
			...order,
			lines: [{ itemId: 'itm_1', quantity: 100, unitCost: 1.5, receivedQuantity: 120 }],
		};
		expect(orderProblems(over, () => ({ name: 'Heads' })).map((p) => p.reason)).toEqual([
			'line 1: item itm_1 (Heads) is not in QuickBooks',
			'line 1 received 120 of 100 ordered',
		]);
	});
	it('pays a card payment from the card account and a check from the bank, each marked with the order and payment', () => {
		expect(
			toQboBillPayment(
				{ id: 'opay_1', date: '2026-11-25', amount: 400, method: 'card' },
				order,
				'99',
				'56',
				{ bankId: '35', cardId: '41' },
			),
		).toMatchObject({
			PayType: 'CreditCard',
			CreditCardPayment: { CCAccountRef: { value: '41' } },
			TotalAmt: 400,
			PrivateNote: expect.stringContaining('[app order payment po_1/opay_1]'),
			Line: [{ Amount: 400, LinkedTxn: [{ TxnId: '99', TxnType: 'Bill' }] }],
		});
		expect(
			toQboBillPayment(
				{ id: 'opay_2', date: '2026-11-25', amount: 1, method: 'ach' },
				order,
				'99',
				'56',
				{ bankId: '35' },
			),
		).toMatchObject({ PayType: 'Check', CheckPayment: { BankAccountRef: { value: '35' } } });
	});
});

describe('inventory figures', () => {
	it('values stocked items at cost and costs what invoiced sales orders of the month sold', () => {
		const records = [
			{ id: 'itm_1', name: 'Mulch', type: 'inventory', cost: 3, quantityOnHand: 40 },
			{ id: 'itm_2', name: 'Pump', type: 'equipment', cost: 450, quantityOnHand: -1 },
			{ id: 'itm_3', name: 'Design', type: 'service', cost: 20 },
			{
				id: 'so_1',
				customerId: 'c',
				status: 'invoiced',
				date: '2026-12-02',
				lines: [
					{ itemId: 'itm_1', quantity: 5 },
					{ itemId: 'itm_3', quantity: 1 },
				],
			},
			{
				id: 'so_2',
				customerId: 'c',
				status: 'open',
				date: '2026-12-02',
				lines: [{ itemId: 'itm_1', quantity: 50 }],
			},
			{
				id: 'so_3',
				customerId: 'c',
				status: 'paid',
				date: '2026-11-30',
				lines: [{ itemId: 'itm_1', quantity: 7 }],
			},
		];
		expect(appInventoryFigures(records, '2026-12')).toEqual({
			value: 120,
			cogs: 15,
			problems: ['item itm_2 (Pump) has -1 on hand; it is counted as 0'],
		});
	});
});

describe('currencies', () => {
	const off = { home: 'USD', multicurrency: false };
	const on = { home: 'USD', multicurrency: true };
	it('stops when the home currencies differ or several currencies meet multicurrency off', () => {
		expect(() => checkCompanyCurrencies(off, { homeCurrency: 'CAD', currencies: ['CAD'] })).toThrow(
			"The app's home currency is CAD, QuickBooks' is USD.",
		);
		expect(() =>
			checkCompanyCurrencies(off, { homeCurrency: 'USD', currencies: ['USD', 'EUR'] }),
		).toThrow("The app uses EUR besides USD, and QuickBooks' multicurrency is off.");
		expect(() => checkCompanyCurrencies(off, {})).toThrow('give no home currency');
		expect(checkCompanyCurrencies(on, { homeCurrency: 'USD', currencies: ['USD', 'EUR'] })).toEqual(
			{ homeCurrency: 'USD', appCurrencies: ['USD', 'EUR'], multicurrency: true },
		);
	});
	it("gives a transaction its name's currency and the rate, or the problem", () => {
		const cad = { currency: 'CAD' };
		expect(transactionCurrency({}, undefined, off)).toEqual({ fields: {} });
		expect(transactionCurrency({ exchangeRate: 0.73 }, cad, off).problem?.reason).toBe(
			"it is in CAD, and QuickBooks' multicurrency is off (home currency USD)",
		);
		expect(transactionCurrency({ exchangeRate: 0.73 }, cad, on)).toEqual({
			fields: { CurrencyRef: { value: 'CAD' }, ExchangeRate: 0.73 },
		});
		expect(transactionCurrency({}, cad, on).problem?.field).toBe('exchangeRate');
		expect(transactionCurrency({}, undefined, on)).toEqual({
			fields: { CurrencyRef: { value: 'USD' }, ExchangeRate: 1 },
		});
		expect(
			transactionCurrency({ exchangeRate: 0.73 }, cad, on, { CurrencyRef: { value: 'USD' } })
				.problem?.reason,
		).toMatch(/cannot change/);
	});
	it("keeps a name's currency: another one in the app becomes an issue, a new foreign one is created in it", () => {
		const qbo = new Map([['7', { Id: '7', DisplayName: 'Maple', CurrencyRef: { value: 'CAD' } }]]);
		const update = {
			kind: 'updateQuickBooks' as const,
			appId: 'cus_1',
			qboId: '7',
			syncToken: '0',
			body: {},
			requestId: 'r',
			fingerprint: 'f',
			deactivate: false,
		};
		expect(
			guardPartyCurrency(update, { currency: 'USD' }, qbo, on, 'customer cus_1'),
		).toMatchObject({ kind: 'issue', code: 'currency_fixed' });
		expect(guardPartyCurrency(update, { currency: 'CAD' }, qbo, on, 'customer cus_1')).toBe(update);
		const create = {
			kind: 'createInQuickBooks' as const,
			appId: 'cus_2',
			body: { DisplayName: 'Birch' },
			requestId: 'r',
			fingerprint: 'f',
			fields: {},
		};
		expect(
			guardPartyCurrency(create, { currency: 'CAD' }, qbo, on, 'customer cus_2'),
		).toMatchObject({ body: { DisplayName: 'Birch', CurrencyRef: { value: 'CAD' } } });
		expect(
			guardPartyCurrency(create, { currency: 'CAD' }, qbo, off, 'customer cus_2'),
		).toMatchObject({ kind: 'issue', code: 'currency' });
	});
});
