/**
 * QuickBooks Online faults in the three shapes Intuit really sends (quickbooks-api-notes.md §8):
 * the V3 JSON `Fault`, the lower-case gateway JSON (401/3200, 403/3100) and the XML
 * `IntuitResponse` (throttling, code 100/130), which arrives even when JSON was asked for.
 * Pure TypeScript: the transport turns the result into an n8n error.
 */
import { XMLParser } from 'fast-xml-parser';

export interface QboFaultError {
	code: string;
	message: string;
	detail: string;
	element: string;
}

export interface QboFault {
	type: string;
	errors: QboFaultError[];
}

type Loose = Record<string, unknown>;

const xmlParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	isArray: (name) => name === 'Error',
});

function text(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object' && '#text' in (value as Loose))
		return String((value as Loose)['#text']);
	return String(value);
}

/** V3 and XML errors capitalise Message/Detail; the gateway shape does not. */
function fromErrorList(type: unknown, list: unknown): QboFault | undefined {
	if (!Array.isArray(list) || list.length === 0) return undefined;
	const errors = list.map((entry: Loose) => ({
		code: text(entry.code ?? entry['@_code']),
		message: text(entry.Message ?? entry.message),
		detail: text(entry.Detail ?? entry.detail),
		element: text(entry.element ?? entry['@_element']),
	}));
	return { type: text(type), errors };
}

function parseXmlFault(xml: string): QboFault | undefined {
	let doc: Loose;
	try {
		doc = xmlParser.parse(xml) as Loose;
	} catch {
		return undefined;
	}
	const response = (doc.IntuitResponse ?? doc) as Loose;
	const fault = response?.Fault as Loose | undefined;
	if (!fault) return undefined;
	return fromErrorList(fault['@_type'], fault.Error);
}

/** Returns the fault carried by a response body (object, JSON text or XML text), if any. */
export function parseQboFault(body: unknown): QboFault | undefined {
	if (body === null || body === undefined) return undefined;
	if (Buffer.isBuffer(body)) return parseQboFault(body.toString('utf8'));
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('<')) return parseXmlFault(trimmed);
		if (trimmed.startsWith('{')) {
			try {
				return parseQboFault(JSON.parse(trimmed));
			} catch {
				return undefined;
			}
		}
		return undefined;
	}
	if (typeof body !== 'object') return undefined;
	const obj = body as Loose;
	const v3 = obj.Fault as Loose | undefined;
	if (v3 && typeof v3 === 'object') return fromErrorList(v3.type, v3.Error);
	const gateway = obj.fault as Loose | undefined;
	if (gateway && typeof gateway === 'object') return fromErrorList(gateway.type, gateway.error);
	return undefined;
}

/** Gateway messages look like `message=ThrottleExceeded; errorCode=003001; statusCode=429`. */
function readableMessage(message: string): string {
	const match = /^message=([^;]+);/.exec(message);
	return match ? match[1].trim() : message;
}

/** One-line fixes for the faults users hit most (quickbooks-api-notes.md §8.6). */
export function faultHint(error: QboFaultError): string | undefined {
	switch (error.code) {
		case '6240':
			// Customer, Vendor and Employee share one name list (quickbooks-api-notes.md §2.1/§2.2).
			return 'Display names must be unique across Customers, Vendors and Employees together (look for the same name with extra leading or trailing spaces, or on a Vendor/Employee): match and update the existing record (upsert), or add a suffix such as "(Customer)" when the name belongs to a Vendor or Employee.';
		case '610':
			return 'A referenced customer, item, account, vendor or employee is inactive or deleted in QuickBooks: reactivate it there, or point the record at an active one.';
		case '2050':
			return 'A text field is longer than QuickBooks allows (see Max in the detail): shorten the value of the field named in "element".';
		case '2020':
			return 'A field QuickBooks requires is empty: fill the field named in "element".';
		case '6140':
			return 'This invoice/document number is already used in QuickBooks: send a different DocNumber, or turn off "Custom transaction numbers" so QuickBooks numbers documents itself.';
		case '5010':
			return 'The record changed in QuickBooks since it was read (stale SyncToken): read it again and re-apply the change.';
		case '6000':
			return 'QuickBooks rejected the change for a business rule (see the detail): correct the record as the detail describes.';
		case '3200':
		case '100':
			return 'The QuickBooks connection is no longer authorised: open the credential and click "Reconnect" (refresh tokens expire after 100 days without use or when access is revoked).';
		case '3100':
		case '120':
			return 'This QuickBooks company does not allow this app or this user: ask the company admin to reconnect the app with an admin user and the accounting scope.';
		case '6190':
			return 'The QuickBooks subscription of this company is cancelled, suspended or in read-only mode: reactivate the subscription in QuickBooks before syncing.';
		case '3001':
			return "QuickBooks kept throttling the requests after the node's own waits and retries (limits: 500/min, 10/s, 10 at once per company, shared with every other app connected to it): run again later, and lower the schedule frequency if it keeps happening.";
		case '4001':
			return 'The query is not valid QuickBooks query language: check the WHERE clause (no OR, quote text values with single quotes).';
		default:
			return undefined;
	}
}

/**
 * `QBO fault 6240 (ValidationFault): Duplicate Name Exists Error. Detail: ... Field: DisplayName.
 * Fix: ...` — one error per sentence group, joined.
 */
export function describeQboFault(fault: QboFault): string {
	const sentence = (part: string) => part.trim().replace(/\.+$/, '');
	return fault.errors
		.map((error) => {
			const parts = [
				`QuickBooks error ${error.code || '(no code)'}${fault.type ? ` (${fault.type})` : ''}: ${readableMessage(error.message)}`,
			];
			if (error.detail && error.detail !== error.message) parts.push(`Detail: ${error.detail}`);
			if (error.element) parts.push(`Field: ${error.element}`);
			const hint = faultHint(error);
			if (hint) parts.push(`Fix: ${hint}`);
			return `${parts.map(sentence).join('. ')}.`;
		})
		.join(' | ');
}
