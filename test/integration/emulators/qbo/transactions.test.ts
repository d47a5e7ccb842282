/** Emulator: items, DocNumber, tax, purchases, and the money links between documents (quickbooks-api-notes.md §2.3–§2.7, §10.2). */
import type { QboEmulator } from '../../../emulators/qbo';
import { faultOf, startWithClient, type QboTestClient } from '../../../support/emulator-client';

let emulator: QboEmulator;
let qbo: QboTestClient;
let realmId: string;
const ids: Record<string, string> = {};

const itemLine = (itemId: string, amount: number, extra: object = {}) => ({
	DetailType: 'SalesItemLineDetail',
	Amount: amount,
	SalesItemLineDetail: { ItemRef: { value: itemId }, ...extra },
});

beforeAll(async () => {
	({ emulator, client: qbo, realmId } = await startWithClient());
	for (const [key, sql] of Object.entries({
		income: "select * from Account where Name = 'Services'",
		cogs: "select * from Account where Name = 'Cost of Goods Sold'",
		expense: "select * from Account where Name = 'Job Expenses'",
		asset: "select * from Account where Name = 'Inventory Asset'",
		checking: "select * from Account where Name = 'Checking'",
		visa: "select * from Account where Name = 'Visa'",
		design: "select * from Item where Name = 'Design'",
		sod: "select * from Item where Name = 'Sod'",
		mark: "select * from Customer where DisplayName = 'Mark Cho'",
		kate: "select * from Customer where DisplayName = 'Kate Whelan'",
		vendor: "select * from Vendor where DisplayName = 'Hall Properties'",
	})) {
		ids[key] = (await qbo.one(sql)).Id;
	}
});
afterAll(() => emulator.stop());

describe('items', () => {
	it('an inventory item needs income, COGS and asset accounts, quantity and start date', async () => {
		const base = {
			Name: 'Widget',
			Type: 'Inventory',
			IncomeAccountRef: { value: ids.income },
			ExpenseAccountRef: { value: ids.cogs },
			QtyOnHand: 5,
			InvStartDate: '2026-01-01',
		};
		const noAsset = await qbo.post('item', base);
		expect(faultOf(noAsset)).toMatchObject({ code: '2020', element: 'AssetAccountRef' });
		expect(faultOf(noAsset)!.Detail).toMatch(/inventory assetaccount is required/);
		expect(
			faultOf(
				await qbo.post('item', {
					...base,
					AssetAccountRef: { value: ids.asset },
					QtyOnHand: undefined,
				}),
			),
		).toMatchObject({ code: '2020', element: 'QtyOnHand' });
		const wrongAsset = await qbo.post('item', {
			...base,
			AssetAccountRef: { value: ids.checking },
		});
		expect(faultOf(wrongAsset)).toMatchObject({ code: '6000', element: 'AssetAccountRef' });
		const item = await qbo.create('Item', {
			...base,
			AssetAccountRef: { value: ids.asset },
			Sku: 'W-1',
		});
		expect(item).toMatchObject({
			TrackQtyOnHand: true,
			QtyOnHand: 5,
			FullyQualifiedName: 'Widget',
			Active: true,
		});
	});

	it('service and non-inventory items need an income account; they cannot track quantity', async () => {
		expect(
			faultOf(
				await qbo.post('item', {
					Name: 'No Income',
					Type: 'Service',
					ExpenseAccountRef: { value: ids.expense },
				}),
			),
		).toMatchObject({ code: '2020', element: 'IncomeAccountRef' });
		const wrongIncome = await qbo.post('item', {
			Name: 'Wrong Income',
			Type: 'Service',
			IncomeAccountRef: { value: ids.expense },
			ExpenseAccountRef: { value: ids.expense },
		});
		expect(faultOf(wrongIncome)).toMatchObject({ code: '6000', element: 'IncomeAccountRef' });
		const tracked = await qbo.post('item', {
			Name: 'Tracked Service',
			Type: 'Service',
			TrackQtyOnHand: true,
			IncomeAccountRef: { value: ids.income },
			ExpenseAccountRef: { value: ids.expense },
		});
		expect(faultOf(tracked)).toMatchObject({ element: 'TrackQtyOnHand' });
	});

	it('item names are unique among items, bundles cannot be created, categories are not sellable', async () => {
		expect(
			faultOf(
				await qbo.post('item', {
					Name: 'design',
					Type: 'Service',
					IncomeAccountRef: { value: ids.income },
					ExpenseAccountRef: { value: ids.expense },
				}),
			)!.code,
		).toBe('6240');
		expect(faultOf(await qbo.post('item', { Name: 'Bundle', Type: 'Group' }))!.code).toBe('500');
		const category = await qbo.one("select * from Item where Type = 'Category'");
		const res = await qbo.post('invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(category.Id, 10)],
		});
		expect(faultOf(res)).toMatchObject({
			code: '6000',
			element: 'Line[0].SalesItemLineDetail.ItemRef',
		});
	});
});

describe('DocNumber', () => {
	it('auto-sequences invoices when custom numbers are off, also for AUTO_GENERATE', async () => {
		const a = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.design, 75)],
		});
		const b = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			DocNumber: 'AUTO_GENERATE',
			Line: [itemLine(ids.design, 75)],
		});
		expect(Number(b.DocNumber)).toBe(Number(a.DocNumber) + 1);
	});

	it('with custom numbers on: no number stays empty, a duplicate is 6140, over 21 characters is 2050', async () => {
		emulator.admin.setPreferences(realmId, { SalesFormsPrefs: { CustomTxnNumbers: true } });
		try {
			const none = await qbo.create('Invoice', {
				CustomerRef: { value: ids.mark },
				Line: [itemLine(ids.design, 75)],
			});
			expect(none.DocNumber).toBeUndefined();
			await qbo.create('Invoice', {
				CustomerRef: { value: ids.mark },
				DocNumber: 'FS-1001',
				Line: [itemLine(ids.design, 75)],
			});
			const dup = await qbo.post('invoice', {
				CustomerRef: { value: ids.kate },
				DocNumber: 'FS-1001',
				Line: [itemLine(ids.design, 75)],
			});
			expect(faultOf(dup)).toMatchObject({
				code: '6140',
				Message: 'Duplicate Document Number Error',
			});
			expect(faultOf(dup)!.Detail).toMatch(
				/DocNumber=FS-1001 is assigned to TxnType=Invoice with TxnId=\d+/,
			);
			const long = await qbo.post('invoice', {
				CustomerRef: { value: ids.mark },
				DocNumber: 'X'.repeat(22),
				Line: [itemLine(ids.design, 75)],
			});
			expect(faultOf(long)).toMatchObject({ code: '2050', element: 'DocNumber' });
			expect(faultOf(long)!.Detail).toContain('Max:21 supported. Supplied length:22');
		} finally {
			emulator.admin.setPreferences(realmId, { SalesFormsPrefs: { CustomTxnNumbers: false } });
		}
	});
});

describe('invoices and sales tax', () => {
	it("allows a $0 invoice and copies the customer's addresses, e-mail and terms", async () => {
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.design, 0)],
		});
		expect(inv).toMatchObject({
			TotalAmt: 0,
			Balance: 0,
			BillEmail: { Address: 'Mark@Cho.com' },
			SalesTermRef: { name: 'Net 30' },
		});
		expect(inv.BillAddr.City).toBe('Half Moon Bay');
		expect(inv.Line.at(-1)).toEqual({
			Amount: 0,
			DetailType: 'SubTotalLineDetail',
			SubTotalLineDetail: {},
		});
	});

	it('US line tax codes are TAX or NON; the transaction tax code computes the tax', async () => {
		const bad = await qbo.post('invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.sod, 100, { TaxCodeRef: { value: '2' } })],
		});
		expect(faultOf(bad)).toMatchObject({ code: '6100' });
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' }, TotalTax: 999 },
			Line: [
				itemLine(ids.sod, 100, { TaxCodeRef: { value: 'TAX' } }),
				itemLine(ids.design, 50, { TaxCodeRef: { value: 'NON' } }),
			],
		});
		expect(inv.TxnTaxDetail.TotalTax).toBe(7.25);
		expect(inv.TotalAmt).toBe(157.25);
	});

	it('with Automated Sales Tax on, QBO computes tax and ignores the amount sent', async () => {
		emulator.admin.setPreferences(realmId, { TaxPrefs: { PartnerTaxEnabled: true } });
		try {
			const inv = await qbo.create('Invoice', {
				CustomerRef: { value: ids.mark },
				TxnTaxDetail: { TotalTax: 1 },
				Line: [itemLine(ids.sod, 100, { TaxCodeRef: { value: 'TAX' } })],
			});
			expect(inv.TxnTaxDetail.TotalTax).toBe(8.25);
			expect(inv.TotalAmt).toBe(108.25);
		} finally {
			emulator.admin.setPreferences(realmId, { TaxPrefs: { PartnerTaxEnabled: false } });
		}
	});
});

describe('payments and credit memos', () => {
	it('a partial payment lowers the balance and links both ways; an over-payment becomes UnappliedAmt', async () => {
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: ids.kate },
			Line: [itemLine(ids.design, 300)],
		});
		const pay = await qbo.create('Payment', {
			CustomerRef: { value: ids.kate },
			TotalAmt: 100,
			Line: [{ Amount: 100, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
		});
		expect(pay.UnappliedAmt).toBe(0);
		expect(pay.DepositToAccountRef.name).toBe('Undeposited Funds');
		const after = (await qbo.get(`invoice/${inv.Id}`)).json.Invoice;
		expect(after).toMatchObject({
			Balance: 200,
			SyncToken: '1',
			LinkedTxn: [{ TxnId: pay.Id, TxnType: 'Payment' }],
		});
		const over = await qbo.create('Payment', {
			CustomerRef: { value: ids.kate },
			TotalAmt: 250,
			Line: [{ Amount: 200, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
		});
		expect(over.UnappliedAmt).toBe(50);
		expect((await qbo.get(`invoice/${inv.Id}`)).json.Invoice.Balance).toBe(0);
		const tooMuch = await qbo.post('payment', {
			CustomerRef: { value: ids.kate },
			TotalAmt: 10,
			Line: [{ Amount: 10, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
		});
		expect(faultOf(tooMuch)).toMatchObject({ code: '6000', element: 'Line[0].Amount' });
	});

	it('a payment needs TotalAmt (6000 "You must set a transaction amount.")', async () => {
		const res = await qbo.post('payment', { CustomerRef: { value: ids.kate } });
		expect(faultOf(res)).toMatchObject({
			code: '6000',
			Detail: 'Business Validation Error: You must set a transaction amount.',
		});
	});

	it('applies to several invoices and a credit memo at once; voiding the payment reopens them', async () => {
		const a = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.design, 100)],
		});
		const b = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.design, 60)],
		});
		const credit = await qbo.create('CreditMemo', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.design, 40)],
		});
		expect(credit).toMatchObject({ RemainingCredit: 40 });
		const pay = await qbo.create('Payment', {
			CustomerRef: { value: ids.mark },
			TotalAmt: 120,
			Line: [
				{ Amount: 100, LinkedTxn: [{ TxnId: a.Id, TxnType: 'Invoice' }] },
				{ Amount: 60, LinkedTxn: [{ TxnId: b.Id, TxnType: 'Invoice' }] },
				{ Amount: 40, LinkedTxn: [{ TxnId: credit.Id, TxnType: 'CreditMemo' }] },
			],
		});
		expect(pay.UnappliedAmt).toBe(0);
		expect((await qbo.get(`creditmemo/${credit.Id}`)).json.CreditMemo.RemainingCredit).toBe(0);
		const voided = (
			await qbo.post(
				'payment',
				{ Id: pay.Id, SyncToken: pay.SyncToken, sparse: true },
				{ query: { operation: 'update', include: 'void' } },
			)
		).json.Payment;
		expect(voided).toMatchObject({ TotalAmt: 0, Line: [], PrivateNote: 'Voided' });
		expect((await qbo.get(`invoice/${a.Id}`)).json.Invoice).toMatchObject({ Balance: 100 });
		expect((await qbo.get(`invoice/${a.Id}`)).json.Invoice.LinkedTxn).toBeUndefined();
		expect((await qbo.get(`creditmemo/${credit.Id}`)).json.CreditMemo.RemainingCredit).toBe(40);
	});

	it('an invoice with a payment cannot be deleted or voided until the payment is gone', async () => {
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: ids.mark },
			Line: [itemLine(ids.design, 80)],
		});
		const pay = await qbo.create('Payment', {
			CustomerRef: { value: ids.mark },
			TotalAmt: 80,
			Line: [{ Amount: 80, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
		});
		const current = (await qbo.get(`invoice/${inv.Id}`)).json.Invoice;
		expect(
			faultOf(
				await qbo.post(
					'invoice',
					{ Id: inv.Id, SyncToken: current.SyncToken },
					{ query: { operation: 'delete' } },
				),
			),
		).toMatchObject({ code: '6000', element: 'LinkedTxn' });
		await qbo.post(
			'payment',
			{ Id: pay.Id, SyncToken: pay.SyncToken },
			{ query: { operation: 'delete' } },
		);
		const reopened = (await qbo.get(`invoice/${inv.Id}`)).json.Invoice;
		expect(reopened.Balance).toBe(80);
		expect(
			(
				await qbo.post(
					'invoice',
					{ Id: inv.Id, SyncToken: reopened.SyncToken },
					{ query: { operation: 'delete' } },
				)
			).status,
		).toBe(200);
	});

	it('customer Balance follows invoices, credits and unapplied payments', async () => {
		const c = await qbo.create('Customer', { DisplayName: 'Balance Watcher' });
		const inv = await qbo.create('Invoice', {
			CustomerRef: { value: c.Id },
			Line: [itemLine(ids.design, 500)],
		});
		expect((await qbo.get(`customer/${c.Id}`)).json.Customer.Balance).toBe(500);
		await qbo.create('Payment', {
			CustomerRef: { value: c.Id },
			TotalAmt: 600,
			Line: [{ Amount: 500, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
		});
		expect((await qbo.get(`customer/${c.Id}`)).json.Customer.Balance).toBe(-100);
	});
});

describe('bills, bill payments and purchases', () => {
	const expenseLine = (amount: number) => ({
		DetailType: 'AccountBasedExpenseLineDetail',
		Amount: amount,
		AccountBasedExpenseLineDetail: { AccountRef: { value: ids.expense } },
	});

	it('a bill payment reduces the bill balance; voiding it restores the balance', async () => {
		const bill = await qbo.create('Bill', {
			VendorRef: { value: ids.vendor },
			Line: [expenseLine(400)],
		});
		expect(bill).toMatchObject({
			Balance: 400,
			TotalAmt: 400,
			APAccountRef: { name: 'Accounts Payable (A/P)' },
		});
		const bp = await qbo.create('BillPayment', {
			VendorRef: { value: ids.vendor },
			PayType: 'Check',
			CheckPayment: { BankAccountRef: { value: ids.checking } },
			TotalAmt: 150,
			Line: [{ Amount: 150, LinkedTxn: [{ TxnId: bill.Id, TxnType: 'Bill' }] }],
		});
		expect((await qbo.get(`bill/${bill.Id}`)).json.Bill).toMatchObject({
			Balance: 250,
			LinkedTxn: [{ TxnId: bp.Id, TxnType: 'BillPaymentCheck' }],
		});
		await qbo.post(
			'billpayment',
			{ Id: bp.Id, SyncToken: bp.SyncToken, sparse: true },
			{ query: { operation: 'update', include: 'void' } },
		);
		expect((await qbo.get(`bill/${bill.Id}`)).json.Bill.Balance).toBe(400);
	});

	it('a bill payment by check must come from a Bank account', async () => {
		const bill = await qbo.create('Bill', {
			VendorRef: { value: ids.vendor },
			Line: [expenseLine(10)],
		});
		const res = await qbo.post('billpayment', {
			VendorRef: { value: ids.vendor },
			PayType: 'Check',
			CheckPayment: { BankAccountRef: { value: ids.visa } },
			TotalAmt: 10,
			Line: [{ Amount: 10, LinkedTxn: [{ TxnId: bill.Id, TxnType: 'Bill' }] }],
		});
		expect(faultOf(res)).toMatchObject({ code: '6000', element: 'CheckPayment.BankAccountRef' });
	});

	it('a purchase account must fit PaymentType: Bank for Cash and Check, Credit Card for CreditCard', async () => {
		const wrong = await qbo.post('purchase', {
			PaymentType: 'CreditCard',
			AccountRef: { value: ids.checking },
			Line: [expenseLine(20)],
		});
		expect(faultOf(wrong)).toMatchObject({ code: '6000', element: 'AccountRef' });
		expect(faultOf(wrong)!.Detail).toMatch(
			/CreditCard purchase must be paid from a Credit Card account/,
		);
		expect(
			faultOf(
				await qbo.post('purchase', {
					PaymentType: 'Check',
					AccountRef: { value: ids.visa },
					Line: [expenseLine(20)],
				}),
			),
		).toMatchObject({ element: 'AccountRef' });
		const ok = await qbo.create('Purchase', {
			PaymentType: 'Cash',
			AccountRef: { value: ids.checking },
			Line: [expenseLine(20), expenseLine(5.5)],
		});
		expect(ok.TotalAmt).toBe(25.5);
		expect(
			faultOf(
				await qbo.post('purchase', { AccountRef: { value: ids.checking }, Line: [expenseLine(1)] }),
			),
		).toMatchObject({ code: '2020', element: 'PaymentType' });
	});

	it("BillableStatus HasBeenBilled is QBO's to set (2170)", async () => {
		const res = await qbo.post('purchase', {
			PaymentType: 'Cash',
			AccountRef: { value: ids.checking },
			Line: [
				{
					DetailType: 'AccountBasedExpenseLineDetail',
					Amount: 5,
					AccountBasedExpenseLineDetail: {
						AccountRef: { value: ids.expense },
						BillableStatus: 'HasBeenBilled',
					},
				},
			],
		});
		expect(faultOf(res)).toMatchObject({
			code: '2170',
			Detail: 'Invalid Enumeration : HAS_BEEN_BILLED',
		});
	});
});
