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
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	QBO_MINOR_VERSION,
	companyPath,
	resolveApiBaseUrl,
	resolveRealmId,
	type QboConnectionSettings,
} from './connection';
import { describeQboFault, parseQboFault } from './faults';
import { requestIdFor } from './request-id';
import {
	DEFAULT_RETRY_POLICY,
	attemptsAllowed,
	backoffMs,
	classifyFailure,
	retryAfterMs,
	type RetryPolicy,
} from './retry';
import { throttleFor } from './throttle';
import type { QboCall } from './caller';
import { QboMeter, spendOf } from './meter';

/** Time, sleeping and randomness of the transport; tests replace them to run retries instantly. */
export const transportTiming = {
	now: (): number => Date.now(),
	sleep: (ms: number): Promise<void> => sleep(ms),
	random: (): number => Math.random(),
	policy: DEFAULT_RETRY_POLICY as RetryPolicy,
};

export const QBO_CREDENTIAL_TYPE = 'quickBooksSyncOAuth2Api';

export type QboContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

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
	/**
	 * For writes: a stable key (source system + record id + version) that becomes the `requestid`,
	 * so QBO answers a repeat with the first result instead of writing twice. Without it a random
	 * requestid is still used, the same on every retry of this call.
	 */
	idempotencyKey?: string;
	/** Number of items when this is a batch request (metered per item by the throttle). */
	batchItems?: number;
	/** Expect a binary answer (invoice PDF): resolves with `binary` instead of a JSON body. */
	binary?: boolean;
}

export interface QboResponse {
	statusCode: number;
	body: IDataObject;
	intuitTid?: string;
	binary?: Buffer;
}

/** The meter of each node execution that asked for one: every successful call adds its reads or writes. */
const meters = new WeakMap<QboContext, QboMeter>();

/** Counts, from now on, the QuickBooks reads (metered) and writes this node execution makes. */
export function startMeter(context: QboContext): QboMeter {
	const meter = new QboMeter();
	meters.set(context, meter);
	return meter;
}

/** Any error as an n8n node error, so the UI shows it against the node and the item. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
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
	retries = '',
): NodeApiError {
	const fault = parseQboFault(body);
	const tid = intuitTid ? ` (intuit_tid ${intuitTid})` : '';
	const base = fault
		? `${describeQboFault(fault)}${tid}`
		: `QuickBooks answered HTTP ${statusCode ?? 'error'} without a fault body${tid}`;
	const message = retries ? `${base.replace(/\.?$/, '.')}${retries}` : base;
	const response: JsonObject = {
		statusCode: statusCode ?? null,
		intuit_tid: intuitTid ?? null,
		fault: fault ? (fault as unknown as JsonObject) : null,
	};
	return new NodeApiError(context.getNode(), response, {
		message,
		description: fault
			? fault.errors
					.map((e) => e.detail)
					.filter(Boolean)
					.join(' | ')
			: undefined,
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
function connectionFailure(
	node: INode,
	error: unknown,
	baseUrl: string,
	itemIndex?: number,
	retries = '',
) {
	const message = error instanceof Error ? error.message : String(error);
	if (/reconnect|invalid_grant|not connected/i.test(message)) {
		return new NodeOperationError(
			node,
			`QuickBooks refused to renew the connection: ${message.replace(/\.+$/, '')}. Open the QuickBooks Sync credential and click "Reconnect" (refresh tokens expire after 100 days unused, or when access was revoked in QuickBooks).`,
			{ itemIndex },
		);
	}
	const code = errorCode(error);
	if (code && NETWORK_FAILURES[code]) {
		return new NodeOperationError(
			node,
			`Could not reach QuickBooks at ${baseUrl} (${NETWORK_FAILURES[code]}). Check the network, and the credential's Environment or Custom API Base URL.${retries}`,
			{ itemIndex },
		);
	}
	// Only the message: the HTTP client's error object carries the request, Authorization header included.
	return new NodeOperationError(
		node,
		`The request to QuickBooks at ${baseUrl} failed: ${message}`,
		{ itemIndex },
	);
}

type Attempt =
	| { ok: true; statusCode: number; body: IDataObject; intuitTid?: string; binary?: Buffer }
	| {
			ok: false;
			statusCode?: number;
			body?: unknown;
			intuitTid?: string;
			retryAfter?: string;
			networkError?: unknown;
	  };

const isWrite = (request: QboRequest) => request.method !== 'GET' && request.path !== 'query';

/**
 * One authenticated QBO call, with the throttle, retries and `requestid`. Resolves with the parsed
 * JSON body of a 2xx without a Fault; throws a NodeApiError that says what to fix otherwise.
 */
export async function qboRequest(this: QboContext, request: QboRequest): Promise<QboResponse> {
	const { baseUrl, realmId } = await getQboConnection.call(this, request.itemIndex);
	const requestId = isWrite(request) ? requestIdFor(request.idempotencyKey) : undefined;
	const throttle = throttleFor(realmId, transportTiming);
	const policy = transportTiming.policy;
	const started = transportTiming.now();
	let retriedUnauthorized = false;
	for (let attempt = 1; ; attempt++) {
		const release = await throttle.acquire(request.batchItems);
		let result: Attempt;
		try {
			result = await attemptOnce.call(this, request, baseUrl, realmId, requestId);
		} finally {
			release();
		}
		if (result.ok) {
			meters.get(this)?.add(spendOf(request, result.body));
			return {
				statusCode: result.statusCode,
				body: result.body,
				intuitTid: result.intuitTid,
				binary: result.binary,
			};
		}
		if (result.statusCode === 401 && !retriedUnauthorized) {
			// n8n refreshed the token and still got 401 (a token can take a moment to be honoured): once more.
			retriedUnauthorized = true;
			attempt--;
			continue;
		}
		const fault = result.body !== undefined ? parseQboFault(result.body) : undefined;
		const networkCode = result.networkError ? errorCode(result.networkError) : undefined;
		const kind = classifyFailure({ statusCode: result.statusCode, fault, networkCode });
		if (kind === 'permanent' || attempt >= attemptsAllowed(kind, policy)) {
			const tries =
				attempt > 1
					? ` Gave up after ${attempt} attempts over ${Math.round((transportTiming.now() - started) / 1000)} s.`
					: '';
			if (result.networkError)
				throw connectionFailure(
					this.getNode(),
					result.networkError,
					baseUrl,
					request.itemIndex,
					tries,
				);
			throw apiError(
				this,
				result.statusCode,
				result.body,
				result.intuitTid,
				request.itemIndex,
				tries,
			);
		}
		const wait =
			(kind === 'throttled' ? retryAfterMs(result.retryAfter, transportTiming.now()) : undefined) ??
			backoffMs(kind, attempt, policy, transportTiming.random);
		await transportTiming.sleep(Math.min(wait, policy.maxDelayMs));
	}
}

function errorCode(error: unknown): string | undefined {
	return (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
}

async function attemptOnce(
	this: QboContext,
	request: QboRequest,
	baseUrl: string,
	realmId: string,
	requestId: string | undefined,
): Promise<Attempt> {
	const isText = typeof request.body === 'string';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${companyPath(realmId, request.path)}`,
		qs: {
			...(request.qs ?? {}),
			minorversion: QBO_MINOR_VERSION,
			...(requestId ? { requestid: requestId } : {}),
		},
		headers: {
			Accept: 'application/json',
			...(request.body !== undefined
				? { 'Content-Type': isText ? 'application/text' : 'application/json' }
				: {}),
			...(request.headers ?? {}),
		},
		body: request.body,
		// We parse bodies ourselves: QBO sends XML faults even to JSON requests.
		encoding: request.binary ? 'arraybuffer' : 'text',
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
			return {
				ok: false,
				statusCode: failed.status,
				body: parseBody(failed.data),
				intuitTid: headerValue(failed.headers, 'intuit_tid'),
			};
		}
		if (
			errorCode(error) &&
			!/reconnect|invalid_grant|not connected/i.test(String((error as Error).message))
		) {
			return { ok: false, networkError: error };
		}
		throw connectionFailure(this.getNode(), error, baseUrl, request.itemIndex);
	}

	const intuitTid = headerValue(response.headers, 'intuit_tid');
	if (request.binary && response.statusCode < 300) {
		return {
			ok: true,
			statusCode: response.statusCode,
			body: {},
			intuitTid,
			binary: Buffer.from(response.body as ArrayBuffer),
		};
	}
	const body = parseBody(
		request.binary && response.body ? Buffer.from(response.body as ArrayBuffer) : response.body,
	);
	if (response.statusCode >= 300 || parseQboFault(body)) {
		return {
			ok: false,
			statusCode: response.statusCode,
			body,
			intuitTid,
			retryAfter: headerValue(response.headers, 'retry-after'),
		};
	}
	if (typeof body !== 'object') {
		throw new NodeOperationError(
			this.getNode(),
			`QuickBooks answered HTTP ${response.statusCode} with a body that is not JSON${intuitTid ? ` (intuit_tid ${intuitTid})` : ''}`,
			{ itemIndex: request.itemIndex },
		);
	}
	return { ok: true, statusCode: response.statusCode, body, intuitTid };
}

/** The transport as the pure helpers in nodes/shared/qbo expect it (paging, CDC, batch, sparse update). */
export function qboCaller(context: QboContext, itemIndex?: number): QboCall {
	return async (request) =>
		(
			await qboRequest.call(context, {
				method: request.method,
				path: request.path,
				qs: request.qs,
				body: request.body as IDataObject | string | undefined,
				idempotencyKey: request.idempotencyKey,
				batchItems: request.batchItems,
				itemIndex,
			})
		).body;
}
