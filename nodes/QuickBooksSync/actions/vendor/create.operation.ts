import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { checkEmail, checkLength, checkName } from '../../../shared/qbo/validate';
import {
	additionalFields,
	buildBody,
	idempotencyField,
	rawJson,
	rawJsonOption,
	ref,
} from '../generic/fields';
import { createRecord } from '../generic/operations';
import { vendorConfig } from './config';

const show = { resource: ['vendor'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		description: 'Unique across customers, vendors and employees in QuickBooks',
		displayOptions: { show },
	},
	additionalFields(show, [
		{
			displayName: 'Account Number',
			name: 'acctNum',
			type: 'string',
			default: '',
			description: 'Your account number with this vendor',
		},
		{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		rawJsonOption,
		{ displayName: 'Term ID', name: 'termId', type: 'string', default: '' },
		{
			displayName: 'Track 1099',
			name: 'vendor1099',
			type: 'boolean',
			default: false,
			description: 'Whether payments to this vendor are reported on 1099',
		},
	]),
	idempotencyField('vendor', ['create'], 'fieldapp:ven_0003:v1'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const f = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const warnings: string[] = [];
	const body = buildBody(this, itemIndex, () => {
		const name = checkName('DisplayName', this.getNodeParameter('displayName', itemIndex), 500);
		if (name.trimmedFrom !== undefined)
			warnings.push(
				`DisplayName: leading/trailing spaces removed ("${name.trimmedFrom}" → "${name.value}"); QuickBooks treats them as the same name.`,
			);
		checkLength('Account Number', f.acctNum, 15);
		checkLength('Notes', f.notes, 1024);
		const email = checkEmail('Email', f.email);
		return {
			DisplayName: name.value,
			...(f.companyName ? { CompanyName: f.companyName } : {}),
			...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
			...(f.phone ? { PrimaryPhone: { FreeFormNumber: f.phone } } : {}),
			...(f.notes ? { Notes: f.notes } : {}),
			...(f.acctNum ? { AcctNum: f.acctNum } : {}),
			...(f.termId ? { TermRef: ref(f.termId) } : {}),
			...(f.vendor1099 !== undefined ? { Vendor1099: f.vendor1099 } : {}),
			...rawJson(f.rawJson),
		};
	});
	return await createRecord(
		this,
		vendorConfig,
		itemIndex,
		body,
		warnings.length > 0 ? { warnings } : {},
	);
}
