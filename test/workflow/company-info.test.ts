import { expectedCompanyInfoRead, useQboStandIn } from '../support/qbo-stand-in';
import { qboCredential } from '../support/credentials';
import { runWorkflow } from '../support/workflow-harness';
import workflow from './company-info.workflow.json';

describe('workflow: QuickBooks Sync → Company Info (in-process n8n-core)', () => {
	const standIn = useQboStandIn();

	it('reads the connected company through the OAuth2 credential', async () => {
		const qbo = standIn();
		const run = await runWorkflow(workflow, {
			credentials: { quickBooksSyncOAuth2Api: qboCredential(qbo.url, qbo.realmId) },
		});
		expect(run.nodeError('Company Info')).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.output('Company Info')).toEqual([
			expect.objectContaining({
				CompanyName: 'Sandbox Company_US_1',
				Country: 'US',
				realmId: qbo.realmId,
			}),
		]);
		expect(qbo.requests).toEqual([expectedCompanyInfoRead(qbo)]);
	});
});
