/**
 * The one place that talks to QuickBooks Online: resolves the company from the credential,
 * adds `minorversion`, authenticates through n8n (which refreshes the OAuth token on 401),
 * and turns every QBO fault shape into a NodeApiError that says what to fix.
 * Secrets never reach an error: errors are built from the parsed fault, never from the
 * HTTP client's error object (which holds the Authorization header).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INode,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	QBO_MINOR_VERSION,
	companyPath,
	resolveApiBaseUrl,
	resolveRealmId,
	type QboConnectionSettings,
} from '../../shared/qbo/connection';
import { describeQboFault, parseQboFault } from '../../shared/qbo/faults';

export const QBO_CREDENTIAL_TYPE = 'quickBooksSyncOAuth2Api';

export type QboContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

export interface QboConnection {
	baseUrl: string;
	realmId: string;
}

export interface QboRequest {
	method: IHttpRequestMethods;
	/** Path below `/v3/company/{realmId}/`, e.g. `companyinfo/123` or `query`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | string;
	headers?: Record<string, string>;
	/** Which input item the call is for, so errors point at it. */
	itemIndex?: number;
}

export interface QboResponse {
	statusCode: number;
	body: IDataObject;
	intuitTid?: string;
}

/** Any error as an n8n node error, so the UI shows it against the node and the item. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

export async function getQboConnection(this: QboContext, itemIndex = 0): Promise<QboConnection> {
	const credentials = (await this.getCredentials(QBO_CREDENTIAL_TYPE)) as QboConnectionSettings;
	try {
		return { baseUrl: resolveApiBaseUrl(credentials), realmId: resolveRealmId(credentials) };
	} catch (error) {
		// QboConnectionError messages already say what to change in the credential.
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value = (headers as Record<string, unknown>)[name];
	return value === undefined || value === null ? undefined : String(value);
}

function parseBody(raw: unknown): IDataObject | string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	if (typeof raw === 'object' && !Buffer.isBuffer(raw)) return raw as IDataObject;
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return text;
	}
}

function apiError(
	context: QboContext,
	statusCode: number | undefined,
	body: unknown,
	intuitTid: string | undefined,
	itemIndex: number | undefined,
): NodeApiError {
	const fault = parseQboFault(body);
	const tid = intuitTid ? ` (intuit_tid ${intuitTid})` : '';
	const message = fault
		? `${describeQboFault(fault)}${tid}`
		: `QuickBooks answered HTTP ${statusCode ?? 'error'} without a fault body${tid}`;
	const response: JsonObject = {
		statusCode: statusCode ?? null,
		intuit_tid: intuitTid ?? null,
		fault: fault ? (fault as unknown as JsonObject) : null,
	};
	return new NodeApiError(context.getNode(), response, {
		message,
		description: fault ? fault.errors.map((e) => e.detail).filter(Boolean).join(' | ') : undefined,
		httpCode: statusCode ? String(statusCode) : undefined,
		itemIndex,
	});
}

// In words: n8n replaces any error message that contains the raw code with a generic text.
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection reset',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name not found',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
};

/** A failure before QBO answered: a token refresh n8n could not do, or the network. */
function connectionFailure(node: INode, error: unknown, baseUrl: string, itemIndex?: number) {
	const message = error instanceof Error ? error.message : String(error);
	if (/reconnect|invalid_grant|not connected/i.test(message)) {
		return new NodeOperationError(
			node,
			`QuickBooks refused to renew the connection: ${message.replace(/\.+$/, '')}. Open the QuickBooks Sync credential and click "Reconnect" (refresh tokens expire after 100 days unused, or when access was revoked in QuickBooks).`,
			{ itemIndex },
		);
	}
	const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
	if (code && NETWORK_FAILURES[code]) {
		return new NodeOperationError(
			node,
			`Could not reach QuickBooks at ${baseUrl} (${NETWORK_FAILURES[code]}). Check the network, and the credential's Environment or Custom API Base URL.`,
			{ itemIndex },
		);
	}
	// Only the message: the HTTP client's error object carries the request, Authorization header included.
	return new NodeOperationError(node, `The request to QuickBooks at ${baseUrl} failed: ${message}`, { itemIndex });
}

/** One authenticated QBO call. Resolves with the parsed JSON body of a 2xx without a Fault. */
export async function qboRequest(this: QboContext, request: QboRequest): Promise<QboResponse> {
	const { baseUrl, realmId } = await getQboConnection.call(this, request.itemIndex);
	const isText = typeof request.body === 'string';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${companyPath(realmId, request.path)}`,
		qs: { ...(request.qs ?? {}), minorversion: QBO_MINOR_VERSION },
		headers: {
			Accept: 'application/json',
			...(request.body !== undefined
				? { 'Content-Type': isText ? 'application/text' : 'application/json' }
				: {}),
			...(request.headers ?? {}),
		},
		body: request.body,
		// We parse bodies ourselves: QBO sends XML faults even to JSON requests.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		// 401 must still throw so that n8n refreshes the OAuth token and retries.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};

	let response: { statusCode: number; headers: unknown; body: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			QBO_CREDENTIAL_TYPE,
			options,
		)) as typeof response;
	} catch (error) {
		const failed = (error as { response?: { status?: number; data?: unknown; headers?: unknown } })
			.response;
		if (failed) {
			throw apiError(
				this,
				failed.status,
				parseBody(failed.data),
				headerValue(failed.headers, 'intuit_tid'),
				request.itemIndex,
			);
		}
		throw connectionFailure(this.getNode(), error, baseUrl, request.itemIndex);
	}

	const intuitTid = headerValue(response.headers, 'intuit_tid');
	const body = parseBody(response.body);
	if (response.statusCode >= 300 || parseQboFault(body)) {
		throw apiError(this, response.statusCode, body, intuitTid, request.itemIndex);
	}
	if (typeof body !== 'object') {
		throw new NodeOperationError(
			this.getNode(),
			`QuickBooks answered HTTP ${response.statusCode} with a body that is not JSON${intuitTid ? ` (intuit_tid ${intuitTid})` : ''}`,
			{ itemIndex: request.itemIndex },
		);
	}
	return { statusCode: response.statusCode, body, intuitTid };
}
