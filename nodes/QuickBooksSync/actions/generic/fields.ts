/** Field builders shared by the transaction resources: expense lines, raw JSON, dates, references. */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QboJson } from '../../../shared/qbo/caller';
import {
	checkLength,
	isoDate,
	parseJsonObject,
	QboValidationError,
} from '../../../shared/qbo/validate';

/** A calendar date from a date field; a bad value is an error naming the field. */
export const day = (value: unknown, field = 'Date') => isoDate(field, value);
export const ref = (value: unknown) =>
	value === undefined || value === null || value === '' ? undefined : { value: String(value) };

/** Runs a body builder; a QboValidationError becomes an error naming the item, and no call is made. */
export function buildBody(
	context: IExecuteFunctions,
	itemIndex: number,
	build: () => QboJson,
): QboJson {
	try {
		return build();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${message}`, {
			itemIndex,
			description: 'No QuickBooks call was made for this item.',
		});
	}
}

export function rawJson(value: unknown): QboJson {
	return parseJsonObject('Raw JSON', value) as QboJson;
}

export const rawJsonOption: INodeProperties = {
	displayName: 'Raw JSON',
	name: 'rawJson',
	type: 'json',
	default: '{}',
	description: 'Any other QuickBooks fields, merged last',
};

/** The "Additional Fields" collection of an operation. */
export const additionalFields = (
	show: NonNullable<IDisplayOptions['show']>,
	options: INodeProperties[],
): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	displayOptions: { show },
	options,
});

/**
 * "Additional Fields" of a transaction's Create: its own options plus the ones every transaction
 * takes (Doc Number, Private Note, Raw JSON, Transaction Date), in the alphabetical order n8n's
 * linter asks for. `docNumber` describes what the number is for this transaction.
 */
export function transactionFields(
	show: NonNullable<IDisplayOptions['show']>,
	own: INodeProperties[],
	docNumber?: string,
): INodeProperties {
	const options: INodeProperties[] = [
		...own,
		{
			displayName: 'Doc Number',
			name: 'docNumber',
			type: 'string',
			default: '',
			...(docNumber ? { description: docNumber } : {}),
		},
		{ displayName: 'Private Note', name: 'privateNote', type: 'string', default: '' },
		rawJsonOption,
		{ displayName: 'Transaction Date', name: 'txnDate', type: 'dateTime', default: '' },
	];
	return additionalFields(
		show,
		options.sort((x, y) => x.displayName.localeCompare(y.displayName)),
	);
}

/** The body fields every transaction takes from Additional Fields; Raw JSON last, so it wins. */
export function transactionBody(f: IDataObject): QboJson {
	checkLength('Doc Number', f.docNumber, 21);
	return {
		...(f.docNumber ? { DocNumber: f.docNumber } : {}),
		...(f.txnDate ? { TxnDate: day(f.txnDate, 'Transaction Date') } : {}),
		...(f.privateNote ? { PrivateNote: f.privateNote } : {}),
		...rawJson(f.rawJson),
	};
}

export function expenseLinesField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		required: true,
		description: 'Each line books an amount to an expense account, or to an item',
		displayOptions: { show: { resource: [resource], operation: operations } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'Account ID',
						name: 'accountId',
						type: 'string',
						default: '',
						description: 'Expense account (leave empty when an item is given)',
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
					},
					{
						displayName: 'Billable Customer ID',
						name: 'customerId',
						type: 'string',
						default: '',
						description: 'The customer or project (sub-customer) this cost is for',
					},
					{ displayName: 'Class ID', name: 'classId', type: 'string', default: '' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{
						displayName: 'Item ID',
						name: 'itemId',
						type: 'string',
						default: '',
						description: 'Item purchased (instead of an account)',
					},
				],
			},
		],
	};
}

export function expenseLines(lines: IDataObject[] | undefined): QboJson[] {
	if (!lines || lines.length === 0)
		throw new QboValidationError('Lines', 'At least one line is needed.');
	return lines.map((line, i) => {
		const amount = Number(line.amount);
		if (!Number.isFinite(amount))
			throw new QboValidationError(`Lines[${i}]`, `Line ${i + 1}: Amount must be a number.`);
		checkLength(`Lines[${i}].Description`, line.description, 4000);
		const common = {
			...(ref(line.customerId) ? { CustomerRef: ref(line.customerId) } : {}),
			...(ref(line.classId) ? { ClassRef: ref(line.classId) } : {}),
		};
		const description = line.description ? { Description: line.description } : {};
		if (line.itemId)
			return {
				DetailType: 'ItemBasedExpenseLineDetail',
				Amount: amount,
				...description,
				ItemBasedExpenseLineDetail: { ItemRef: ref(line.itemId), ...common },
			};
		if (!line.accountId)
			throw new QboValidationError(
				`Lines[${i}]`,
				`Line ${i + 1} needs an Account ID or an Item ID.`,
			);
		return {
			DetailType: 'AccountBasedExpenseLineDetail',
			Amount: amount,
			...description,
			AccountBasedExpenseLineDetail: { AccountRef: ref(line.accountId), ...common },
		};
	});
}

export const collectionLines = (
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'lines',
	key = 'line',
) =>
	((context.getNodeParameter(name, itemIndex, {}) as IDataObject)[key] as
		| IDataObject[]
		| undefined) ?? [];

export const idempotencyField = (
	resource: string,
	operations: string[],
	example: string,
): INodeProperties => ({
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: example,
	description:
		'The same for every send of this record version (e.g. app + record ID + version): QuickBooks then answers a repeat with the first result instead of writing twice',
	displayOptions: { show: { resource: [resource], operation: operations } },
});
