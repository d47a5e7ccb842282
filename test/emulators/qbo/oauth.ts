/**
 * Intuit's OAuth 2.0 as the emulator plays it (quickbooks-api-notes.md §9): authorize with a consent page and
 * a realm choice, the token endpoint (authorization_code and refresh_token grants, Basic client
 * auth, rotating refresh tokens with the previous one valid 24 h, access tokens for 3600 s,
 * `invalid_grant`), revoke, and the bearer check every API call goes through.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { QboFault } from './fault';

export const ACCESS_TOKEN_SECONDS = 3600;
/** "x_refresh_token_expires_in": 8726400 (101 days) in Intuit's sample; the policy says 100 days rolling. */
export const REFRESH_TOKEN_SECONDS = 8726400;
export const PREVIOUS_REFRESH_TOKEN_GRACE_MS = 24 * 3600 * 1000;
const CODE_LIFETIME_MS = 10 * 60 * 1000; // not confirmed; authorization codes are short-lived
const HARD_EXPIRY_SECONDS = 5 * 365 * 24 * 3600; // five-year absolute limit (2025 policy)

export interface OAuthClientApp {
	clientId: string;
	clientSecret: string;
	/** Empty: any redirect URI is accepted (the playground); otherwise it must be listed, as in Intuit's portal. */
	redirectUris: string[];
}

interface Grant {
	id: string;
	clientId: string;
	realmId: string;
	scope: string;
	createdAt: number;
	revoked: boolean;
	latestRefreshToken: string;
}

interface AccessToken {
	grantId: string;
	expiresAt: number;
}

interface RefreshToken {
	grantId: string;
	expiresAt: number;
	supersededAt?: number;
}

interface Code {
	clientId: string;
	redirectUri: string;
	realmId: string;
	scope: string;
	expiresAt: number;
}

export class OAuthError extends Error {
	constructor(
		readonly status: number,
		readonly error: string,
		readonly description: string,
	) {
		super(`${error}: ${description}`);
	}
}

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

export class OAuthServer {
	readonly clients = new Map<string, OAuthClientApp>();
	private grants = new Map<string, Grant>();
	private accessTokens = new Map<string, AccessToken>();
	private refreshTokens = new Map<string, RefreshToken>();
	private codes = new Map<string, Code>();

	constructor(private readonly clock: Clock) {}

	addClient(app: OAuthClientApp): void {
		this.clients.set(app.clientId, app);
	}

	client(clientId: string | undefined): OAuthClientApp | undefined {
		return clientId ? this.clients.get(clientId) : undefined;
	}

	/** Checks an authorize request; returns the problem in words, or undefined. */
	authorizeProblem(q: URLSearchParams): string | undefined {
		const app = this.client(q.get('client_id') ?? undefined);
		if (!app) return `Unknown client_id "${q.get('client_id') ?? ''}".`;
		if (q.get('response_type') !== 'code') return 'response_type must be "code".';
		const redirect = q.get('redirect_uri');
		if (!redirect) return 'redirect_uri is missing.';
		if (app.redirectUris.length > 0 && !app.redirectUris.includes(redirect))
			return `redirect_uri "${redirect}" is not registered for this app.`;
		if (!(q.get('scope') ?? '').split(/[ +]/).includes('com.intuit.quickbooks.accounting'))
			return 'scope must include com.intuit.quickbooks.accounting.';
		return undefined;
	}

	issueCode(q: URLSearchParams, realmId: string): string {
		const code = token('AB11');
		this.codes.set(code, {
			clientId: q.get('client_id')!,
			redirectUri: q.get('redirect_uri')!,
			realmId,
			scope: q.get('scope') ?? '',
			expiresAt: this.clock.now() + CODE_LIFETIME_MS,
		});
		return code;
	}

	/** Basic client authentication as Intuit requires on the token and revoke endpoints. */
	authenticateClient(authorization: string | undefined): OAuthClientApp {
		const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
		if (!match)
			throw new OAuthError(
				401,
				'invalid_client',
				'Client authentication with an Authorization: Basic header is required.',
			);
		const [clientId, ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
		const app = this.client(decodeURIComponent(clientId));
		if (!app || app.clientSecret !== decodeURIComponent(rest.join(':')))
			throw new OAuthError(401, 'invalid_client', 'Unknown client or wrong secret.');
		return app;
	}

	tokenRequest(
		app: OAuthClientApp,
		form: URLSearchParams,
		includeHardExpiry: boolean,
	): Record<string, unknown> {
		const grantType = form.get('grant_type');
		if (grantType === 'authorization_code') {
			const code = this.codes.get(form.get('code') ?? '');
			this.codes.delete(form.get('code') ?? '');
			if (!code || code.clientId !== app.clientId || code.expiresAt < this.clock.now())
				throw new OAuthError(
					400,
					'invalid_grant',
					'The authorization code is invalid, expired or already used.',
				);
			if (code.redirectUri !== form.get('redirect_uri'))
				throw new OAuthError(
					400,
					'invalid_grant',
					'redirect_uri does not match the one used to authorize.',
				);
			const grant: Grant = {
				id: token('g'),
				clientId: app.clientId,
				realmId: code.realmId,
				scope: code.scope,
				createdAt: this.clock.now(),
				revoked: false,
				latestRefreshToken: '',
			};
			this.grants.set(grant.id, grant);
			return this.tokenResponse(grant, this.rotate(grant), includeHardExpiry);
		}
		if (grantType === 'refresh_token') {
			const presented = form.get('refresh_token') ?? '';
			const stored = this.refreshTokens.get(presented);
			const grant = stored && this.grants.get(stored.grantId);
			const now = this.clock.now();
			const invalid =
				!stored ||
				!grant ||
				grant.revoked ||
				grant.clientId !== app.clientId ||
				stored.expiresAt < now ||
				(stored.supersededAt !== undefined &&
					now - stored.supersededAt > PREVIOUS_REFRESH_TOKEN_GRACE_MS) ||
				now - grant.createdAt > HARD_EXPIRY_SECONDS * 1000;
			if (invalid)
				throw new OAuthError(
					400,
					'invalid_grant',
					'The refresh token is invalid, expired or revoked.',
				);
			// Only the newest refresh token rotates; a previous one (still inside its 24 h) gets the newest back.
			const refresh =
				stored.supersededAt === undefined ? this.rotate(grant) : grant.latestRefreshToken;
			return this.tokenResponse(grant, refresh, includeHardExpiry);
		}
		throw new OAuthError(
			400,
			'unsupported_grant_type',
			`grant_type "${grantType ?? ''}" is not supported.`,
		);
	}

	private rotate(grant: Grant): string {
		const now = this.clock.now();
		const previous = this.refreshTokens.get(grant.latestRefreshToken);
		if (previous) previous.supersededAt = now;
		const refresh = token('RT1-');
		this.refreshTokens.set(refresh, {
			grantId: grant.id,
			expiresAt: now + REFRESH_TOKEN_SECONDS * 1000,
		});
		grant.latestRefreshToken = refresh;
		return refresh;
	}

	private tokenResponse(
		grant: Grant,
		refreshToken: string,
		includeHardExpiry: boolean,
	): Record<string, unknown> {
		const access = token('eyJlbmMiOi');
		this.accessTokens.set(access, {
			grantId: grant.id,
			expiresAt: this.clock.now() + ACCESS_TOKEN_SECONDS * 1000,
		});
		const refresh = this.refreshTokens.get(refreshToken)!;
		refresh.expiresAt = Math.max(
			refresh.expiresAt,
			this.clock.now() + REFRESH_TOKEN_SECONDS * 1000,
		); // rolling
		return {
			token_type: 'bearer',
			access_token: access,
			expires_in: ACCESS_TOKEN_SECONDS,
			refresh_token: refreshToken,
			x_refresh_token_expires_in: Math.round((refresh.expiresAt - this.clock.now()) / 1000),
			...(includeHardExpiry
				? {
						x_refresh_token_hard_expires_in: Math.round(
							(grant.createdAt + HARD_EXPIRY_SECONDS * 1000 - this.clock.now()) / 1000,
						),
					}
				: {}),
			realmId: grant.realmId,
		};
	}

	/** Revoking either token ends the whole connection, as disconnecting an app does. */
	revoke(app: OAuthClientApp, presented: string): void {
		const grantId =
			this.accessTokens.get(presented)?.grantId ?? this.refreshTokens.get(presented)?.grantId;
		const grant = grantId ? this.grants.get(grantId) : undefined;
		if (grant && grant.clientId === app.clientId) grant.revoked = true;
	}

	/** Admin shortcut: a connection for a realm without the browser dance. */
	directGrant(
		clientId: string,
		realmId: string,
		accessSeconds = ACCESS_TOKEN_SECONDS,
	): Record<string, unknown> {
		const grant: Grant = {
			id: token('g'),
			clientId,
			realmId,
			scope: 'com.intuit.quickbooks.accounting',
			createdAt: this.clock.now(),
			revoked: false,
			latestRefreshToken: '',
		};
		this.grants.set(grant.id, grant);
		const response = this.tokenResponse(grant, this.rotate(grant), false);
		this.accessTokens.get(response.access_token as string)!.expiresAt =
			this.clock.now() + accessSeconds * 1000;
		return { ...response, expires_in: accessSeconds };
	}

	expireAllAccessTokens(): number {
		const now = this.clock.now();
		for (const t of this.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, now - 1);
		return this.accessTokens.size;
	}

	/** The gateway's bearer check: 401/3200 for a bad, expired or revoked token, 403/3100 for another company's. */
	authenticate(authorization: string | undefined, realmId: string): { clientId: string } {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		if (!match) throw gatewayFault('3200', 'Malformed bearer token: too short or too long');
		const access = this.accessTokens.get(match[1]);
		const grant = access && this.grants.get(access.grantId);
		if (!access || !grant) throw gatewayFault('3200', 'Token validation failed: unknown token');
		if (grant.revoked) throw gatewayFault('3200', 'Token revoked');
		if (access.expiresAt <= this.clock.now()) throw gatewayFault('3200', 'Token expired');
		if (grant.realmId !== realmId)
			throw gatewayFault(
				'3100',
				`The token was issued for company ${grant.realmId}, not ${realmId}.`,
			);
		return { clientId: grant.clientId };
	}
}

export function gatewayFault(code: '3200' | '3100', detail: string): QboFault {
	const status = code === '3200' ? 401 : 403;
	const name = code === '3200' ? 'AuthenticationFailed' : 'ApplicationAuthorizationFailed';
	return new QboFault(
		status,
		[
			{
				code,
				Message: `message=${name}; errorCode=00${code}; statusCode=${status}`,
				Detail: detail,
			},
		],
		code === '3200' ? 'AUTHENTICATION' : 'SERVICE',
		'gateway',
	);
}
