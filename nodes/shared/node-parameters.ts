import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * An optional text parameter: trimmed text, or undefined. Absent, empty or not text (an object, a
 * boolean) counts as not given, so a hidden field never reaches QuickBooks as a value; a number an
 * expression gives is its text.
 */
export function optionalText(
	context: Pick<IExecuteFunctions, 'getNodeParameter'>,
	name: string,
	itemIndex = 0,
): string | undefined {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
	return text.trim() || undefined;
}
