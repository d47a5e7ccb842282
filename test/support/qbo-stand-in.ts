/**
 * A tiny local QuickBooks stand-in for the workflow and e2e layers until the full QBO emulator
 * exists: CompanyInfo reads with bearer-token checks, Intuit's token endpoint (refresh grant)
 * and QBO's gateway 401 fault. It records every request so tests can assert on what was sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	authorization?: string;
}

export interface QboStandIn {
	url: string;
	realmId: string;
	companyName: string;
	requests: StandInRequest[];
	/** Makes the current access tokens invalid (as if they expired); refresh issues new ones. */
	expireAccessTokens(): void;
	/** Access tokens the stand-in accepts right now. */
	validAccessTokens: Set<string>;
	refreshToken: string;
	stop(): Promise<void>;
}

export interface StandInOptions {
	realmId?: string;
	companyName?: string;
	accessToken?: string;
	refreshToken?: string;
	clientId?: string;
	clientSecret?: string;
	/** Listen on this port (0 = any free port). */
	port?: number;
}

let tidCounter = 0;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export async function startQboStandIn(options: StandInOptions = {}): Promise<QboStandIn> {
	const realmId = options.realmId ?? '9130357766900456';
	const companyName = options.companyName ?? 'Sandbox Company_US_1';
	const clientId = options.clientId ?? 'stand-in-client-id';
	const clientSecret = options.clientSecret ?? 'stand-in-client-secret';
	const validAccessTokens = new Set<string>([options.accessToken ?? 'stand-in-access-token']);
	const requests: StandInRequest[] = [];
	const state = { refreshToken: options.refreshToken ?? 'stand-in-refresh-token', issued: 0 };

	const server: Server = createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://stand-in');
			const body = await readBody(req);
			requests.push({
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				authorization: req.headers.authorization,
			});
			const tid = `1-stand-in-${++tidCounter}`;
			const send = (status: number, payload: unknown) => {
				res.writeHead(status, { 'Content-Type': 'application/json', intuit_tid: tid });
				res.end(JSON.stringify(payload));
			};

			if (req.method === 'POST' && url.pathname === '/oauth2/v1/tokens/bearer') {
				const expectedBasic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
				const form = new URLSearchParams(body);
				if (req.headers.authorization !== expectedBasic)
					return send(401, { error: 'invalid_client' });
				if (
					form.get('grant_type') !== 'refresh_token' ||
					form.get('refresh_token') !== state.refreshToken
				) {
					return send(400, { error: 'invalid_grant' });
				}
				state.issued += 1;
				const accessToken = `stand-in-access-token-${state.issued}`;
				state.refreshToken = `stand-in-refresh-token-${state.issued}`;
				validAccessTokens.add(accessToken);
				return send(200, {
					token_type: 'bearer',
					access_token: accessToken,
					refresh_token: state.refreshToken,
					expires_in: 3600,
					x_refresh_token_expires_in: 8726400,
				});
			}

			const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
			if (!token || !validAccessTokens.has(token)) {
				// QBO's gateway fault shape (quickbooks-api-notes.md §8.2)
				return send(401, {
					warnings: null,
					intuitObject: null,
					fault: {
						error: [
							{
								message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
								detail: 'Token expired: stand-in',
								code: '3200',
								element: null,
							},
						],
						type: 'AUTHENTICATION',
					},
					time: Date.now(),
				});
			}

			const companyInfo = new RegExp(`^/v3/company/${realmId}/companyinfo/${realmId}$`);
			if (req.method === 'GET' && companyInfo.test(url.pathname)) {
				return send(200, {
					CompanyInfo: {
						CompanyName: companyName,
						LegalName: companyName,
						Country: 'US',
						FiscalYearStartMonth: 'January',
						Id: '1',
						SyncToken: '4',
						domain: 'QBO',
						sparse: false,
					},
					time: new Date().toISOString(),
				});
			}
			return send(400, {
				Fault: {
					Error: [
						{
							Message: 'Object Not Found',
							Detail: `Object Not Found : the stand-in has no ${req.method} ${url.pathname}`,
							code: '610',
							element: '',
						},
					],
					type: 'ValidationFault',
				},
				time: new Date().toISOString(),
			});
		})();
	});

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		realmId,
		companyName,
		requests,
		validAccessTokens,
		get refreshToken() {
			return state.refreshToken;
		},
		expireAccessTokens: () => validAccessTokens.clear(),
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Starts a fresh stand-in before each test of the calling suite and stops it after. */
export function useQboStandIn(options: StandInOptions = {}): () => QboStandIn {
	let current: QboStandIn | undefined;
	beforeEach(async () => {
		current = await startQboStandIn(options);
	});
	afterEach(async () => {
		await current?.stop();
		current = undefined;
	});
	return () => {
		if (!current) throw new Error('the QBO stand-in runs only inside a test');
		return current;
	};
}

/** The request a CompanyInfo read must make: minorversion 75 and the credential's bearer token. */
export function expectedCompanyInfoRead(
	qbo: QboStandIn,
	accessToken = 'stand-in-access-token',
): StandInRequest {
	return expect.objectContaining({
		method: 'GET',
		path: `/v3/company/${qbo.realmId}/companyinfo/${qbo.realmId}`,
		query: { minorversion: '75' },
		authorization: `Bearer ${accessToken}`,
	}) as StandInRequest;
}
