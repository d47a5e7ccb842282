import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Decrypted QuickBooks Sync credential aimed at a local server (stand-in or emulator). */
export function qboCredential(
	baseUrl: string,
	realmId: string,
	overrides: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return {
		clientId: 'stand-in-client-id',
		clientSecret: 'stand-in-client-secret',
		environment: 'sandbox',
		customBaseUrl: baseUrl,
		realmId: '',
		oauthTokenData: {
			access_token: 'stand-in-access-token',
			refresh_token: 'stand-in-refresh-token',
			token_type: 'bearer',
			expires_in: 3600,
			callbackQueryString: { realmId },
		},
		...overrides,
	};
}
