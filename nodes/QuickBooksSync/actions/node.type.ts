import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	advanced: 'changeDataCapture' | 'query';
	companyInfo: 'get';
	invoice: 'create' | 'delete' | 'get' | 'getAll' | 'pdf' | 'send' | 'update' | 'upsert' | 'void';
	lookup: 'accounts' | 'classes' | 'departments' | 'paymentMethods' | 'preferences' | 'taxCodes' | 'taxRates' | 'terms';
	customer: 'create' | 'deactivate' | 'get' | 'getAll' | 'reactivate' | 'update' | 'upsert';
};

export type QuickBooksSyncType = AllEntities<NodeMap>;
