/** Customer fields shared by create, update and upsert, and the request body they build. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QboJson } from '../../../shared/qbo/caller';
import {
	checkEmail,
	checkLength,
	checkName,
	QboValidationError,
} from '../../../shared/qbo/validate';
import { rawJson } from '../generic/fields';

export const customerFieldOptions: INodeProperties[] = [
	{
		displayName: 'Bill With Parent',
		name: 'billWithParent',
		type: 'boolean',
		default: false,
		description: 'Whether invoices for this sub-customer are billed to its parent',
	},
	{ displayName: 'Billing City', name: 'billCity', type: 'string', default: '' },
	{ displayName: 'Billing Country', name: 'billCountry', type: 'string', default: '' },
	{ displayName: 'Billing Postal Code', name: 'billPostalCode', type: 'string', default: '' },
	{ displayName: 'Billing State / Region', name: 'billRegion', type: 'string', default: '' },
	{ displayName: 'Billing Street', name: 'billLine1', type: 'string', default: '' },
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'Family Name', name: 'familyName', type: 'string', default: '' },
	{ displayName: 'Given Name', name: 'givenName', type: 'string', default: '' },
	{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{
		displayName: 'Parent Customer ID',
		name: 'parentId',
		type: 'string',
		default: '',
		description: 'Makes this a sub-customer (a job or service location) of that customer',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{
		displayName: 'Raw JSON',
		name: 'rawJson',
		type: 'json',
		default: '{}',
		description:
			'Any other QuickBooks Customer fields, merged last (e.g. {"PreferredDeliveryMethod": "Email"})',
	},
	{ displayName: 'Sales Term ID', name: 'salesTermId', type: 'string', default: '' },
	{
		displayName: 'Taxable',
		name: 'taxable',
		type: 'boolean',
		default: true,
		description: 'Whether sales to this customer are taxable',
	},
];

export interface CustomerBody {
	body: QboJson;
	warnings: string[];
}

/** Validates and maps the node's fields to a QBO Customer body; no QuickBooks call is made for a bad item. */
export function customerBody(
	context: IExecuteFunctions,
	itemIndex: number,
	displayName: string | undefined,
	fields: IDataObject,
): CustomerBody {
	const body: QboJson = {};
	const warnings: string[] = [];
	try {
		const name = (field: string, value: unknown, max: number) => {
			const checked = checkName(field, value, max);
			if (checked.trimmedFrom !== undefined)
				warnings.push(
					`${field}: leading/trailing spaces removed ("${checked.trimmedFrom}" → "${checked.value}"); QuickBooks treats them as the same name.`,
				);
			return checked.value;
		};
		if (displayName !== undefined) body.DisplayName = name('DisplayName', displayName, 500);
		if (fields.givenName) body.GivenName = name('GivenName', fields.givenName, 100);
		if (fields.familyName) body.FamilyName = name('FamilyName', fields.familyName, 100);
		if (fields.companyName) {
			checkLength('CompanyName', fields.companyName, 100);
			body.CompanyName = fields.companyName;
		}
		const email = checkEmail('Email', fields.email);
		if (email) body.PrimaryEmailAddr = { Address: email };
		if (fields.phone) {
			checkLength('Phone', fields.phone, 30);
			body.PrimaryPhone = { FreeFormNumber: fields.phone };
		}
		if (fields.notes) {
			checkLength('Notes', fields.notes, 2000);
			body.Notes = fields.notes;
		}
		const address = {
			Line1: fields.billLine1,
			City: fields.billCity,
			CountrySubDivisionCode: fields.billRegion,
			PostalCode: fields.billPostalCode,
			Country: fields.billCountry,
		};
		const filled = Object.fromEntries(
			Object.entries(address).filter(([, v]) => v !== undefined && v !== ''),
		);
		if (Object.keys(filled).length > 0) body.BillAddr = filled;
		if (fields.parentId) {
			body.Job = true;
			body.ParentRef = { value: String(fields.parentId) };
			if (fields.billWithParent !== undefined) body.BillWithParent = fields.billWithParent;
		}
		if (fields.salesTermId) body.SalesTermRef = { value: String(fields.salesTermId) };
		if (fields.taxable !== undefined) body.Taxable = fields.taxable;
		Object.assign(body, rawJson(fields.rawJson));
	} catch (error) {
		if (error instanceof QboValidationError) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${error.message}`, {
				itemIndex,
				description: 'No QuickBooks call was made for this item.',
			});
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
	return { body, warnings };
}

/** A flat view of a Customer for "Simplify". */
export function simplifyCustomer(c: QboJson): IDataObject {
	return {
		id: c.Id,
		syncToken: c.SyncToken,
		displayName: c.DisplayName,
		fullyQualifiedName: c.FullyQualifiedName,
		companyName: c.CompanyName ?? null,
		email: c.PrimaryEmailAddr?.Address ?? null,
		phone: c.PrimaryPhone?.FreeFormNumber ?? null,
		active: c.Active,
		balance: c.Balance,
		parentId: c.ParentRef?.value ?? null,
		level: c.Level ?? 0,
		lastUpdated: c.MetaData?.LastUpdatedTime ?? null,
	};
}

export function customerOutput(
	c: QboJson,
	itemIndex: number,
	simplify: boolean,
	warnings: string[] = [],
): INodeExecutionData {
	const json: IDataObject = simplify ? simplifyCustomer(c) : (c as IDataObject);
	return {
		json: warnings.length > 0 ? { ...json, warnings } : json,
		pairedItem: { item: itemIndex },
	};
}

export const simplifyField = (operations: string[]): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a flat record (ID, sync token, names, e-mail, balance, active, parent) instead of the full QuickBooks object',
	displayOptions: { show: { resource: ['customer'], operation: operations } },
});
