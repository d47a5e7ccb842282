import type { INodeType } from 'n8n-workflow';

import { qboCredential } from '../support/credentials';
import { callsOf, emulatorCredential, useQboEmulator } from '../support/emulator-credential';
import { loadPackage, runWorkflow } from '../support/workflow-harness';
import workflow from './company-info.workflow.json';

describe('workflow: QuickBooks Sync OAuth2 credential (in-process n8n-core)', () => {
	const emulator = useQboEmulator();

	it('refreshes an expired access token at the token URL derived from the custom base URL, then succeeds', async () => {
		const qbo = emulatorCredential(emulator(), { expired: true });
		const run = await runWorkflow(workflow, {
			credentials: { quickBooksSyncOAuth2Api: qbo.data },
		});
		expect(run.nodeError('Company Info')).toBeUndefined();
		expect(run.output('Company Info')[0]).toMatchObject({ CompanyName: qbo.companyName });
		// QuickBooks' 401 on the expired token, the refresh at <custom base URL>/oauth2/v1/tokens/bearer, the read again.
		expect(callsOf(emulator())).toEqual([
			'GET /companyinfo/:id 401 Bearer minorversion=75',
			'GET /companyinfo/:id 200 Bearer minorversion=75',
		]);
		// n8n persisted the rotated tokens (QuickBooks invalidates the old refresh token after 24 h)
		expect(run.credentialsHelper.updates).toEqual([
			{
				type: 'quickBooksSyncOAuth2Api',
				oauthTokenData: expect.objectContaining({
					access_token: expect.not.stringMatching(`^${qbo.accessToken}$`),
					refresh_token: expect.any(String),
				}),
			},
		]);
	});

	it('reports a revoked connection as a reconnect instruction without leaking the token', async () => {
		const qbo = emulatorCredential(emulator(), { expired: true });
		const run = await runWorkflow(workflow, {
			credentials: {
				quickBooksSyncOAuth2Api: qboCredential(emulator().url, qbo.realmId, {
					...qbo.data,
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
		expect(serialized).not.toContain(String(qbo.data.clientSecret));
	});

	it("runs the credential's test request (CompanyInfo) the way n8n's credential tester does", async () => {
		const qbo = emulatorCredential(emulator());
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
			credentials: { quickBooksSyncOAuth2Api: qbo.data },
		});
		expect(run.nodeError('Probe')?.message).toBeUndefined();
		expect(callsOf(emulator())).toEqual(['GET /companyinfo/:id 200 Bearer minorversion=75']);
		const [probeRun] = run.run.data.resultData.runData.Probe;
		expect(probeRun.executionStatus).toBe('success');
		// declarative output is keyed by a connection name the harness's mocked context supplies
		const [[firstItem]] = Object.values(probeRun.data ?? {})[0] as Array<Array<{ json: unknown }>>;
		expect(firstItem.json).toMatchObject({ CompanyInfo: { CompanyName: qbo.companyName } });
	});
});
