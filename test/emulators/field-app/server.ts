/** HTTP for the field-service app: API-key auth, the REST routes of docs/app-contract.md, /__admin. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FieldApp } from './domain';
import { RESOURCES, type ResourceName } from './schemas';
import { AppError, MAX_PAGE, Store } from './store';
import { FaultInjector, type FaultRuleInput } from '../shared/injection';
import { OutgoingWebhooks, type SubscriptionInput } from './webhooks';
import { seedFieldApp } from './seed';

export const FIELD_APP_FAULT_KINDS = ['500', '503', 'slow', '409'] as const;
export type FieldAppFaultKind = (typeof FIELD_APP_FAULT_KINDS)[number];

export interface LogEntry {
	seq: number;
	at: string;
	method: string;
	path: string;
	status: number;
	code?: string;
	injected?: string;
	durationMs: number;
}

export interface FieldAppOptions {
	apiKeys?: string[];
	seed?: boolean;
}

export const DEFAULT_API_KEY = 'fieldapp-dev-key-0001';

export class FieldAppState {
	readonly webhooks = new OutgoingWebhooks();
	readonly store = new Store((change) => this.webhooks.publish(change));
	readonly app = new FieldApp(this.store);
	readonly faults = new FaultInjector(FIELD_APP_FAULT_KINDS);
	readonly log: LogEntry[] = [];
	readonly apiKeys: Set<string>;
	/** `Idempotency-Key` of each POST that created a record, with its answer, kept 24 hours. */
	readonly idempotentCreates = new Map<string, { path: string; at: number; body: unknown }>();
	private seq = 0;

	constructor(options: FieldAppOptions = {}) {
		this.apiKeys = new Set(options.apiKeys ?? [DEFAULT_API_KEY]);
		if (options.seed !== false) seedFieldApp(this.app);
	}

	injectFault(rule: FaultRuleInput<FieldAppFaultKind>) {
		return this.faults.add(rule);
	}

	subscribe(input: SubscriptionInput) {
		return this.webhooks.subscribe(input);
	}

	record(entry: Omit<LogEntry, 'seq' | 'at'>): void {
		this.log.push({ seq: ++this.seq, at: new Date().toISOString(), ...entry });
		if (this.log.length > 10_000) this.log.shift();
	}
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
	}
}

function send(res: ServerResponse, status: number, payload: unknown): void {
	const body = JSON.stringify(payload);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(body),
	});
	res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createHandler(state: FieldAppState) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://field-app');
		const method = req.method ?? 'GET';
		let injected: string | undefined;
		const reply = (status: number, payload: unknown) => {
			send(res, status, payload);
			const code = (payload as { error?: { code?: string } })?.error?.code;
			if (!url.pathname.startsWith('/__admin'))
				state.record({
					method,
					path: url.pathname,
					status,
					code,
					injected,
					durationMs: Date.now() - started,
				});
		};
		try {
			if (url.pathname.startsWith('/__admin'))
				return reply(200, await admin(state, method, url, req));
			const key = req.headers['x-api-key'];
			if (typeof key !== 'string' || !state.apiKeys.has(key)) {
				throw new AppError(401, 'unauthorized', 'Send a valid API key in the X-Api-Key header.');
			}
			const rule = state.faults.pick(method, url.pathname);
			if (rule) {
				injected = rule.kind;
				if (rule.kind === '500')
					throw new AppError(500, 'internal_error', 'Injected server error.');
				if (rule.kind === '503')
					throw new AppError(
						503,
						'unavailable',
						'Injected: the service is temporarily unavailable.',
					);
				if (rule.kind === 'slow') await sleep(rule.delayMs ?? 5_000);
				if (rule.kind === '409')
					throw new AppError(
						409,
						'version_conflict',
						'Injected version conflict: read the record again and re-apply your change.',
					);
			}
			const result = await route(state, method, url, req);
			return reply(result.status, result.body);
		} catch (error) {
			if (error instanceof AppError)
				return reply(error.status, {
					error: { code: error.code, message: error.message, ...error.extra },
				});
			return reply(500, { error: { code: 'internal_error', message: (error as Error).message } });
		}
	};
}

/** `alsoIds=a,b,c`: records a sync must read again whatever their updatedAt (its open issues due for a retry). */
function listOfIds(value: string | null): string[] {
	const ids = (value ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	if (ids.length > MAX_PAGE)
		throw new AppError(
			400,
			'validation_failed',
			`alsoIds names ${ids.length} records; at most ${MAX_PAGE} per listing.`,
			{ field: 'alsoIds' },
		);
	return ids;
}

const IDEMPOTENCY_KEPT_MS = 24 * 3600_000;

/**
 * A POST with an `Idempotency-Key` seen in the last 24 hours is answered with the first answer,
 * creating nothing: two overlapping pulls that create the same QuickBooks record send the same key.
 * The key is taken before the body is read, so a repeat arriving mid-request waits for the first.
 */
async function createOnce(
	state: FieldAppState,
	path: string,
	req: IncomingMessage,
	create: () => Promise<unknown>,
): Promise<{ status: number; body: unknown }> {
	const key = req.headers['idempotency-key'];
	if (typeof key !== 'string' || !key) return { status: 201, body: await create() };
	if (key.length > 255)
		throw new AppError(400, 'validation_failed', 'Idempotency-Key is longer than 255 characters.', {
			field: 'Idempotency-Key',
		});
	const now = Date.now();
	for (const [k, v] of state.idempotentCreates)
		if (now - v.at > IDEMPOTENCY_KEPT_MS) state.idempotentCreates.delete(k);
	const seen = state.idempotentCreates.get(key);
	if (seen && seen.path !== path)
		throw new AppError(
			422,
			'idempotency_key_reused',
			`Idempotency-Key "${key}" was used for POST ${seen.path}; use a new key for another resource.`,
			{ field: 'Idempotency-Key' },
		);
	if (seen) {
		req.resume();
		return { status: 201, body: await seen.body };
	}
	const body = create();
	state.idempotentCreates.set(key, { path, at: now, body });
	try {
		return { status: 201, body: await body };
	} catch (error) {
		state.idempotentCreates.delete(key); // a refused create did not happen: the key may be used again
		throw error;
	}
}

async function route(
	state: FieldAppState,
	method: string,
	url: URL,
	req: IncomingMessage,
): Promise<{ status: number; body: unknown }> {
	const [, version, resourceName, id, action] = url.pathname.split('/');
	if (version === 'v1' && resourceName === 'company' && !id) {
		if (method === 'GET') return { status: 200, body: state.store.company };
		if (method === 'PUT') return { status: 200, body: state.app.setCompany(await readJson(req)) };
	}
	if (version !== 'v1' || !RESOURCES.includes(resourceName as ResourceName)) {
		throw new AppError(
			404,
			'not_found',
			`No route ${method} ${url.pathname}. Resources: ${RESOURCES.map((r) => `/v1/${r}`).join(', ')}.`,
		);
	}
	const resource = resourceName as ResourceName;
	const { app, store } = state;
	if (!id && method === 'GET') {
		const q = url.searchParams;
		const limit = Number(q.get('limit') ?? 100);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
			throw new AppError(
				400,
				'validation_failed',
				`limit must be a whole number from 1 to ${MAX_PAGE}.`,
				{ field: 'limit' },
			);
		const filters: Record<string, string> = {};
		for (const f of ['status', 'active', 'customerId', 'vendorId', 'type', 'sku'])
			if (q.has(f)) filters[f] = q.get(f)!;
		return {
			status: 200,
			body: store.list(resource, {
				limit,
				cursor: q.get('cursor') ?? undefined,
				updatedSince: q.get('updatedSince') ?? undefined,
				alsoIds: listOfIds(q.get('alsoIds')),
				includeDeleted: q.get('includeDeleted') === 'true',
				filters,
			}),
		};
	}
	if (!id && method === 'POST')
		return createOnce(state, url.pathname, req, async () =>
			app.create(resource, await readJson(req)),
		);
	if (id && !action && method === 'GET') {
		const record = store.get(resource, id);
		if (!record) throw new AppError(404, 'not_found', `No ${resource} record with id "${id}".`);
		return { status: 200, body: record };
	}
	if (id && !action && method === 'PATCH')
		return {
			status: 200,
			body: app.update(
				resource,
				id,
				await readJson(req),
				req.headers['if-match'] as string | undefined,
			),
		};
	if (id && !action && method === 'DELETE') {
		const v = url.searchParams.get('version');
		return { status: 200, body: app.remove(resource, id, v === null ? undefined : Number(v)) };
	}
	if (id && action === 'transition' && method === 'POST')
		return { status: 200, body: app.transition(resource, id, await readJson(req)) };
	if (id && action === 'sync' && method === 'PUT')
		return { status: 200, body: app.setSync(resource, id, await readJson(req)) };
	if (id && action === 'receipts' && method === 'POST' && resource === 'purchase-orders')
		return { status: 201, body: app.receive(id, await readJson(req)) };
	if (
		id &&
		action === 'payments' &&
		method === 'POST' &&
		(resource === 'purchase-orders' || resource === 'sales-orders')
	) {
		return { status: 201, body: app.payOrder(resource, id, await readJson(req)) };
	}
	throw new AppError(404, 'not_found', `No route ${method} ${url.pathname}.`);
}

async function admin(
	state: FieldAppState,
	method: string,
	url: URL,
	req: IncomingMessage,
): Promise<unknown> {
	const path = url.pathname.replace(/^\/__admin/, '');
	const body =
		method === 'GET' || method === 'DELETE'
			? {}
			: ((await readJson(req)) as Record<string, unknown>);
	const wrap = <T>(fn: () => T): T => {
		try {
			return fn();
		} catch (error) {
			if (error instanceof AppError) throw error;
			throw new AppError(400, 'invalid_admin_request', (error as Error).message);
		}
	};
	switch (`${method} ${path}`) {
		case 'GET /dump':
			return state.store.dump();
		case 'POST /load':
			state.store.load(body as never);
			return { loaded: true };
		case 'POST /faults':
			return wrap(() => {
				const { random: _random, ...rule } = state.injectFault(body as never);
				return rule;
			});
		case 'GET /faults':
			return state.faults.list();
		case 'DELETE /faults':
			state.faults.clear();
			return { cleared: true };
		case 'POST /webhooks':
			return wrap(() => state.subscribe(body as never));
		case 'GET /webhooks':
			return [...state.webhooks.subscriptions.values()];
		case 'GET /webhooks/deliveries':
			return state.webhooks.deliveries;
		case 'GET /log':
			return state.log.slice(-Number(url.searchParams.get('limit') ?? 100));
		case 'POST /api-keys':
			state.apiKeys.add(String(body.apiKey));
			return { added: true };
		default:
			if (method === 'DELETE' && path.startsWith('/webhooks/'))
				return { deleted: state.webhooks.unsubscribe(path.split('/')[2]) };
			throw new AppError(
				404,
				'not_found',
				`No admin route ${method} ${url.pathname}. See test/emulators/field-app/README.md.`,
			);
	}
}
