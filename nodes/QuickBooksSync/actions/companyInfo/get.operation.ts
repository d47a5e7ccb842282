import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getQboConnection, qboRequest } from '../../../shared/qbo/transport';

export const description: INodeProperties[] = [];

/** Reads the connected company's CompanyInfo (name, address, fiscal year, country). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { realmId } = await getQboConnection.call(this, itemIndex);
	const { body } = await qboRequest.call(this, {
		method: 'GET',
		path: `companyinfo/${encodeURIComponent(realmId)}`,
		itemIndex,
	});
	const companyInfo = (body.CompanyInfo ?? {}) as INodeExecutionData['json'];
	return [{ json: { ...companyInfo, realmId }, pairedItem: { item: itemIndex } }];
}
