/**
 * Where a QuickBooks Online company lives: API base URL, realm (company) id and the
 * request path scheme. Pure TypeScript (no n8n imports) so every node, trigger and test
 * shares one definition.
 */

/** Intuit ignores minor versions below 75 since 2025-08-01; we always ask for 75 explicitly. */
export const QBO_MINOR_VERSION = '75';

export const QBO_PRODUCTION_API_URL = 'https://quickbooks.api.intuit.com';
export const QBO_SANDBOX_API_URL = 'https://sandbox-quickbooks.api.intuit.com';

export type QboEnvironment = 'production' | 'sandbox';

/** The credential fields that decide where requests go (a subset of the decrypted credential). */
export interface QboConnectionSettings {
	environment?: string;
	customBaseUrl?: string;
	realmId?: string;
	oauthTokenData?: {
		callbackQueryString?: { realmId?: string | number };
		[key: string]: unknown;
	};
}

/** A credential that cannot address a company; the message says what to change. */
export class QboConnectionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'QboConnectionError';
	}
}

/** Realm ids are numeric strings (Intuit "company ID"); anything else is a typo or a paste error. */
const REALM_ID_PATTERN = /^\d{1,20}$/;

export function resolveApiBaseUrl(settings: QboConnectionSettings): string {
	const custom = (settings.customBaseUrl ?? '').trim();
	if (custom !== '') {
		if (!URL.canParse(custom)) {
			throw new QboConnectionError(
				`The credential's "Custom API Base URL" is not a valid URL: "${custom}". Use a full URL such as http://127.0.0.1:9400, or leave it empty to use Intuit's servers.`,
			);
		}
		const parsed = new URL(custom);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
			throw new QboConnectionError(
				`The credential's "Custom API Base URL" must start with http:// or https://, got "${custom}".`,
			);
		}
		return custom.replace(/\/+$/, '');
	}
	return settings.environment === 'sandbox' ? QBO_SANDBOX_API_URL : QBO_PRODUCTION_API_URL;
}

/**
 * The company id: the manual override wins, otherwise the realmId Intuit appended to the
 * OAuth callback (n8n stores the callback query string with the token).
 */
export function resolveRealmId(settings: QboConnectionSettings): string {
	const override = String(settings.realmId ?? '').trim();
	const fromCallback = String(settings.oauthTokenData?.callbackQueryString?.realmId ?? '').trim();
	const realmId = override !== '' ? override : fromCallback;
	if (realmId === '') {
		throw new QboConnectionError(
			'The QuickBooks credential has no company (realm) ID. Click "Connect my account" in the credential to sign in to QuickBooks again, or enter the Company ID under "Company ID (Realm ID) Override".',
		);
	}
	if (!REALM_ID_PATTERN.test(realmId)) {
		throw new QboConnectionError(
			`The QuickBooks company (realm) ID "${realmId}" is not valid: it must contain digits only. Copy it from QuickBooks (Settings → Account and settings → Billing & subscription → Company ID) without spaces.`,
		);
	}
	return realmId;
}

/** `/v3/company/{realmId}/{resourcePath}` with the realm id URL-encoded. */
export function companyPath(realmId: string, resourcePath: string): string {
	return `/v3/company/${encodeURIComponent(realmId)}/${resourcePath.replace(/^\/+/, '')}`;
}
