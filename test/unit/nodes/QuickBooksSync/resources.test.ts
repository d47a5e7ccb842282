/** Vendor, Item, Payment, Bill, Bill Payment, Expense and Credit Memo against recorded QBO answers (nock). */
import nock from 'nock';
import { QuickBooksSync } from '../../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { BASE, HOST, runNode } from '../../../support/recorded-qbo';

const run = runNode;

/** Answers one POST to `path` with `{ [entity]: echo }` and returns what was sent. */
function expectPost(
	path: string,
	entity: string,
	answer: Record<string, unknown> = { Id: '9', SyncToken: '0' },
) {
	const sent: { body?: unknown; query?: Record<string, string> } = {};
	nock(HOST)
		.post(`${BASE}/${path}`, (b) => ((sent.body = b), true))
		.query((q) => ((sent.query = q as Record<string, string>), true))
		.reply(200, { [entity]: answer });
	return sent;
}

it('vendor create maps fields', async () => {
	const sent = expectPost('vendor', 'Vendor');
	await run('vendor', {
		operation: 'create',
		displayName: 'Ace',
		additionalFields: { email: 'a@ace.example', acctNum: 'A-1', vendor1099: true },
	});
	expect(sent.body).toEqual({
		DisplayName: 'Ace',
		PrimaryEmailAddr: { Address: 'a@ace.example' },
		AcctNum: 'A-1',
		Vendor1099: true,
	});
});

it('item create maps a service item with its accounts', async () => {
	const sent = expectPost('item', 'Item');
	await run('item', {
		operation: 'create',
		name: 'Trenching',
		itemType: 'Service',
		itemFields: { incomeAccountId: '15', expenseAccountId: '23', unitPrice: 90, sku: 'SRV-TRENCH' },
	});
	expect(sent.body).toEqual({
		Name: 'Trenching',
		Type: 'Service',
		IncomeAccountRef: { value: '15' },
		ExpenseAccountRef: { value: '23' },
		Sku: 'SRV-TRENCH',
		UnitPrice: 90,
	});
});

it('payment create links invoices and credit memos', async () => {
	const sent = expectPost('payment', 'Payment');
	await run('payment', {
		operation: 'create',
		customerId: '5',
		amount: 100,
		applyTo: {
			application: [
				{ txnType: 'Invoice', txnId: '40', amount: 120 },
				{ txnType: 'CreditMemo', txnId: '41', amount: 20 },
			],
		},
		additionalFields: { referenceNumber: '1045' },
		idempotencyKey: 'app:pay_1:v1',
	});
	expect(sent.body).toEqual({
		CustomerRef: { value: '5' },
		TotalAmt: 100,
		Line: [
			{ Amount: 120, LinkedTxn: [{ TxnId: '40', TxnType: 'Invoice' }] },
			{ Amount: 20, LinkedTxn: [{ TxnId: '41', TxnType: 'CreditMemo' }] },
		],
		PaymentRefNum: '1045',
	});
	expect(sent.query?.requestid).toHaveLength(32);
});

it('bill create maps account and item lines', async () => {
	const sent = expectPost('bill', 'Bill');
	await run('bill', {
		operation: 'create',
		vendorId: '3',
		lines: {
			line: [
				{ accountId: '30', amount: 10, description: 'Fittings', customerId: '7' },
				{ itemId: '12', amount: 5 },
			],
		},
	});
	expect(sent.body).toEqual({
		VendorRef: { value: '3' },
		Line: [
			{
				DetailType: 'AccountBasedExpenseLineDetail',
				Amount: 10,
				Description: 'Fittings',
				AccountBasedExpenseLineDetail: { AccountRef: { value: '30' }, CustomerRef: { value: '7' } },
			},
			{
				DetailType: 'ItemBasedExpenseLineDetail',
				Amount: 5,
				ItemBasedExpenseLineDetail: { ItemRef: { value: '12' } },
			},
		],
	});
});

it('bill payment totals its bills and uses the bank account for checks', async () => {
	const sent = expectPost('billpayment', 'BillPayment');
	await run('billPayment', {
		operation: 'create',
		vendorId: '3',
		payType: 'Check',
		accountId: '35',
		bills: {
			bill: [
				{ billId: '60', amount: 100.1 },
				{ billId: '61', amount: 0.2 },
			],
		},
	});
	expect(sent.body).toEqual({
		VendorRef: { value: '3' },
		PayType: 'Check',
		CheckPayment: { BankAccountRef: { value: '35' } },
		TotalAmt: 100.3,
		Line: [
			{ Amount: 100.1, LinkedTxn: [{ TxnId: '60', TxnType: 'Bill' }] },
			{ Amount: 0.2, LinkedTxn: [{ TxnId: '61', TxnType: 'Bill' }] },
		],
	});
});

it('expense create reads the account first and writes only when its type fits', async () => {
	nock(HOST)
		.get(`${BASE}/account/41`)
		.query(true)
		.reply(200, { Account: { Id: '41', Name: 'Visa', AccountType: 'Credit Card' } });
	const sent = expectPost('purchase', 'Purchase');
	await run('purchase', {
		operation: 'create',
		paymentType: 'CreditCard',
		accountId: '41',
		lines: { line: [{ accountId: '30', amount: 86.44 }] },
	});
	expect(sent.body).toMatchObject({ PaymentType: 'CreditCard', AccountRef: { value: '41' } });
});

it('credit memo create uses invoice-shaped lines', async () => {
	const sent = expectPost('creditmemo', 'CreditMemo');
	await run('creditMemo', {
		operation: 'create',
		customerId: '5',
		lines: { line: [{ itemId: '2', quantity: 1, rate: 30 }] },
	});
	expect(sent.body).toEqual({
		CustomerRef: { value: '5' },
		Line: [
			{
				DetailType: 'SalesItemLineDetail',
				Amount: 30,
				SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 1, UnitPrice: 30 },
			},
		],
	});
});

it('generic update sends raw changes sparsely; void of a payment is update&include=void', async () => {
	nock(HOST)
		.get(`${BASE}/vendor/9`)
		.query(true)
		.reply(200, { Vendor: { Id: '9', SyncToken: '4' } });
	const update = expectPost('vendor', 'Vendor');
	await run('vendor', { operation: 'update', recordId: '9', changes: '{"Notes":"x"}' });
	expect(update.body).toEqual({ Notes: 'x', Id: '9', SyncToken: '4', sparse: true });
	const voided = expectPost('payment', 'Payment');
	await run('payment', { operation: 'void', recordId: '70', knownSyncVersion: '2' });
	expect(voided.query).toMatchObject({ operation: 'update', include: 'void' });
	expect(voided.body).toEqual({ Id: '70', SyncToken: '2', sparse: true });
});

it('an empty change set is refused before any call', async () => {
	const error = await run('bill', { operation: 'update', recordId: '9', changes: '{}' }).catch(
		(e: Error) => e,
	);
	expect((error as Error).message).toBe(
		'Item 0: Changes (JSON) must be an object with at least one Bill field.',
	);
});

it('get many rejects an Updated Since that is not a time, naming the filter', async () => {
	const error = await run('bill', {
		operation: 'getAll',
		returnAll: true,
		filters: { updatedSince: 'yesterday-ish' },
	}).catch((e: Error) => e);
	expect((error as Error).message).toBe(
		'Updated Since "yesterday-ish" is not a date; use e.g. 2026-11-22 or 2026-11-22T08:00:00Z.',
	);
});

it('names every action as n8n shows it in the actions list, with the right article ("Create an item", "Create an expense")', () => {
	const actions = new QuickBooksSync().description.properties.flatMap((p) =>
		p.name === 'operation'
			? ((p.options ?? []) as Array<{ action?: string }>).map((o) => o.action ?? '')
			: [],
	);
	expect(actions).toEqual(
		expect.arrayContaining(['Create an item', 'Create an expense', 'Create a vendor']),
	);
	expect(actions.filter((a) => /\ba [aeiou]/i.test(a))).toEqual([]);
});
