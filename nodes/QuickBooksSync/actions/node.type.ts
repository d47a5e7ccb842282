import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	companyInfo: 'get';
};

export type QuickBooksSyncType = AllEntities<NodeMap>;
