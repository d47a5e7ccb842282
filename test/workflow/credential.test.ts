import type { INodeType } from 'n8n-workflow';

import { qboCredential } from '../support/credentials';
import { expectedCompanyInfoRead, useQboStandIn } from '../support/qbo-stand-in';
import { loadPackage, runWorkflow } from '../support/workflow-harness';
import workflow from './company-info.workflow.json';

describe('workflow: QuickBooks Sync OAuth2 credential (in-process n8n-core)', () => {
	const standIn = useQboStandIn();

	it('refreshes an expired access token at the token URL derived from the custom base URL, then succeeds', async () => {
		const qbo = standIn();
		qbo.expireAccessTokens();
		const run = await runWorkflow(workflow, {
			credentials: { quickBooksSyncOAuth2Api: qboCredential(qbo.url, qbo.realmId) },
		});
		expect(run.nodeError('Company Info')).toBeUndefined();
		expect(run.output('Company Info')[0]).toMatchObject({ CompanyName: qbo.companyName });
		expect(
			qbo.requests.map((r) => `${r.method} ${r.path} ${r.authorization?.split(' ')[0]}`),
		).toEqual([
			`GET /v3/company/${qbo.realmId}/companyinfo/${qbo.realmId} Bearer`,
			'POST /oauth2/v1/tokens/bearer Basic',
			`GET /v3/company/${qbo.realmId}/companyinfo/${qbo.realmId} Bearer`,
		]);
		// n8n persisted the rotated refresh token (QBO invalidates the old one after 24 h)
		expect(run.credentialsHelper.updates).toEqual([
			{
				type: 'quickBooksSyncOAuth2Api',
				oauthTokenData: expect.objectContaining({
					access_token: 'stand-in-access-token-1',
					refresh_token: 'stand-in-refresh-token-1',
				}),
			},
		]);
	});

	it('reports a revoked connection as a reconnect instruction without leaking the token', async () => {
		const qbo = standIn();
		qbo.expireAccessTokens();
		const run = await runWorkflow(workflow, {
			credentials: {
				quickBooksSyncOAuth2Api: qboCredential(qbo.url, qbo.realmId, {
					oauthTokenData: {
						access_token: 'secret-access-token-xyz',
						refresh_token: 'secret-refresh-token-xyz',
						callbackQueryString: { realmId: qbo.realmId },
					},
				}),
			},
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('Company Info')?.message).toMatch(
			/refused to renew the connection.*click "Reconnect"/,
		);
		const serialized = JSON.stringify(run.run.data.resultData);
		expect(serialized).not.toContain('secret-access-token-xyz');
		expect(serialized).not.toContain('secret-refresh-token-xyz');
		expect(serialized).not.toContain('stand-in-client-secret');
	});

	it("runs the credential's test request (CompanyInfo) the way n8n's credential tester does", async () => {
		const qbo = standIn();
		const { credentialTypes, register } = await loadPackage();
		const credentialType = credentialTypes.get('quickBooksSyncOAuth2Api')!;
		expect(credentialType.test).toBeDefined();
		// n8n's CredentialsTester wraps test.request into a declarative node's routing; so do we.
		const probe = {
			description: {
				displayName: 'Credential Test Probe',
				name: 'credentialTestProbe',
				group: ['transform'],
				version: 1,
				description: 'Runs a credential test request',
				defaults: { name: 'Probe' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: 'quickBooksSyncOAuth2Api', required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						default: '',
						routing: { request: credentialType.test!.request },
					},
				],
			},
		} as unknown as INodeType;
		register('test.credentialTestProbe', probe);
		const probeWorkflow = {
			...workflow,
			nodes: [
				workflow.nodes[0],
				{ ...workflow.nodes[1], name: 'Probe', type: 'test.credentialTestProbe', parameters: {} },
			],
			connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		};
		const run = await runWorkflow(probeWorkflow, {
			credentials: { quickBooksSyncOAuth2Api: qboCredential(qbo.url, qbo.realmId) },
		});
		expect(run.nodeError('Probe')?.message).toBeUndefined();
		expect(qbo.requests).toEqual([expectedCompanyInfoRead(qbo)]);
		const [probeRun] = run.run.data.resultData.runData.Probe;
		expect(probeRun.executionStatus).toBe('success');
		// declarative output is keyed by a connection name the harness's mocked context supplies
		const [[firstItem]] = Object.values(probeRun.data ?? {})[0] as Array<Array<{ json: unknown }>>;
		expect(firstItem.json).toMatchObject({ CompanyInfo: { CompanyName: qbo.companyName } });
	});
});
