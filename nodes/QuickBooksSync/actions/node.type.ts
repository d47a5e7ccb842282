import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	advanced: 'changeDataCapture' | 'query';
	companyInfo: 'get';
	lookup: 'accounts' | 'classes' | 'departments' | 'paymentMethods' | 'preferences' | 'taxCodes' | 'taxRates' | 'terms';
	customer: 'create' | 'deactivate' | 'get' | 'getAll' | 'reactivate' | 'update' | 'upsert';
};

export type QuickBooksSyncType = AllEntities<NodeMap>;
