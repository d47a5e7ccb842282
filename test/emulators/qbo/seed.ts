/**
 * A company like a QBO US sandbox: the usual accounts, tax codes and rates, terms, classes,
 * departments, payment methods, about 30 customers (sub-customers and inactive ones included),
 * vendors, employees, items of every creatable type, and a few invoices and payments. Everything
 * except the singletons and tax lists is created through the same rules the API applies.
 */
import type { Entity } from './entities/types';
import type { Realm } from './realm';

export type SeedName = 'sandbox' | 'empty';

const ref = (value: string | undefined) => ({ value: value! });

export function baseCompany(realm: Realm, companyName: string): void {
	const now = realm.clock.stamp();
	const meta = { CreateTime: now, LastUpdatedTime: now };
	realm.put('CompanyInfo', {
		Id: '1',
		SyncToken: '0',
		domain: 'QBO',
		sparse: false,
		MetaData: meta,
		CompanyName: companyName,
		LegalName: companyName,
		CompanyAddr: {
			Id: '1',
			Line1: '123 Sierra Way',
			City: 'San Pablo',
			CountrySubDivisionCode: 'CA',
			PostalCode: '87999',
			Country: 'USA',
		},
		LegalAddr: {
			Id: '1',
			Line1: '123 Sierra Way',
			City: 'San Pablo',
			CountrySubDivisionCode: 'CA',
			PostalCode: '87999',
			Country: 'USA',
		},
		Email: { Address: 'noreply@quickbooks.com' },
		Country: 'US',
		FiscalYearStartMonth: 'January',
		SupportedLanguages: 'en',
		CompanyStartDate: '2026-01-01',
		NameValue: [
			{ Name: 'ItemCategoriesFeature', Value: 'true' },
			{ Name: 'IndustryType', Value: 'Landscaping Services' },
		],
	});
	realm.put('Preferences', {
		Id: '1',
		SyncToken: '0',
		domain: 'QBO',
		sparse: false,
		MetaData: meta,
		AccountingInfoPrefs: {
			TrackDepartments: true,
			DepartmentTerminology: 'Location',
			ClassTrackingPerTxn: false,
			ClassTrackingPerTxnLine: true,
			CustomerTerminology: 'Customers',
		},
		ProductAndServicesPrefs: {
			ForSales: true,
			ForPurchase: true,
			QuantityWithPriceAndRate: true,
			QuantityOnHand: true,
			ItemCategoriesFeature: true,
		},
		SalesFormsPrefs: {
			CustomTxnNumbers: false,
			AllowDeposit: true,
			AllowDiscount: true,
			AllowShipping: false,
			DefaultTerms: { value: '3' },
			ETransactionEnabledStatus: 'NotApplicable',
			// The sales-form custom fields as Preferences reports them: a group of "Use" flags, then a group of names (Intuit's sample: "Crew #").
			CustomField: [
				{
					CustomField: [3, 2, 1].map((n) => ({
						Name: `SalesFormsPrefs.UseSalesCustom${n}`,
						Type: 'BooleanType',
						BooleanValue: n === 1,
					})),
				},
				{
					CustomField: [
						{ Name: 'SalesFormsPrefs.SalesCustomName1', Type: 'StringType', StringValue: 'Crew #' },
					],
				},
			],
		},
		VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true },
		TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: false, TaxGroupCodeRef: { value: '2' } },
		CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
		EmailMessagesPrefs: {
			InvoiceMessage: { Subject: 'Invoice from {company}', Message: 'Your invoice is attached.' },
		},
	});
}

function taxLists(realm: Realm): void {
	const now = realm.clock.stamp();
	const meta = { CreateTime: now, LastUpdatedTime: now };
	const base = { SyncToken: '0', domain: 'QBO', sparse: false, MetaData: meta, Active: true };
	realm.put('TaxRate', {
		...base,
		Id: '1',
		Name: 'California',
		Description: 'CA state tax',
		RateValue: 7.25,
		AgencyRef: { value: '1' },
		SpecialTaxType: 'NONE',
		DisplayType: 'ReadOnly',
		EffectiveTaxRate: [],
	});
	realm.put('TaxRate', {
		...base,
		Id: '2',
		Name: 'Tucson City',
		Description: 'City tax',
		RateValue: 0.75,
		AgencyRef: { value: '2' },
		SpecialTaxType: 'NONE',
		DisplayType: 'ReadOnly',
		EffectiveTaxRate: [],
	});
	realm.put('TaxCode', {
		...base,
		Id: '2',
		Name: 'California',
		Description: 'California',
		Taxable: true,
		TaxGroup: true,
		SalesTaxRateList: {
			TaxRateDetail: [
				{
					TaxRateRef: { value: '1', name: 'California' },
					TaxTypeApplicable: 'TaxOnAmount',
					TaxOrder: 0,
				},
			],
		},
		PurchaseTaxRateList: { TaxRateDetail: [] },
	});
	realm.put('TaxCode', {
		...base,
		Id: '3',
		Name: 'Tucson',
		Description: 'Tucson',
		Taxable: true,
		TaxGroup: true,
		SalesTaxRateList: {
			TaxRateDetail: [
				{
					TaxRateRef: { value: '1', name: 'California' },
					TaxTypeApplicable: 'TaxOnAmount',
					TaxOrder: 0,
				},
				{
					TaxRateRef: { value: '2', name: 'Tucson City' },
					TaxTypeApplicable: 'TaxOnAmount',
					TaxOrder: 0,
				},
			],
		},
		PurchaseTaxRateList: { TaxRateDetail: [] },
	});
}

const ACCOUNTS: Array<[string, string, string?]> = [
	['Checking', 'Bank', 'Checking'],
	['Savings', 'Bank', 'Savings'],
	['Mastercard', 'Credit Card'],
	['Visa', 'Credit Card'],
	['Accounts Receivable (A/R)', 'Accounts Receivable'],
	['Accounts Payable (A/P)', 'Accounts Payable'],
	['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds'],
	['Inventory Asset', 'Other Current Asset', 'Inventory'],
	['Prepaid Expenses', 'Other Current Asset', 'PrepaidExpenses'],
	['Truck', 'Fixed Asset', 'Vehicles'],
	['Board of Equalization Payable', 'Other Current Liability', 'SalesTaxPayable'],
	['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity'],
	['Retained Earnings', 'Equity', 'RetainedEarnings'],
	['Sales of Product Income', 'Income', 'SalesOfProductIncome'],
	['Services', 'Income', 'ServiceFeeIncome'],
	['Landscaping Services', 'Income', 'ServiceFeeIncome'],
	['Discounts given', 'Income', 'DiscountsRefundsGiven'],
	['Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'],
	['Advertising', 'Expense', 'AdvertisingPromotional'],
	['Automobile', 'Expense', 'Auto'],
	['Equipment Rental', 'Expense', 'EquipmentRental'],
	['Insurance', 'Expense', 'Insurance'],
	['Job Expenses', 'Expense', 'SuppliesMaterials'],
	['Legal & Professional Fees', 'Expense', 'LegalProfessionalFees'],
	['Maintenance and Repair', 'Expense', 'RepairMaintenance'],
	['Office Expenses', 'Expense', 'OfficeGeneralAdministrativeExpenses'],
	['Utilities', 'Expense', 'Utilities'],
	['Purchases', 'Expense', 'SuppliesMaterials'],
	['Miscellaneous', 'Other Expense', 'Depreciation'],
];

/** Customers: [DisplayName, GivenName, FamilyName, email, parent DisplayName?, active?] */
const CUSTOMERS: Array<[string, string?, string?, string?, string?, boolean?]> = [
	["Amy's Bird Sanctuary", 'Amy', 'Lauterbach', 'Birds@Intuit.com'],
	["Bill's Windsurf Shop", 'Bill', 'Lucchini', 'Surf@Intuit.com'],
	['Cool Cars', 'Grace', 'Pariente', 'Cool_Cars@intuit.com'],
	['Diego Rodriguez', 'Diego', 'Rodriguez', 'Diego@Rodriguez.com'],
	['Dukes Basketball Camp', 'Peter', 'Dukes', 'Dukes_bball@intuit.com'],
	['Dylan Sollfrank', 'Dylan', 'Sollfrank'],
	['Freeman Sporting Goods', 'Sasha', 'Tillou', 'Sporting_goods@intuit.com'],
	[
		'0969 Ocean View Road',
		'Sasha',
		'Tillou',
		'Sporting_goods@intuit.com',
		'Freeman Sporting Goods',
	],
	['55 Twin Lane', 'Amelia', undefined, 'Sporting_goods@intuit.com', 'Freeman Sporting Goods'],
	['Geeta Kalapatapu', 'Geeta', 'Kalapatapu', 'Geeta@Kalapatapu.com'],
	['Gevelber Photography', 'Lisa', 'Gevelber', 'Photography@intuit.com'],
	["Jeff's Jalopies", 'Jeff', 'Chin', 'Jalopies@intuit.com'],
	['John Melton', 'John', 'Melton', 'John@Melton.com'],
	['Kate Whelan', 'Kate', 'Whelan', 'Kate@Whelan.com'],
	['Kookies by Kathy', 'Kathy', 'Kuplis', 'qbwebsamplecompany@yahoo.com'],
	['Mark Cho', 'Mark', 'Cho', 'Mark@Cho.com'],
	['Paulsen Medical Supplies', 'Kathy', 'Paulsen', 'Medical@intuit.com'],
	["Pye's Cakes", 'Karen', 'Pye', 'pyescakes@intuit.com'],
	['Rago Travel Agency', 'Nicola', 'Rago', 'Rago_Travel@intuit.com'],
	['Red Rock Diner', 'Stephanie', 'Martini', 'qbwebsamplecompany@yahoo.com'],
	['Rondonuwu Fruit and Vegi', 'Shara', 'Rondonuwu', 'Tony@Rondonuwu.com'],
	['Shara Barnett', 'Shara', 'Barnett', 'Design@intuit.com'],
	['Barnett Design', 'Shara', 'Barnett', 'Design@intuit.com', 'Shara Barnett'],
	['Sonnenschein Family Store', 'Russ', 'Sonnenschein', 'Familiystore@intuit.com'],
	['Sushi by Katsuyuki', 'Kaad', 'Katsuyuki', 'Sushi@intuit.com'],
	['Travis Waldron', 'Travis', 'Waldron', 'Travis@Waldron.com'],
	['Video Games by Dan', 'Dan', 'Miller', 'Videogames@intuit.com'],
	['Wedding Planning by Whitney', 'Whitney', 'Pilger', 'Dream_Wedding@intuit.com'],
	['Weiskopf Consulting', 'Nicole', 'Weiskopf', 'Consulting@intuit.com'],
	['Old Mill Bakery', 'Hanna', 'Moor', 'orders@oldmillbakery.example', undefined, false],
	['Lakeside Marina', 'Ola', 'Berg', 'office@lakesidemarina.example', undefined, false],
];

const VENDORS = [
	"Bob's Burger Joint",
	'Brosnahan Insurance Agency',
	'Cal Telephone',
	'Computers by Jenni',
	"Diego's Road Warrior Bodyshop",
	'Hall Properties',
	'Norton Lumber and Building Materials',
	'PG&E',
	'Robertson & Associates',
	'Tony Rondonuwu',
];

export function seedSandbox(realm: Realm): void {
	realm.silent = true;
	try {
		baseCompany(realm, 'Sandbox Company_US_1');
		taxLists(realm);
		const id = (type: string, name: string, field = 'Name') =>
			realm.all(type).find((e) => e[field] === name)!.Id;
		for (const [Name, AccountType, AccountSubType] of ACCOUNTS)
			realm.create('Account', { Name, AccountType, ...(AccountSubType ? { AccountSubType } : {}) });
		for (const [Name, DueDays] of [
			['Due on receipt', 0],
			['Net 15', 15],
			['Net 30', 30],
			['Net 60', 60],
		] as const)
			realm.create('Term', { Name, DueDays });
		for (const Name of ['Cash', 'Check', 'Visa', 'MasterCard', 'American Express', 'Discover']) {
			realm.create('PaymentMethod', {
				Name,
				Type: ['Cash', 'Check'].includes(Name) ? 'NON_CREDIT_CARD' : 'CREDIT_CARD',
			});
		}
		for (const Name of ['Landscaping', 'Maintenance', 'Design']) realm.create('Class', { Name });
		for (const Name of ['North', 'South']) realm.create('Department', { Name });
		for (const [DisplayName, GivenName, FamilyName, email, parent, active] of CUSTOMERS) {
			const body: Entity = {
				DisplayName,
				GivenName,
				FamilyName,
				CompanyName: parent ? undefined : DisplayName,
			};
			if (email) body.PrimaryEmailAddr = { Address: email };
			if (parent)
				Object.assign(body, {
					Job: true,
					BillWithParent: true,
					ParentRef: ref(id('Customer', parent, 'DisplayName')),
				});
			body.BillAddr = {
				Line1: `${10 + DisplayName.length} Main St.`,
				City: 'Half Moon Bay',
				CountrySubDivisionCode: 'CA',
				PostalCode: '94213',
				Country: 'USA',
			};
			body.SalesTermRef = ref(id('Term', 'Net 30'));
			const created = realm.create('Customer', body);
			if (active === false) realm.update('Customer', { ...created, Active: false, sparse: true });
		}
		for (const DisplayName of VENDORS)
			realm.create('Vendor', {
				DisplayName,
				CompanyName: DisplayName,
				TermRef: ref(id('Term', 'Net 30')),
			});
		realm.create('Employee', {
			GivenName: 'Emily',
			FamilyName: 'Platt',
			PrimaryEmailAddr: { Address: 'emily@example.com' },
		});
		realm.create('Employee', { GivenName: 'John', FamilyName: 'Johnson' });
		const income = ref(id('Account', 'Services'));
		const landscapingIncome = ref(id('Account', 'Landscaping Services'));
		const productIncome = ref(id('Account', 'Sales of Product Income'));
		const cogs = ref(id('Account', 'Cost of Goods Sold'));
		const jobExpenses = ref(id('Account', 'Job Expenses'));
		const asset = ref(id('Account', 'Inventory Asset'));
		const category = realm.create('Item', { Name: 'Landscaping', Type: 'Category' });
		const services: Array<[string, number, boolean]> = [
			['Design', 75, false],
			['Gardening', 25, false],
			['Hours', 0, false],
			['Installation', 50, false],
			['Maintenance & Repair', 0, false],
			['Pest Control', 35, false],
			['Services', 0, false],
			['Trimming', 35, false],
			['Concrete', 0, true],
		];
		for (const [Name, UnitPrice, taxable] of services) {
			realm.create('Item', {
				Name,
				Type: 'Service',
				UnitPrice,
				Taxable: taxable,
				IncomeAccountRef: Name === 'Gardening' || Name === 'Trimming' ? landscapingIncome : income,
				ExpenseAccountRef: jobExpenses,
				...(Name === 'Gardening' ? { SubItem: true, ParentRef: ref(category.Id) } : {}),
			});
		}
		for (const [Name, UnitPrice] of [
			['Rocks', 0],
			['Sod', 20],
			['Soil', 10],
			['Sprinkler Heads', 2],
			['Fountain Pump', 15],
		] as const) {
			realm.create('Item', {
				Name,
				Type: 'NonInventory',
				UnitPrice,
				Taxable: true,
				IncomeAccountRef: productIncome,
				ExpenseAccountRef: cogs,
				Sku: Name === 'Rocks' ? undefined : `NI-${Name.slice(0, 3).toUpperCase()}`,
			});
		}
		for (const [Name, UnitPrice, PurchaseCost, QtyOnHand] of [
			['Pump', 15, 10, 25],
			['Rock Fountain', 275, 125, 2],
			['Sprinkler Pipes', 4, 2.5, 31],
		] as const) {
			realm.create('Item', {
				Name,
				Type: 'Inventory',
				Sku: `INV-${Name.replace(/\s/g, '').toUpperCase()}`,
				UnitPrice,
				PurchaseCost,
				QtyOnHand,
				TrackQtyOnHand: true,
				InvStartDate: '2026-01-01',
				IncomeAccountRef: productIncome,
				ExpenseAccountRef: cogs,
				AssetAccountRef: asset,
				Taxable: true,
			});
		}
		const line = (item: string, qty: number, price: number) => ({
			DetailType: 'SalesItemLineDetail',
			Amount: qty * price,
			SalesItemLineDetail: { ItemRef: ref(id('Item', item)), Qty: qty, UnitPrice: price },
		});
		const invoice = (customer: string, lines: Entity[]) =>
			realm.create('Invoice', {
				CustomerRef: ref(id('Customer', customer, 'DisplayName')),
				Line: lines,
			});
		const paid = invoice("Amy's Bird Sanctuary", [
			line('Gardening', 4, 25),
			line('Pest Control', 1, 35),
		]);
		const partly = invoice('Cool Cars', [line('Installation', 10, 50), line('Pump', 2, 15)]);
		invoice('Freeman Sporting Goods', [line('Design', 3, 75)]);
		invoice('0969 Ocean View Road', [line('Sod', 12, 20), line('Trimming', 2, 35)]);
		invoice('Red Rock Diner', [line('Maintenance & Repair', 1, 0)]); // a $0 invoice
		const customerRef = (name: string) => ref(id('Customer', name, 'DisplayName'));
		realm.create('Payment', {
			CustomerRef: customerRef("Amy's Bird Sanctuary"),
			TotalAmt: paid.TotalAmt,
			Line: [{ Amount: paid.TotalAmt, LinkedTxn: [{ TxnId: paid.Id, TxnType: 'Invoice' }] }],
		});
		realm.create('Payment', {
			CustomerRef: customerRef('Cool Cars'),
			TotalAmt: 200,
			Line: [{ Amount: 200, LinkedTxn: [{ TxnId: partly.Id, TxnType: 'Invoice' }] }],
		});
		realm.create('Payment', { CustomerRef: customerRef('Kate Whelan'), TotalAmt: 50 }); // unapplied credit
		realm.create('Bill', {
			VendorRef: ref(id('Vendor', 'Norton Lumber and Building Materials', 'DisplayName')),
			Line: [
				{
					DetailType: 'AccountBasedExpenseLineDetail',
					Amount: 205,
					AccountBasedExpenseLineDetail: { AccountRef: jobExpenses },
				},
			],
		});
		realm.create('Purchase', {
			PaymentType: 'CreditCard',
			AccountRef: ref(id('Account', 'Mastercard')),
			EntityRef: { value: id('Vendor', 'PG&E', 'DisplayName'), type: 'Vendor' },
			Line: [
				{
					DetailType: 'AccountBasedExpenseLineDetail',
					Amount: 86.44,
					AccountBasedExpenseLineDetail: { AccountRef: ref(id('Account', 'Utilities')) },
				},
			],
		});
	} finally {
		realm.silent = false;
	}
}

export function seedEmpty(realm: Realm, companyName = 'Empty Company'): void {
	realm.silent = true;
	try {
		baseCompany(realm, companyName);
		taxLists(realm);
		for (const [Name, AccountType, AccountSubType] of ACCOUNTS.filter(([n]) =>
			[
				'Checking',
				'Accounts Receivable (A/R)',
				'Accounts Payable (A/P)',
				'Undeposited Funds',
				'Services',
				'Job Expenses',
			].includes(n),
		)) {
			realm.create('Account', { Name, AccountType, ...(AccountSubType ? { AccountSubType } : {}) });
		}
	} finally {
		realm.silent = false;
	}
}
