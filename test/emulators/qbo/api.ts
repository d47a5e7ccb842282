/** The Accounting API routes under /v3/company/{realmId}/ (quickbooks-api-notes.md §3–§6, §2.4 send/pdf). */
import { runBatch, validateBatch, BATCH_MAX_ITEMS } from './batch';
import { specForPath } from './catalog';
import { changeDataCapture } from './cdc';
import type { QboEmulatorState } from './emulator';
import type { Entity } from './entities/types';
import { fault, faults } from './fault';
import { performWrite, writeOperation } from './operations';
import { documentPdf } from './pdf';
import { runQuery } from './query';
import type { Realm } from './realm';

export interface ApiResult {
	status: number;
	contentType: string;
	body: string | Buffer;
	faultCode?: string;
}

/** `_` fields are the emulator's own bookkeeping and never leave the server. */
const hideInternal = (key: string, value: unknown) => (key.startsWith('_') ? undefined : value);

function json(state: QboEmulatorState, payload: Entity): ApiResult {
	return {
		status: 200,
		contentType: 'application/json;charset=UTF-8',
		body: JSON.stringify({ ...payload, time: state.clock.responseTime() }, hideInternal),
	};
}

function parseJson(body: Buffer): Entity {
	const text = body.toString('utf8');
	if (text.trim() === '')
		throw faults.malformed('The request body is empty; send the object as JSON.');
	try {
		const parsed = JSON.parse(text);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
			throw new Error('not an object');
		return parsed;
	} catch (error) {
		throw faults.malformed(`The request body is not a JSON object (${(error as Error).message}).`);
	}
}

const notFound = (path: string) =>
	faults.unsupported(
		`Operation Could not find resource for relative : ${path} of full path: ${path} is not supported.`,
	);

export function handleApi(
	state: QboEmulatorState,
	realm: Realm,
	method: string,
	segments: string[],
	params: URLSearchParams,
	body: Buffer,
): ApiResult {
	const [resource = '', id, action] = segments;
	const path = `/v3/company/${realm.id}/${segments.join('/')}`;
	if (resource === 'query') {
		const sql = method === 'POST' ? body.toString('utf8') : (params.get('query') ?? '');
		if (sql.trim() === '')
			throw faults.queryParse(
				'The query is empty. Send it as ?query= or as the POST body (Content-Type: application/text).',
			);
		return json(state, runQuery(realm, sql));
	}
	if (resource === 'cdc' && method === 'GET') {
		return json(
			state,
			changeDataCapture(
				realm,
				params.get('entities') ?? undefined,
				params.get('changedSince') ?? undefined,
			),
		);
	}
	if (resource === 'batch' && method === 'POST') {
		const items = validateBatch(
			parseJson(body),
			BATCH_MAX_ITEMS,
			params.get('requestid') ?? undefined,
		);
		return json(state, { BatchItemResponse: runBatch(realm, items) });
	}
	if (resource === 'companyinfo' && method === 'GET') {
		if (id !== realm.id) throw notFound(path);
		return json(state, { CompanyInfo: realm.singleton('CompanyInfo') });
	}
	if (resource === 'preferences' && method === 'GET' && !id)
		return json(state, { Preferences: realm.singleton('Preferences') });
	const spec = specForPath(resource);
	if (!spec) throw notFound(path);
	if (method === 'GET' && id && !action) {
		const entity = realm.get(spec.name, id);
		if (!entity)
			throw spec.kind === 'transaction'
				? faults.deletedTransaction()
				: faults.inactiveReference('Id');
		return json(state, { [spec.name]: entity });
	}
	if (id && action === 'pdf' && method === 'GET' && ['Invoice', 'CreditMemo'].includes(spec.name))
		return pdf(realm, spec.name, id);
	if (
		id &&
		action === 'send' &&
		method === 'POST' &&
		['Invoice', 'CreditMemo'].includes(spec.name)
	) {
		return json(state, {
			[spec.name]: sendByEmail(realm, spec.name, id, params.get('sendTo') ?? undefined),
		});
	}
	if (method === 'POST' && !id) {
		const payload = parseJson(body);
		const operation = writeOperation(
			spec,
			payload,
			params.get('operation') ?? undefined,
			params.get('include') ?? undefined,
		);
		return json(state, { [spec.name]: performWrite(realm, spec, operation, payload, { realm }) });
	}
	throw notFound(path);
}

function pdf(realm: Realm, type: string, id: string): ApiResult {
	const doc = realm.get(type, id);
	if (!doc) throw faults.deletedTransaction();
	const company = realm.singleton('CompanyInfo').CompanyName;
	const title = `${type === 'Invoice' ? 'Invoice' : 'Credit Memo'} ${doc.DocNumber ?? doc.Id}`;
	const lines = [
		company,
		`Customer: ${doc.CustomerRef?.name ?? ''}`,
		`Date: ${doc.TxnDate}`,
		...(doc.Line ?? [])
			.filter((l: Entity) => l.DetailType === 'SalesItemLineDetail')
			.map((l: Entity) => `${l.SalesItemLineDetail.ItemRef.name}  ${Number(l.Amount).toFixed(2)}`),
		`Total: ${Number(doc.TotalAmt).toFixed(2)}`,
		...(type === 'Invoice' ? [`Balance due: ${Number(doc.Balance).toFixed(2)}`] : []),
	];
	return { status: 200, contentType: 'application/pdf', body: documentPdf(title, lines) };
}

/** Sets EmailStatus/DeliveryInfo; a sandbox company may send 40 e-mails a day (§1.1). */
function sendByEmail(realm: Realm, type: string, id: string, sendTo: string | undefined): Entity {
	const doc = realm.get(type, id);
	if (!doc) throw faults.deletedTransaction();
	const address = sendTo ?? doc.BillEmail?.Address;
	if (!address)
		throw faults.business(
			'There is no e-mail address to send to: set BillEmail on the transaction or pass sendTo.',
			'BillEmail',
		);
	if (!address.includes('@') || !address.includes('.'))
		throw faults.business(`"${address}" is not a valid e-mail address.`, 'sendTo');
	const today = realm.clock.today();
	if (realm.emails.day !== today) realm.emails = { day: today, count: 0 };
	if (realm.emails.count >= realm.options.emailsPerDay) {
		// The fault QBO sends at the daily cap is not confirmed; a business fault that says so is used.
		throw fault(
			400,
			'6000',
			'A business validation error has occurred while processing your request',
			`Business Validation Error: The daily limit of ${realm.options.emailsPerDay} e-mails for this company was reached. Try again tomorrow.`,
		);
	}
	realm.emails.count++;
	const updated = structuredClone(doc);
	updated.EmailStatus = 'EmailSent';
	updated.DeliveryInfo = { DeliveryType: 'Email', DeliveryTime: realm.clock.stamp() };
	if (sendTo) updated.BillEmail = { Address: sendTo };
	return realm.touch(type, updated, 'Emailed');
}
