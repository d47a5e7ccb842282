import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	advanced: 'changeDataCapture' | 'query';
	companyInfo: 'get';
	customer: 'create' | 'deactivate' | 'get' | 'getAll' | 'reactivate' | 'update' | 'upsert';
};

export type QuickBooksSyncType = AllEntities<NodeMap>;
