import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../shared/qbo/transport';
import * as advanced from './advanced';
import * as bill from './bill';
import * as billPayment from './billPayment';
import * as creditMemo from './creditMemo';
import * as item from './item';
import * as payment from './payment';
import * as purchase from './purchase';
import * as vendor from './vendor';
import * as companyInfo from './companyInfo';
import * as customer from './customer';
import * as invoice from './invoice';
import * as lookup from './lookup';
import type { QuickBooksSyncType } from './node.type';

type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, { execute: OperationExecute }>> = {
	advanced: {
		batch: advanced.batch,
		changeDataCapture: advanced.changeDataCapture,
		query: advanced.query,
	},
	companyInfo: { get: companyInfo.get },
	customer: {
		create: customer.create,
		deactivate: customer.deactivate,
		get: customer.get,
		getAll: customer.getAll,
		reactivate: customer.reactivate,
		update: customer.update,
		upsert: customer.upsert,
	},
	invoice: invoice.operations,
	lookup: lookup.operations,
	bill: bill.operations,
	billPayment: billPayment.operations,
	creditMemo: creditMemo.operations,
	item: item.operations,
	payment: payment.operations,
	purchase: purchase.operations,
	vendor: vendor.operations,
};

/** Runs the chosen operation once per input item; a failing item never hides the others' results. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as QuickBooksSyncType['resource'];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const handler = operations[resource]?.[operation];
		try {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex },
				);
			}
			returnData.push(...(await handler.execute.call(this, itemIndex)));
		} catch (error) {
			if (this.continueOnFail()) {
				// Keep the parsed QBO fault so an error branch can act on the code (e.g. 6240 → match instead).
				const api = error instanceof NodeApiError ? error : undefined;
				returnData.push({
					json: {
						error: (error as Error).message,
						...(api ? { httpCode: api.httpCode, qbo: api.errorResponse ?? null } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [returnData];
}
