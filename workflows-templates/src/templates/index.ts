import type { TemplateDefinition } from '../build';
import { creditMemosAndRefundsTwoWay } from './credit-memos-and-refunds-two-way';
import { customersAppToQuickbooks } from './customers-app-to-quickbooks';
import { customersMatchByEmail } from './customers-match-by-email';
import { customersQuickbooksToApp } from './customers-quickbooks-to-app';
import { customersTwoWay } from './customers-two-way';
import { historyImportQuickbooksToApp } from './history-import-quickbooks-to-app';
import { inventoryValueToQuickbooks } from './inventory-value-to-quickbooks';
import { invoicesAppToQuickbooks } from './invoices-app-to-quickbooks';
import { itemsAppToQuickbooks } from './items-app-to-quickbooks';
import { itemsQuickbooksToApp } from './items-quickbooks-to-app';
import { payablesAppToQuickbooks } from './payables-app-to-quickbooks';
import { paymentsOneDirection } from './payments-one-direction';
import { purchaseOrdersAppToQuickbooks } from './purchase-orders-app-to-quickbooks';
import { taxRatesAndTermsQuickbooksToApp } from './tax-rates-and-terms-quickbooks-to-app';

/** Every shipped template, in file-name order. */
export const TEMPLATES: TemplateDefinition[] = [
	creditMemosAndRefundsTwoWay,
	customersAppToQuickbooks,
	customersMatchByEmail,
	customersQuickbooksToApp,
	customersTwoWay,
	historyImportQuickbooksToApp,
	inventoryValueToQuickbooks,
	invoicesAppToQuickbooks,
	itemsAppToQuickbooks,
	itemsQuickbooksToApp,
	payablesAppToQuickbooks,
	paymentsOneDirection,
	purchaseOrdersAppToQuickbooks,
	taxRatesAndTermsQuickbooksToApp,
];
