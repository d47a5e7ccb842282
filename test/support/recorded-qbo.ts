/**
 * The QuickBooks Sync node against recorded answers (nock) in the unit layer: one sandbox company,
 * a credential holding a token for it, and a run of the node's real code on given parameters.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { QuickBooksSync } from '../../nodes/QuickBooksSync/QuickBooksSync.node';
import { fakeExecuteFunctions } from './fake-execute-functions';

export const REALM = '9130357766900456';
/** Where the sandbox answers; nock intercepts it. */
export const HOST = 'https://sandbox-quickbooks.api.intuit.com';
export const BASE = `/v3/company/${REALM}`;
export const credentials = {
	environment: 'sandbox',
	customBaseUrl: '',
	realmId: '',
	oauthTokenData: { access_token: 'access-token-abc', callbackQueryString: { realmId: REALM } },
};

/** One execution of the QuickBooks Sync node on one item with these parameters. */
export const runNode = (
	resource: string,
	parameters: Record<string, unknown>,
): Promise<INodeExecutionData[][]> =>
	new QuickBooksSync().execute.call(
		fakeExecuteFunctions({ parameters: { resource, ...parameters }, credentials }),
	);
