/** Every entity the emulator serves, with the facts its endpoints, queries and CDC need. */
import { faults } from './fault';
import { customerRules, employeeRules, nameLimits, vendorRules } from './entities/names';
import {
	accountRules,
	companyInfoRules,
	itemRules,
	preferencesRules,
	readOnlyRules,
	simpleList,
	termRules,
} from './entities/lists';
import {
	creditMemoRules,
	invoiceRules,
	paymentRules,
	refundReceiptRules,
	salesLimits,
} from './entities/sales';
import {
	billPaymentRules,
	billRules,
	journalEntryRules,
	purchaseLimits,
	purchaseOrderRules,
	purchaseRules,
} from './entities/purchases';
import type { EntitySpec } from './entities/types';

const META = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'];
const TXN_FILTERS = [...META, 'DocNumber', 'TxnDate', 'TotalAmt'];
const NAME_FILTERS = [
	...META,
	'DisplayName',
	'GivenName',
	'FamilyName',
	'CompanyName',
	'PrimaryEmailAddr',
	'Active',
	'Balance',
	'PrintOnCheckName',
];

function spec(
	partial: Omit<EntitySpec, 'path' | 'limits' | 'readOnly' | 'creatable' | 'cdc'> &
		Partial<EntitySpec>,
): EntitySpec {
	return {
		path: partial.name.toLowerCase(),
		limits: {},
		readOnly: [],
		creatable: true,
		cdc: true,
		...partial,
	};
}

const TXN_READ_ONLY = [
	'TotalAmt',
	'Balance',
	'LinkedTxn',
	'HomeTotalAmt',
	'HomeBalance',
	'_openingBalance',
];

export const catalog: Record<string, EntitySpec> = Object.fromEntries(
	[
		spec({
			name: 'Customer',
			kind: 'name',
			filterable: [...NAME_FILTERS, 'FullyQualifiedName', 'Job', 'ParentRef', 'Level'],
			limits: nameLimits,
			readOnly: [
				'Level',
				'FullyQualifiedName',
				'BalanceWithJobs',
				'IsProject',
				'Balance',
				'_openingBalance',
			],
			rules: customerRules,
		}),
		spec({
			name: 'Vendor',
			kind: 'name',
			filterable: NAME_FILTERS,
			limits: { ...nameLimits, AcctNum: 15, Notes: 1024 },
			readOnly: ['Balance', '_openingBalance'],
			rules: vendorRules,
		}),
		spec({
			name: 'Employee',
			kind: 'name',
			filterable: NAME_FILTERS,
			limits: nameLimits,
			rules: employeeRules,
		}),
		spec({
			name: 'Item',
			kind: 'list',
			filterable: [
				...META,
				'Name',
				'Sku',
				'Type',
				'Active',
				'FullyQualifiedName',
				'ParentRef',
				'Level',
				'QtyOnHand',
			],
			limits: { Name: 100, Sku: 100, Description: 4000, PurchaseDesc: 1000 },
			readOnly: ['Level', 'FullyQualifiedName'],
			rules: itemRules,
		}),
		spec({
			name: 'Account',
			kind: 'list',
			filterable: [
				...META,
				'Name',
				'AccountType',
				'AccountSubType',
				'Classification',
				'Active',
				'FullyQualifiedName',
				'AcctNum',
				'CurrentBalance',
			],
			limits: { Name: 100, AcctNum: 20, Description: 100 },
			readOnly: [
				'Level',
				'FullyQualifiedName',
				'Classification',
				'CurrentBalance',
				'CurrentBalanceWithSubAccounts',
			],
			rules: accountRules,
		}),
		spec({
			name: 'Term',
			kind: 'list',
			filterable: [...META, 'Name', 'Active'],
			limits: { Name: 31 },
			rules: termRules,
		}),
		spec({
			name: 'Class',
			kind: 'list',
			filterable: [...META, 'Name', 'Active', 'FullyQualifiedName'],
			limits: { Name: 100 },
			readOnly: ['Level', 'FullyQualifiedName'],
			rules: simpleList('Class'),
		}),
		spec({
			name: 'Department',
			kind: 'list',
			filterable: [...META, 'Name', 'Active', 'FullyQualifiedName'],
			limits: { Name: 100 },
			readOnly: ['Level', 'FullyQualifiedName'],
			rules: simpleList('Department'),
		}),
		spec({
			name: 'PaymentMethod',
			kind: 'list',
			filterable: [...META, 'Name', 'Active', 'Type'],
			limits: { Name: 31 },
			rules: simpleList('PaymentMethod'),
		}),
		spec({
			name: 'TaxCode',
			kind: 'list',
			filterable: [...META, 'Name', 'Active'],
			limits: { Name: 10, Description: 31 },
			creatable: false,
			cdc: false,
			rules: readOnlyRules,
		}),
		spec({
			name: 'TaxRate',
			kind: 'list',
			filterable: [...META, 'Name', 'Active'],
			limits: { Name: 31 },
			creatable: false,
			cdc: false,
			rules: readOnlyRules,
		}),
		spec({
			name: 'Invoice',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'CustomerRef', 'Balance', 'DueDate', 'EmailStatus'],
			limits: salesLimits,
			readOnly: [...TXN_READ_ONLY, 'EmailStatus', 'DeliveryInfo'],
			voidable: 'operation=void',
			rules: invoiceRules,
		}),
		spec({
			name: 'CreditMemo',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'CustomerRef', 'Balance', 'RemainingCredit'],
			limits: salesLimits,
			readOnly: [...TXN_READ_ONLY, 'RemainingCredit'],
			rules: creditMemoRules,
		}),
		spec({
			name: 'RefundReceipt',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'CustomerRef'],
			limits: { ...salesLimits, PaymentRefNum: 21 },
			readOnly: TXN_READ_ONLY,
			rules: refundReceiptRules,
		}),
		spec({
			name: 'Payment',
			kind: 'transaction',
			filterable: [...META, 'TxnDate', 'TotalAmt', 'CustomerRef', 'PaymentRefNum', 'UnappliedAmt'],
			limits: { PrivateNote: 4000, PaymentRefNum: 21 },
			readOnly: ['UnappliedAmt', 'HomeTotalAmt'],
			voidable: 'include=void',
			rules: paymentRules,
		}),
		spec({
			name: 'Bill',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'VendorRef', 'Balance', 'DueDate'],
			limits: purchaseLimits,
			readOnly: TXN_READ_ONLY,
			rules: billRules,
		}),
		spec({
			name: 'BillPayment',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'VendorRef', 'PayType'],
			limits: purchaseLimits,
			voidable: 'include=void',
			rules: billPaymentRules,
		}),
		spec({
			name: 'Purchase',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'PaymentType', 'AccountRef', 'EntityRef'],
			limits: purchaseLimits,
			readOnly: ['TotalAmt'],
			rules: purchaseRules,
		}),
		spec({
			name: 'PurchaseOrder',
			kind: 'transaction',
			filterable: [...TXN_FILTERS, 'VendorRef', 'POStatus'],
			limits: purchaseLimits,
			readOnly: ['TotalAmt'],
			rules: purchaseOrderRules,
		}),
		spec({
			name: 'JournalEntry',
			kind: 'transaction',
			filterable: TXN_FILTERS,
			limits: purchaseLimits,
			readOnly: ['TotalAmt'],
			rules: journalEntryRules,
		}),
		spec({
			name: 'CompanyInfo',
			kind: 'singleton',
			filterable: META,
			creatable: false,
			rules: companyInfoRules,
			limits: { CompanyName: 1024 },
		}),
		spec({
			name: 'Preferences',
			kind: 'singleton',
			filterable: META,
			creatable: false,
			rules: preferencesRules,
		}),
	].map((s) => [s.name, s]),
);

const byPath = new Map(Object.values(catalog).map((s) => [s.path, s]));

export function specFor(name: string): EntitySpec {
	const found = catalog[name];
	if (!found)
		throw faults.queryParse(
			`Invalid entity name "${name}". Entity names are case sensitive, e.g. Customer, Invoice.`,
		);
	return found;
}

/** URI segment → spec; QBO URIs are case sensitive (§3), so "Customer" is not "customer". */
export function specForPath(path: string): EntitySpec | undefined {
	return byPath.get(path);
}
