import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';

import { QuickBooksSync } from '../../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { fakeExecuteFunctions } from '../../../support/fake-execute-functions';

const REALM = '9130357766900456';
const credentials = {
	environment: 'sandbox',
	customBaseUrl: '',
	realmId: '',
	clientSecret: 'client-secret-abc',
	oauthTokenData: { access_token: 'access-token-abc', callbackQueryString: { realmId: REALM } },
};
const parameters = { resource: 'companyInfo', operation: 'get' };

describe('QuickBooks Sync node: Company Info → Get (nock)', () => {
	it('reads CompanyInfo from the sandbox API with minorversion 75 and the bearer token', async () => {
		const api = nock('https://sandbox-quickbooks.api.intuit.com', {
			reqheaders: { authorization: 'Bearer access-token-abc', accept: 'application/json' },
		})
			.get(`/v3/company/${REALM}/companyinfo/${REALM}`)
			.query({ minorversion: '75' })
			.reply(200, {
				CompanyInfo: { CompanyName: 'Acme Plumbing', Country: 'US', Id: '1' },
				time: '2026-11-22T00:00:00Z',
			});

		const [output] = await new QuickBooksSync().execute.call(
			fakeExecuteFunctions({ parameters, credentials }),
		);
		expect(output).toEqual([
			{
				json: { CompanyName: 'Acme Plumbing', Country: 'US', Id: '1', realmId: REALM },
				pairedItem: { item: 0 },
			},
		]);
		expect(api.isDone()).toBe(true);
	});

	it('goes to production by default and to the manual realm override when set', async () => {
		const api = nock('https://quickbooks.api.intuit.com')
			.get('/v3/company/4620816365012345/companyinfo/4620816365012345')
			.query(true)
			.reply(200, { CompanyInfo: { CompanyName: 'Real Co' } });
		const [output] = await new QuickBooksSync().execute.call(
			fakeExecuteFunctions({
				parameters,
				credentials: { ...credentials, environment: 'production', realmId: '4620816365012345' },
			}),
		);
		expect(output[0].json.CompanyName).toBe('Real Co');
		expect(api.isDone()).toBe(true);
	});

	it('turns a QBO fault into a NodeApiError with code, detail, fix and intuit_tid, and no secret', async () => {
		nock('https://sandbox-quickbooks.api.intuit.com')
			.get(`/v3/company/${REALM}/companyinfo/${REALM}`)
			.query(true)
			.reply(
				400,
				{
					Fault: {
						Error: [
							{
								Message: 'Invalid Company Status',
								Detail: 'Company subscription is cancelled',
								code: '6190',
								element: '',
							},
						],
						type: 'ValidationFault',
					},
				},
				{ intuit_tid: '1-abc-tid' },
			);
		const error = await new QuickBooksSync().execute
			.call(fakeExecuteFunctions({ parameters, credentials }))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		const { message, httpCode } = error as NodeApiError;
		expect(httpCode).toBe('400');
		expect(message).toContain('QuickBooks error 6190 (ValidationFault): Invalid Company Status');
		expect(message).toContain('Detail: Company subscription is cancelled');
		expect(message).toContain('reactivate the subscription');
		expect(message).toContain('intuit_tid 1-abc-tid');
		expect(JSON.stringify(error)).not.toMatch(/access-token-abc|client-secret-abc/);
	});

	it('with continue-on-fail, reports each failing item with its QBO fault and still returns the others', async () => {
		nock('https://sandbox-quickbooks.api.intuit.com')
			.get(`/v3/company/${REALM}/companyinfo/${REALM}`)
			.query(true)
			.times(5)
			.reply(503, '<html>Service Unavailable</html>')
			.get(`/v3/company/${REALM}/companyinfo/${REALM}`)
			.query(true)
			.reply(
				400,
				{
					Fault: {
						Error: [
							{
								Message: 'Duplicate Name Exists Error',
								Detail: 'The name supplied already exists.',
								code: '6240',
							},
						],
						type: 'ValidationFault',
					},
				},
				{ intuit_tid: 'tid-2' },
			)
			.get(`/v3/company/${REALM}/companyinfo/${REALM}`)
			.query(true)
			.reply(200, { CompanyInfo: { CompanyName: 'Acme Plumbing' } });
		const [output] = await new QuickBooksSync().execute.call(
			fakeExecuteFunctions({
				parameters,
				credentials,
				items: [{ json: {} }, { json: {} }, { json: {} }],
				continueOnFail: true,
			}),
		);
		expect(output).toEqual([
			{
				json: {
					error: expect.stringContaining(
						'QuickBooks answered HTTP 503 without a fault body. Gave up after 5 attempts',
					),
					httpCode: '503',
					qbo: { statusCode: 503, intuit_tid: null, fault: null },
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: expect.stringContaining(
						'QuickBooks error 6240 (ValidationFault): Duplicate Name Exists Error. Detail: The name supplied already exists. Fix:',
					),
					httpCode: '400',
					qbo: {
						statusCode: 400,
						intuit_tid: 'tid-2',
						fault: {
							type: 'ValidationFault',
							errors: [
								{
									code: '6240',
									message: 'Duplicate Name Exists Error',
									detail: 'The name supplied already exists.',
									element: '',
								},
							],
						},
					},
				},
				pairedItem: { item: 1 },
			},
			{ json: expect.objectContaining({ CompanyName: 'Acme Plumbing' }), pairedItem: { item: 2 } },
		]);
	});

	it('says QuickBooks could not be reached when the connection is refused, naming the URL to check', async () => {
		nock('https://sandbox-quickbooks.api.intuit.com')
			.get(`/v3/company/${REALM}/companyinfo/${REALM}`)
			.query(true)
			.times(5)
			.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
		const error = await new QuickBooksSync().execute
			.call(fakeExecuteFunctions({ parameters, credentials }))
			.catch((e: Error) => e);
		expect((error as Error).message).toBe(
			"Could not reach QuickBooks at https://sandbox-quickbooks.api.intuit.com (connection refused). Check the network, and the credential's Environment or Custom API Base URL. Gave up after 5 attempts over 11 s.",
		);
	});

	it('stops before any request when the credential has no company id', async () => {
		const error = await new QuickBooksSync().execute
			.call(
				fakeExecuteFunctions({
					parameters,
					credentials: { ...credentials, oauthTokenData: { access_token: 'x' } },
				}),
			)
			.catch((e: Error) => e);
		expect((error as Error).message).toMatch(/no company \(realm\) ID/);
	});
});
