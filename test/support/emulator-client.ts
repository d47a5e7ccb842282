/** A plain fetch client for the QBO emulator's API, used by the emulator tests. */
import { QuickBooksSync } from '../../nodes/QuickBooksSync/QuickBooksSync.node';
import type { QboCallRequest, QboJson } from '../../nodes/shared/qbo/caller';
import { requestIdFor } from '../../nodes/shared/qbo/request-id';
import { startQboEmulator, type EmulatorOptions, type QboEmulator } from '../emulators/qbo';
import { fakeExecuteFunctions } from './fake-execute-functions';

export interface QboResponse {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

export interface RequestOptions {
	body?: unknown;
	query?: Record<string, string>;
	contentType?: string;
	token?: string;
	realmId?: string;
}

export class QboTestClient {
	constructor(
		readonly emulator: QboEmulator,
		readonly realmId: string,
		public token: string,
	) {}

	async request(method: string, path: string, options: RequestOptions = {}): Promise<QboResponse> {
		const url = new URL(
			`${this.emulator.url}/v3/company/${options.realmId ?? this.realmId}/${path}`,
		);
		url.searchParams.set('minorversion', '75');
		for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
		const headers: Record<string, string> = {
			accept: 'application/json',
			authorization: `Bearer ${options.token ?? this.token}`,
		};
		let body: string | undefined;
		if (options.body !== undefined) {
			headers['content-type'] = options.contentType ?? 'application/json';
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		}
		const res = await fetch(url, { method, headers, body });
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json };
	}

	get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
	post = (path: string, body: unknown, options: RequestOptions = {}) =>
		this.request('POST', path, { ...options, body });

	query(sql: string): Promise<QboResponse> {
		return this.get('query', { query: { query: sql } });
	}

	/** First row of a query, for looking up seed data by name. */
	async one(sql: string) {
		const res = await this.query(sql);
		const [entity] = Object.keys(res.json.QueryResponse ?? {}).filter((k) =>
			Array.isArray(res.json.QueryResponse[k]),
		);
		if (!entity) throw new Error(`no row for ${sql}: ${res.text}`);
		return res.json.QueryResponse[entity][0];
	}

	async create(entity: string, body: unknown) {
		const res = await this.post(entity.toLowerCase(), body);
		if (res.status !== 200) throw new Error(`create ${entity} failed: ${res.status} ${res.text}`);
		return res.json[entity];
	}
}

/** The first Error of a V3 JSON fault. */
export function faultOf(res: QboResponse) {
	return res.json?.Fault?.Error?.[0] as
		| { code: string; Message: string; Detail: string; element: string }
		| undefined;
}

/** Tests of behaviour other than throttling lift the limits so they never trip them by accident. */
export const NO_LIMITS = {
	perSecond: 1e9,
	perMinute: 1e9,
	concurrent: 1e9,
	batchPerMinute: 1e9,
	batchPerMinutePerRealm: 1e9,
};

export async function startWithClient(options: EmulatorOptions = {}) {
	const emulator = await startQboEmulator({ port: 0, limits: NO_LIMITS, ...options });
	const realmId = emulator.realmIds[0];
	const token = emulator.admin.token(realmId).access_token as string;
	return { emulator, realmId, client: new QboTestClient(emulator, realmId, token) };
}

/** The engine's customers push as the shipped template sets it up (no app terms: add `appTerms` to map them). */
export const CUSTOMER_PUSH = {
	resource: 'customer',
	operation: 'push',
	matchBy: 'emailThenName',
	requireEmail: false,
	createMissing: true,
	dryRun: false,
	appTerms: '[]',
	appTaxRates: '[]',
};

/** The engine's invoice push as the shipped template sets it up (new items created with these accounts). */
export const INVOICE_PUSH = {
	resource: 'invoice',
	operation: 'push',
	syncWhen: 'ready',
	numberPolicy: 'quickbooks',
	syncZeroInvoices: false,
	createMissingItems: true,
	newItemIncomeAccount: 'Sales of Product Income',
	newItemExpenseAccount: 'Cost of Goods Sold',
	dryRun: false,
};

/** The QuickBooks Sync credential the node and engine tests hand to the execute context: a token the emulator issued for this company. */
export function engineCredentials(emulator: QboEmulator, realmId: string) {
	return {
		environment: 'sandbox',
		customBaseUrl: emulator.url,
		realmId: '',
		oauthTokenData: {
			access_token: emulator.admin.token(realmId).access_token,
			callbackQueryString: { realmId },
		},
	};
}

/** The QuickBooks Sync node wired to a fresh emulator through the unit tests' execute context. */
export async function startNodeAgainstEmulator(options: EmulatorOptions = {}) {
	const { emulator, realmId } = await startWithClient(options);
	const credentials = engineCredentials(emulator, realmId);
	const run = (resource: string, parameters: Record<string, unknown>, continueOnFail = false) =>
		new QuickBooksSync().execute.call(
			fakeExecuteFunctions({
				parameters: { resource, ...parameters },
				credentials,
				continueOnFail,
			}),
		);
	return { emulator, realmId, run };
}

/**
 * A QboCall over fetch for the pure helpers and the sync engine: `requestid` from the idempotency
 * key as the transport sends it, and errors that carry the parsed fault like the transport's.
 * `requests` records "METHOD path" of every call.
 */
export function emulatorCall(
	target: () => { emulator: QboEmulator; realmId: string; token: string },
	requests: string[] = [],
) {
	const call = async (request: QboCallRequest): Promise<QboJson> => {
		const { emulator, realmId, token } = target();
		const url = new URL(`${emulator.url}/v3/company/${realmId}/${request.path}`);
		for (const [k, v] of Object.entries({ ...request.qs, minorversion: '75' }))
			url.searchParams.set(k, v);
		if (request.idempotencyKey)
			url.searchParams.set('requestid', requestIdFor(request.idempotencyKey));
		const isText = typeof request.body === 'string';
		requests.push(`${request.method} ${request.path}`);
		const res = await fetch(url, {
			method: request.method,
			headers: {
				authorization: `Bearer ${token}`,
				accept: 'application/json',
				'content-type': isText ? 'application/text' : 'application/json',
			},
			body:
				request.body === undefined
					? undefined
					: isText
						? (request.body as string)
						: JSON.stringify(request.body),
		});
		const json = (await res.json()) as QboJson;
		if (res.status !== 200 || json.Fault) {
			const errors = (json.Fault?.Error ?? []).map((e: { code: string; Message: string }) => ({
				code: e.code,
				message: e.Message,
			}));
			throw Object.assign(new Error(`QBO ${res.status}: ${JSON.stringify(json)}`), {
				fault: { errors },
			});
		}
		return json;
	};
	return { call, requests };
}

/** Calls the field-app emulator's API with its key; a non-2xx answer throws with the body. */
export function fieldAppCall(target: () => { url: string; apiKey: string }) {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return async (method: string, path: string, body?: unknown): Promise<Record<string, any>> => {
		const { url, apiKey } = target();
		const res = await fetch(`${url}${path}`, {
			method,
			headers: {
				'x-api-key': apiKey,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await res.json()) as Record<string, unknown>;
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	};
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One run of the QuickBooks Sync Engine node on app records, with its four outputs as plain JSON. */
export async function runEngine(
	credentials: Record<string, unknown>,
	parameters: Record<string, unknown>,
	input: Json[],
): Promise<{ writes: Json[]; issues: Json[]; summary: Json; creates: Json[] }> {
	const { QuickBooksSyncEngine } = await import(
		'../../nodes/QuickBooksSyncEngine/QuickBooksSyncEngine.node'
	);
	const [writes, issues, [summary], creates] = await new QuickBooksSyncEngine().execute.call(
		fakeExecuteFunctions({
			parameters: parameters as never,
			credentials: credentials as never,
			items: input.map((json) => ({ json })),
		}),
	);
	return {
		writes: writes.map((w) => w.json as Json),
		issues: issues.map((i) => i.json as Json),
		summary: summary.json as Json,
		creates: (creates ?? []).map((c) => c.json as Json),
	};
}

/**
 * The two emulators a sync test runs between: the QBO sandbox company and an empty field app, the
 * engine's credentials for that company, and the calls the tests make on both.
 */
export async function startSyncWorld() {
	const { emulator: qbo, realmId } = await startWithClient();
	const { startFieldApp } = await import('../emulators/field-app');
	const app = await startFieldApp({ port: 0, seed: false });
	const credentials = engineCredentials(qbo, realmId);
	const appCall = fieldAppCall(() => app);
	return {
		qbo,
		realmId,
		app,
		credentials,
		appCall,
		realm: () => qbo.admin.realm(realmId),
		/** Every app record of a resource, deleted ones included (one page of 500). */
		list: async (resource: string) =>
			(await appCall('GET', `/v1/${resource}?limit=500&includeDeleted=true`)).data as Json[],
		/** QuickBooks writes so far (POSTs other than queries). */
		qboWrites: () =>
			qbo.admin.log.filter((e) => e.method === 'POST' && !e.endpoint.includes('query')).length,
		fresh: (resource: string, record: Json) =>
			appCall('GET', `/v1/${resource}/${String(record.id)}`),
		engine: (parameters: Record<string, unknown>, input: Json[]) =>
			runEngine(credentials, parameters, input),
		async stop() {
			await app.stop();
			await qbo.stop();
		},
	};
}
export type SyncWorld = Awaited<ReturnType<typeof startSyncWorld>>;
