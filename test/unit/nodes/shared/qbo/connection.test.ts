import {
	QBO_PRODUCTION_API_URL,
	QBO_SANDBOX_API_URL,
	companyPath,
	resolveApiBaseUrl,
	resolveRealmId,
} from '../../../../../nodes/shared/qbo/connection';

describe('QBO connection settings', () => {
	it('uses Intuit production or sandbox by environment, and the custom base URL without trailing slashes', () => {
		expect(resolveApiBaseUrl({ environment: 'production' })).toBe(QBO_PRODUCTION_API_URL);
		expect(resolveApiBaseUrl({})).toBe(QBO_PRODUCTION_API_URL);
		expect(resolveApiBaseUrl({ environment: 'sandbox' })).toBe(QBO_SANDBOX_API_URL);
		expect(
			resolveApiBaseUrl({ environment: 'sandbox', customBaseUrl: ' http://127.0.0.1:9400// ' }),
		).toBe('http://127.0.0.1:9400');
	});

	it('rejects a custom base URL that is not an http(s) URL, saying what to enter', () => {
		expect(() => resolveApiBaseUrl({ customBaseUrl: 'ftp://127.0.0.1:9400' })).toThrow(
			/must start with http:\/\/ or https:\/\//,
		);
		expect(() => resolveApiBaseUrl({ customBaseUrl: 'not a url' })).toThrow(
			/not a valid URL: "not a url".*http:\/\/127\.0\.0\.1:9400/,
		);
	});

	it('takes the realm from the OAuth callback unless overridden', () => {
		const oauthTokenData = { callbackQueryString: { realmId: '9130357766900456' } };
		expect(resolveRealmId({ oauthTokenData })).toBe('9130357766900456');
		expect(resolveRealmId({ oauthTokenData, realmId: ' 4620816365012345 ' })).toBe(
			'4620816365012345',
		);
		expect(resolveRealmId({ oauthTokenData: { callbackQueryString: { realmId: 123 } } })).toBe(
			'123',
		);
	});

	it('explains a missing or malformed realm id', () => {
		expect(() => resolveRealmId({})).toThrow(/no company \(realm\) ID.*Connect my account/);
		expect(() => resolveRealmId({ realmId: '9130 3577' })).toThrow(
			/"9130 3577" is not valid: it must contain digits only/,
		);
		expect(() => resolveRealmId({ realmId: '../../admin' })).toThrow(/digits only/);
	});

	it('builds company paths', () => {
		expect(companyPath('123', '/companyinfo/123')).toBe('/v3/company/123/companyinfo/123');
		expect(companyPath('123', 'query')).toBe('/v3/company/123/query');
	});
});
