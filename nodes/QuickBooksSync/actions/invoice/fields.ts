/** Invoice fields (lines as a fixed collection) and the request body they build, checked before any call. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QboJson } from '../../../shared/qbo/caller';
import { checkEmail, checkLength, QboValidationError } from '../../../shared/qbo/validate';
import { day, rawJson } from '../generic/fields';
import { locatorField } from '../locator';

export const linesField = (
	operations: string[],
	required: boolean,
	resource = 'invoice',
): INodeProperties => ({
	displayName: 'Lines',
	name: 'lines',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Line',
	default: {},
	required,
	description: required
		? 'At least one line'
		: 'When given, replaces all lines of the invoice (QuickBooks updates lines all or none)',
	displayOptions: { show: { resource: [resource], operation: operations } },
	options: [
		{
			displayName: 'Line',
			name: 'line',
			values: [
				{ displayName: 'Class ID', name: 'classId', type: 'string', default: '' },
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				{
					displayName: 'Item ID',
					name: 'itemId',
					type: 'string',
					default: '',
					description: 'The QuickBooks product or service',
				},
				{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1 },
				{
					displayName: 'Rate',
					name: 'rate',
					type: 'number',
					typeOptions: { numberPrecision: 2 },
					default: 0,
				},
				{ displayName: 'Service Date', name: 'serviceDate', type: 'dateTime', default: '' },
				{
					displayName: 'Tax',
					name: 'taxCode',
					type: 'options',
					default: '',
					options: [
						{ name: 'Item Default', value: '' },
						{ name: 'Taxable (TAX)', value: 'TAX' },
						{ name: 'Not Taxable (NON)', value: 'NON' },
					],
					description: 'US companies mark each line taxable or not',
				},
			],
		},
	],
});

export const invoiceFieldOptions: INodeProperties[] = [
	{
		displayName: 'Bill Email',
		name: 'billEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Customer Memo',
		name: 'customerMemo',
		type: 'string',
		default: '',
		description: 'Shown to the customer on the invoice',
	},
	{ displayName: 'Department ID', name: 'departmentId', type: 'string', default: '' },
	{
		displayName: 'Doc Number',
		name: 'docNumber',
		type: 'string',
		default: '',
		description:
			'The invoice number. Empty: QuickBooks numbers it when custom transaction numbers are off.',
	},
	{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '' },
	{ displayName: 'Private Note', name: 'privateNote', type: 'string', default: '' },
	{
		displayName: 'Raw JSON',
		name: 'rawJson',
		type: 'json',
		default: '{}',
		description: 'Any other QuickBooks Invoice fields, merged last',
	},
	{ displayName: 'Sales Term ID', name: 'salesTermId', type: 'string', default: '' },
	{
		displayName: 'Tax Code ID',
		name: 'taxCodeId',
		type: 'string',
		default: '',
		description:
			'The sales tax code (group) of the invoice; ignored when QuickBooks computes tax automatically',
	},
	{ displayName: 'Transaction Date', name: 'txnDate', type: 'dateTime', default: '' },
];

export function invoiceBody(
	context: IExecuteFunctions,
	itemIndex: number,
	customerId: string | undefined,
	lines: IDataObject[] | undefined,
	fields: IDataObject,
): QboJson {
	const body: QboJson = {};
	try {
		if (customerId !== undefined) {
			if (!customerId) throw new QboValidationError('Customer ID', 'Customer ID is empty.');
			body.CustomerRef = { value: customerId };
		}
		if (lines !== undefined) {
			if (lines.length === 0)
				throw new QboValidationError('Lines', 'An invoice needs at least one line.');
			body.Line = lines.map((line, i) => {
				if (!line.itemId)
					throw new QboValidationError(`Lines[${i}]`, `Line ${i + 1} has no Item ID.`);
				const quantity = Number(line.quantity ?? 1);
				const rate = Number(line.rate ?? 0);
				if (!Number.isFinite(quantity) || !Number.isFinite(rate))
					throw new QboValidationError(
						`Lines[${i}]`,
						`Line ${i + 1}: quantity and rate must be numbers.`,
					);
				checkLength(`Lines[${i}].Description`, line.description, 4000);
				const detail: QboJson = {
					ItemRef: { value: String(line.itemId) },
					Qty: quantity,
					UnitPrice: rate,
				};
				if (line.taxCode) detail.TaxCodeRef = { value: line.taxCode };
				if (line.classId) detail.ClassRef = { value: String(line.classId) };
				if (line.serviceDate)
					detail.ServiceDate = day(line.serviceDate, `Line ${i + 1} Service Date`);
				return {
					DetailType: 'SalesItemLineDetail',
					Amount: Math.round(quantity * rate * 100) / 100,
					...(line.description ? { Description: line.description } : {}),
					SalesItemLineDetail: detail,
				};
			});
		}
		if (fields.docNumber) {
			checkLength('Doc Number', fields.docNumber, 21);
			body.DocNumber = String(fields.docNumber);
		}
		if (fields.txnDate) body.TxnDate = day(fields.txnDate, 'Transaction Date');
		if (fields.dueDate) body.DueDate = day(fields.dueDate, 'Due Date');
		const email = checkEmail('Bill Email', fields.billEmail);
		if (email) body.BillEmail = { Address: email };
		if (fields.customerMemo) {
			checkLength('Customer Memo', fields.customerMemo, 1000);
			body.CustomerMemo = { value: fields.customerMemo };
		}
		if (fields.privateNote) {
			checkLength('Private Note', fields.privateNote, 4000);
			body.PrivateNote = fields.privateNote;
		}
		if (fields.salesTermId) body.SalesTermRef = { value: String(fields.salesTermId) };
		if (fields.departmentId) body.DepartmentRef = { value: String(fields.departmentId) };
		if (fields.taxCodeId)
			body.TxnTaxDetail = { TxnTaxCodeRef: { value: String(fields.taxCodeId) } };
		Object.assign(body, rawJson(fields.rawJson));
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${message}`, {
			itemIndex,
			description: 'No QuickBooks call was made for this item.',
		});
	}
	return body;
}

export function linesOf(context: IExecuteFunctions, itemIndex: number): IDataObject[] | undefined {
	const collection = context.getNodeParameter('lines', itemIndex, {}) as { line?: IDataObject[] };
	return collection.line;
}

export function simplifyInvoice(i: QboJson): IDataObject {
	return {
		id: i.Id,
		syncToken: i.SyncToken,
		docNumber: i.DocNumber ?? null,
		customerId: i.CustomerRef?.value,
		customerName: i.CustomerRef?.name ?? null,
		txnDate: i.TxnDate,
		dueDate: i.DueDate ?? null,
		total: i.TotalAmt,
		balance: i.Balance,
		emailStatus: i.EmailStatus ?? null,
		lastUpdated: i.MetaData?.LastUpdatedTime ?? null,
	};
}

export function invoiceOutput(
	context: IExecuteFunctions,
	invoice: QboJson,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const simplify = context.getNodeParameter('simplify', itemIndex, false) as boolean;
	return {
		json: { ...(simplify ? simplifyInvoice(invoice) : (invoice as IDataObject)), ...extra },
		pairedItem: { item: itemIndex },
	};
}

export const invoiceIdField = (operations: string[]): INodeProperties =>
	locatorField({
		displayName: 'Invoice',
		name: 'invoiceId',
		searchMethod: 'searchInvoices',
		description: 'Search by number; by ID means the QuickBooks ID, not the number',
		show: { resource: ['invoice'], operation: operations },
	});

export const simplifyInvoiceField = (operations: string[]): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a flat record (ID, number, customer, dates, total, balance) instead of the full QuickBooks object',
	displayOptions: { show: { resource: ['invoice'], operation: operations } },
});
