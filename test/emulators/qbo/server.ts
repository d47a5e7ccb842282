/**
 * The HTTP face of the emulator: `/v3/company/{realmId}/…` (the Accounting API), the OAuth
 * endpoints, and `/__admin/…`. Every API response carries `intuit_tid`; every request is logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin } from './admin-http';
import { handleApi, type ApiResult } from './api';
import type { QboEmulatorState } from './emulator';
import {
	QboFault,
	renderGatewayFault,
	renderJsonFault,
	renderXmlFault,
	throttleFault,
	faults as qboFaults,
} from './fault';
import { handleOAuth } from './oauth-http';
import { intuitTid, readBody, send } from './http-util';
import { spendOf } from '../../../nodes/shared/qbo/meter';

/** Renders a fault in the shape QBO uses for it: gateway JSON, XML, or the V3 JSON `Fault`. */
export function renderFault(state: QboEmulatorState, f: QboFault): ApiResult {
	if (f.shape === 'gateway')
		return {
			status: f.status,
			contentType: 'application/json',
			body: renderGatewayFault(f, state.clock.now()),
		};
	if (f.shape === 'xml')
		return {
			status: f.status,
			contentType: 'application/xml',
			body: renderXmlFault(f, state.clock.responseTime()),
		};
	return {
		status: f.status,
		contentType: 'application/json;charset=UTF-8',
		body: renderJsonFault(f, state.clock.responseTime()),
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function latency(state: QboEmulatorState): number {
	const l = state.latencyMs;
	return Array.isArray(l) ? l[0] + Math.random() * (l[1] - l[0]) : l;
}

export function createHandler(state: QboEmulatorState, pending: Set<() => void>) {
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://emulator');
		try {
			if (url.pathname.startsWith('/__admin')) return await handleAdmin(state, req, res, url);
			if (await handleOAuth(state, req, res, url)) return;
			if (url.pathname.startsWith('/v3/company/'))
				return await serveApi(state, req, res, url, pending);
			send(
				res,
				404,
				'application/json',
				JSON.stringify({
					error: `No route for ${req.method} ${url.pathname}. API paths start with /v3/company/{realmId}/.`,
				}),
			);
		} catch (error) {
			const f = error instanceof QboFault ? error : undefined;
			if (f) {
				const r = renderFault(state, f);
				return send(res, r.status, r.contentType, r.body, { intuit_tid: intuitTid() });
			}
			send(res, 500, 'application/json', JSON.stringify({ error: (error as Error).message }));
		}
	};
}

async function serveApi(
	state: QboEmulatorState,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	pending: Set<() => void>,
): Promise<void> {
	const started = Date.now();
	const tid = intuitTid();
	const method = req.method ?? 'GET';
	const [, , , realmId = '', ...rest] = url.pathname.split('/');
	const endpoint = `${method} /${rest.map((s) => (/^\d+$/.test(s) ? ':id' : s)).join('/')}`;
	const requestId = url.searchParams.get('requestid') ?? undefined;
	const entry = {
		method,
		endpoint,
		path: url.pathname,
		realmId,
		requestId,
		minorVersion: url.searchParams.get('minorversion') ?? undefined,
		authScheme: /^(\w+) /.exec(req.headers.authorization ?? '')?.[1],
	} as Parameters<QboEmulatorState['record']>[0];
	let body: Buffer = Buffer.alloc(0);
	const finish = (result: ApiResult, extra: Partial<typeof entry> = {}) => {
		send(res, result.status, result.contentType, result.body, { intuit_tid: tid });
		// Intuit meters successful calls only: CorePlus (reads) and Core (writes), a batch item by item.
		const spend =
			result.status < 300
				? spendOf({ method, path: rest.join('/'), body }, result.body)
				: { reads: 0, writes: 0 };
		state.record({
			...entry,
			...extra,
			status: result.status,
			faultCode: result.faultCode,
			durationMs: Date.now() - started,
			corePlus: spend.reads,
			core: spend.writes,
		});
	};

	const injected = state.faults.pick(method, url.pathname);
	if (injected?.kind === 'reset') {
		state.record({ ...entry, status: 0, injected: 'reset', durationMs: Date.now() - started });
		req.socket.destroy();
		return;
	}
	if (injected && injected.kind !== 'timeout') {
		const f =
			injected.kind === '429'
				? throttleFault()
				: injected.kind === '500'
					? qboFaults.systemFailure()
					: injected.kind === '5010'
						? qboFaults.stale('Entity')
						: undefined;
		if (f)
			return finish({ ...renderFault(state, f), faultCode: f.code }, { injected: injected.kind });
		return finish(
			{
				status: 503,
				contentType: 'text/html',
				body: '<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1><p>The service is temporarily unavailable. Please try again later.</p></body></html>',
			},
			{ injected: '503' },
		);
	}

	let release: (() => void) | undefined;
	let result: ApiResult;
	let extra: Partial<typeof entry> = {};
	try {
		state.realm(realmId);
	} catch {
		return finish(
			renderFault(
				state,
				new QboFault(
					403,
					[
						{
							code: '3100',
							Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
							Detail: `Company ${realmId} does not exist or is not connected to this app.`,
						},
					],
					'SERVICE',
					'gateway',
				),
			),
		);
	}
	try {
		const { clientId } = state.oauth.authenticate(req.headers.authorization, realmId);
		if (method === 'POST') body = await readBody(req);
		const realm = state.realm(realmId);
		if (requestId !== undefined) {
			// requestid: at most 50 characters (§3); a repeat replays the first answer with no second effect.
			if (requestId.length > 50) throw qboFaults.length('requestid', 50, requestId.length, 1);
			const stored = realm.requestIds.get(requestId);
			if (stored) return finish({ ...stored }, { replayed: true });
		}
		const batchItems = rest[0] === 'batch' ? countBatchItems(body) : undefined;
		const verdict = state.throttle.admit(realmId, clientId, batchItems);
		if (!verdict.ok) {
			const f = throttleFault();
			return finish(
				{ ...renderFault(state, f), faultCode: f.code },
				{ throttled: true, batchItems },
			);
		}
		release = verdict.release;
		extra = { batchItems };
		const delay = latency(state);
		if (delay > 0) await sleep(delay);
		result = handleApi(state, realm, method, rest, url.searchParams, body);
	} catch (error) {
		if (!(error instanceof QboFault)) {
			result = { ...renderFault(state, qboFaults.systemFailure()), faultCode: '10000' };
			// An emulator bug, not a QBO behaviour: answered as QBO's SystemFault, logged with the stack.
			extra = { ...extra, error: String((error as Error).stack ?? error) };
		} else result = { ...renderFault(state, error), faultCode: error.code };
	} finally {
		release?.();
	}
	// The API's own answers (successes and validation faults) are remembered for replay; a system failure is not.
	if (
		requestId !== undefined &&
		release &&
		result.status < 500 &&
		typeof result.body === 'string'
	) {
		state.realm(realmId).requestIds.set(requestId, {
			status: result.status,
			contentType: result.contentType,
			body: result.body,
		});
	}
	if (injected?.kind === 'timeout') {
		// The write is done; only the answer is late, as when a client gives up on a slow QBO.
		const wait = injected.delayMs ?? 125_000;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, wait);
			const cancel = () => {
				clearTimeout(timer);
				resolve();
			};
			pending.add(cancel);
			res.on('close', cancel);
		});
		return finish(result, { ...extra, injected: 'timeout' });
	}
	finish(result, extra);
}

function countBatchItems(body: Buffer): number | undefined {
	try {
		const items = JSON.parse(body.toString('utf8'))?.BatchItemRequest;
		return Array.isArray(items) ? items.length : 0;
	} catch {
		return 0;
	}
}
