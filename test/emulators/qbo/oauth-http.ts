/** OAuth endpoints at Intuit's paths: /connect/oauth2, /oauth2/v1/tokens/bearer, /v2/oauth2/tokens/revoke (quickbooks-api-notes.md §9). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QboEmulatorState } from './emulator';
import { OAuthError } from './oauth';
import { intuitTid, readBody, send } from './http-util';

const html = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${html(title)}</title><style>body{font-family:sans-serif;max-width:40em;margin:3em auto}a.realm{display:block;padding:.8em;margin:.5em 0;border:1px solid #2ca01c;border-radius:6px;text-decoration:none;color:#000}</style></head><body>${body}</body></html>`;
}

function oauthError(res: ServerResponse, error: OAuthError): void {
	send(
		res,
		error.status,
		'application/json',
		JSON.stringify({ error: error.error, error_description: error.description }),
		{ intuit_tid: intuitTid() },
	);
}

export async function handleOAuth(
	state: QboEmulatorState,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<boolean> {
	const q = url.searchParams;
	if (url.pathname === '/connect/oauth2' && req.method === 'GET') {
		const problem = state.oauth.authorizeProblem(q);
		if (problem) {
			send(
				res,
				400,
				'text/html',
				page('Authorization error', `<h1>Authorization error</h1><p>${html(problem)}</p>`),
			);
			return true;
		}
		const approve = (realmId: string) =>
			`/connect/oauth2/approve?${new URLSearchParams({ ...Object.fromEntries(q), realmId })}`;
		const deny = new URL(q.get('redirect_uri')!);
		deny.searchParams.set('error', 'access_denied');
		if (q.get('state')) deny.searchParams.set('state', q.get('state')!);
		const realms = [...state.realms.values()]
			.map(
				(r) =>
					`<a class="realm" href="${html(approve(r.id))}"><b>${html(r.singleton('CompanyInfo').CompanyName)}</b><br>Company ID ${r.id}</a>`,
			)
			.join('');
		send(
			res,
			200,
			'text/html',
			page(
				'Connect to QuickBooks (emulator)',
				`<h1>Connect to QuickBooks</h1><p>This is the local QuickBooks Online emulator. Choose the company to connect:</p>${realms}<p><a href="${html(deny.toString())}">Cancel</a></p>`,
			),
		);
		return true;
	}
	if (url.pathname === '/connect/oauth2/approve' && req.method === 'GET') {
		const problem = state.oauth.authorizeProblem(q);
		const realmId = q.get('realmId') ?? '';
		if (problem || !state.realms.has(realmId)) {
			send(
				res,
				400,
				'text/html',
				page(
					'Authorization error',
					`<h1>Authorization error</h1><p>${html(problem ?? `Unknown company ${realmId}.`)}</p>`,
				),
			);
			return true;
		}
		const target = new URL(q.get('redirect_uri')!);
		target.searchParams.set('code', state.oauth.issueCode(q, realmId));
		if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!);
		target.searchParams.set('realmId', realmId);
		res.writeHead(302, { location: target.toString() });
		res.end();
		return true;
	}
	if (url.pathname === '/oauth2/v1/tokens/bearer' && req.method === 'POST') {
		try {
			const app = state.oauth.authenticateClient(req.headers.authorization);
			const form = new URLSearchParams((await readBody(req)).toString('utf8'));
			const hard = String(req.headers['x-include-refresh-token-hard-expires-in'] ?? '') === 'true';
			send(
				res,
				200,
				'application/json',
				JSON.stringify(state.oauth.tokenRequest(app, form, hard)),
				{ intuit_tid: intuitTid() },
			);
		} catch (error) {
			if (!(error instanceof OAuthError)) throw error;
			oauthError(res, error);
		}
		return true;
	}
	if (url.pathname === '/v2/oauth2/tokens/revoke' && req.method === 'POST') {
		try {
			const app = state.oauth.authenticateClient(req.headers.authorization);
			const raw = (await readBody(req)).toString('utf8');
			let presented = '';
			try {
				presented = JSON.parse(raw).token ?? '';
			} catch {
				presented = new URLSearchParams(raw).get('token') ?? '';
			}
			if (!presented) throw new OAuthError(400, 'invalid_request', 'token is required.');
			state.oauth.revoke(app, presented);
			send(res, 200, 'application/json', '', { intuit_tid: intuitTid() });
		} catch (error) {
			if (!(error instanceof OAuthError)) throw error;
			oauthError(res, error);
		}
		return true;
	}
	return false;
}
