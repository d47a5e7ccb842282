import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * OAuth 2.0 (authorization code) connection to one QuickBooks Online company.
 * Intuit appends `realmId` to the OAuth callback; n8n keeps it in
 * `oauthTokenData.callbackQueryString.realmId`, which is where the company id comes from
 * unless the user overrides it. "Custom API Base URL" points both the OAuth endpoints and
 * the API at a local emulator (same paths as Intuit's) for tests and the playground.
 */

// n8n evaluates these expressions: `$self` in field defaults, `$credentials` in the test request.
const hasCustom = (ref: string) => `String(${ref}.customBaseUrl || "").trim() !== ""`;
const customRoot = (ref: string) => `String(${ref}.customBaseUrl).trim().replace(/\\/+$/, "")`;
const realm = (ref: string) =>
	`encodeURIComponent(String(${ref}.realmId || ${ref}.oauthTokenData?.callbackQueryString?.realmId || "").trim())`;

export class QuickBooksSyncOAuth2Api implements ICredentialType {
	name = 'quickBooksSyncOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'QuickBooks Sync OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/shared/icons/quickBooksSync.svg',
		dark: 'file:../nodes/shared/icons/quickBooksSync.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-quickbooks-sync/n8n-nodes-quickbooks-sync#connecting-a-real-quickbooks-company';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
			],
			default: 'production',
			description:
				'Sandbox companies come from the Intuit developer portal and use the Development keys of your Intuit app; real companies use the Production keys',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${hasCustom('$self')} ? ${customRoot('$self')} + "/connect/oauth2" : "https://appcenter.intuit.com/connect/oauth2" }}`,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${hasCustom('$self')} ? ${customRoot('$self')} + "/oauth2/v1/tokens/bearer" : "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer" }}`,
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'com.intuit.quickbooks.accounting',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			displayName: 'Company ID (Realm ID) Override',
			name: 'realmId',
			type: 'string',
			default: '',
			placeholder: '9341452212345678',
			description:
				'Leave empty: the company ID is taken from the QuickBooks sign-in. Fill it only to pin the credential to one company; it must be the company you authorised.',
		},
		{
			displayName: 'Custom API Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:9400',
			description:
				'Advanced: send OAuth and API requests to this server instead of Intuit (the local QuickBooks emulator or a test proxy). Leave empty for real QuickBooks.',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${hasCustom('$credentials')} ? ${customRoot('$credentials')} : ($credentials.environment === "sandbox" ? "https://sandbox-quickbooks.api.intuit.com" : "https://quickbooks.api.intuit.com") }}`,
			url: `={{ "/v3/company/" + ${realm('$credentials')} + "/companyinfo/" + ${realm('$credentials')} }}`,
			qs: { minorversion: '75' },
			headers: { Accept: 'application/json' },
		},
	};
}
