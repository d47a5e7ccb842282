import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	advanced: 'batch' | 'changeDataCapture' | 'query';
	companyInfo: 'get';
	invoice: 'create' | 'delete' | 'get' | 'getAll' | 'pdf' | 'send' | 'update' | 'upsert' | 'void';
	bill: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	billPayment: 'create' | 'delete' | 'get' | 'getAll' | 'update' | 'void';
	creditMemo: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	item: 'create' | 'deactivate' | 'get' | 'getAll' | 'reactivate' | 'update' | 'upsert';
	payment: 'create' | 'delete' | 'get' | 'getAll' | 'update' | 'void';
	purchase: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	vendor: 'create' | 'deactivate' | 'get' | 'getAll' | 'reactivate' | 'update';
	lookup:
		| 'accounts'
		| 'classes'
		| 'departments'
		| 'paymentMethods'
		| 'preferences'
		| 'taxCodes'
		| 'taxRates'
		| 'terms';
	customer: 'create' | 'deactivate' | 'get' | 'getAll' | 'reactivate' | 'update' | 'upsert';
};

export type QuickBooksSyncType = AllEntities<NodeMap>;
