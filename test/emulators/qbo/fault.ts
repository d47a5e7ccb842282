/**
 * Faults as QBO sends them (quickbooks-api-notes.md §8): V3 JSON `Fault`, the lower-case gateway JSON used
 * for 401/3200 and 403/3100, and the XML `IntuitResponse` that arrives for throttling even when
 * the client asked for JSON (§1.3, §8.3).
 */
export interface FaultError {
	Message: string;
	Detail: string;
	code: string;
	element?: string;
}

export type FaultType =
	| 'ValidationFault'
	| 'SystemFault'
	| 'AuthenticationFault'
	| 'AuthorizatonFault'
	| 'SERVICE'
	| 'AUTHENTICATION';

/** Thrown by entity rules, the query parser, batch and CDC; the server renders it. */
export class QboFault extends Error {
	constructor(
		readonly status: number,
		readonly errors: FaultError[],
		readonly type: FaultType = 'ValidationFault',
		readonly shape: 'json' | 'gateway' | 'xml' = 'json',
	) {
		super(errors.map((e) => `${e.code} ${e.Message}: ${e.Detail}`).join('; '));
	}

	get code(): string {
		return this.errors[0].code;
	}
}

export function fault(
	status: number,
	code: string,
	message: string,
	detail: string,
	element = '',
): QboFault {
	return new QboFault(status, [{ Message: message, Detail: detail, code, element }]);
}

/** QBO prints lengths with thousands separators: "Max:1,000 … Supplied length:1,016" (§8.6). */
const grouped = (n: number) => n.toLocaleString('en-US');

export const faults = {
	required: (element: string, detail?: string) =>
		fault(
			400,
			'2020',
			'Required param missing, need to supply the required value for the API',
			detail ?? `Required parameter ${element} is missing in the request`,
			element,
		),
	length: (element: string, max: number, supplied: number, min = 0) =>
		fault(
			400,
			'2050',
			'String length is either shorter or longer than supported by specification',
			`String length specified does not match the supported length. Min:${grouped(min)} Max:${grouped(max)} supported. Supplied length:${grouped(supplied)}`,
			element,
		),
	inactiveReference: (element: string) =>
		fault(
			400,
			'610',
			'Object Not Found',
			"Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
			element,
		),
	deletedTransaction: () =>
		fault(
			400,
			'610',
			'Object Not Found',
			'Object Not Found : Another user has deleted this transaction.',
		),
	/** The Detail of Intuit's JSON batch sample really contains a newline before "name" (§2.1, §6). */
	duplicateName: () =>
		fault(
			400,
			'6240',
			'Duplicate Name Exists Error',
			'The name supplied already exists. : Another customer, vendor or employee is already using this \nname. Please use a different name.',
		),
	duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
		fault(
			400,
			'6140',
			'Duplicate Document Number Error',
			`Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
		),
	business: (text: string, element = '') =>
		fault(
			400,
			'6000',
			'A business validation error has occurred while processing your request',
			`Business Validation Error: ${text}`,
			element,
		),
	stale: (entity: string) =>
		fault(
			400,
			'5010',
			'Stale Object Error',
			`Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved. Entity=${entity}`,
		),
	invalidQuery: (detail: string) =>
		fault(400, '4001', 'Invalid query', `QueryValidationError: ${detail}`),
	/** Parser errors: code 4000 from the IPP list; the exact Detail text is not confirmed. */
	queryParse: (detail: string) =>
		fault(400, '4000', 'Error parsing query', `QueryParserError: ${detail}`),
	unsupported: (detail: string) => fault(400, '500', 'Unsupported Operation', detail),
	invalidEnum: (element: string, value: string) =>
		fault(400, '2170', 'Invalid Enumeration', `Invalid Enumeration : ${value}`, element),
	malformed: (detail: string) =>
		fault(400, '2010', 'Request has invalid or unsupported property', detail),
	systemFailure: () => {
		const f = fault(
			500,
			'10000',
			'An application error has occurred while processing your request',
			'System Failure Error: An unknown error occurred',
		);
		return new QboFault(500, f.errors, 'SystemFault');
	},
};

export function renderJsonFault(f: QboFault, time: string): string {
	return JSON.stringify({
		Fault: { Error: f.errors.map((e) => ({ ...e, element: e.element ?? '' })), type: f.type },
		time,
	});
}

/** The gateway's lower-case shape with epoch-millis time (§8.2). */
export function renderGatewayFault(f: QboFault, nowMs: number): string {
	return JSON.stringify({
		warnings: null,
		intuitObject: null,
		fault: {
			error: f.errors.map((e) => ({
				message: e.Message,
				detail: e.Detail,
				code: e.code,
				element: null,
			})),
			type: f.type,
		},
		report: null,
		queryResponse: null,
		batchItemResponse: [],
		attachableResponse: [],
		syncErrorResponse: null,
		requestId: null,
		time: nowMs,
		status: null,
		cdcresponse: [],
	});
}

const xmlEscape = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderXmlFault(f: QboFault, time: string): string {
	const errors = f.errors
		.map(
			(e) =>
				`<Error code="${xmlEscape(e.code)}"${e.element ? ` element="${xmlEscape(e.element)}"` : ''}><Message>${xmlEscape(e.Message)}</Message><Detail>${xmlEscape(e.Detail)}</Detail></Error>`,
		)
		.join('');
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<IntuitResponse time="${time}" xmlns="http://schema.intuit.com/finance/v3"><Fault type="${f.type}">${errors}</Fault></IntuitResponse>`;
}

/** The 429 body captured from QBO, two spaces after "reached." included (§1.3). */
export function throttleFault(): QboFault {
	return new QboFault(
		429,
		[
			{
				code: '3001',
				Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
				Detail: 'The request limit was reached.  Try again later',
			},
		],
		'SERVICE',
		'xml',
	);
}
