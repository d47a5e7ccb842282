/**
 * Emulator OAuth conformance with Intuit's own client (`intuit-oauth`): authorize → token → API
 * call → refresh → revoke → 401, plus the gateway faults every API call can return (quickbooks-api-notes.md §8.2, §9).
 */
import OAuthClient from 'intuit-oauth';
import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../../../emulators/qbo';
import { NO_LIMITS, QboTestClient } from '../../../support/emulator-client';

let emulator: QboEmulator;
let realmId: string;
const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';

beforeAll(async () => {
	emulator = await startQboEmulator({
		port: 0,
		limits: NO_LIMITS,
		realms: [{}, { seed: 'empty', companyName: 'Second Company' }],
	});
	realmId = emulator.realmIds[0];
});
afterAll(() => emulator.stop());

function intuitClient(secret = DEFAULT_CLIENT.clientSecret) {
	const client = new OAuthClient({
		environment: 'sandbox',
		clientId: DEFAULT_CLIENT.clientId,
		clientSecret: secret,
		redirectUri,
	});
	client.setAuthorizeURLs({
		authorizeEndpoint: `${emulator.url}/connect/oauth2`,
		tokenEndpoint: `${emulator.url}/oauth2/v1/tokens/bearer`,
		revokeEndpoint: `${emulator.url}/v2/oauth2/tokens/revoke`,
		userInfoEndpoint: `${emulator.url}/v1/openid_connect/userinfo`,
	});
	return client;
}

/** Opens the consent page like a browser, picks the company, and returns the callback URL. */
async function consent(client: OAuthClient, company: string): Promise<string> {
	const authorizeUri = client.authorizeUri({
		scope: [OAuthClient.scopes.Accounting],
		state: 'csrf-123',
	});
	const page = await (await fetch(authorizeUri)).text();
	expect(page).toContain('Sandbox Company_US_1');
	expect(page).toContain('Second Company');
	const href = [...page.matchAll(/href="([^"]+)"/g)]
		.map((m) => m[1].replace(/&amp;/g, '&'))
		.find((h) => h.includes(`realmId=${company}`));
	const redirect = await fetch(`${emulator.url}${href}`, { redirect: 'manual' });
	expect(redirect.status).toBe(302);
	return redirect.headers.get('location')!;
}

const apiUrl = (realm: string) =>
	`${emulator.url}/v3/company/${realm}/companyinfo/${realm}?minorversion=75`;

describe('intuit-oauth against the emulator', () => {
	it('authorize → token → API call → refresh → revoke → 401', async () => {
		const client = intuitClient();
		const callback = await consent(client, realmId);
		const params = new URL(callback).searchParams;
		expect(params.get('state')).toBe('csrf-123');
		expect(params.get('realmId')).toBe(realmId);

		const created = await client.createToken(callback);
		const token = created.getToken();
		expect(token).toMatchObject({
			token_type: 'bearer',
			expires_in: 3600,
			x_refresh_token_expires_in: 8726400,
			realmId,
		});
		expect(client.isAccessTokenValid()).toBe(true);

		const info = await client.makeApiCall({ url: apiUrl(realmId) });
		expect(info.status).toBe(200);
		expect(info.json.CompanyInfo.CompanyName).toBe('Sandbox Company_US_1');
		expect(info.headers.intuit_tid).toMatch(/^1-/);

		const firstRefresh = token.refresh_token;
		const refreshed = (await client.refresh()).getToken();
		expect(refreshed.refresh_token).not.toBe(firstRefresh);
		expect(refreshed.access_token).not.toBe(token.access_token);
		expect((await client.makeApiCall({ url: apiUrl(realmId) })).status).toBe(200);

		const lastAccess = refreshed.access_token;
		await client.revoke({ refresh_token: refreshed.refresh_token });
		const after = await fetch(apiUrl(realmId), {
			headers: { authorization: `Bearer ${lastAccess}`, accept: 'application/json' },
		});
		expect(after.status).toBe(401);
		const body = (await after.json()) as { fault: unknown; time: unknown };
		expect(body.fault).toEqual({
			error: [
				{
					message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
					detail: 'Token revoked',
					code: '3200',
					element: null,
				},
			],
			type: 'AUTHENTICATION',
		});
		expect(typeof body.time).toBe('number');
		await expect(intuitClient().refreshUsingToken(refreshed.refresh_token!)).rejects.toMatchObject({
			error: 'invalid_grant',
		});
	});

	it('the previous refresh token stays valid for 24 hours after rotation, then invalid_grant', async () => {
		const client = intuitClient();
		await client.createToken(await consent(client, realmId));
		const old = client.getToken().refresh_token!;
		const rotated = (await client.refresh()).getToken().refresh_token!;
		const viaOld = (await intuitClient().refreshUsingToken(old)).getToken();
		expect(viaOld.refresh_token).toBe(rotated);
		emulator.admin.clock.advance(25 * 3600 * 1000);
		await expect(intuitClient().refreshUsingToken(old)).rejects.toMatchObject({
			error: 'invalid_grant',
		});
		expect((await intuitClient().refreshUsingToken(rotated)).getToken().access_token).toBeTruthy();
	});

	it('refuses a wrong client secret, a reused code and a different redirect_uri', async () => {
		const client = intuitClient();
		const callback = await consent(client, realmId);
		await expect(intuitClient('wrong-secret').createToken(callback)).rejects.toMatchObject({
			error: 'invalid_client',
		});
		await client.createToken(callback).catch(() => undefined);
		const reuse = await fetch(`${emulator.url}/oauth2/v1/tokens/bearer`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code: new URL(callback).searchParams.get('code')!,
				redirect_uri: redirectUri,
			}),
		});
		expect(reuse.status).toBe(400);
		expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
	});

	it('offers the five-year hard expiry only when asked for', async () => {
		const client = new OAuthClient({
			environment: 'sandbox',
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			redirectUri,
			includeRefreshTokenHardExpiresIn: true,
		} as never);
		client.setAuthorizeURLs({
			authorizeEndpoint: `${emulator.url}/connect/oauth2`,
			tokenEndpoint: `${emulator.url}/oauth2/v1/tokens/bearer`,
			revokeEndpoint: `${emulator.url}/v2/oauth2/tokens/revoke`,
			userInfoEndpoint: '',
		});
		const token = (await client.createToken(await consent(client, realmId))).getToken();
		expect(token.x_refresh_token_hard_expires_in).toBeGreaterThan(157_000_000);
	});
});

describe('the bearer check on every API call', () => {
	it('an expired access token is 401/3200 in the gateway shape; a token for another company is 403/3100', async () => {
		const token = emulator.admin.token(realmId).access_token as string;
		const qbo = new QboTestClient(emulator, realmId, token);
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(200);
		const other = await qbo.get(`companyinfo/${emulator.realmIds[1]}`, {
			realmId: emulator.realmIds[1],
		});
		expect(other.status).toBe(403);
		expect(other.json.fault.error[0]).toMatchObject({
			code: '3100',
			message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
		});
		emulator.admin.clock.advance(3601 * 1000);
		const expired = await qbo.get(`companyinfo/${realmId}`);
		expect(expired.status).toBe(401);
		expect(expired.json.fault.error[0]).toMatchObject({ code: '3200', detail: 'Token expired' });
		expect(expired.headers.get('intuit_tid')).toBeTruthy();
	});

	it('"expire every access token" turns live tokens into 401s; missing or malformed bearer is 401 too', async () => {
		const qbo = new QboTestClient(
			emulator,
			realmId,
			emulator.admin.token(realmId).access_token as string,
		);
		emulator.admin.oauth.expireAllAccessTokens();
		expect((await qbo.get(`companyinfo/${realmId}`)).status).toBe(401);
		const none = await fetch(apiUrl(realmId));
		expect(none.status).toBe(401);
		expect(
			((await none.json()) as { fault: { error: Array<{ detail: string }> } }).fault.error[0]
				.detail,
		).toBe('Malformed bearer token: too short or too long');
	});

	it('an unknown client on the consent page gets a clear error page', async () => {
		const res = await fetch(
			`${emulator.url}/connect/oauth2?client_id=nope&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent(redirectUri)}`,
		);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Unknown client_id');
	});
});
