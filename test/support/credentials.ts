import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Decrypted QuickBooks Sync credential aimed at a local server (the emulator); the placeholders are replaced by what a test needs. */
export function qboCredential(
	baseUrl: string,
	realmId: string,
	overrides: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return {
		clientId: 'test-client-id',
		clientSecret: 'test-client-secret',
		environment: 'sandbox',
		customBaseUrl: baseUrl,
		realmId: '',
		oauthTokenData: {
			access_token: 'test-access-token',
			refresh_token: 'test-refresh-token',
			token_type: 'bearer',
			expires_in: 3600,
			callbackQueryString: { realmId },
		},
		...overrides,
	};
}
