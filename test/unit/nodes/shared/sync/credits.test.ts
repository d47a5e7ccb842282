/** The credit memo / refund mappers, the history import's date range, and the engine node's credential rule. */
import { QuickBooksSyncEngine } from '../../../../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node';
import {
	appCreditFields,
	comparable,
	CREDIT_KINDS,
	creditProblems,
	qboCreditFields,
	toAppCredit,
	toQboCredit,
} from '../../../../../nodes/shared/sync/credits/mapping';
import { fingerprint } from '../../../../../nodes/shared/sync/pipeline/fingerprint';
import { checkDateRange } from '../../../../../nodes/shared/sync/pipeline/date-range';
import type { InvoiceReferences } from '../../../../../nodes/shared/sync/invoices/mapping';

const memoKind = CREDIT_KINDS['credit-memos'];
const refundKind = CREDIT_KINDS.refunds;
const methods = [
	{ Id: '1', Name: 'Cash' },
	{ Id: '2', Name: 'Check' },
	{ Id: '3', Name: 'Visa', Type: 'CREDIT_CARD' },
];
const methodById = new Map(methods.map((m) => [m.Id, m]));
const refs: InvoiceReferences = {
	customerQboId: (id) => ({ cus_1: '58', loc_1: '59' })[id],
	item: (id) =>
		({
			itm_sod: { qboId: '11', taxable: true, name: 'Sod' },
			itm_new: { qboId: undefined, taxable: false, name: 'New' },
		})[id],
};
const appRefs = {
	customer: (id: string) =>
		({ '58': { customerId: 'cus_1' }, '59': { customerId: 'cus_1', locationId: 'loc_1' } })[id],
	itemId: (id: string) => ({ '11': 'itm_sod' })[id],
};
const refund = {
	id: 'rf_1',
	customerId: 'cus_1',
	locationId: 'loc_1',
	date: '2026-11-27',
	method: 'card',
	reference: 'R-1',
	lines: [{ itemId: 'itm_sod', description: 'Returned', quantity: 2, rate: 20 }],
	memo: 'Sorry',
};

describe('credit memo and refund mapper', () => {
	it('maps a refund to a RefundReceipt with the account, method, reference and marker, and back to the same fields', () => {
		const fields = appCreditFields(refundKind, refund, refs);
		const body = toQboCredit(refundKind, fields, {
			appId: 'rf_1',
			appNumber: 'RF-1001',
			taxCodeId: '2',
			automatedSalesTax: false,
			create: true,
			methods,
			refundAccountId: '35',
		});
		expect(body).toMatchObject({
			CustomerRef: { value: '59' },
			DepositToAccountRef: { value: '35' },
			PaymentMethodRef: { value: '3' },
			PaymentRefNum: 'R-1',
			DocNumber: 'AUTO_GENERATE',
			PrivateNote: 'App refund RF-1001 [app refund rf_1]',
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
		});
		const written = { ...body, Id: '7', Line: body.Line.map((l: object) => ({ ...l })) };
		expect(fingerprint(comparable(qboCreditFields(refundKind, written, methodById)))).toBe(
			fingerprint(comparable(fields)),
		);
		expect(
			toAppCredit(refundKind, written, qboCreditFields(refundKind, written, methodById), appRefs)
				.body,
		).toMatchObject({
			customerId: 'cus_1',
			locationId: 'loc_1',
			method: 'card',
			reference: 'R-1',
			lines: [{ itemId: 'itm_sod', description: 'Returned', quantity: 2, rate: 20 }],
		});
	});

	it('does not count a line QuickBooks marks non-taxable as a change, and reads an amount-only line as one of that amount', () => {
		const qbo = {
			CustomerRef: { value: '58' },
			TxnDate: '2026-11-27',
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 40,
					SalesItemLineDetail: { ItemRef: { value: '11' }, TaxCodeRef: { value: 'NON' } },
				},
				{ DetailType: 'SubTotalLineDetail', Amount: 40 },
			],
		};
		const fields = qboCreditFields(memoKind, qbo, methodById);
		expect(fields.lines).toEqual([
			{ itemQboId: '11', description: '', quantity: 1, rate: 40, taxable: false },
		]);
		const app = appCreditFields(
			memoKind,
			{
				customerId: 'cus_1',
				date: '2026-11-27',
				lines: [{ itemId: 'itm_sod', quantity: 1, rate: 40 }],
			},
			refs,
		);
		expect(app.lines[0].taxable).toBe(true);
		expect(fingerprint(comparable(fields))).toBe(fingerprint(comparable(app)));
	});

	it('names what keeps a QuickBooks document out of the app: a discount line, an unlinked item, a rate the app cannot hold', () => {
		const qbo = {
			CustomerRef: { value: '58' },
			TxnDate: '2026-11-27',
			Line: [
				{
					DetailType: 'SalesItemLineDetail',
					Amount: 1.2345,
					SalesItemLineDetail: { ItemRef: { value: '99' }, Qty: 1, UnitPrice: 1.2345 },
				},
				{ DetailType: 'DiscountLineDetail', Amount: 1 },
			],
		};
		const { body, problems } = toAppCredit(
			memoKind,
			qbo,
			qboCreditFields(memoKind, qbo, methodById),
			appRefs,
		);
		expect(body).toBeUndefined();
		expect(problems).toEqual([
			expect.stringContaining('DiscountLineDetail lines'),
			expect.stringContaining('line 1 names QuickBooks item 99'),
			expect.stringContaining('more than 2 decimals'),
		]);
	});

	it('refuses a refund before any write when the account is unusable, the method unknown to QuickBooks, or an item not in QuickBooks', () => {
		const ach = {
			...refund,
			method: 'ach',
			lines: [...refund.lines, { itemId: 'itm_new', quantity: 1, rate: 5 }],
		};
		const problems = creditProblems(refundKind, ach, appCreditFields(refundKind, ach, refs), refs, {
			methods,
			refundAccountProblem: 'account "Services" is Income',
		});
		expect(problems.map((p) => p.field)).toEqual([
			'lines.1.itemId',
			'(settings) refundAccount',
			'method',
		]);
		expect(problems[1].fix).toMatch(/Refund From Account/);
		expect(problems[2].fix).toMatch(/ACH/);
	});
});

describe('history import date range', () => {
	it('takes YYYY-MM-DD dates in order and says what is wrong otherwise', () => {
		expect(checkDateRange({ from: '2025-01-01', to: '2025-01-01' })).toEqual({
			from: '2025-01-01',
			to: '2025-01-01',
		});
		expect(() => checkDateRange({ from: '2025-02-30', to: '2025-03-01' })).toThrow(
			'"From Date" is "2025-02-30": give a date as YYYY-MM-DD',
		);
		expect(() => checkDateRange({ from: '2025-01-01', to: '' })).toThrow('"To Date" is ""');
		expect(() => checkDateRange({ from: '2025-06-01', to: '2025-01-01' })).toThrow(
			'is after "To Date"',
		);
	});
});

it('asks for the QuickBooks credential on every engine operation that calls QuickBooks (cursors and issues live in the state store)', () => {
	const description = new QuickBooksSyncEngine().description;
	const shown = description.credentials![0].displayOptions!.show!.operation as string[];
	const operations = description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value));
	expect(
		[...new Set(operations)].filter(
			(op) =>
				!['getCursor', 'commitCursor', 'listIssues', 'retryIssues', 'dismissIssues'].includes(op) &&
				!shown.includes(op),
		),
	).toEqual([]);
});
