import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	advanced: 'changeDataCapture' | 'query';
	companyInfo: 'get';
};

export type QuickBooksSyncType = AllEntities<NodeMap>;
