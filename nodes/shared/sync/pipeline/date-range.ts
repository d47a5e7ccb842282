/** Date ranges as the import operations take them. */
import { DateTime } from 'luxon';

export interface DateRange {
	from: string;
	to: string;
}

/** A date range as typed in the node: both ends as YYYY-MM-DD, the first not after the second. */
export function checkDateRange(range: DateRange): DateRange {
	for (const [name, value] of [
		['from', range.from],
		['to', range.to],
	]) {
		if (
			!DateTime.fromISO(String(value), { zone: 'utc' }).isValid ||
			!/^\d{4}-\d{2}-\d{2}$/.test(String(value))
		)
			throw new Error(
				`"${name === 'from' ? 'From Date' : 'To Date'}" is "${String(value)}": give a date as YYYY-MM-DD, e.g. 2025-01-01.`,
			);
	}
	if (range.from > range.to)
		throw new Error(`"From Date" (${range.from}) is after "To Date" (${range.to}); swap them.`);
	return range;
}
