/**
 * The QuickBooks emulator as the workflow and e2e layers use it: a fresh one per test, and a
 * QuickBooks Sync credential for its first company holding a token it issued (or one already
 * past its hour, to make n8n refresh it at the emulator's token endpoint).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_CLIENT, startQboEmulator, type QboEmulator } from '../emulators/qbo';
import { qboCredential } from './credentials';

export interface EmulatorCredential {
	realmId: string;
	companyName: string;
	accessToken: string;
	refreshToken: string;
	data: ICredentialDataDecryptedObject;
}

export function emulatorCredential(
	emulator: QboEmulator,
	options: { expired?: boolean } = {},
): EmulatorCredential {
	const realmId = emulator.realmIds[0];
	const grant = emulator.admin.token(realmId, options.expired ? { expiresIn: 0 } : {});
	const accessToken = String(grant.access_token);
	const refreshToken = String(grant.refresh_token);
	return {
		realmId,
		companyName: String(emulator.admin.realm(realmId).singleton('CompanyInfo').CompanyName),
		accessToken,
		refreshToken,
		data: qboCredential(emulator.url, realmId, {
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			oauthTokenData: {
				access_token: accessToken,
				refresh_token: refreshToken,
				token_type: 'bearer',
				expires_in: options.expired ? 0 : 3600,
				callbackQueryString: { realmId },
			},
		}),
	};
}

/** Starts a fresh emulator (the sandbox company) before each test of the calling suite and stops it after. */
export function useQboEmulator(): () => QboEmulator {
	let current: QboEmulator | undefined;
	beforeEach(async () => {
		current = await startQboEmulator({ port: 0 });
	});
	afterEach(async () => {
		await current?.stop();
		current = undefined;
	});
	return () => {
		if (!current) throw new Error('the QBO emulator runs only inside a test');
		return current;
	};
}

/** What the emulator logged, as "<endpoint> <status> <auth scheme> minorversion=<n>". */
export const callsOf = (emulator: QboEmulator): string[] =>
	emulator.admin.log.map(
		(e) => `${e.endpoint} ${e.status} ${e.authScheme ?? '-'} minorversion=${e.minorVersion ?? '-'}`,
	);
