/** Resource locators (pick from a searchable list, or give the QuickBooks ID) and reading their value. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export function locatorField(options: {
	displayName: string;
	name: string;
	searchMethod:
		| 'searchCustomers'
		| 'searchVendors'
		| 'searchItems'
		| 'searchAccounts'
		| 'searchInvoices';
	show: Record<string, string[]>;
	description?: string;
	required?: boolean;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		displayOptions: { show: options.show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 58',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[0-9]+$', errorMessage: 'A QuickBooks ID is a number, e.g. 58' },
					},
				],
			},
		],
	};
}

/** The ID a locator (or a plain string from older workflows and expressions) points at. */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	if (raw && typeof raw === 'object' && 'value' in raw)
		return String((raw as { value: unknown }).value ?? '');
	return raw === undefined || raw === null ? '' : String(raw);
}
