/** /__admin: the emulator's control surface over HTTP (documented in README.md). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QboEmulatorState } from './emulator';
import { readBody, send } from './http-util';

type Json = Record<string, unknown>;

export async function handleAdmin(
	state: QboEmulatorState,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const method = req.method ?? 'GET';
	const parts = url.pathname.split('/').slice(2); // after "__admin"
	const raw = method === 'GET' || method === 'DELETE' ? '' : (await readBody(req)).toString('utf8');
	const ok = (payload: unknown, status = 200) =>
		send(res, status, 'application/json', JSON.stringify(payload));
	let body: Json = {};
	try {
		body = raw.trim() ? JSON.parse(raw) : {};
	} catch {
		return ok({ error: 'The admin request body must be JSON.' }, 400);
	}
	try {
		const route = `${method} /${parts.map((p, i) => (i === 1 && ['realms', 'webhooks', 'faults'].includes(parts[0]) && p !== 'deliveries' && p !== 'flush' ? ':id' : p)).join('/')}`;
		switch (route) {
			case 'GET /realms':
				return ok(
					[...state.realms.values()].map((r) => ({
						realmId: r.id,
						companyName: r.singleton('CompanyInfo').CompanyName,
					})),
				);
			case 'POST /realms':
				return ok({ realmId: state.createRealm(body).id }, 201);
			case 'GET /realms/:id/dump':
				return ok(state.dump(parts[1]));
			case 'POST /realms/:id/load':
				state.load(parts[1], body as never);
				return ok({ loaded: parts[1] });
			case 'POST /realms/:id/preferences':
				return ok(state.setPreferences(parts[1], body));
			case 'POST /realms/:id/options':
				return ok(Object.assign(state.realm(parts[1]).options, body));
			case 'POST /token':
				return ok(
					state.token(String(body.realmId ?? ''), {
						clientId: body.clientId as string,
						expiresIn: body.expiresIn as number,
					}),
				);
			case 'POST /expire-tokens':
				return ok({ expired: state.oauth.expireAllAccessTokens() });
			case 'POST /clients':
				state.oauth.addClient({
					clientId: String(body.clientId),
					clientSecret: String(body.clientSecret),
					redirectUris: (body.redirectUris as string[]) ?? [],
				});
				return ok({ clientId: body.clientId }, 201);
			case 'GET /clock':
				return ok(state.clock.state());
			case 'POST /clock':
				if (typeof body.advanceMs === 'number') state.clock.advance(body.advanceMs);
				if (typeof body.set === 'string') state.clock.set(Date.parse(body.set));
				if (typeof body.freeze === 'boolean') state.clock.freeze(body.freeze);
				return ok(state.clock.state());
			case 'GET /faults':
				return ok(state.faults.list());
			case 'POST /faults': {
				const { random: _random, ...rule } = state.injectFault(body as never);
				return ok(rule, 201);
			}
			case 'DELETE /faults':
				state.faults.clear();
				return ok({ cleared: true });
			case 'GET /limits':
				return ok(state.throttle.limits);
			case 'POST /limits':
				return ok(state.setLimits(body));
			case 'POST /latency':
				state.latencyMs = body.latencyMs as number;
				return ok({ latencyMs: state.latencyMs });
			case 'GET /webhooks':
				return ok([...state.webhooks.registrations.values()]);
			case 'POST /webhooks':
				return ok(state.registerWebhook(body as never), 201);
			case 'DELETE /webhooks/:id':
				return ok({ deleted: state.webhooks.unregister(parts[1]) });
			case 'GET /webhooks/deliveries':
				return ok(state.webhooks.deliveries);
			case 'POST /webhooks/flush':
				state.webhooks.flush();
				return ok({ flushed: true });
			case 'GET /log': {
				const limit = Number(url.searchParams.get('limit') ?? 100);
				const since = Number(url.searchParams.get('since') ?? 0);
				return ok(state.log.filter((e) => e.seq > since).slice(-limit));
			}
			case 'GET /stats':
				return ok(state.counters);
			case 'DELETE /log':
				state.resetLog();
				return ok({ cleared: true });
			default:
				return ok(
					{ error: `No admin route ${method} ${url.pathname}. See test/emulators/qbo/README.md.` },
					404,
				);
		}
	} catch (error) {
		return ok({ error: (error as Error).message }, 400);
	}
}
