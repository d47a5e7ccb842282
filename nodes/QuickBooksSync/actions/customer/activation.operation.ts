import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { customerIdField } from './get.operation';
import { applyChanges, syncTokenField } from './update.operation';

/** QBO never deletes customers; "deactivate" is what a delete means there (quickbooks-api-notes.md §2.1). */
export const description: INodeProperties[] = [
	customerIdField(['deactivate', 'reactivate']),
	syncTokenField(['deactivate', 'reactivate']),
];

export const deactivate = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		return [await applyChanges(this, itemIndex, { Active: false })];
	},
};

export const reactivate = {
	async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		return [await applyChanges(this, itemIndex, { Active: true })];
	},
};
